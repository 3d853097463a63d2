"""Figure builders: indicators in, complete Bundles out (message title, subtitle, alt text, table, chart data)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...aggregate.indicators import Figures, Ratio, YearIndicators
from .bundle import KINDS, Bundle, Column
from .. import comparisons as cmp
from ..key_points import indicator_value
from ..formatting import aantal, dagen, getal, procent
from ...model.schema import TERM_DAYS, TERM_DAYS_COMMITTEE

WIDTH = 640
MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MIN_ROW = 10  # rows of a share chart need at least this many complaints (DESIGN.md section 4)
OTHER = "Overige afdelingen"


def source_line(f: Figures) -> str:
    """The source line of a year's figure."""
    return f"Bron: klachtenregister gemeente Haarlem, {f.year}." if f.source == "register" else \
        f"Bron: totalen gemeente Haarlem, {f.year} (geen register bewaard)."


def _ranked(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """(label, count) largest first, ties by label."""
    return sorted(((labels.get(k, k), v) for k, v in counts.items()), key=lambda p: (-p[1], p[0]))


def _share(n: int, total: int) -> str:
    """A share for a chart label or sentence; empty when the total is too small."""
    value = Ratio(n, total).procent
    return "" if value is None else str(procent(Ratio(n, total)))


def describe(kind: str, measure: str, period: str, pairs: list[tuple[str, float]], unit: str = "klachten",
             change: str = "", lower: bool = False) -> str:
    """Alt text from the data: kind, measure, period, largest and smallest, and a change (from the comparison layer).

    `lower` writes code labels (natures) in lower case, as they stand mid-sentence; department names keep theirs."""
    parts = [f"{KINDS[kind]} van {measure}, {period}."]
    pairs = [(label.lower(), v) for label, v in pairs] if lower else pairs
    values = [v for _, v in pairs if v is not None]
    if values and max(values) > 0:
        high = max(pairs, key=lambda p: (p[1] if p[1] is not None else -1))
        low = min(pairs, key=lambda p: (p[1] if p[1] is not None else float("inf")))
        parts.append(f"Het hoogst: {high[0]} met {_count(high[1], unit)}.")
        if low[0] != high[0]:
            parts.append(f"Het laagst: {low[0]} met {_count(low[1], unit)}.")
    elif values:
        parts.append(f"Overal 0 {unit}.")
    if change:
        parts.append(change)
    parts.append("De cijfers staan in de tabel bij de figuur.")
    return " ".join(parts)


def _count(v: float, unit: str) -> str:
    """A number with its unit; complaints counted with the right noun form (1 klacht), days and percentages as printed."""
    if unit in ("procent", "dagen"):
        return str(cmp.value(Decimal(str(v)), unit))
    if unit == "klachten" and isinstance(v, (int, Decimal)) and v == int(v):
        return str(aantal(int(v), "klacht"))
    return f"{getal(v)} {unit}"


def figure_per_category(f: Figures, key: str, labels: dict[str, str], number: str) -> Bundle:
    """Horizontal bars of K1 per department ('afdeling') or per nature ('aard'), largest first."""
    ranked = _ranked(f.per[key], labels[key])
    (top, most) = ranked[0] if ranked else ("", 0)
    ties = [label for label, v in ranked if v == most]
    if most == 0:
        title = "Er zijn geen klachten ontvangen"
    elif key == "afdeling":
        verb = "ontving" if len(ties) == 1 else "ontvingen"
        title = f"{' en '.join(ties)} {verb} de meeste klachten ({_share(most, f.k1) or aantal(most, 'klacht')})"
    else:
        title = (f"De meeste klachten gingen over {' en '.join(t.lower() for t in ties)} "
                 f"({_share(most, f.k1) or aantal(most, 'klacht')})")
    head, word = ("Afdeling", "per afdeling") if key == "afdeling" else ("Aard", "naar aard")
    value_labels = [f"{getal(v)}" + (f" ({_share(v, f.k1)})" if v and _share(v, f.k1) else "") for _, v in ranked]
    return Bundle(
        name=f"ontvangen-{key}", folder=str(f.year), number=number, title=title,
        subtitle=f"Ontvangen klachten {word}, {f.year}; aantal en aandeel, n = {getal(f.k1)}",
        kind="staven", width=WIDTH, height=52 + 24 * len(ranked),
        chart={"labels": [label for label, _ in ranked], "values": [v for _, v in ranked],
               "value_labels": value_labels, "xlabel": "Aantal ontvangen klachten"},
        caption=f"Ontvangen klachten {word}, {f.year}",
        columns=[Column(head, key), Column("Aantal", "aantal"), Column("Aandeel", "aandeel_procent")],
        rows=[[label, v, Ratio(v, f.k1)] for label, v in ranked], footer=["Totaal", f.k1, Ratio(f.k1, f.k1)],
        source=source_line(f),
        alt=describe("staven", f"het aantal ontvangen klachten {word}", str(f.year), ranked, lower=key != "afdeling"))


def months_known(f: Figures) -> bool:
    """False when the source gives no months (a totals file without them)."""
    return sum(f.per["maand"].values()) > 0 or f.k1 == 0


def figure_per_month(f: Figures, labels: dict[str, str], number: str) -> Bundle | None:
    """Columns of K1 per month of receipt; None when the source has no months (totals without them)."""
    if not months_known(f):
        return None
    months = sorted(f.per["maand"])
    values = [f.per["maand"][m] for m in months]
    names = [labels["maand"].get(m, m) for m in months]
    peak = max(values) if values else 0
    ties = [n for n, v in zip(names, values) if v == peak]
    title = (f"De meeste klachten kwamen binnen in {' en '.join(ties)} ({aantal(peak, 'klacht')})" if peak
             else "Er zijn geen klachten ontvangen")
    return Bundle(
        name="ontvangen-maand", folder=str(f.year), number=number, title=title,
        subtitle=f"Ontvangen klachten per maand van ontvangst, {f.year}; aantal, n = {getal(f.k1)}",
        kind="kolommen", width=WIDTH, height=300,
        chart={"labels": MONTHS_SHORT[:len(months)], "values": values, "value_labels": [str(getal(v)) for v in values],
               "ylabel": "Aantal klachten"},
        caption=f"Ontvangen klachten per maand, {f.year}",
        columns=[Column("Maand", "maand"), Column("Aantal", "aantal"), Column("Aandeel", "aandeel_procent")],
        rows=[[n, v, Ratio(v, f.k1)] for n, v in zip(names, values)], footer=["Totaal", f.k1, Ratio(f.k1, f.k1)],
        source=source_line(f),
        # Twelve months are one year's noise, not a trend: the alt text names the peak and the low month only.
        alt=describe("kolommen", "het aantal ontvangen klachten per maand", str(f.year), list(zip(names, values))))


def figure_lead_times(f: Figures, number: str, bin_days: int = 7) -> Bundle | None:
    """Histogram of lead times (Figures.lead_days) in classes of 7 days, with the 42- and 70-day terms."""
    days = f.lead_days
    if not days:
        return None
    last = max(max(days), TERM_DAYS_COMMITTEE + bin_days)
    edges = list(range(0, last + bin_days, bin_days))
    # Classes (a, b], the first from 0: the 42-day line then separates exactly "within the term" from "late".
    counts = [sum(1 for d in days if (a < d <= b) or (a == 0 and d == 0)) for a, b in zip(edges, edges[1:])]
    within = sum(1 for d in days if d <= TERM_DAYS)
    share = _share(within, len(days))
    median = f.k10["alle"].mediaan if f.k10 else None
    # The headline uses K10's median, so it cannot seem to contradict K9 (which counts each complaint's own
    # term, with postponement and committee); the share within 42 days is in the alt text.
    title = (f"De helft van de klachten was binnen {dagen(median)} afgehandeld" if median is not None
             else f"{aantal(within, 'klacht')} van {getal(len(days))} binnen 6 weken afgehandeld")
    names = [f"{a + 1 if a else 0}–{b} dagen" for a, b in zip(edges, edges[1:])]
    return Bundle(
        name="doorlooptijd", folder=str(f.year), number=number, title=title,
        subtitle=(f"Doorlooptijd in kalenderdagen van de klachten afgehandeld in {f.year}, per {bin_days} dagen; "
                  f"mediaan {dagen(median)}, n = {getal(len(days))}"),
        kind="histogram", width=WIDTH, height=320,
        chart={"edges": edges, "counts": counts, "xlabel": "Doorlooptijd (kalenderdagen)",
               "ylabel": "Aantal klachten",
               "terms": [[TERM_DAYS, f"termijn 6 weken ({TERM_DAYS} dagen)"],
                         [TERM_DAYS_COMMITTEE, f"met klachtadviescommissie ({TERM_DAYS_COMMITTEE} dagen)"]]},
        caption=f"Afgehandelde klachten naar doorlooptijd, {f.year}",
        columns=[Column("Doorlooptijd", "doorlooptijd_dagen"), Column("Aantal", "aantal"),
                 Column("Aandeel", "aandeel_procent")],
        rows=[[n, c, Ratio(c, len(days))] for n, c in zip(names, counts)],
        footer=["Totaal", len(days), Ratio(len(days), len(days))], source=source_line(f),
        alt=describe("histogram", "de doorlooptijd van afgehandelde klachten in klassen van 7 dagen",
                     str(f.year), list(zip(names, counts)))
        + f" {share or aantal(within, 'klacht')} {'waren' if not share and within != 1 else 'was'} binnen "
        f"{TERM_DAYS} kalenderdagen afgehandeld.")


def figure_handling_per_department(f: Figures, labels: dict[str, str], number: str) -> Bundle | None:
    """100% stacked bars: how each department's closed complaints were handled; small departments merged."""
    cross = f.cross.get("afhandeling")
    if not cross:
        return None
    codes = sorted({c for cells in cross.values() for c in cells},
                   key=lambda c: list(labels["afhandeling"]).index(c) if c in labels["afhandeling"] else 99)
    rows: dict[str, dict[str, int]] = {}
    for dept, cells in sorted(cross.items(), key=lambda kv: labels["afdeling"].get(kv[0], kv[0])):
        name = labels["afdeling"].get(dept, dept) if sum(cells.values()) >= MIN_ROW else OTHER
        target = rows.setdefault(name, dict.fromkeys(codes, 0))
        for c in codes:
            target[c] += cells.get(c, 0)
    if OTHER in rows:
        if sum(rows[OTHER].values()) < MIN_ROW:
            del rows[OTHER]  # too few to show a share; they stay in the totals of chapter 5
        else:
            rows[OTHER] = rows.pop(OTHER)  # last
    if not rows:
        return None
    names = list(rows)
    shares = {n: [100 * rows[n][c] / max(1, sum(rows[n].values())) for c in codes] for n in names}
    informal = "informeel_opgelost"
    best = max(names, key=lambda n: (rows[n].get(informal, 0) / max(1, sum(rows[n].values())), n))
    best_share = _share(rows[best].get(informal, 0), sum(rows[best].values()))
    series = [[labels["afhandeling"].get(c, c), [round(shares[n][i], 2) for n in names]] for i, c in enumerate(codes)]
    return Bundle(
        name="afhandeling-afdeling", folder=str(f.year), number=number,
        title=f"{best} loste het grootste deel informeel op ({best_share})",
        subtitle=(f"Afgehandelde klachten per afdeling naar wijze van afhandeling, {f.year}; aandeel per afdeling; "
                  f"afdelingen met minder dan {MIN_ROW} afgehandelde klachten samengevoegd"),
        kind="gestapeld", width=WIDTH, height=80 + 28 * len(names) + 18 * ((len(codes) + 2) // 3),
        chart={"categories": names, "series": series, "xlabel": "Aandeel van de afgehandelde klachten"},
        caption=f"Afgehandelde klachten per afdeling naar wijze van afhandeling, {f.year}",
        columns=[Column("Afdeling", "afdeling")] + [Column(labels["afhandeling"].get(c, c), c) for c in codes]
        + [Column("Totaal", "totaal")],
        rows=[[n, *[rows[n][c] for c in codes], sum(rows[n].values())] for n in names], source=source_line(f),
        alt=describe("gestapeld", "de wijze van afhandeling per afdeling als aandeel informeel opgelost",
                     str(f.year), [(n, shares[n][codes.index(informal)] if informal in codes else 0) for n in names],
                     unit="procent informeel opgelost"))


# The headline indicators of the trends page: file name, what is measured (mid-sentence), unit, axis label.
TRENDS: dict[str, tuple[str, str, str, str, str]] = {
    "K1": ("trend-ontvangen", "Ontvangen klachten", "het aantal ontvangen klachten", "aantal", "Ontvangen klachten"),
    "K6": ("trend-informeel", "Informeel opgelost", "het aandeel informeel opgelost", "procent",
           "Informeel opgelost (%)"),
    "K8": ("trend-gegrond", "(Deels) gegrond", "het aandeel (deels) gegrond", "procent", "(Deels) gegrond (%)"),
    "K9": ("trend-termijn", "Binnen de termijn afgehandeld", "het aandeel op tijd afgehandeld", "procent",
           "Binnen de termijn (%)"),
    "K10": ("trend-doorlooptijd", "Mediane doorlooptijd", "de mediane doorlooptijd", "dagen",
            "Mediane doorlooptijd (dagen)"),
}
_UNIT_WORD = {"aantal": "aantal", "procent": "aandeel in procenten", "dagen": "kalenderdagen"}


def _plain(value, unit: str):
    """A table cell: a Ratio stays one, whole days become an int (12, not 12,0)."""
    if unit == "dagen" and value is not None and value == int(value):
        return int(value)
    return value


def figure_trend(indicators: dict[int, YearIndicators], number: str, folder: str = "", code: str = "K1",
                 target: float | None = None) -> Bundle:
    """A headline indicator over all years with markers and direct labels; a totals-only year gets a hollow marker."""
    name, label, measure, unit, axis = TRENDS[code]
    years = sorted(indicators)
    span = list(range(years[0], years[-1] + 1))
    raw = [indicator_value(indicators.get(y), code) for y in span]
    shown = [cmp.shown(v, unit) for v in raw]
    values = [None if v is None else (int(v) if unit == "aantal" else float(v)) for v in shown]
    hollow = [y in indicators and indicators[y].figures.source == "totalen" and v is not None
              for y, v in zip(span, shown)]
    known = [(y, v) for y, v in zip(span, shown) if v is not None]
    if not known:
        title, y0, y1 = f"{label}: geen cijfers", span[0], span[-1]
    else:
        (y0, a), (y1, b) = known[0], known[-1]
        # The headline names its own period (first to last year), so it compares with the first year.
        title = (f"{label} in {y0}: {cmp.value(b, unit)}" if len(known) == 1
                 else cmp.over_period(cmp.compare(b, a, y0, unit), y1, measure))
        norm = cmp.target_phrase(b, target)
        title += f", {norm}" if norm else ""
    span_text = str(y0) if y0 == y1 else f"{y0}–{y1}"
    note = "; open rondje: alleen totalen bekend" if any(hollow) else ""
    norm_note = f"; de norm is {cmp.norm_text(target)}" if target is not None else ""
    return Bundle(
        name=name, folder=folder, number=number, title=title,
        subtitle=f"{label} per jaar, {span_text}; {_UNIT_WORD[unit]}{note}{norm_note}",
        kind="trend", width=WIDTH, height=300,
        chart={"years": span, "values": values, "value_labels": ["" if v is None else str(cmp.value(v, unit))
                                                                 for v in shown],
               "hollow": hollow, "ylabel": axis},
        caption=f"{label} per jaar, {span_text}",
        columns=[Column("Jaar", "jaar"), Column(axis, {"aantal": "aantal", "procent": "procent",
                                                       "dagen": "mediaan_dagen"}[unit]), Column("Bron", "bron")],
        rows=[[str(y), _plain(r, unit), ("totalen" if h else "klachtenregister") if v is not None else "geen gegevens"]
              for y, r, v, h in zip(span, raw, shown, hollow)],
        source=f"Bron: klachtenregister en totalen gemeente Haarlem, {span_text}.",
        alt=describe("trend", f"{measure} per jaar", str(y0) if y0 == y1 else f"{y0} tot en met {y1}",
                     [(str(y), v) for y, v in zip(span, shown)], unit=unit if unit != "aantal" else "klachten",
                     change=f"{title}." if len(known) > 1 else ""))


def figure_small_multiples(indicators: dict[int, YearIndicators], key: str, labels: dict[str, str], year: int,
                           number: str, successor: dict[str, str] | None = None) -> Bundle:
    """One small line per department or nature, K1 over the years up to `year`, on one scale.

    A renamed department (`successor`: old code -> new code) is one line under its newest name, so
    its history continues; the headline and alt text compare `year` with the year before."""
    successor = successor or {}

    def newest(code: str) -> str:
        seen = {code}
        while code in successor and successor[code] not in seen:
            code = successor[code]
            seen.add(code)
        return code

    years = [y for y in sorted(indicators) if y <= year]
    codes = sorted({newest(c) for y in years for c in indicators[y].figures.per[key]},
                   key=lambda c: labels[key].get(c, c))

    def count(y: int, code: str) -> int | None:
        found = [n for c, n in indicators[y].figures.per[key].items() if newest(c) == code]
        return sum(found) if found else None

    series = {c: [count(y, c) for y in years] for c in codes}
    names = {c: labels[key].get(c, c) for c in codes}
    word = "per afdeling" if key == "afdeling" else "naar aard"
    kind = "afdeling" if key == "afdeling" else "aard"
    shown_names = {c: names[c].lower() if key == "aard" else names[c] for c in codes}
    moves, title = [], f"Geen cijfers over {year - 1} om mee te vergelijken"
    if len(years) > 1 and years[-2] == year - 1:
        pairs = {shown_names[c]: (series[c][-2], series[c][-1]) for c in codes}
        up = cmp.most_changed(pairs, year - 1, cmp.UP)
        down = cmp.most_changed(pairs, year - 1, cmp.DOWN)
        title = cmp.rose_most(*up) if up else cmp.none_rose(kind, year - 1)
        moves = [cmp.largest_move(*move) for move in (up, down) if move]
    ncols = 3
    height = 40 + 130 * -(-len(codes) // ncols)
    head = "Afdeling" if key == "afdeling" else "Aard"
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    renamed = "; hernoemde afdelingen onder hun nieuwe naam" if key == "afdeling" and successor else ""
    return Bundle(
        name=f"dashboard-{key}", folder=str(year), number=number, title=title,
        subtitle=f"Ontvangen klachten {word}, {span}; aantal, elk paneel op dezelfde schaal{renamed}",
        kind="kleine_veelvouden", width=WIDTH, height=height,
        chart={"panels": [[names[c], series[c]] for c in codes], "years": years, "ncols": ncols,
               "ylabel": "Aantal ontvangen klachten per jaar"},
        caption=f"Ontvangen klachten {word} per jaar, {span}",
        columns=[Column(head, key)] + [Column(str(y), f"k1_{y}") for y in years],
        rows=[[names[c], *series[c]] for c in codes],
        source=f"Bron: klachtenregister en totalen gemeente Haarlem, {span}.",
        alt=describe("kleine_veelvouden", f"het aantal ontvangen klachten {word} per jaar",
                     str(years[0]) if len(years) == 1 else f"{years[0]} tot en met {years[-1]}",
                     [(names[c], series[c][-1]) for c in codes], change=" ".join(moves), lower=key != "afdeling"))


@dataclass(frozen=True)
class Tile:
    """One indicator tile of the dashboard: code, name, value and a comparison, all as shown."""

    code: str
    naam: str
    waarde: str
    toelichting: str


def dashboard(indicators: dict[int, YearIndicators], labels: dict[str, str], year: int,
              numbering, successor: dict[str, str] | None = None) -> dict:
    """The dashboard of 'Leren van klachten': tiles and the small multiples per department and nature."""
    f = indicators[year].figures
    before = indicators.get(year - 1)
    p = before.figures if before else None

    def tile(code: str, name: str, now, then, unit: str) -> Tile:
        c = cmp.compare(now, then, year - 1, unit)
        return Tile(code, name, str(cmp.value(c.now, unit)), cmp.tegel(c))

    lead = f.k10["alle"].mediaan if f.k10 else None
    lead_before = p.k10["alle"].mediaan if p and p.k10 else None
    tiles = [
        tile("K1", "Ontvangen klachten", f.k1, p.k1 if p else None, "aantal"),
        tile("K6", "Informeel opgelost", f.k6, p.k6 if p else None, "procent"),
        tile("K8", "(Deels) gegrond", f.k8, p.k8 if p else None, "procent"),
        tile("K9", "Binnen de termijn", f.k9, p.k9 if p else None, "procent"),
        tile("K10", "Doorlooptijd (mediaan)", lead, lead_before, "dagen"),
    ]
    return {"tegels": tiles,
            "figuren": {"afdeling": figure_small_multiples(indicators, "afdeling", labels, year, numbering.figure(),
                                                           successor),
                        "aard": figure_small_multiples(indicators, "aard", labels, year, numbering.figure())}}


def received_figures(f: Figures, labels: dict[str, dict[str, str]], numbering) -> dict[str, Bundle]:
    """Chapter 4's figures in reading order: per department, per nature, per month (when known)."""
    result = {"afdeling": figure_per_category(f, "afdeling", labels, numbering.figure()),
              "aard": figure_per_category(f, "aard", labels, numbering.figure())}
    if months_known(f):
        result["maand"] = figure_per_month(f, labels, numbering.figure())
    return result
