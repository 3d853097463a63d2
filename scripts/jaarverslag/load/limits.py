"""Bounds on what the build reads from data/: files stay inside it, and every input is bounded in size and work."""

from __future__ import annotations

import hashlib
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from ..model.problems import Report

# The limits the README lists (section "Grenzen"); each is far above what a real report needs.
MAX_TEXT_BYTES = 100_000  # one chapter text (tekst/*.md): some 15 printed pages
MAX_YEAR_TEXT_BYTES = 200_000  # all chapter texts of one year: 800 kB of text made a 477-page PDF and 1 GB of Typst
MAX_YAML_BYTES = 200_000  # one YAML file (a gemeente.yaml is some 5 kB)
MAX_YAML_DEPTH = 20  # nested lists and blocks in one YAML file
MAX_YAML_ITEMS = 200  # entries of one list or block: departments, labels, measures, besluitpunten...
MAX_NUMBER_CHARS = 15  # a number in a YAML file (digits, sign and point)
MAX_REGISTER_ROWS = 1_000_000  # rows of one register (CSV or Excel)
MAX_XLSX_COLUMNS = 100  # columns of an Excel register's sheet
MAX_XLSX_XML_BYTES = 32 * 2**20  # the unpacked sheet of an Excel register (50.000 rows: some 30 MB; openpyxl is slow)
MAX_LOGO_PIXELS = 4096 * 4096  # a PNG logo, counted from its header before anything decodes it
MAX_LOGO_SIDE = 8192  # pixels along one side of a PNG logo
MAX_SVG_ELEMENTS = 5_000  # elements of an SVG logo

# Anything in an SVG logo that could run, load from elsewhere or multiply the work of drawing it.
_SVG_REFUSED_TAGS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "use",
    "image",
    "feimage",
    "animate",
    "set",
    "animatemotion",
    "animatetransform",
    "handler",
    "listener",
}
_SVG_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def nl(number: int) -> str:
    """A whole number with a Dutch thousands separator."""
    return f"{number:,}".replace(",", ".")


def inside_data(root: Path, path: Path) -> bool:
    """True when path, with every symbolic link followed, lies inside the data folder."""
    real_root = root.resolve()
    real = path.resolve()
    return real == real_root or real.is_relative_to(real_root)


def file_digest(root: Path, path: Path) -> bytes:
    """SHA-256 of a file under data/, streamed (a huge file costs time, not memory); a file whose link leaves
    data/ is not read: its digest is that of where it points, and the data stage refuses it."""
    if not inside_data(root, path):
        return hashlib.sha256(b"buiten:" + str(path.resolve()).encode()).digest()
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def check_inside(root: Path, path: Path, file: str, report: Report) -> bool:
    """Refuse (in Dutch, naming the file) a path whose symbolic link leads out of data/ or to no plain file."""
    if not inside_data(root, path):
        report.error(
            file,
            expected=f"een bestand binnen de map {root.name}/",
            found="een snelkoppeling (symbolische koppeling) naar een plek buiten die map",
            hint=f"Zet het bestand zelf in {root.name}/; de build leest niets van buiten die map.",
        )
        return False
    return True


def check_size(size: int, limit: int, file: str, report: Report, what: str = "een bestand") -> bool:
    """Refuse a file larger than its limit, before it is read."""
    if size <= limit:
        return True
    report.error(
        file,
        expected=f"{what} van hoogstens {nl(limit)} bytes",
        found=f"{nl(size)} bytes",
        hint="Is er per ongeluk iets anders in geplakt? Splits of kort de tekst in.",
    )
    return False


def png_size(blob: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header (the IHDR chunk), without decoding a pixel; None when absent."""
    if len(blob) < 24 or blob[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", blob[16:24])


def check_png(blob: bytes, where: tuple[str, int, str], report: Report) -> bool:
    """A PNG logo whose declared size stays within the pixel limit (a small file can unpack to gigabytes)."""
    size = png_size(blob)
    if size is None:
        report.error(
            *where,
            "een PNG-bestand met een geldige kop",
            "een beschadigd PNG-bestand",
            "Sla het logo opnieuw op als PNG.",
        )
        return False
    width, height = size
    if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE or width * height > MAX_LOGO_PIXELS:
        report.error(
            *where,
            f"een logo van hoogstens {nl(MAX_LOGO_PIXELS)} pixels (bijvoorbeeld 4096 × 4096)",
            f"{nl(width)} × {nl(height)} pixels",
            "Verklein het logo; bovenaan een pagina is 400 pixels breed ruim genoeg.",
        )
        return False
    return True


def svg_problem(blob: bytes) -> str | None:
    """What makes an SVG logo unsafe (in Dutch), or None: no DTD, script, events, outside references or <use>."""
    head = blob[:65536].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        return "een DOCTYPE- of ENTITY-verklaring"
    try:
        root = ET.fromstring(blob)
    except ET.ParseError:
        return "een SVG-bestand dat geen geldige XML is"
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_SVG_ELEMENTS:
            return f"meer dan {nl(MAX_SVG_ELEMENTS)} elementen"
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_REFUSED_TAGS:
            return f"het element <{tag}>"
        if tag == "style" and (_SVG_URL.search(element.text or "") or "@import" in (element.text or "")):
            return "een stijl die een ander bestand laadt"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"het gebeurtenisattribuut {local}"
            if local == "href" and not value.strip().startswith("#"):
                return "een verwijzing naar een ander bestand of adres"
            if _SVG_URL.search(value):
                return "een verwijzing naar een ander bestand of adres"
    return None


# A line longer than this in any text file is a paste accident, refused before any parser sees it.
MAX_LINE_CHARS = 100_000


def check_line_length(text: str, file: str, report: Report) -> bool:
    """Refuse a file with an absurdly long line (a paste accident) before any parser sees it."""
    lengths = [len(line) for line in text.split("\n")]
    longest = max(lengths)
    if longest <= MAX_LINE_CHARS:
        return True
    report.error(
        file,
        lengths.index(longest) + 1,
        expected=f"regels van hoogstens {MAX_LINE_CHARS:,} tekens".replace(",", "."),
        found=f"een regel van {longest:,} tekens".replace(",", "."),
        hint="Is er per ongeluk een heel document in één cel of regel geplakt?",
    )
    return False


def read_text(
    path: Path, file: str, report: Report, limit: int = MAX_YAML_BYTES, what: str = "een bestand"
) -> str | None:
    """Read a small text file as UTF-8, reporting too large, empty, binary, undecodable and overlong files."""
    if not path.is_file():
        report.error(file, expected="een gewoon bestand", found="een map, apparaat of verwijzing naar niets")
        return None
    if not check_size(path.stat().st_size, limit, file, report, what):
        return None
    data = path.read_bytes()
    if not data.strip():
        report.error(file, expected="een bestand met inhoud", found="een leeg bestand")
        return None
    if b"\x00" in data[:8192]:
        report.error(
            file, expected="een tekstbestand", found="een binair bestand", hint="Sla het bestand op als tekst (UTF-8)."
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(
            file,
            data[: exc.start].count(b"\n") + 1,
            expected="tekst in UTF-8",
            found=f"de byte 0x{data[exc.start]:02X}",
            hint="Sla het bestand op als UTF-8 (Kladblok: Opslaan als, codering UTF-8).",
        )
        return None
    return text if check_line_length(text, file, report) else None
