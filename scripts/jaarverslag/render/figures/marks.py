"""Values at a touch: where each row of a figure's table sits in its drawing, and what its mark says."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..formatting import Md, h

if TYPE_CHECKING:  # annotations only: pages are built without matplotlib
    from matplotlib.figure import Figure

    from .bundle import Column

# A mark is a box in px of the drawing, from its top-left corner: left, top, width, height.
Box = tuple[float, float, float, float]
TARGET = 24  # px: no mark smaller than a fingertip's target (WCAG 2.5.8), where the chart leaves room
TIP_ROOM = 40  # px: a mark closer than this to the top shows its value below itself, not above
# px: the widest a shown value gets, wide and on a phone (rapport.css: 16rem and 12rem of Material's 20 px)
TIP_WIDTH = {"breed": 320, "smal": 240}
# The gids charts.py gives the artists that carry a value.
BARS, POINTS, PANELS = "balken", "punt", "paneel"


def mark_rows(kind: str, chart: dict[str, Any]) -> list[int]:
    """The table rows that get a mark, in the order extract() finds them: one per bar, panel or drawn point."""
    if kind == "trend":
        return [i for i, value in enumerate(chart["values"]) if value is not None]
    if kind == "kleine_veelvouden":
        return list(range(len(chart["panels"])))
    if kind == "histogram":
        return list(range(len(chart["counts"])))
    return list(range(len(chart["labels"])))


def extract(fig: Figure, kind: str) -> list[Box]:
    """The box of every mark in a drawn figure, read from the artists' transforms (call after savefig)."""
    height = fig.bbox.height
    if kind == "kleine_veelvouden":  # a panel is one row of the table: the whole panel is its mark
        boxes = [p.get_window_extent() for ax in fig.axes for p in ax.patches if p.get_gid() == PANELS]
        extents = [(b.x0, b.y0, b.x1, b.y1) for b in boxes]
    elif kind == "trend":
        centres = [
            ax.transData.transform(line.get_xydata())[0]
            for ax in fig.axes
            for line in ax.get_lines()
            if line.get_gid() == POINTS
        ]
        extents = [(x, y, x, y) for x, y in centres]
    else:
        bars = [p.get_window_extent() for ax in fig.axes for p in ax.patches if p.get_gid() == BARS]
        extents = [(b.x0, b.y0, b.x1, b.y1) for b in bars]
    return [_padded(x0, height - y1, x1 - x0, y1 - y0) for x0, y0, x1, y1 in extents]


def _padded(left: float, top: float, width: float, height: float) -> Box:
    """A box grown around its centre to at least TARGET px each way, rounded to 0.1 px (same bytes every build)."""
    grow_x, grow_y = max(0.0, TARGET - width) / 2, max(0.0, TARGET - height) / 2
    return (
        round(left - grow_x, 1),
        round(top - grow_y, 1),
        round(max(width, TARGET), 1),
        round(max(height, TARGET), 1),
    )


def to_json(wide: list[Box], narrow: list[Box]) -> bytes:
    """The marks of both layouts as the figure cache keeps them."""
    return json.dumps({"breed": wide, "smal": narrow}, sort_keys=True).encode("utf-8")


def _lower(header: str) -> str:
    """A column header mid-sentence: 'Aantal' becomes 'aantal'; '2020' and 'K6' stay."""
    return header[:1].lower() + header[1:] if header[1:2].islower() else header


def labels(columns: list[Column], rows: list[list[Md | str]], kind: str, chart: dict[str, Any]) -> list[Md]:
    """What each mark says: its table row as shown ('Burgerzaken: aantal 12, aandeel 9,8%'), escaped for HTML.

    Only cells the table shows are used, so a value the table hides or omits is never in a mark."""
    said = []
    for index in mark_rows(kind, chart):
        row = rows[index]
        cells = Md(", ").join(
            Md("{} {}").format(_lower(c.header), h(v)) for c, v in zip(columns[1:], row[1:], strict=True)
        )
        said.append(Md("{}: {}").format(h(row[0]), cells))
    return said


def _percent(value: float) -> str:
    """A CSS percentage with at most two decimals."""
    return f"{round(value, 2):g}%"


def _side(left: float, w: float, width: float, tip: float) -> str:
    """Where a mark's value opens so that it stays on the picture: from the mark's left edge to the right (0%), from
    its right edge to the left (100%) or centred over it (50%); the one that runs off the picture least."""
    centre = left + w / 2
    overflow = {
        "0%": max(0.0, left + tip - width),
        "100%": max(0.0, tip - left - w),
        "50%": max(0.0, tip / 2 - centre, centre + tip / 2 - width),
    }
    return min(overflow, key=lambda side: overflow[side])  # on a tie the first: from the left edge


def _rules(scope: str, boxes: list[Box], width: float, height: float, tip: float) -> list[str]:
    """One rule per mark: its place in percent of the picture, and where its value opens (rapport.css: --wl across,
    --wb 1 below the mark instead of above it, near the top)."""
    rules = []
    for n, (left, top, w, hgt) in enumerate(boxes, start=1):
        place = f"left:{_percent(100 * left / width)};top:{_percent(100 * top / height)};"
        place += f"width:{_percent(100 * w / width)};height:{_percent(100 * hgt / height)}"
        tip_at = f"--wl:{_side(left, w, width, tip)};--wb:{int(top < TIP_ROOM)}"
        rules.append(f".{scope}>:nth-child({n}){{{place};{tip_at}}}")
    return rules


def stylesheet(
    scope: str, cached: bytes, count: int, size: tuple[int, int], phone_size: tuple[int, int], phone_media: str
) -> bytes:
    """The places of the count marks over both pictures, wide and (under phone_media) narrow, as the figure's CSS."""
    boxes = json.loads(cached)
    if len(boxes["breed"]) != count or len(boxes["smal"]) != count:  # a chart that draws other marks than its rows
        raise ValueError(f"{scope}: {len(boxes['breed'])} and {len(boxes['smal'])} marks drawn, {count} expected")
    wide = _rules(scope, [tuple(b) for b in boxes["breed"]], *size, TIP_WIDTH["breed"])
    narrow = _rules(scope, [tuple(b) for b in boxes["smal"]], *phone_size, TIP_WIDTH["smal"])
    text = "\n".join(wide) + f"\n@media {phone_media}{{\n" + "\n".join(narrow) + "\n}\n"
    return text.encode("utf-8")
