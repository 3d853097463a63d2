"""The figures across years: the trends page's lines, the dashboard's tiles and small multiples."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...model.indicator_catalogue import CATALOGUE
from ...model.indicators import Ratio, YearIndicators
from ...model.published import Published
from .. import comparisons as cmp
from ..formatting import published_number
from ..key_points import indicator_value
from ..tables import Numbering
from . import style
from .alt_text import describe
from .bundle import WIDTH, Bundle, Column

# The headline indicators of the trends page, with the file name of each one's figure.
TRENDS: dict[str, str] = {
    "K1": "trend-ontvangen",
    "K6": "trend-informeel",
    "K8": "trend-gegrond",
    "K9": "trend-termijn",
    "K10": "trend-doorlooptijd",
}
_UNIT_WORD = {"aantal": "aantal", "procent": "aandeel in procenten", "dagen": "kalenderdagen"}


def _plain(value: cmp.Value, unit: str) -> cmp.Value:
    """A table cell: a Ratio stays one, whole days become an int (12, not 12,0)."""
    if unit == "dagen" and isinstance(value, Decimal) and value == int(value):
        return int(value)
    return value


def _as_printed(p: Published) -> int | Decimal:
    """A published number with the precision it was published with: 91 stays 91, never 91,0."""
    return int(p.waarde) if p.waarde == p.waarde.to_integral_value() else p.waarde


def trend_wording(code: str) -> tuple[str, str, str, str]:
    """A trend figure's title, what it measures (mid-sentence), its unit and its axis label, from the catalogue."""
    i = CATALOGUE[code]
    measure = {"procent": f"het aandeel {i.plain.lower()}", "dagen": f"de {i.trend.lower()}"}.get(
        i.unit, f"het aantal {i.plain.lower()}"
    )
    axis = {"procent": f"{i.label} (%)", "dagen": f"{i.trend} (dagen)"}.get(i.unit, i.trend)
    return i.trend, measure, i.unit, axis


def figure_trend(
    indicators: dict[int, YearIndicators], number: str, folder: str = "", code: str = "K1", target: float | None = None
) -> Bundle:
    """A headline indicator over all years with markers and direct labels; a totals-only year gets a hollow marker."""
    name, (label, measure, unit, axis) = TRENDS[code], trend_wording(code)
    years = sorted(indicators)
    span = list(range(years[0], years[-1] + 1))
    # A year that published the figure instead of counts shows it as published, and is never compared as alike.
    raw = [indicator_value(indicators.get(y), code, published=True) for y in span]
    published = [v if isinstance(v, Published) else None for v in raw]
    shown = [cmp.shown(v, unit) for v in raw]
    values = [None if v is None else (int(v) if unit == "aantal" else float(v)) for v in shown]
    hollow = [
        y in indicators and indicators[y].figures.source == "totalen" and v is not None
        for y, v in zip(span, shown, strict=True)
    ]
    known = [(y, v, r) for y, v, r in zip(span, shown, raw, strict=True) if v is not None]
    if not known:
        title, y0, y1 = f"{label}: geen cijfers", span[0], span[-1]
    else:
        (y0, _, first), (y1, b, last) = known[0], known[-1]
        # The headline names its own period (first to last year), so it compares with the first year.
        title = (
            f"{label} in {y0}: {cmp.side(cmp.compare(last, None, y0, unit), 0)}"
            if len(known) == 1
            else cmp.over_period(cmp.compare(last, first, y0, unit), y1, measure)
        )
        norm = cmp.target_phrase(b, target)
        title += f", {norm}" if norm else ""
    span_text = str(y0) if y0 == y1 else f"{y0}–{y1}"
    note = "; open rondje: alleen totalen bekend" if any(hollow) else ""
    note += "; gepubliceerd: zoals de gemeente het publiceerde, niet berekend" if any(published) else ""
    norm_note = f"; de norm is {cmp.norm_text(target)}" if target is not None else ""
    return Bundle(
        name=name,
        folder=folder,
        number=number,
        title=title,
        subtitle=f"{label} per jaar, {span_text}; {_UNIT_WORD[unit]}{note}{norm_note}",
        kind="trend",
        width=WIDTH,
        height=300,
        chart={
            "years": span,
            "values": values,
            "value_labels": [
                "" if v is None else str(published_number(p) if p else cmp.value(v, unit))
                for v, p in zip(shown, published, strict=True)
            ],
            "hollow": hollow,
            "ylabel": axis,
            **(
                {"target": float(target), "target_label": f"norm {cmp.norm_text(target)}"} if target is not None else {}
            ),
        },
        caption=f"{label} per jaar, {span_text}",
        columns=[
            Column("Jaar", "jaar"),
            Column(axis, {"aantal": "aantal", "procent": "procent", "dagen": "mediaan_dagen"}[unit]),
            # A percentage with the counts it comes from, so a journalist can check and add up.
            *([Column("Aantal", "teller"), Column("Van", "noemer")] if unit == "procent" else []),
            Column("Bron", "bron"),
        ],
        rows=[
            [
                str(y),
                _plain(_as_printed(p) if p else r, unit),
                *([r.teller, r.noemer] if isinstance(r, Ratio) else [None, None] if unit == "procent" else []),
                ("totalen, gepubliceerd" if p else "totalen" if h else "klachtenregister")
                if v is not None
                else "geen gegevens",
            ]
            for y, r, v, h, p in zip(span, raw, shown, hollow, published, strict=True)
        ],
        source=f"Bron: klachtenregister en totalen, {span_text}.",
        alt=describe(
            "trend",
            f"{measure} per jaar",
            str(y0) if y0 == y1 else f"{y0} tot en met {y1}",
            [(str(y), v) for y, v in zip(span, shown, strict=True)],
            unit=unit if unit != "aantal" else "klachten",
            change=f"{title}." if len(known) > 1 else "",
        ),
    )


