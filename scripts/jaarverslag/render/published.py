"""Published figures on the trends page: a published value where a year has no count, and the gemeente's own."""

from __future__ import annotations

from ..model.indicators import Indicators
from ..model.published import REST, REST_LABEL
from .formatting import Md, gepubliceerd


def or_published(f: Indicators, code: str, computed: Md) -> Md:
    """A computed figure as formatted, or the year's published one where none was computed (printed 'n.v.t.')."""
    p = f.shown(code)
    return gepubliceerd(p) if p is not None and computed == "n.v.t." else computed


def own_rows(figures: list[Indicators]) -> list[list[str]]:
    """One row per published figure outside the key-figure rows (own indicators, average lead time), per year."""
    shown_elsewhere = {"K2", "K3", "K6", "K7", "K8", "K9", "K10_mediaan", "K14", "K5_absoluut", "K5_procent"}
    names = {code: p.name for f in figures for code, p in f.published.items() if code not in shown_elsewhere}
    return [
        [name] + [gepubliceerd(p) if (p := f.shown(code)) is not None else "niet bekend" for f in figures]
        for code, name in sorted(names.items(), key=lambda item: item[1])
    ]


def rest_row(figures: list[Indicators], key: str) -> list[list[str]]:
    """The 'niet uitgesplitst' row of a breakdown over the years, when a year names only some categories."""
    if not any(REST in f.per.get(key, {}) for f in figures):
        return []
    return [[REST_LABEL] + [str(f.per[key].get(REST, 0)) if key in f.partial else "n.v.t." for f in figures]]
