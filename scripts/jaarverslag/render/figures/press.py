"""The press layout: one figure as a 16:9 PNG with its headline, statistics and source drawn in (light scheme)."""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from . import style

if TYPE_CHECKING:  # annotations only: matplotlib is imported where a picture is drawn
    from matplotlib.figure import Figure

    from .bundle import Bundle

# The picture is laid out on an 800 x 450 grid and drawn at SCALES times that: 1200 x 675 and 2400 x 1350 px.
WIDTH, HEIGHT, MARGIN = 800, 450, 24
SCALES = {"": 1.5, "@2x": 3.0}
TITLE_SIZE, SUBTITLE_SIZE, FOOT_SIZE = 20.0, 12.0, 10.5
TITLE_CHARS, SUBTITLE_CHARS, FOOT_CHARS = 62, 110, 120  # per line, at those sizes, within the margins
SQUEEZE = 0.75  # a tall chart is first laid out this much lower than on the site, before it is shrunk
TITLE_LINES = 2  # a longer headline ends in '…': the site and the figure's CSV keep it whole


def _lines(text: str, width: int, most: int) -> list[str]:
    """A data string in at most `most` lines of `width` characters; what does not fit ends in ' …'."""
    return textwrap.wrap(" ".join(text.split()), width, max_lines=most, placeholder=" …") or [""]


def credit(bundle: Bundle, report: str) -> str:
    """The line at the foot: figure number and the report it comes from ('Figuur 4.1, Jaarverslag klachten …')."""
    return f"Figuur {bundle.number}, {report}"


def _chart_pixels(bundle: Bundle, width: float, height: float, scale: float):
    """The bundle's chart drawn by its own chart function into at most width x height grid px, as RGBA pixels."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from . import charts

    # A chart that needs more height than the frame has (many bars, many panels) is drawn taller and shrunk to
    # fit: to three quarters of its own height first (the chart functions lay out any size), then scaled.
    tall = max(height, bundle.height * SQUEEZE)
    shrink = height / tall
    figure = charts.CHARTS[bundle.kind](**bundle.chart, width=width / shrink, height=tall)
    figure.set_dpi(style.DPI * scale * shrink)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def press_figure(bundle: Bundle, report: str, scale: float) -> Figure:
    """The press picture of one figure as a matplotlib Figure: headline, statistics line, chart, source and credit."""
    from matplotlib.figure import Figure

    dpi = style.DPI * scale
    figure = Figure(figsize=(WIDTH / style.DPI, HEIGHT / style.DPI), dpi=dpi, facecolor=style.BACKGROUND)
    title = _lines(bundle.title, TITLE_CHARS, TITLE_LINES)
    subtitle = _lines(bundle.subtitle, SUBTITLE_CHARS, 2)
    top = float(HEIGHT - MARGIN)
    # Positions in grid px from the bottom; a text's baseline sits one line below the top of its line.
    figure.text(
        MARGIN / WIDTH,
        top / HEIGHT,
        "\n".join(title),
        fontsize=TITLE_SIZE,
        weight="bold",
        color=style.TEXT,
        va="top",
        linespacing=1.15,
    )
    top -= len(title) * TITLE_SIZE * 1.3 + 6
    figure.text(
        MARGIN / WIDTH,
        top / HEIGHT,
        "\n".join(subtitle),
        fontsize=SUBTITLE_SIZE,
        color=style.MUTED,
        va="top",
        linespacing=1.15,
    )
    top -= len(subtitle) * SUBTITLE_SIZE * 1.3 + 10
    foot = MARGIN + FOOT_SIZE * 2.6  # two foot lines: the source, then the credit
    figure.text(
        MARGIN / WIDTH,
        (MARGIN + FOOT_SIZE * 1.4) / HEIGHT,
        _lines(bundle.source, FOOT_CHARS, 1)[0],
        fontsize=FOOT_SIZE,
        color=style.MUTED,
        va="bottom",
    )
    figure.text(
        MARGIN / WIDTH,
        MARGIN / HEIGHT,
        _lines(credit(bundle, report), FOOT_CHARS, 1)[0],
        fontsize=FOOT_SIZE,
        color=style.MUTED,
        va="bottom",
    )
    pixels = _chart_pixels(bundle, WIDTH - 2 * MARGIN, top - foot - 8, scale)
    rows, columns = pixels.shape[:2]
    # figimage puts the pixels unscaled: the chart was drawn at this picture's density, so nothing is resampled.
    left = MARGIN * scale + ((WIDTH - 2 * MARGIN) * scale - columns) / 2
    figure.figimage(pixels, xo=round(left), yo=round(top * scale - rows), origin="upper")
    return figure


def press_png(bundle: Bundle, report: str, scale: float) -> bytes:
    """The press picture as PNG bytes: no date or software version in it, so the same figure gives the same bytes."""
    from matplotlib import rc_context

    with rc_context(style.RC):  # also 'text.parse_math': False, so a '$' in a label stays a dollar
        figure = press_figure(bundle, report, scale)
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=style.DPI * scale, metadata={"Software": None})
    return out.getvalue()


def kit_path(year: int) -> str:
    """Where a year's press kit goes in the site (written only by make publish)."""
    return f"{year}/perskit-klachten-{year}.zip"


def kit_bundles(bundles: list[Bundle], year: int, newest: int) -> list[Bundle]:
    """The figures in a year's press kit: the year's own, and for the newest year also the trends across years."""
    folders = {str(year), ""} if year == newest else {str(year)}
    return sorted((b for b in bundles if b.folder in folders), key=lambda b: (b.folder == "", b.number, b.name))


def kit_name(bundle: Bundle, suffix: str) -> str:
    """A picture's name in the kit, led by its figure number: figuur-4-1-ontvangen-afdeling@2x.png."""
    return f"figuur-{bundle.number.replace('.', '-')}-{bundle.name}{suffix}.png"


def kit_readme(bundles: list[Bundle], report: str) -> str:
    """LEESMIJ.txt of a kit: per picture its headline, statistics, source and the description for who cannot see it."""
    parts = [
        f"Perskit {report}\n\nElke figuur staat er twee keer in: 1200 x 675 pixels, en dezelfde met @2x in de naam "
        "op 2400 x 1350 pixels voor schermen met een hoge resolutie. Vermeld de bron die onder elke figuur staat. "
        "De tabel bij elke figuur staat in het verslag en als CSV-bestand in de open data van het jaar.\n"
    ]
    for b in bundles:
        parts.append(
            f"\n{kit_name(b, '')}\nFiguur {b.number}: {b.title}\n{b.subtitle}\n{b.source}\n"
            f"Beschrijving (alt-tekst): {b.alt_text}\n"
        )
    return "".join(parts)
