"""'In één oogopslag': a year on one A4, as Markdown drafts from the site's own key points, comparisons and decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import YearIndicators
from ..validate.dataset import Dataset
from ..validate.extras import Aanbevelingen
from . import comparisons as cmp
from .chapters import decision_first
from .formatting import Md, aantal
from .key_points import indicator_value
from .named_values import extra

TEMPLATE = "oogopslag.md.j2"
# How much of the college's decision a draft holds: (decision points, recommendations, characters per text).
# The first draft that Typst sets on one page is published (write/brief.py); what a draft leaves out it counts
# ("En nog 3 aanbevelingen: zie het collegebesluit in het verslag"). The key points (at most six, from the
# site) and the seven key figures always stay: the decision's long tail gives way first.
BUDGETS = ((6, 6, 400), (4, 4, 220), (3, 3, 140), (2, 2, 90), (1, 1, 60))


def brief_path(year: int) -> str:
    """Where a year's one-page brief goes in the site."""
    return f"{year}/jaarverslag-klachten-{year}-in-een-oogopslag.pdf"


@dataclass(frozen=True)
class Row:
    """A headline indicator on the brief: its name, this year, last year and the norm as printed, and the verdict."""

    naam: str
    nu: Md
    toen: Md
    norm: str
    oordeel: Md


def rows(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Row]:
    """The headline indicators (comparisons.MEASURES) against the year before and the gemeente's norm."""
    ind, before = indicators[year], indicators.get(year - 1)
    found = []
    for code, m in cmp.MEASURES.items():
        c = cmp.compare(indicator_value(ind, code), indicator_value(before, code), year - 1, m.unit)
        target = data.gemeente.doelen.get(code)
        norm = cmp.norm_text(target) if target is not None else ""
        found.append(
            Row(
                CATALOGUE[code].name,
                cmp.value(c.now, c.unit),
                cmp.value(c.then, c.unit),
                norm,
                cmp.verdict(code, c, target),
            )
        )
    return found


def _short(text: str, most: int) -> str:
    """A data text of at most `most` characters, cut at a word and ended with '…' when longer."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    return text[: most - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _left_out(points: int, advice: int) -> str:
    """What a draft leaves out, in words: '2 besluitpunten en 3 aanbevelingen'; empty when nothing."""
    parts = [aantal(n, word) for n, word in ((points, "besluitpunt"), (advice, "aanbeveling")) if n]
    return " en ".join(parts)


def drafts(
    env: jinja2.Environment, context: dict[str, Any], data: Dataset, indicators: dict[int, YearIndicators], year: int
) -> list[str]:
    """The brief's Markdown at every budget, fullest first (a year page's context plus the brief's own)."""
    first = decision_first(data, indicators, year)
    verslag = data.years[year].verslag
    advised = extra(data.years[year], "aanbevelingen", Aanbevelingen)
    recommendations = advised.aanbevelingen if advised else []
    out = []
    for most_points, most_advice, chars in BUDGETS:
        points = [_short(p, chars) for p in verslag.besluitpunten[:most_points]]
        advice = [
            a.model_copy(update={"tekst": _short(a.tekst, chars), "eigenaar": _short(a.eigenaar, chars // 2)})
            for a in recommendations[:most_advice]
        ]
        shown = {"vastgesteld_college": verslag.vastgesteld_college, "besluitpunten": points}
        left = _left_out(len(verslag.besluitpunten) - len(points), len(recommendations) - len(advice))
        out.append(
            env.get_template(TEMPLATE).render(
                {
                    **context,
                    **first,
                    "verslag": shown,
                    "aanbevelingen": advice,
                    "weggelaten": left,
                    "rijen": rows(data, indicators, year),
                }
            )
        )
    return out
