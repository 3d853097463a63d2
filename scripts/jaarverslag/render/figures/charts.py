"""Figures stage: pure functions from plain data to a matplotlib Figure (no pyplot, no global state)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch, Rectangle
from matplotlib.ticker import MaxNLocator

from . import axes, marks, style

CHAR_WIDTH = style.CHAR_WIDTH


def new_figure(
    width: float,
    height: float,
    left: float = 12,
    right: float = 12,
    top: float = 12,
    bottom: float = 30,
    rounding: float = 0.015,
) -> tuple[Figure, Axes]:
    """A figure of width x height pixels with one axes and fixed margins in pixels (no tight layout)."""
    fig = Figure(figsize=(width / style.DPI, height / style.DPI), dpi=style.DPI)
    fig.patch.set_alpha(0)
    # The white card with rounded corners: the chart keeps its own background in the dark scheme.
    fig.patches.append(
        FancyBboxPatch(
            (0.004, 0.004),
            0.992,
            0.992,
            boxstyle=f"round,pad=0,rounding_size={rounding}",
            transform=fig.transFigure,
            facecolor=style.BACKGROUND,
            edgecolor=style.GRID,
            linewidth=0.8,
            zorder=-10,
        )
    )
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height))
    axes.bare(ax)
    return fig, ax


def text_width(labels: list[str], size: float = style.FONT_SIZE) -> float:
    """Estimated width in pixels of the longest label."""
    return max((len(s) for s in labels), default=0) * size * CHAR_WIDTH


def bars_horizontal(
    labels: list[str],
    values: list[float],
    value_labels: list[str],
    xlabel: str,
    width: float,
    height: float,
    phone: bool = False,
) -> Figure:
    """Horizontal bars, first category on top, each bar labelled with its value (on a phone: name above)."""
    size = style.PHONE_FONT if phone else style.FONT_SIZE
    wrapped = [style.wrap(label, style.LABEL_CHARS) for label in labels]
    # A name of one long word is not wrapped: the margin stops at 60% of the width, so the bars always fit.
    lines = [line for label in wrapped for line in label.split("\n")]
    left = 12 if phone else min(text_width(lines) + 20, width * 0.6)
    right = min(text_width(value_labels, size) + 16, width * 0.25)
    fig, ax = new_figure(width, height, left=left, right=right, top=6 if phone else 12, bottom=40 if phone else 36)
    positions = list(range(len(labels)))[::-1]
    # On a phone the name takes the upper part of each row and a thinner bar the lower part.
    ax.barh(positions, values, height=0.42 if phone else 0.66, color=style.MAIN, gid="balken")
    top = max(values, default=0) or 1
    for y, value, text in zip(positions, values, value_labels, strict=True):
        ax.text(value + top * 0.01, y, text, va="center", ha="left", color=style.TEXT)
    if phone:
        for y, label in zip(positions, labels, strict=True):
            ax.text(0, y + 0.26, style.wrap(label), va="bottom", ha="left", color=style.TEXT, linespacing=1.1)
        ax.set_ylim(-0.4, len(labels) - 0.1)  # bundle.phone_height leaves room for the wrapped names
        ticks = axes.nice_ticks(0, top * 1.02, 4, integer=True)
    else:
        axes.y_labels(ax, positions, wrapped)
        ax.set_ylim(-0.6, len(labels) - 0.4)
        ticks = axes.auto_ticks(0, top * 1.02, width - left - right, False, size, integer=True)
    ax.set_xlim(0, top * 1.02)
    axes.value_axis(ax, False, ticks, xlabel)
    ax.spines["left"].set_visible(False)
    return fig


def columns(
    labels: list[str],
    values: list[float],
    value_labels: list[str],
    ylabel: str,
    width: float,
    height: float,
    phone: bool = False,
) -> Figure:
    """Vertical columns (months), each labelled with its value above the column; bars on a phone."""
    if phone:
        # Twelve columns do not fit 340 px at a readable size; a month per row does.
        return bars_horizontal(labels, values, value_labels, ylabel, width, height, phone=True)
    fig, ax = new_figure(width, height, left=48, bottom=30, top=18)
    positions = list(range(len(labels)))
    ax.bar(positions, values, width=0.7, color=style.MAIN, gid="balken")
    top = max(values, default=0) or 1
    for x, value, text in zip(positions, values, value_labels, strict=True):
        ax.text(x, value + top * 0.015, text, ha="center", va="bottom", color=style.TEXT)
    axes.x_labels(ax, positions, labels)
    ax.set_ylim(0, top * 1.12)
    ticks = axes.auto_ticks(0, top * 1.12, height - 30 - 18, True, style.FONT_SIZE, integer=True)
    axes.value_axis(ax, True, ticks, ylabel)
    return fig


def trend(
    years: list[int],
    values: list[float | None],
    value_labels: list[str],
    hollow: list[bool],
    ylabel: str,
    width: float,
    height: float,
    phone: bool = False,
    target: float | None = None,
    target_label: str = "",
) -> Figure:
    """A line over the years with a marker and a direct label at every point; hollow markers mark totals.

    A target (a norm) is a dashed line labelled at its right end, so it is not told by colour alone."""
    fig, ax = new_figure(width, height, left=56 if phone else 52, right=24, top=24, bottom=32 if phone else 30)
    points = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
    # Break the line at a missing year instead of drawing through it.
    segment: list[tuple[int, float]] = []
    for y, v in zip(years, values, strict=True):
        if v is None:
            _line(ax, segment)
            segment = []
        else:
            segment.append((y, v))
    _line(ax, segment)
    for (y, v), empty in zip(zip(years, values, strict=True), hollow, strict=True):
        if v is None:
            continue
        ax.plot(
            [y],
            [v],
            marker="o",
            markersize=7,
            color=style.MAIN,
            markeredgewidth=1.6,
            markerfacecolor=style.BACKGROUND if empty else style.MAIN,
            linestyle="none",
            gid="punt",
        )
    top = max([v for _, v in points] + ([target] if target is not None else []), default=0) or 1
    for (y, v), text in zip(zip(years, values, strict=True), value_labels, strict=True):
        if v is None:
            continue
        # A value just under the norm is labelled below its point, so the norm line never crosses it.
        below = target is not None and v < target and target - v < 0.12 * top
        ax.annotate(
            text,
            (y, v),
            xytext=(0, -9 if below else 9),
            textcoords="offset points",
            ha="center",
            va="top" if below else "bottom",
        )
    ax.set_ylim(0, top * 1.2)
    if target is not None:
        ax.axhline(target, color=style.PALETTE[1], linewidth=1.6, linestyle=(0, (5, 3)), gid="norm")
        # Labelled at the right end, on the side of the line away from the last point.
        last_below = bool(points) and points[-1][1] < target
        ax.annotate(
            target_label,
            (1, target),
            xycoords=("axes fraction", "data"),
            xytext=(-2, 4 if last_below else -4),
            textcoords="offset points",
            ha="right",
            va="bottom" if last_below else "top",
            color=style.TEXT,
        )
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    # On a phone every other year is labelled once the years would touch (about 7 per 300 px).
    step = max(1, -(-len(years) // 7)) if phone else 1
    axes.x_labels(ax, years[::step], [str(y) for y in years[::step]])
    axes.value_axis(ax, True, axes.nice_ticks(0, top * 1.2, 4 if phone else 6), ylabel)
    return fig


def _line(ax: Axes, segment: list[tuple[int, float]]) -> None:
    """Draw one unbroken part of a trend line."""
    if len(segment) > 1:
        ax.plot([y for y, _ in segment], [v for _, v in segment], color=style.MAIN, linewidth=2, gid="lijn")


def histogram(
    edges: list[int],
    counts: list[int],
    terms: list[tuple[int, str]],
    xlabel: str,
    ylabel: str,
    width: float,
    height: float,
    phone: bool = False,
) -> Figure:
    """Counts per class of days as touching bars, with labelled vertical lines at the legal terms."""
    line = (style.PHONE_FONT if phone else style.FONT_SIZE) + 3
    fig, ax = new_figure(width, height, left=48, right=16, top=8 + line * len(terms), bottom=40 if phone else 36)
    widths = [b - a for a, b in itertools.pairwise(edges)]
    ax.bar(
        edges[:-1],
        counts,
        width=widths,
        align="edge",
        color=style.MAIN,
        edgecolor=style.BACKGROUND,
        linewidth=0.8,
        gid="balken",
    )
    top = max(counts, default=0) or 1
    for index, (day, text) in enumerate(terms):
        ax.axvline(day, color=style.PALETTE[1], linewidth=2, linestyle=(0, (5, 3)), gid=f"termijn-{day}")
        # Right of its line; shifted left just enough to stay on the chart when it would run off (a phone).
        room = width - 48 - 16
        at = (day - edges[0]) / ((edges[-1] - edges[0]) or 1)
        at = max(0.0, min(at, 1 - (text_width([text], line - 3) + 6) / room))
        ax.annotate(
            text,
            (at, 1),
            xycoords="axes fraction",
            xytext=(4, 2 + line * (len(terms) - 1 - index)),
            textcoords="offset points",
            ha="left",
            va="bottom",
            color=style.TEXT,
        )
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, top * 1.1)
    size = line - 3
    if phone:
        x_ticks = axes.nice_ticks(edges[0], edges[-1], 5, integer=True)
        y_ticks = axes.nice_ticks(0, top * 1.1, 4, integer=True)
    else:
        x_ticks = axes.auto_ticks(edges[0], edges[-1], width - 48 - 16, False, size, integer=True)
        y_ticks = axes.auto_ticks(0, top * 1.1, height - 8 - line * len(terms) - 36, True, size, integer=True)
    axes.value_axis(ax, False, x_ticks, xlabel, lines=False)
    axes.value_axis(ax, True, y_ticks, ylabel)
    return fig


def small_multiples(
    panels: list[tuple[str, list[float | None]]],
    years: list[int],
    ylabel: str,
    width: float,
    height: float,
    ncols: int = 3,
    phone: bool = False,
) -> Figure:
    """One small line chart per category on a shared scale, first and last value labelled.

    All panels are drawn in one axes measured in pixels: an axes per panel cost half the chart's time (issue 24)."""
    fig, ax = new_figure(width, height, left=0, right=0, top=0, bottom=0, rounding=0.01)
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.patch.set_visible(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ncols = 2 if phone else ncols
    # Every text at least PHONE_FONT_MIN on a phone and DESKTOP_FONT_MIN on a desktop; titles wrap in the panels.
    title_size, small = (style.PHONE_FONT, style.PHONE_FONT_MIN) if phone else (style.FONT_SIZE, style.DESKTOP_FONT_MIN)
    chars = style.PANEL_CHARS if phone else style.panel_chars(width, ncols)
    title_lines = style.label_lines([n for n, _ in panels], chars)
    nrows = max(1, -(-len(panels) // ncols))
    top = max((v for _, vs in panels for v in vs if v is not None), default=0) or 1
    cell_w, cell_h = (width - 24) / ncols, (height - 36) / nrows
    head = 46 + (title_size + 2) * (title_lines - 1)
    y_ticks = MaxNLocator(nbins=2, integer=True).tick_values(0, top * 1.1)
    y_ticks = [t for t in y_ticks if 0 <= t <= top * 1.25]
    y_texts = [axes.tick_text(t, y_ticks) for t in y_ticks]
    first, span = years[0] - 0.4, years[-1] - years[0] + 0.8
    frame: list[list[tuple[float, float]]] = []
    grid_y, grid_from, grid_to = [], [], []
    for index, (name, values) in enumerate(panels):
        row, col = divmod(index, ncols)
        # The panel's plotting box in pixels from the bottom left, and its data (years, values) mapped into it.
        x0, y0 = 12 + col * cell_w + 34, height - 12 - (row + 1) * cell_h + 22
        w, h = cell_w - 50, cell_h - head

        def at(year: float, value: float, x0: float = x0, y0: float = y0, w: float = w, h: float = h):
            return x0 + (year - first) / span * w, y0 + value / (top * 1.25) * h

        # The panel's plotting box, not drawn: marks.extract reads it as the panel's place for its value mark.
        ax.add_patch(Rectangle((x0, y0), w, h, visible=False, gid=marks.PANELS))
        points = [at(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        if len(points) > 1:
            ax.plot([x for x, _ in points], [y for _, y in points], color=style.MAIN, linewidth=1.6, gid="lijn")
        ax.plot(
            [x for x, _ in points],
            [y for _, y in points],
            marker="o",
            markersize=4,
            color=style.MAIN,
            linestyle="none",
            gid="punt",
        )
        pairs = [(y, v) for y, v in zip(years, values, strict=True) if v is not None]
        for y, v in sorted(set(pairs[:1] + pairs[-1:])):
            x, top_y = at(y, v)
            ax.text(x, top_y + 5, f"{v:g}", ha="center", va="bottom", fontsize=small, color=style.TEXT)
        # The title starts at the panel's left edge (over the tick labels): the most room before the next panel.
        ax.text(
            x0 - 34,
            y0 + h + 14,
            style.wrap(name, chars),
            fontsize=title_size,
            linespacing=1.1,
            color=style.TEXT,
            gid="paneeltitel",
        )
        for year in (years[0], years[-1]):
            ax.text(at(year, 0)[0], y0 - axes.PAD, str(year), ha="center", va="top", fontsize=small, color=style.TEXT)
        # Few ticks and labels only in the first column: the scale is shared, and every tick costs time and bytes.
        for t, text in zip(y_ticks, y_texts, strict=True):
            if col == 0:
                ax.text(x0 - axes.PAD, at(first, t)[1], text, ha="right", va="center", fontsize=small, color=style.TEXT)
            grid_y.append(at(first, t)[1])
            grid_from.append(x0)
            grid_to.append(x0 + w)
        frame += [[(x0, y0 + h), (x0, y0), (x0 + w, y0)]]  # the left and bottom axis lines
    ax.hlines(grid_y, grid_from, grid_to, colors=style.GRID, linewidth=0.5, zorder=0.5, gid="raster")
    ax.add_collection(
        LineCollection(frame, colors=style.MUTED, linewidths=0.8, zorder=2.5, capstyle="projecting", gid="assen")
    )
    fig.text(12 / width, 10 / height, ylabel, fontsize=small, color=style.MUTED)
    return fig


# The chart kinds a bundle can name; the value is the function that draws it.
CHARTS: dict[str, Callable[..., Figure]] = {
    "staven": bars_horizontal,
    "kolommen": columns,
    "trend": trend,
    "histogram": histogram,
    "kleine_veelvouden": small_multiples,
}
