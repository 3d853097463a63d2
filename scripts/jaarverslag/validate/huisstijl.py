"""Checks of the house style in gemeente.yaml: a colour that keeps the site WCAG AA, a logo that is really there."""

from __future__ import annotations

import math
from pathlib import Path

from ..load.limits import check_png, check_size, svg_problem
from ..load.yaml_doc import YamlDoc
from ..model.colour import MIN_TEXT_CONTRAST, WHITE, contrast, darker_suggestion
from ..model.problems import Report
from ..model.schema import Gemeente

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_LOGO_BYTES = 1_000_000  # a logo is shown in every page's header: a large file slows every page
MAX_LOGO_READ = 10_000_000  # above this a logo is not read at all


def _ratio(value: float) -> str:
    """A contrast ratio as a Dutch reader writes it, rounded down (4.47 is 4,4:1, never a passing 4,5:1)."""
    return f"{math.floor(value * 10) / 10:.1f}".replace(".", ",") + ":1"


def check_colour(doc: YamlDoc, gemeente: Gemeente, report: Report) -> None:
    """White text on the colour (header, tabs) must reach 4.5:1, and so must links in the colour on white."""
    kleur = gemeente.huisstijl.kleur
    ratio = contrast(WHITE, kleur)
    if ratio < MIN_TEXT_CONTRAST:
        report.error(
            doc.file,
            doc.line(("huisstijl", "kleur")),
            "huisstijl.kleur",
            "een kleur waarop witte tekst een contrast van ten minste 4,5:1 heeft (WCAG AA)",
            f"{kleur} (contrast {_ratio(ratio)})",
            f"Kies een donkerder tint, bijvoorbeeld {darker_suggestion(kleur)}: de kop van elke pagina "
            "heeft witte tekst op deze kleur, en links hebben deze kleur op wit.",
        )


def check_logo(root: Path, doc: YamlDoc, gemeente: Gemeente, report: Report) -> bytes | None:
    """The logo file named in gemeente.yaml: inside data/, present, really an SVG or PNG. Returns its bytes."""
    name = gemeente.huisstijl.logo
    if name is None:
        return None
    where = (doc.file, doc.line(("huisstijl", "logo")), "huisstijl.logo")
    path = root / name
    folder = root.resolve()
    if path.is_symlink() or folder not in path.resolve().parents:
        report.error(
            *where,
            "een bestand in de map data/ zelf",
            name,
            "Zet het logo naast gemeente.yaml, niet via een snelkoppeling naar elders.",
        )
        return None
    if not path.is_file():
        report.error(
            *where,
            f"het bestand {root.name}/{name}",
            "geen bestand",
            "Zet het logo naast gemeente.yaml of verbeter de naam (hoofdletters tellen mee).",
        )
        return None
    if not check_size(path.stat().st_size, MAX_LOGO_READ, doc.file, report, "een logo"):
        return None
    blob = path.read_bytes()
    is_svg = name.endswith(".svg")
    if (is_svg and b"<svg" not in blob[:4096]) or (not is_svg and not blob.startswith(PNG_SIGNATURE)):
        report.error(
            *where,
            f"een echt {'SVG' if is_svg else 'PNG'}-bestand",
            f"{name} met een andere inhoud",
            "Sla het logo opnieuw op als SVG of PNG; een andere extensie geven is niet genoeg.",
        )
        return None
    # An SVG is served from the site's own address (a script in it would run there) and drawn into the PDF;
    # a PNG is decoded for the PDF: both are checked before anything renders them.
    problem = svg_problem(blob) if is_svg else None
    if problem:
        report.error(
            *where,
            "een eenvoudig SVG-logo (vormen en tekst)",
            f"{name} met {problem}",
            "Exporteer het logo opnieuw als eenvoudig SVG (zonder scripts, koppelingen of <use>), of als PNG.",
        )
        return None
    if not is_svg and not check_png(blob, where, report):
        return None
    if len(blob) > MAX_LOGO_BYTES:
        report.warn(
            *where,
            "een logo van hoogstens 1 MB",
            f"{len(blob) // 1000} kB",
            "Verklein het logo: het staat bovenaan elke pagina.",
        )
    return blob


def check_huisstijl(root: Path, doc: YamlDoc, gemeente: Gemeente, report: Report) -> bytes | None:
    """Colour and logo; returns the logo's bytes (None without a logo or with a problem)."""
    check_colour(doc, gemeente, report)
    return check_logo(root, doc, gemeente, report)
