"""Axis ticks, grid lines and axis labels as plain artists: matplotlib's Axis objects cost more than the chart."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import Transform, offset_copy

from . import style

# Measured (issue 24): an empty axes with matplotlib's own x and y Axis costs 20 ms to draw as SVG, without
# them 5 ms; a chart's ticks are a handful of texts and one line collection, drawn here at a fraction of that.
PAD = 4.0  # px between the axes' edge and a tick label (matplotlib: a 3.5 pt tick plus 3.5 pt pad)
LABEL_GAP = 3.0  # px between the tick labels and the axis label


def bare(ax: Axes) -> None:
    """Switch off matplotlib's own x and y Axis (ticks, tick labels, grid, axis labels): drawn here instead."""
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)


def auto_ticks(lo: float, hi: float, length: float, vertical: bool, size: float, integer: bool = False) -> list[float]:
    """The ticks matplotlib's AutoLocator would choose for this axis length in px, within [lo, hi]."""
    # Axis.get_tick_space: a tick label takes 3 font sizes across, 2 up; AutoLocator clips that to 1..9 bins.
    nbins = max(1, min(9, int(length // (size * (2 if vertical else 3)))))
    return nice_ticks(lo, hi, nbins, integer, steps=[1, 2, 2.5, 5, 10])


def nice_ticks(
    lo: float, hi: float, nbins: int, integer: bool = False, steps: list[float] | None = None
) -> list[float]:
    """At most nbins + 1 round ticks (MaxNLocator, with its own steps unless given) that lie within [lo, hi]."""
    locator = MaxNLocator(nbins=nbins, steps=steps, integer=integer)
    slack = (hi - lo) * 1e-10
    return [float(t) for t in locator.tick_values(lo, hi) if lo - slack <= t <= hi + slack]


def tick_text(value: float, ticks: Sequence[float]) -> str:
    """A tick value in Dutch: as many decimals as the finest tick needs, decimal comma."""
    decimals = 0
    for t in ticks:
        while decimals < 3 and not math.isclose(round(t, decimals), t, abs_tol=1e-9):
            decimals += 1
    return f"{value:.{decimals}f}".replace("-", "\u2212").replace(".", ",")


def _shifted(base: Transform, x: float = 0.0, y: float = 0.0) -> Transform:
    """base moved by (x, y) px."""
    return offset_copy(base, x=x, y=y, units="dots")  # px: no figure needed


def x_labels(ax: Axes, positions: Sequence[float], labels: Sequence[str], size: float | None = None) -> None:
    """Labels centred under the axes at these data x positions."""
    trans = _shifted(ax.get_xaxis_transform(), y=-PAD)
    for x, label in zip(positions, labels, strict=True):
        ax.text(x, 0, label, transform=trans, ha="center", va="top", color=style.TEXT, fontsize=size)


def y_labels(ax: Axes, positions: Sequence[float], labels: Sequence[str], size: float | None = None) -> None:
    """Labels right-aligned left of the axes at these data y positions."""
    trans = _shifted(ax.get_yaxis_transform(), x=-PAD)
    for y, label in zip(positions, labels, strict=True):
        ax.text(0, y, label, transform=trans, ha="right", va="center", color=style.TEXT, fontsize=size)


def grid(ax: Axes, vertical: bool, positions: Sequence[float], linewidth: float = 0.6) -> None:
    """Grid lines behind the data: vertical ones at x positions, or horizontal ones at y positions."""
    if not positions:
        return
    if vertical:
        ax.vlines(positions, 0, 1, transform=ax.get_xaxis_transform(), colors=style.GRID, linewidth=linewidth)
    else:
        ax.hlines(positions, 0, 1, transform=ax.get_yaxis_transform(), colors=style.GRID, linewidth=linewidth)
    ax.collections[-1].set(zorder=0.5, gid="raster")  # under the bars and lines, as ax.set_axisbelow(True)


def x_title(ax: Axes, text: str, size: float | None = None) -> None:
    """The x axis label, centred under the tick labels."""
    lines = style.FONT_SIZE if size is None else size
    trans = _shifted(ax.transAxes, y=-(PAD + lines * 1.2 + LABEL_GAP))
    ax.text(0.5, 0, text, transform=trans, ha="center", va="top", color=style.TEXT, fontsize=size)


def y_title(ax: Axes, text: str, tick_labels: Sequence[str], size: float | None = None) -> None:
    """The y axis label, turned a quarter, left of the widest tick label."""
    widest = max((len(s) for s in tick_labels), default=0) * (size or style.FONT_SIZE) * style.CHAR_WIDTH
    trans = _shifted(ax.transAxes, x=-(PAD + widest + LABEL_GAP))
    ax.text(0, 0.5, text, transform=trans, ha="right", va="center", rotation=90, color=style.TEXT, fontsize=size)


def value_axis(
    ax: Axes, vertical: bool, ticks: Sequence[float], label: str = "", size: float | None = None, lines: bool = True
) -> list[str]:
    """A value axis: tick labels, grid lines and the axis label (y when vertical, else x); the tick labels."""
    texts = [tick_text(t, ticks) for t in ticks]
    if vertical:
        y_labels(ax, ticks, texts, size)
        if label:
            y_title(ax, label, texts, size)
    else:
        x_labels(ax, ticks, texts, size)
        if label:
            x_title(ax, label, size)
    if lines:
        grid(ax, not vertical, ticks)
    return texts
