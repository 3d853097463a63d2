"""Figures stage: pure functions from plain data to a matplotlib Figure (no pyplot, no global state)."""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from . import style

CHAR_WIDTH = 0.58  # average width of a DejaVu Sans character in em, to size margins without drawing


def new_figure(width: float, height: float, left: float = 12, right: float = 12, top: float = 12,
               bottom: float = 30) -> tuple[Figure, object]:
    """A figure of width x height pixels with one axes and fixed margins in pixels (no tight layout)."""
    fig = Figure(figsize=(width / style.DPI, height / style.DPI), dpi=style.DPI)
    fig.patch.set_alpha(0)
    # The white card with rounded corners: the chart keeps its own background in the dark scheme.
    fig.patches.append(FancyBboxPatch((0.004, 0.004), 0.992, 0.992, boxstyle="round,pad=0,rounding_size=0.015",
                                      transform=fig.transFigure, facecolor=style.BACKGROUND,
                                      edgecolor=style.GRID, linewidth=0.8, zorder=-10))
    ax = fig.add_axes((left / width, bottom / height, 1 - (left + right) / width,
                       1 - (top + bottom) / height))
    return fig, ax


def text_width(labels: list[str], size: float = style.FONT_SIZE) -> float:
    """Estimated width in pixels of the longest label."""
    return max((len(s) for s in labels), default=0) * size * CHAR_WIDTH


