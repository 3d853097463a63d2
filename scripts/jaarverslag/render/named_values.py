"""Named values: the only way a figure reaches a sentence ({{ k1 }}, {{ k9 | procent }})."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from pydantic import BaseModel

from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import Change, Ratio, YearIndicators
from ..model.published import REST, Published
from ..validate.dataset import Dataset, YearInput
from ..validate.extras import Maatregelen, Ombudsman, Partners
from .formatting import Dagen, Jaar

_Extra = TypeVar("_Extra", bound=BaseModel)


def _described(*codes: str) -> dict[str, str]:
    """The named values of catalogue indicators, described as the catalogue names them."""
    return {code.lower(): CATALOGUE[code].described for code in codes}


# Every name a chapter text may use, with what it means (listed in the manual and the methodology).
NAMES: dict[str, str] = {
    "jaar": "het verslagjaar",
    "vorig_jaar": "het jaar ervoor",
    "gemeente": "de naam van de gemeente",
    "bron": "register of totalen",
    **_described("K1", "K2", "K3"),
    "k3_buiten_termijn": "K3 waarvan buiten de termijn",
    **_described("K4"),
    "k5": "K5 verandering van K1 tegenover vorig jaar",
    "verandering_k1": "K5 (zelfde waarde als k5)",
    "k5_absoluut": "K5 verschil in aantal klachten",
    "k5_procent": "K5 verschil in procenten",
    **_described("K6", "K7", "K8"),
    "geen_oordeel": "formeel afgehandeld zonder oordeel",
    **_described("K9"),
    "k10_mediaan": "K10 mediane doorlooptijd in dagen",
    "k10_gemiddeld": "K10 gemiddelde doorlooptijd in dagen",
    "k10_p90": "K10 90e percentiel van de doorlooptijd in dagen",
    "k10_informeel_mediaan": "K10 mediane doorlooptijd, informeel",
    "k10_formeel_mediaan": "K10 mediane doorlooptijd, formeel",
    **_described("K14"),
    "inwoners": "inwoners op 1 januari",
    "grootste_afdeling": "de afdeling met de meeste klachten",
    "grootste_aard": "de meest voorkomende aard van klachten",
    "doel_k9": "streefwaarde voor K9 in procenten",
    "vastgesteld_college": "datum van vaststelling door het college",
    "commissie_bestuur": "datum van bespreking in de commissie Bestuur",
    "regeling": "naam van de klachtenregeling",
    "regeling_sinds": "datum waarop de regeling geldt",
    "ombudsman_verzoeken": "verzoeken over de gemeente bij de ombudsman",
    "ombudsman_onderzoeken": "onderzoeken van de ombudsman",
    "partner_klachten": "klachten bij samenwerkingspartners (zelf gerapporteerd)",
    "maatregelen_gereed": "verbetermaatregelen gereed",
    "maatregelen_totaal": "verbetermaatregelen in totaal",
    "vorig": "dezelfde namen voor het jaar ervoor, bijvoorbeeld {{ k6 | vergelijk(vorig.k6) }}",
}


def largest(counts: dict[str, int], labels: dict[str, str]) -> str:
    """Label of the largest named category (ties broken by label; never the rest of a partial breakdown), or n.v.t."""
    counts = {k: n for k, n in counts.items() if k != REST}
    if not counts or max(counts.values()) == 0:
        return "n.v.t."
    key = sorted(counts, key=lambda k: (-counts[k], labels.get(k, k)))[0]
    return labels.get(key, key)


def extra(year: YearInput, name: str, schema: type[_Extra]) -> _Extra | None:
    """A year's extra file as its schema's model, or None when the year has none."""
    # validate keeps the extra files by name as BaseModel; each was built from validate.extras.SCHEMAS[name].
    found = year.extra.get(name)
    if found is not None and not isinstance(found, schema):
        raise TypeError(f"extra file {name!r} is a {type(found).__name__}, not a {schema.__name__}")
    return found


def based(ratio: Ratio | None, code: str) -> Ratio | None:
    """An indicator's ratio that names its denominator in words wherever it is printed with its counts."""
    return None if ratio is None else replace(ratio, base=CATALOGUE[code].base)


def days(value: Decimal | None) -> Dagen | None:
    """A lead time as days, so texts print it by the days rule."""
    return None if value is None else Dagen(value)


