"""House style of the figures: palette, contrast arithmetic (WCAG 2.1) and the matplotlib settings."""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the annotation only: importing this module must not import matplotlib
    from matplotlib.typing import RcKeyType

# Every chart is drawn on a light card and recoloured for the dark scheme (see DARK): one palette
# cannot have 3:1 against both white and the slate background with six distinguishable colours.
BACKGROUND = "#ffffff"
TEXT = "#1f1f1f"  # 16:1 on white
MUTED = "#595959"  # axis ticks and subtle labels, 7:1 on white
GRID = "#d0d0d0"  # decorative only; never the only carrier of meaning
MAIN = "#1b2a4a"  # the single-series colour (navy, 14:1 on white)

# Alternating dark and medium colours (Okabe-Ito hues, darkened), so that every colour has 3:1
# against white and against the colour before and after it.
PALETTE = ["#1b2a4a", "#d55e00", "#0f3d2e", "#3a86c8", "#4a1f5c", "#b8860b"]

# The dark variant of every colour above, position by position: dark fills become light ones and
# the reverse, so a label that was white on navy becomes the dark background colour on light blue.
# Black (labels on medium fills) stays black: it keeps 4.5:1 on the medium dark-scheme colours too.
BACKGROUND_DARK = "#1e2029"  # Material's slate background (hsl 232 15% 14%): no light box in the dark
TEXT_DARK = "#e8e8e8"
MUTED_DARK = "#b4b4b4"
GRID_DARK = "#4a4d5a"
PALETTE_DARK = ["#c6dcff", "#c45a12", "#b0eccb", "#3a7cc4", "#ecd2f6", "#9c7508"]
MAIN_DARK = PALETTE_DARK[0]
DARK = {
    BACKGROUND: BACKGROUND_DARK,
    TEXT: TEXT_DARK,
    MUTED: MUTED_DARK,
    GRID: GRID_DARK,
    **dict(zip(PALETTE, PALETTE_DARK, strict=True)),
}
_COLOUR_ATTR = re.compile(r"((?:fill|stroke|stop-color)(?::\s*|=\"))(#[0-9a-f]{6})\b")

# The wide variant is shown at its own width on a desktop (1280 px): its text is FONT_SIZE CSS pixels,
# against 16 px body text; nothing in it below DESKTOP_FONT_MIN (issue 23).
FONT_SIZE = 12.0
DESKTOP_FONT_MIN = 12.0
# On a phone the chart is drawn PHONE_WIDTH wide and shown at least that wide (CSS width: 100%),
# so no text is smaller than PHONE_FONT_MIN CSS pixels; long labels wrap after PHONE_CHARS characters.
PHONE_WIDTH = 340
PHONE_FONT = 12.0
PHONE_FONT_MIN = 11.0
PHONE_CHARS = 38
PANEL_CHARS = 20  # a panel title in a two-column small multiple on a phone
DPI = 72  # 1 inch = 72 pt: the SVG's width and height in pt equal the pixel size we put in <img>

# Fixed settings for every figure; applied via rc_context around each render, never globally.
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, selectable, small
    "svg.hashsalt": "jaarverslag-klachten",  # stable ids: same input, same bytes
    "svg.image_inline": True,
    "text.parse_math": False,  # a '$' in a data label is a dollar, never TeX
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # bundled with matplotlib: no font search on the machine
    "font.size": FONT_SIZE,
    "text.color": TEXT,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": TEXT,
    "axes.titlesize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.facecolor": BACKGROUND,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "figure.facecolor": BACKGROUND,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "hatch.linewidth": 1.0,
    "path.simplify": True,
    "axes.unicode_minus": True,
}


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    text = colour.lstrip("#")
    channels = [int(text[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darken(svg: bytes) -> bytes:
    """The dark-scheme variant of a chart: every house colour in a fill or stroke swapped for its DARK twin."""
    text = svg.decode("utf-8")
    # Only colour attributes are touched, never text: a data label stays what it was.
    return _COLOUR_ATTR.sub(lambda m: m.group(1) + DARK.get(m.group(2), m.group(2)), text).encode("utf-8")


MAX_LINES = 3  # a name from the data takes at most this many lines in a chart; the figure's table keeps it whole


def wrap(label: str, width: int = PHONE_CHARS) -> str:
    """A label in at most MAX_LINES lines of width characters (a long word stays whole); a longer one ends in '…'."""
    if len(label) > width * MAX_LINES:
        label = label[: width * MAX_LINES - 1] + "…"
    return (
        "\n".join(textwrap.wrap(label, width, break_long_words=False, max_lines=MAX_LINES, placeholder=" …")) or label
    )


CHAR_WIDTH = 0.58  # average width of a DejaVu Sans character in em, to size margins without drawing
LABEL_CHARS = 36  # a bar's name wraps after this many characters, so long names never squeeze the bars
LINE_HEIGHT = 14  # px of one line of FONT_SIZE text


def label_lines(labels: list[str], width: int = LABEL_CHARS) -> int:
    """The most lines any of the labels takes once wrapped."""
    return max((wrap(str(label), width).count("\n") + 1 for label in labels), default=1)


def bars_height(labels: list[str]) -> int:
    """Height in px of a horizontal bar chart: one row per bar, tall enough for its wrapped name."""
    return 52 + len(labels) * max(24, LINE_HEIGHT * label_lines(labels) + 10)


def panel_chars(width: float, ncols: int) -> int:
    """How many characters of a panel title fit one line of a small multiple's panel."""
    return max(8, int(((width - 24) / ncols - 16) / (FONT_SIZE * CHAR_WIDTH)))