def figure_small_multiples(
    indicators: dict[int, YearIndicators],
    key: str,
    labels: dict[str, dict[str, str]],
    year: int,
    number: str,
    successor: dict[str, str] | None = None,
) -> Bundle:
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
    codes = sorted(
        {newest(c) for y in years for c in indicators[y].figures.per.get(key, {})}, key=lambda c: labels[key].get(c, c)
    )

    def count(y: int, code: str) -> int | None:
        found = [n for c, n in indicators[y].figures.per.get(key, {}).items() if newest(c) == code]
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
        title = cmp.rose_most(*up) if up else cmp.none_rose(kind, year - 1, pairs)
        moves = [cmp.largest_move(*move) for move in (up, down) if move]
    ncols = 3
    # A title that wraps makes every panel taller by a line, so the panels never overlap.
    lines = style.label_lines(list(names.values()), style.panel_chars(WIDTH, ncols))
    height = 40 + (130 + style.LINE_HEIGHT * (lines - 1)) * -(-len(codes) // ncols)
    head = "Afdeling" if key == "afdeling" else "Aard"
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    renamed = "; hernoemde afdelingen onder hun nieuwe naam" if key == "afdeling" and successor else ""
    return Bundle(
        name=f"dashboard-{key}",
        folder=str(year),
        number=number,
        title=title,
        subtitle=f"Ontvangen klachten {word}, {span}; aantal, elk paneel op dezelfde schaal{renamed}",
        kind="kleine_veelvouden",
        width=WIDTH,
        height=height,
        chart={
            "panels": [[names[c], series[c]] for c in codes],
            "years": years,
            "ncols": ncols,
            "ylabel": "Aantal ontvangen klachten per jaar",
        },
        caption=f"Ontvangen klachten {word} per jaar, {span}",
        columns=[Column(head, key)] + [Column(str(y), f"k1_{y}") for y in years],
        rows=[[names[c], *series[c]] for c in codes],
        source=f"Bron: klachtenregister en totalen, {span}.",
        alt=describe(
            "kleine_veelvouden",
            f"het aantal ontvangen klachten {word} per jaar",
            str(years[0]) if len(years) == 1 else f"{years[0]} tot en met {years[-1]}",
            [(names[c], series[c][-1]) for c in codes],
            change=" ".join(moves),
            lower=key != "afdeling",
        ),
    )


@dataclass(frozen=True)
class Tile:
    """One indicator tile of the dashboard: code, name, value and a comparison, all as shown."""

    code: str
    naam: str
    waarde: str
    toelichting: str


def dashboard(
    indicators: dict[int, YearIndicators],
    labels: dict[str, dict[str, str]],
    year: int,
    numbering: Numbering,
    successor: dict[str, str] | None = None,
) -> dict[str, object]:
    """The dashboard of 'Leren van klachten': tiles and the small multiples per department and nature."""
    f = indicators[year].figures
    before = indicators.get(year - 1)

    def tile(code: str, now: cmp.Value, then: cmp.Value) -> Tile:
        name, unit = CATALOGUE[code].label, CATALOGUE[code].unit
        c = cmp.compare(now, then, year - 1, unit)
        shown = published_number(c.published[0]) if c.published[0] else cmp.value(c.now, unit)
        return Tile(code, name, str(shown), cmp.tegel(c))

    # A published figure (no counts that year) shows as published; tegel never compares it with a computed one.
    tiles = [
        tile(code, indicator_value(indicators[year], code, True), indicator_value(before, code, True))
        for code in ("K1", "K6", "K8", "K9", "K10")
    ]
    # A breakdown not registered this year (a totals year) has no small multiples to draw.
    return {
        "tegels": tiles,
        "figuren": {
            key: figure_small_multiples(
                indicators, key, labels, year, numbering.figure(), successor if key == "afdeling" else None
            )
            for key in ("afdeling", "aard")
            if key in f.per
        },
    }