def year_values(
    data: Dataset, indicators: dict[int, YearIndicators], year: int, previous: bool = True
) -> dict[str, object]:
    """All named values of one year; `vorig` holds the same names for the year before (all n.v.t. without one)."""
    if year not in indicators:
        return dict.fromkeys(set(NAMES) - {"vorig"})
    ind = indicators[year]
    f = ind.figures
    g = data.gemeente
    verslag = data.years[year].verslag
    lead = f.k10 or {}
    afdeling_labels = {c: a.label for c, a in g.afdelingen.items()}
    ombudsman = extra(data.years[year], "ombudsman", Ombudsman)
    partners = extra(data.years[year], "partners", Partners)
    measures = extra(data.years[year], "maatregelen", Maatregelen)
    change: Change = ind.k5

    def known(code: str, computed: object) -> object:
        # A figure the year gives only as published shows as published; a computed one is never replaced.
        return f.shown(code) if computed is None else computed

    values: dict[str, object] = {
        "jaar": Jaar(year),
        "vorig_jaar": Jaar(year - 1),
        "gemeente": g.naam,
        "bron": f.source,
        "k1": f.k1,
        "k2": known("K2", f.k2),
        "k3": known("K3", f.k3),
        "k3_buiten_termijn": f.k3_late,
        "k4": ind.k4,
        # Without last year in data/, the change the gemeente published (if any) is the year's K5.
        "k5": change if change.previous is not None else (f.shown("K5_absoluut") or f.shown("K5_procent") or change),
        "verandering_k1": change,
        "k5_absoluut": known("K5_absoluut", change.absoluut),
        "k5_procent": known("K5_procent", change.ratio),
        "k6": known("K6", based(f.k6, "K6")),
        "k7": known("K7", based(f.k7, "K7")),
        "k8": known("K8", based(f.k8, "K8")),
        "geen_oordeel": f.geen_oordeel,
        "k9": known("K9", based(f.k9, "K9")),
        "k10_mediaan": days(lead["alle"].mediaan) if lead else f.shown("K10_mediaan"),
        "k10_gemiddeld": days(lead["alle"].gemiddeld) if lead else f.shown("K10_gemiddeld"),
        "k10_p90": days(lead["alle"].p90) if lead else None,
        "k10_informeel_mediaan": days(lead["informeel"].mediaan) if lead else None,
        "k10_formeel_mediaan": days(lead["formeel"].mediaan) if lead else None,
        "k14": known("K14", f.k14),
        "inwoners": ind.inhabitants,
        "grootste_afdeling": largest(f.per.get("afdeling", {}), afdeling_labels),
        "grootste_aard": largest(f.per.get("aard", {}), g.labels["aard"]),
        "doel_k9": g.doelen.get("K9"),
        "vastgesteld_college": verslag.vastgesteld_college,
        "commissie_bestuur": verslag.commissie_bestuur,
        "regeling": g.rules(verslag).naam,
        "regeling_sinds": g.rules(verslag).sinds,
        "ombudsman_verzoeken": ombudsman.verzoeken if ombudsman else None,
        "ombudsman_onderzoeken": ombudsman.onderzoeken if ombudsman else None,
        # Unknown when one partner's count is not given: a sum of the rest would read as the whole.
        "partner_klachten": (
            None
            if partners is None or any(p.klachten is None for p in partners.partners or [])
            else sum(p.klachten or 0 for p in partners.partners or [])
        ),
        "maatregelen_gereed": sum(m.status == "gereed" for m in measures.maatregelen) if measures else None,
        "maatregelen_totaal": len(measures.maatregelen) if measures else None,
    }
    if previous:
        values["vorig"] = year_values(data, indicators, year - 1, previous=False)
    assert set(values) == set(NAMES) - ({"vorig"} if not previous else set()), "NAMES and year_values disagree"
    return values


KERNCIJFERS_HEADER = ["code", "indicator", "waarde", "teller", "noemer", "gepubliceerd"]
# Why a key figure has no value: written once, for kerncijfers.json and the data package.
NO_PREVIOUS_YEAR = "geen vorig jaar in dit verslag"
NO_INHABITANTS = "aantal inwoners op 1 januari niet bekend"
TOO_FEW = "minder dan 10 klachten in de noemer: te weinig voor een percentage"
NOT_REGISTERED = "niet geregistreerd"
NONE_CLOSED = "geen afgehandelde klachten in dit jaar"