def bars_horizontal(labels: list[str], values: list[float], value_labels: list[str], xlabel: str,
                    width: float, height: float) -> Figure:
    """Horizontal bars, first category on top, each bar labelled with its value."""
    left = text_width(labels) + 20
    right = text_width(value_labels) + 16
    fig, ax = new_figure(width, height, left=left, right=right, bottom=36)
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, height=0.66, color=style.MAIN, gid="balken")
    top = max(values, default=0) or 1
    for y, value, text in zip(positions, values, value_labels):
        ax.text(value + top * 0.01, y, text, va="center", ha="left", color=style.TEXT)
    ax.set_yticks(positions, labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlim(0, top * 1.02)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    return fig


def columns(labels: list[str], values: list[float], value_labels: list[str], ylabel: str,
            width: float, height: float) -> Figure:
    """Vertical columns (months), each labelled with its value above the column."""
    fig, ax = new_figure(width, height, left=48, bottom=30, top=18)
    positions = list(range(len(labels)))
    ax.bar(positions, values, width=0.7, color=style.MAIN, gid="balken")
    top = max(values, default=0) or 1
    for x, value, text in zip(positions, values, value_labels):
        ax.text(x, value + top * 0.015, text, ha="center", va="bottom", color=style.TEXT)
    ax.set_xticks(positions, labels)
    ax.tick_params(axis="x", length=0)
    ax.set_ylim(0, top * 1.12)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def stacked_bars(categories: list[str], series: list[tuple[str, list[float]]], xlabel: str,
                 width: float, height: float, min_label: float = 8.0) -> Figure:
    """100% stacked horizontal bars; segments alternate dark and medium colours and carry hatching."""
    left = text_width(categories) + 20
    legend_rows = (len(series) + 2) // 3
    top = 14 + 18 * legend_rows
    fig, ax = new_figure(width, height, left=left, right=16, top=top, bottom=36)
    positions = list(range(len(categories)))[::-1]
    starts = [0.0] * len(categories)
    for index, (name, values) in enumerate(series):
        look = style.series_style(index)
        ax.barh(positions, values, left=starts, height=0.66, color=look["color"], hatch=look["hatch"],
                       hatchcolor=look["hatch_color"], edgecolor="none", linewidth=0, label=name,
                       gid=f"reeks-{index}")
        for y, start, value in zip(positions, starts, values):
            if value >= min_label:
                ax.text(start + value / 2, y, f"{round(value)}%", ha="center", va="center",
                        color=style.label_colour(look["color"]), fontsize=style.FONT_SIZE - 1,
                        bbox={"facecolor": look["color"], "edgecolor": "none", "pad": 1.0})
        starts = [s + v for s, v in zip(starts, values)]
    ax.set_yticks(positions, categories)
    ax.set_ylim(-0.6, len(categories) - 0.4)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(xlabel)
    ax.spines["left"].set_visible(False)
    fig.legend(loc="upper left", bbox_to_anchor=(12 / width, 1 - 6 / height), ncols=3, frameon=False,
               handlelength=2.2, handleheight=1.1, borderaxespad=0, columnspacing=1.2)
    return fig


def trend(years: list[int], values: list[float | None], value_labels: list[str], hollow: list[bool],
          ylabel: str, width: float, height: float) -> Figure:
    """A line over the years with a marker and a direct label at every point; hollow markers mark totals."""
    fig, ax = new_figure(width, height, left=52, right=24, top=24, bottom=30)
    points = [(y, v) for y, v in zip(years, values) if v is not None]
    # Break the line at a missing year instead of drawing through it.
    segment: list[tuple[int, float]] = []
    for y, v in zip(years, values):
        if v is None:
            _line(ax, segment)
            segment = []
        else:
            segment.append((y, v))
    _line(ax, segment)
    for (y, v), text, empty in zip(zip(years, values), value_labels, hollow):
        if v is None:
            continue
        ax.plot([y], [v], marker="o", markersize=7, color=style.MAIN, markeredgewidth=1.6,
                markerfacecolor=style.BACKGROUND if empty else style.MAIN, linestyle="none", gid="punt")
        ax.annotate(text, (y, v), xytext=(0, 9), textcoords="offset points", ha="center", va="bottom")
    top = max((v for _, v in points), default=0) or 1
    ax.set_ylim(0, top * 1.2)
    ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def _line(ax, segment: list[tuple[int, float]]) -> None:
    """Draw one unbroken part of a trend line."""
    if len(segment) > 1:
        ax.plot([y for y, _ in segment], [v for _, v in segment], color=style.MAIN, linewidth=2, gid="lijn")


def histogram(edges: list[int], counts: list[int], terms: list[tuple[int, str]], xlabel: str, ylabel: str,
              width: float, height: float) -> Figure:
    """Counts per class of days as touching bars, with labelled vertical lines at the legal terms."""
    fig, ax = new_figure(width, height, left=48, right=16, top=34, bottom=36)
    widths = [b - a for a, b in zip(edges, edges[1:])]
    ax.bar(edges[:-1], counts, width=widths, align="edge", color=style.MAIN, edgecolor=style.BACKGROUND,
           linewidth=0.8, gid="balken")
    top = max(counts, default=0) or 1
    for index, (day, text) in enumerate(terms):
        ax.axvline(day, color=style.PALETTE[1], linewidth=2, linestyle=(0, (5, 3)), gid=f"termijn-{day}")
        ax.annotate(text, (day, 1), xycoords=("data", "axes fraction"), xytext=(4, 2 - 13 * index),
                    textcoords="offset points", ha="left", va="bottom", color=style.TEXT)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, top * 1.1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color=style.GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    return fig


def small_multiples(panels: list[tuple[str, list[float | None]]], years: list[int], ylabel: str,
                    width: float, height: float, ncols: int = 3) -> Figure:
    """One small line chart per category on a shared scale, first and last value labelled."""
    fig = Figure(figsize=(width / style.DPI, height / style.DPI), dpi=style.DPI)
    fig.patch.set_alpha(0)
    fig.patches.append(FancyBboxPatch((0.004, 0.004), 0.992, 0.992, boxstyle="round,pad=0,rounding_size=0.01",
                                      transform=fig.transFigure, facecolor=style.BACKGROUND,
                                      edgecolor=style.GRID, linewidth=0.8, zorder=-10))
    nrows = max(1, -(-len(panels) // ncols))
    top = max((v for _, vs in panels for v in vs if v is not None), default=0) or 1
    cell_w, cell_h = (width - 24) / ncols, (height - 36) / nrows
    y_ticks = MaxNLocator(nbins=2, integer=True).tick_values(0, top * 1.1)
    y_ticks = [t for t in y_ticks if 0 <= t <= top * 1.25]
    for index, (name, values) in enumerate(panels):
        row, col = divmod(index, ncols)
        x0 = 12 + col * cell_w + 34
        y0 = height - 12 - (row + 1) * cell_h + 22
        ax = fig.add_axes((x0 / width, y0 / height, (cell_w - 50) / width, (cell_h - 46) / height))
        pairs = [(y, v) for y, v in zip(years, values) if v is not None]
        if len(pairs) > 1:
            ax.plot([y for y, _ in pairs], [v for _, v in pairs], color=style.MAIN, linewidth=1.6, gid="lijn")
        ax.plot([y for y, _ in pairs], [v for _, v in pairs], marker="o", markersize=4, color=style.MAIN,
                linestyle="none", gid="punt")
        for y, v in sorted(set(pairs[:1] + pairs[-1:])):
            ax.annotate(f"{v:g}", (y, v), xytext=(0, 5), textcoords="offset points", ha="center",
                        va="bottom", fontsize=style.FONT_SIZE - 1)
        ax.set_title(name, loc="left", fontsize=style.FONT_SIZE, pad=14)
        ax.set_ylim(0, top * 1.25)
        ax.set_xlim(years[0] - 0.4, years[-1] + 0.4)
        ax.set_xticks([years[0], years[-1]], [str(years[0]), str(years[-1])])
        # Few ticks and labels only in the first column: the scale is shared, and every tick costs time and bytes.
        ax.set_yticks(y_ticks, [f"{t:g}" for t in y_ticks] if col == 0 else [])
        ax.tick_params(labelsize=style.FONT_SIZE - 2, length=0)
        ax.grid(axis="y", color=style.GRID, linewidth=0.5)
        ax.set_axisbelow(True)
    fig.text(12 / width, 10 / height, ylabel, fontsize=style.FONT_SIZE - 1, color=style.MUTED)
    return fig


# The chart kinds a bundle can name; the value is the function that draws it.
CHARTS = {"staven": bars_horizontal, "kolommen": columns, "gestapeld": stacked_bars, "trend": trend,
          "histogram": histogram, "kleine_veelvouden": small_multiples}
