"""'Belangrijkste punten': 3 to 6 points chosen from the data by written rules, worded by the comparison layer."""

from __future__ import annotations

from ..model.indicator_catalogue import CATALOGUE, Better
from ..model.indicators import Indicators, YearIndicators
from ..model.problems import Report
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments
from . import comparisons as cmp
from .formatting import Md, aantal, md

MAX_POINTS, MIN_POINTS, MAX_CHANGES = 6, 3, 5
FILL_ORDER = ["K9", "K6", "K10", "K8", "K14", "K3"]  # when fewer than three points were chosen


def _names(better: Better) -> str:
    """The headline indicators whose better direction is `better`, named as in the catalogue: a, b en c."""
    names = [CATALOGUE[code].name.lower() for code, m in cmp.MEASURES.items() if m.better == better]
    return ", ".join(names[:-1]) + " en " + names[-1] if len(names) > 1 else "".join(names)


# The rules, as the methodology page publishes them (the code below follows them in this order).
RULES = [
    "Het eerste punt is altijd het aantal ontvangen klachten, met het aantal van het jaar ervoor.",
    "Daarna elke streefwaarde van de gemeente die niet is gehaald, met de waarde van het jaar ervoor en de norm.",
    "Daarna de kerncijfers die tegenover het jaar ervoor het sterkst veranderden (informeel opgelost, (deels) "
    "gegrond, op tijd afgehandeld, doorlooptijd, andersoortige klachten, nog open op 31 december), de grootste "
    f"verandering eerst, tot er {MAX_CHANGES} punten zijn. Een verandering van minder dan 1% van de waarde van "
    "het jaar ervoor telt als 'vrijwel gelijk gebleven' en komt niet in deze punten.",
    f"Zijn er dan minder dan {MIN_POINTS} punten, dan volgen op tijd afgehandeld, informeel opgelost en de "
    f"doorlooptijd, ook als ze niet veranderden. Er zijn er nooit meer dan {MAX_POINTS}.",
    "Bij elk punt staat de waarde van het jaar ervoor en, als er een streefwaarde is, of die gehaald is.",
    "Of een verandering beter of slechter is, staat erbij in woorden en met een teken (▲ beter, ▼ slechter, "
    f"= gelijk). Hoger is beter bij {_names('higher')}; lager is beter bij {_names('lower')}. Bij "
    f"{_names(None)} staat alleen of het er meer of minder zijn, zonder oordeel.",
    "Afdelingen die er dat jaar bij kwamen, verdwenen of een nieuwe naam kregen, staan niet tussen de punten "
    "maar apart, onder 'Gebeurtenissen'; een hernoemde afdeling houdt haar cijfers van vroeger.",
]


def indicator_value(ind: YearIndicators | None, code: str, published: bool = False) -> cmp.Value:
    """The value of a headline indicator in a year (None without that year or figure); with `published`, the
    published figure where the year gives one instead of counts (the comparison layer keeps the two apart)."""
    if ind is None:
        return None
    f: Indicators = ind.figures
    if code == "K10":
        return f.k10["alle"].mediaan if f.k10 else (f.shown("K10_mediaan") if published else None)
    value: cmp.Value = getattr(f, code.lower())  # k1 to k14: a count, a Ratio or None
    return f.shown(code) if value is None and published else value


def events(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Md]:
    """Departments new, gone or renamed against the year before (a rename is a continuation, not new and gone)."""
    if year - 1 not in indicators:
        return []
    g = data.gemeente
    now, before = set(valid_departments(g, year)), set(valid_departments(g, year - 1))
    renamed = {
        c: old for c in sorted(now - before) if (old := g.afdelingen[c].voorganger) is not None and old in before - now
    }
    label = {c: a.label for c, a in g.afdelingen.items()}
    counts_now = indicators[year].figures.per.get("afdeling", {})
    counts_before = indicators[year - 1].figures.per.get("afdeling", {})
    points = []
    for new, old in renamed.items():
        count = counts_now.get(new, 0)
        c = cmp.compare(count, counts_before.get(old, 0), year - 1, "aantal")
        points.append(
            Md(
                f"Afdeling {md(label[old])} heet nu {md(label[new])}: {aantal(count, 'klacht')} "
                f"({year - 1}: {cmp.value(c.then, 'aantal')} onder de oude naam)"
            )
        )
    added = sorted(now - before - set(renamed), key=lambda c: label[c])
    gone = sorted(before - now - set(renamed.values()), key=lambda c: label[c])
    if added:
        points.append(
            Md(
                "Nieuwe afdeling: "
                + ", ".join(f"{md(label[c])} ({aantal(counts_now.get(c, 0), 'klacht')})" for c in added)
            )
        )
    if gone:
        points.append(
            Md(
                "Afdeling niet meer in het verslag: "
                + ", ".join(str(md(label[c])) for c in gone)
                + f" (bestond tot en met {year - 1})"
            )
        )
    return points


def key_points(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Md]:
    """The key points of a year, following RULES."""
    ind, before = indicators[year], indicators.get(year - 1)
    targets = data.gemeente.doelen
    comparisons = {
        code: cmp.compare(indicator_value(ind, code, True), indicator_value(before, code, True), year - 1, m.unit)
        for code, m in cmp.MEASURES.items()
    }

    def point(code: str) -> Md:
        return cmp.key_point(code, comparisons[code], targets.get(code))

    chosen = ["K1"]
    chosen += [
        code
        for code in sorted(targets)
        if code in cmp.MEASURES and code not in chosen and cmp.target_missed(code, comparisons[code].now, targets[code])
    ]
    changed = sorted(
        (c for c in cmp.MEASURES if c not in chosen and comparisons[c].direction in (cmp.UP, cmp.DOWN)),
        key=lambda c: (-comparisons[c].relative, FILL_ORDER.index(c) if c in FILL_ORDER else 99),
    )
    chosen += changed[: max(0, MAX_CHANGES - len(chosen))]
    points = [point(c) for c in chosen]
    for code in FILL_ORDER:
        if len(points) >= MIN_POINTS:
            break
        if code not in chosen and comparisons[code].now is not None:
            points.append(point(code))
    return points[:MAX_POINTS]


def missed_targets(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Md]:
    """The key points of the targets a year missed (for the risks of the collegebesluit)."""
    targets = data.gemeente.doelen
    ind, before = indicators[year], indicators.get(year - 1)
    found = []
    for code in sorted(t for t in targets if t in cmp.MEASURES):
        c = cmp.compare(
            indicator_value(ind, code, True), indicator_value(before, code, True), year - 1, cmp.MEASURES[code].unit
        )
        if cmp.target_missed(code, c.now, targets[code]):
            found.append(cmp.punt(code, c, targets[code]))
    return found


NO_RISKS = ("geen risico", "geen kanttekening")


def check_risks(data: Dataset, indicators: dict[int, YearIndicators], report: Report) -> None:
    """Warn when a year missed a target while its collegebesluit says there are no risks."""
    for year in sorted(indicators):
        risks = data.years[year].verslag.risicos.lower()
        missed = missed_targets(data, indicators, year)
        if missed and any(words in risks for words in NO_RISKS):
            report.warn(
                f"data/{year}/verslag.yaml",
                column="risicos",
                expected="risico's en kanttekeningen die passen bij de cijfers",
                found=f"'{data.years[year].verslag.risicos}' terwijl een streefwaarde niet is gehaald: "
                + "; ".join(str(p) for p in missed),
                hint="Noem in risicos wat het niet halen van de norm betekent.",
            )