@dataclass(frozen=True)
class KeyFigure:
    """One row of the key figures: code, name, value (None with a reason), numerator, denominator and unit."""

    code: str
    name: str
    value: int | Decimal | None
    unit: str  # aantal, per_1000_inwoners, procent or dagen
    teller: int | None = None
    noemer: int | None = None
    reason: str = ""  # why value is None
    published: Published | None = None  # the value as the gemeente published it (never recomputed)


def _plain(value: object) -> str:
    """A machine-readable number: dot as decimal separator, empty when absent."""
    return "" if value is None else str(value)


def key_figures(ind: YearIndicators) -> list[KeyFigure]:
    """The year's single-valued indicators, each with its unit, and a reason where a value is missing."""
    f = ind.figures
    lead = f.k10["alle"] if f.k10 else None
    names = {code: i.name for code, i in CATALOGUE.items()}
    lead_name = CATALOGUE["K10"].term
    change = ind.k5

    def count(code: str, name: str, value: int | None, reason: str = "") -> KeyFigure:
        return KeyFigure(code, name, value, "aantal", reason="" if value is not None else reason)

    def ratio(code: str, r: Ratio | None, reason: str, name: str = "") -> KeyFigure:
        name = name or f"{names[code.split('_')[0]]} (%)"
        if r is None:
            return KeyFigure(code, name, None, "procent", reason=reason)
        return KeyFigure(code, name, r.procent, "procent", r.teller, r.noemer, "" if r.procent is not None else TOO_FEW)

    def days(suffix: str, label: str, value: Decimal | None) -> KeyFigure:
        reason = NOT_REGISTERED if lead is None else NONE_CLOSED
        return KeyFigure(
            f"K10_{suffix}", f"{lead_name}, {label} (dagen)", value, "dagen", reason="" if value is not None else reason
        )

    figures = [
        count("K1", names["K1"], f.k1),
        count("K2", names["K2"], f.k2, NOT_REGISTERED),
        count("K3", names["K3"], f.k3, NOT_REGISTERED),
        KeyFigure(
            "K4",
            names["K4"],
            ind.k4,
            "per_1000_inwoners",
            f.k1 if ind.inhabitants else None,
            ind.inhabitants,
            "" if ind.k4 is not None else NO_INHABITANTS,
        ),
        count("K5_absoluut", f"{names['K5']} (aantal)", change.absoluut, NO_PREVIOUS_YEAR),
        ratio("K5_procent", change.ratio, NO_PREVIOUS_YEAR),
        ratio("K6", f.k6, NOT_REGISTERED),
        ratio("K7", f.k7, NOT_REGISTERED),
        ratio("K8", f.k8, NOT_REGISTERED),
        ratio("K9", f.k9, NOT_REGISTERED),
        days("mediaan", "mediaan", lead.mediaan if lead else None),
        days("gemiddeld", "gemiddelde", lead.gemiddeld if lead else None),
        days("p90", "90e percentiel", lead.p90 if lead else None),
        count("K14", names["K14"], f.k14, NOT_REGISTERED),
    ]
    # A figure not computed that the year published takes its published value, flagged; own indicators follow.
    figures = [as_published(k, f.shown(k.code)) if k.value is None else k for k in figures]
    own = [code for code in sorted(f.published) if code not in {k.code for k in figures}]
    return figures + [
        as_published(KeyFigure(c, f.published[c].name, None, f.published[c].unit), f.published[c]) for c in own
    ]


def as_published(k: KeyFigure, p: Published | None) -> KeyFigure:
    """A key figure with the published value in place of a missing one."""
    if p is None:
        return k
    return KeyFigure(k.code, k.name, p.waarde, p.unit, published=p)


def kerncijfers_rows(ind: YearIndicators) -> list[list[str]]:
    """Rows of kerncijfers.csv: one per single-valued indicator."""
    return [
        [k.code, k.name, _plain(k.value), _plain(k.teller), _plain(k.noemer), "ja" if k.published else ""]
        for k in key_figures(ind)
    ]
