"""The figures of one year's chapters: indicators in, complete Bundles out (title, alt text, table, chart data)."""

from __future__ import annotations

import itertools

from ...model.indicators import Indicators, Ratio
from ...model.published import REST_LABEL
from ...model.schema import Regeling
from ..formatting import aantal, dagen, getal, procent, procent_lang, termijn
from ..tables import Numbering
from . import style
from .alt_text import describe
from .bundle import WIDTH, Bundle, Column

MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def source_line(f: Indicators) -> str:
    """The source line of a year's figure."""
    return (
        f"Bron: klachtenregister, {f.year}." if f.source == "register" else f"Bron: totalen, {f.year} (geen register)."
    )


def _ranked(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """(label, count) largest first, ties by label; the rest of a partial breakdown last."""
    return sorted(((labels.get(k, k), v) for k, v in counts.items()), key=lambda p: (p[0] == REST_LABEL, -p[1], p[0]))


def _share(n: int, total: int) -> str:
    """A share for a chart label or sentence; empty when the total is too small."""
    value = Ratio(n, total).procent
    return "" if value is None else str(procent(Ratio(n, total)))


def figure_per_category(f: Indicators, key: str, labels: dict[str, dict[str, str]], number: str) -> Bundle:
    """Horizontal bars of K1 per department ('afdeling') or per nature ('aard'), largest first."""
    ranked = _ranked(f.per[key], labels[key])
    # The rest of a partial breakdown is drawn but never the headline; shares are of the breakdown's own base.
    named = [(label, v) for label, v in ranked if label != REST_LABEL]
    (_top, most) = named[0] if named else ("", 0)
    ties = [label for label, v in named if v == most]
    what, total = f.base_of(key)
    if most == 0:
        title = "Er zijn geen klachten ontvangen"
    elif key == "afdeling":
        verb = "ontving" if len(ties) == 1 else "ontvingen"
        title = f"{' en '.join(ties)} {verb} de meeste klachten ({_share(most, total) or aantal(most, 'klacht')})"
    else:
        title = (
            f"De meeste klachten gingen over {' en '.join(t.lower() for t in ties)} "
            f"({_share(most, total) or aantal(most, 'klacht')})"
        )
    head, word = ("Afdeling", "per afdeling") if key == "afdeling" else ("Aard", "naar aard")
    value_labels = [f"{getal(v)}" + (f" ({_share(v, total)})" if v and _share(v, total) else "") for _, v in ranked]
    return Bundle(
        name=f"ontvangen-{key}",
        folder=str(f.year),
        number=number,
        title=title,
        subtitle=f"{what.capitalize()} {word}, {f.year}; aantal en aandeel, n = {getal(total)}",
        kind="staven",
        width=WIDTH,
        height=style.bars_height([label for label, _ in ranked]),
        chart={
            "labels": [label for label, _ in ranked],
            "values": [v for _, v in ranked],
            "value_labels": value_labels,
            "xlabel": "Aantal ontvangen klachten",
        },
        caption=f"{what.capitalize()} {word}, {f.year}",
        columns=[Column(head, key), Column("Aantal", "aantal"), Column("Aandeel", "aandeel_procent")],
        rows=[[label, v, Ratio(v, total)] for label, v in ranked],
        footer=["Totaal", total, Ratio(total, total)],
        source=source_line(f),
        alt=describe("staven", f"het aantal {what.lower()} {word}", str(f.year), named, lower=key != "afdeling"),
    )


def months_known(f: Indicators) -> bool:
    """False when the source gives no months (a totals file without them)."""
    return "maand" in f.per


def figure_per_month(f: Indicators, labels: dict[str, dict[str, str]], number: str) -> Bundle | None:
    """Columns of K1 per month of receipt; None when the source has no months (totals without them)."""
    if not months_known(f):
        return None
    months = sorted(f.per["maand"])
    values = [f.per["maand"][m] for m in months]
    names = [labels["maand"].get(m, m) for m in months]
    peak = max(values) if values else 0
    ties = [n for n, v in zip(names, values, strict=True) if v == peak]
    title = (
        f"De meeste klachten kwamen binnen in {' en '.join(ties)} ({aantal(peak, 'klacht')})"
        if peak
        else "Er zijn geen klachten ontvangen"
    )
    return Bundle(
        name="ontvangen-maand",
        folder=str(f.year),
        number=number,
        title=title,
        subtitle=f"Ontvangen klachten per maand van ontvangst, {f.year}; aantal, n = {getal(f.k1)}",
        kind="kolommen",
        width=WIDTH,
        height=300,
        chart={
            "labels": MONTHS_SHORT[: len(months)],
            "values": values,
            "value_labels": [str(getal(v)) for v in values],
            "ylabel": "Aantal klachten",
        },
        caption=f"Ontvangen klachten per maand, {f.year}",
        columns=[Column("Maand", "maand"), Column("Aantal", "aantal"), Column("Aandeel", "aandeel_procent")],
        rows=[[n, v, Ratio(v, f.k1)] for n, v in zip(names, values, strict=True)],
        footer=["Totaal", f.k1, Ratio(f.k1, f.k1)],
        source=source_line(f),
        # Twelve months are one year's noise, not a trend: the alt text names the peak and low month only.
        alt=describe(
            "kolommen", "het aantal ontvangen klachten per maand", str(f.year), list(zip(names, values, strict=True))
        ),
    )


def figure_lead_times(
    f: Indicators, number: str, rules: Regeling, bin_days: int = 7, committee_term: bool = True
) -> Bundle | None:
    """Histogram of lead times (Indicators.lead_days) in classes of 7 days, with the regulation's terms.

    The committee's term is drawn only for a gemeente that has an advisory committee."""
    days = f.lead_days
    if not days:
        return None
    term, committee = rules.termijn_dagen, rules.termijn_dagen_commissie
    last = max(max(days), (committee if committee_term else term) + bin_days)
    edges = list(range(0, last + bin_days, bin_days))
    # Classes (a, b], the first from 0: the 42-day line then separates exactly "within the term" from "late".
    counts = [sum(1 for d in days if (a < d <= b) or (a == 0 and d == 0)) for a, b in itertools.pairwise(edges)]
    within = sum(1 for d in days if d <= term)
    share = _share(within, len(days))
    median = f.k10["alle"].mediaan if f.k10 else None
    # The headline uses K10's median, so it cannot seem to contradict K9 (which counts each complaint's own
    # term, with postponement and committee); the share within 42 days is in the alt text.
    title = (
        f"De helft van de klachten was binnen {dagen(median)} afgehandeld"
        if median is not None
        else f"{aantal(within, 'klacht')} van {getal(len(days))} binnen {termijn(term)} afgehandeld"
    )
    names = [f"{a + 1 if a else 0}–{b} dagen" for a, b in itertools.pairwise(edges)]
    return Bundle(
        name="doorlooptijd",
        folder=str(f.year),
        number=number,
        title=title,
        subtitle=(
            f"Doorlooptijd in kalenderdagen van de klachten afgehandeld in {f.year}, per {bin_days} dagen; "
            f"mediaan {dagen(median)}, n = {getal(len(days))}"
        ),
        kind="histogram",
        width=WIDTH,
        height=320,
        chart={
            "edges": edges,
            "counts": counts,
            "xlabel": "Doorlooptijd (kalenderdagen)",
            "ylabel": "Aantal klachten",
            "terms": [[term, f"termijn {termijn(term)}"]]
            + ([[committee, f"met klachtadviescommissie ({getal(committee)} dagen)"]] if committee_term else []),
        },
        caption=f"Afgehandelde klachten naar doorlooptijd, {f.year}",
        columns=[
            Column("Doorlooptijd", "doorlooptijd_dagen"),
            Column("Aantal", "aantal"),
            Column("Aandeel", "aandeel_procent"),
        ],
        rows=[[n, c, Ratio(c, len(days))] for n, c in zip(names, counts, strict=True)],
        footer=["Totaal", len(days), Ratio(len(days), len(days))],
        source=source_line(f),
        alt=describe(
            "histogram",
            "de doorlooptijd van afgehandelde klachten in klassen van 7 dagen",
            str(f.year),
            list(zip(names, counts, strict=True)),
        )
        # Its base named, so it is not read as the share within the term (which counts postponement and committee).
        + f" {procent_lang(Ratio(within, len(days)), 'afgehandelde klachten')} "
        f"{'was' if share or within == 1 else 'waren'} binnen {getal(term)} kalenderdagen afgehandeld.",
    )


def received_figures(f: Indicators, labels: dict[str, dict[str, str]], numbering: Numbering) -> dict[str, Bundle]:
    """Chapter 4's figures in reading order: per department, per nature, per month (when known)."""
    result: dict[str, Bundle] = {
        key: figure_per_category(f, key, labels, numbering.figure()) for key in ("afdeling", "aard") if key in f.per
    }
    month = figure_per_month(f, labels, numbering.figure()) if months_known(f) else None
    if month is not None:
        result["maand"] = month
    return result
