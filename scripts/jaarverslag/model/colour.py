"""Colours of the house style: WCAG contrast and tints, shared by validation, the site's CSS and the PDF."""

from __future__ import annotations

WHITE = "#ffffff"
BLACK = "#000000"
# Material's dark (slate) background, hsla(232, 15%, 21%): links on it need a lighter tint of the colour.
SLATE_BACKGROUND = "#2e303e"
DEFAULT_COLOUR = "#4051b5"  # Material's indigo, the look of the site before colours were data
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA, normal text (1.4.3)
DARK_LINK_CONTRAST = 7.0  # links on slate: as quiet text there, 7:1 (AAA) rather than the bare minimum


def rgb(colour: str) -> tuple[int, int, int]:
    """#rrggbb as three integers."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_colour(values: tuple[float, float, float]) -> str:
    """Three channel values (0–255) as #rrggbb."""
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in values)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`share` of colour mixed with (1 - share) of other."""
    (r1, g1, b1), (r2, g2, b2) = rgb(colour), rgb(other)
    return hex_colour((r1 * share + r2 * (1 - share), g1 * share + g2 * (1 - share), b1 * share + b2 * (1 - share)))


def toward(colour: str, target: str, background: str, minimum: float) -> str:
    """The colour moved toward target (white or black) in 1 % steps until it has `minimum` contrast on background."""
    for step in range(101):
        candidate = mix(colour, target, 1 - step / 100)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def link_on_dark(colour: str) -> str:
    """The tint of the colour that links and the current nav entry get on the dark scheme."""
    return toward(colour, WHITE, SLATE_BACKGROUND, DARK_LINK_CONTRAST)


def darker_suggestion(colour: str) -> str:
    """The nearest darker shade on which white text reaches AA: a hint for a colour that is too light."""
    return toward(colour, BLACK, WHITE, MIN_TEXT_CONTRAST + 0.05)
