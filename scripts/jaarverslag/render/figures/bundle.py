"""A figure as a bundle (SVG, title, alt text, table, CSV, source, number) and the one save step."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...model.indicators import Ratio
from ..formatting import Md, getal, pad, procent
from ..tables import safe_cell
from . import marks, style

if TYPE_CHECKING:  # annotations only: site.py imports this module, and matplotlib stays unimported
    from matplotlib.typing import RcKeyType

    from ..site import Site

# Kind of chart -> how the alt text names it. charts.CHARTS has the same keys (checked by a test);
# it is not imported here so that building pages never pays matplotlib's import.
KINDS = {
    "staven": "Staafdiagram",
    "kolommen": "Kolomdiagram",
    "trend": "Lijndiagram",
    "histogram": "Histogram",
    "kleine_veelvouden": "Reeks kleine lijndiagrammen",
}
# The four files of a chart: wide and phone, light and dark ("" is the wide light one, used by the PDF).
VARIANTS = ("", "-donker", "-smal", "-smal-donker")
MARKS = "-waarden"  # beside the variants: where the values sit in both layouts (marks.to_json), cached, not published
# The name of each drawn file in the figure cache, after the figure's key.
CACHED = {**{v: v + ".svg" for v in VARIANTS}, MARKS: MARKS + ".json"}
WIDTH = 640  # px: every figure's wide variant
PHONE_MEDIA = "(max-width: 44.9375em)"  # Material's breakpoint below which the content fills the screen
_NUMBER = re.compile(r"^[0-9A-Za-z]+\.[0-9]+$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Column:
    """A column of a figure's data table: header shown, CSV header, and the cell kind."""

    header: str
    csv: str


@dataclass
class Bundle:
    """Everything a reader gets with one figure; incomplete bundles are refused (a bug, not a data error)."""

    name: str  # file stem, unique within its folder
    folder: str  # "2020" for a year, "" for site-wide figures
    number: str  # "4.1", from Numbering.figure()
    title: str  # the headline: states the message
    subtitle: str  # the statistics: measure, unit, period, n
    kind: str  # key of charts.CHARTS
    chart: dict[str, Any]  # plain, JSON-able arguments of the chart function (each kind its own)
    width: int
    height: int
    caption: str  # caption of the data table
    columns: list[Column]
    rows: list[list[object]]  # plain cells: str, int, Decimal, Ratio or None
    source: str
    alt: str = ""  # generated from the data by the builder; an override replaces it
    footer: list[object] | None = None
    open: bool = False  # show the data table unfolded
    alt_override: str | None = None

    def __post_init__(self) -> None:
        """Refuse a bundle with a missing part."""
        missing = [
            part
            for part in ("name", "number", "title", "subtitle", "kind", "caption", "source")
            if not str(getattr(self, part)).strip()
        ]
        if not (self.alt_override or self.alt).strip():
            missing.append("alt")
        if not self.columns or not self.rows or not self.chart:
            missing.append("table/chart data")
        if self.width <= 0 or self.height <= 0:
            missing.append("width/height")
        if missing:
            raise ValueError(f"figure {self.number or self.name!r} is missing: {', '.join(missing)}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if not _NUMBER.match(self.number) or not _NAME.match(self.name):
            raise ValueError(f"bad figure number or name: {self.number!r} {self.name!r}")
        if any(len(row) != len(self.columns) for row in self.rows):
            raise ValueError(f"figure {self.number}: a row does not match the columns")

    @property
    def anchor(self) -> Md:
        """Stable anchor: figuur-4-1."""
        return pad("figuur-" + self.number.replace(".", "-"))

    @property
    def alt_text(self) -> str:
        """The alt text as published: the override when given."""
        return self.alt_override or self.alt

    @property
    def svg_path(self) -> str:
        """Path of the SVG under docs."""
        return posixpath.join(self.folder, "figuren", self.name + ".svg")

    def variant_path(self, variant: str) -> str:
        """Path under docs of one of the VARIANTS of the SVG."""
        return posixpath.join(self.folder, "figuren", self.name + variant + ".svg")

    @property
    def phone_media(self) -> str:
        """The media query under which the phone variant is shown."""
        return PHONE_MEDIA

    @property
    def phone_size(self) -> tuple[int, int]:
        """Width and height in px of the phone variant."""
        return style.PHONE_WIDTH, phone_height(self.kind, self.chart)

    def url(self, target: str, page: str) -> str:
        """A path relative to the page's URL (directory URLs), for raw HTML that MkDocs does not rewrite."""
        stem = posixpath.splitext(page)[0]
        folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        return posixpath.relpath(target, folder or ".")

    @property
    def marks_path(self) -> str:
        """Path under docs of the stylesheet that places the figure's marks over its picture."""
        return posixpath.join(self.folder, "figuren", self.name + MARKS + ".css")

    @property
    def marks_scope(self) -> str:
        """The class of the figure's marks, unique on the site (folder and name)."""
        return "-".join(part for part in ("waarden", re.sub(r"[^a-z0-9]+", "-", self.folder), self.name) if part)

    @property
    def mark_labels(self) -> list[Md]:
        """What each mark over the picture says: its row of the table as shown."""
        return marks.labels(self.columns, self.table_rows, self.kind, self.chart)

    def marks_css(self, cached: bytes) -> bytes:
        """The stylesheet at marks_path, from the marks the figure cache kept (render_variants' MARKS)."""
        count = len(marks.mark_rows(self.kind, self.chart))
        return marks.stylesheet(
            self.marks_scope, cached, count, (self.width, self.height), self.phone_size, PHONE_MEDIA
        )

    @property
    def csv_path(self) -> str:
        """Path of the CSV under docs."""
        return posixpath.join(self.folder, "data", self.name + ".csv")

    def link(self, target: str, page: str) -> Md:
        """A path relative to the page's Markdown file (MkDocs turns it into the right URL)."""
        return pad(posixpath.relpath(target, posixpath.dirname(page) or "."))

    @property
    def csv_bytes(self) -> bytes:
        """The data table as CSV: plain numbers, dot as decimal separator, formula cells neutralised."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([safe_cell(c.csv) for c in self.columns])
        for row in self.rows:
            writer.writerow([_csv_cell(v) for v in row])
        return out.getvalue().encode("utf-8")

    @property
    def csv_label(self) -> str:
        """Type and size of the download: CSV, 2 kB."""
        return f"CSV, {size_label(len(self.csv_bytes))}"

    @property
    def table_rows(self) -> list[list[Md | str]]:
        """The rows as shown: Dutch numbers; text cells stay plain (escaped by the template)."""
        return [[_shown(v) for v in row] for row in self.rows]

    @property
    def table_footer(self) -> list[Md | str] | None:
        """The footer as shown."""
        return None if self.footer is None else [_shown(v) for v in self.footer]

    def key(self, code: str) -> str:
        """Hash of the chart's data and the code (code_key.code_key): equal keys give equal SVG bytes."""
        payload = json.dumps(
            [self.kind, self.chart, self.width, self.height], sort_keys=True, ensure_ascii=False, default=str
        )
        return hashlib.sha256((code + payload).encode("utf-8")).hexdigest()


def _row_height(labels: list[str]) -> int:
    """Height in px of one bar with its (wrapped) name above it, on a phone."""
    lines = max((style.wrap(str(label)).count("\n") + 1 for label in labels), default=1)
    return 30 + 15 * lines


def phone_height(kind: str, chart: dict[str, Any]) -> int:
    """Height in px of a chart's phone variant: taller than wide where the rows need it."""
    if kind in ("staven", "kolommen"):
        return 46 + len(chart["labels"]) * _row_height(chart["labels"])
    if kind == "kleine_veelvouden":
        names = [str(name) for name, _ in chart["panels"]]
        return 36 + -(-len(names) // 2) * (140 + 14 * (style.label_lines(names, style.PANEL_CHARS) - 1))
    return 300


def _shown(value: object) -> Md | str:
    """A cell as a reader sees it."""
    if isinstance(value, Ratio):
        return procent(value)
    if isinstance(value, bool) or value is None:
        return Md("n.v.t.") if value is None else Md("ja" if value else "nee")
    if isinstance(value, int):
        return getal(value)
    if isinstance(value, (Decimal, float)):
        return getal(Decimal(str(value)), 1)
    return str(value)


def _csv_cell(value: object) -> str:
    """A cell for machines: a plain number, or empty."""
    if isinstance(value, Ratio):
        return "" if value.procent is None else str(value.procent)
    if value is None:
        return ""
    if isinstance(value, (int, Decimal, float)):
        return str(value)
    return safe_cell(value)


def size_label(size: int) -> str:
    """A file size in Dutch: 0,3 kB, 1,2 kB, 14 kB."""
    kb = max(Decimal(size) / 1000, Decimal("0.1"))
    return f"{getal(kb, 1 if kb < 10 else 0)} kB"


def render_svg(kind: str, chart: dict[str, Any], width: int, height: int, phone: bool = False) -> bytes:
    """The save step: draw with the house style and return deterministic SVG bytes of width x height px."""
    return _draw(kind, chart, width, height, phone)[0]


def _draw(
    kind: str, chart: dict[str, Any], width: int, height: int, phone: bool = False
) -> tuple[bytes, list[marks.Box]]:
    """render_svg, with the box of every mark as drawn."""
    from matplotlib import rc_context

    from . import charts

    rc: dict[RcKeyType, Any] = {**style.RC, "font.size": style.PHONE_FONT} if phone else style.RC
    with rc_context(rc):
        fig = charts.CHARTS[kind](**chart, width=width, height=height, **({"phone": True} if phone else {}))
        out = io.BytesIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
        boxes = marks.extract(fig, kind)
    svg = out.getvalue()
    # matplotlib gives the size in pt; a size in px makes the file match the <img> it is shown in.
    head, rest = svg.split(b"<svg", 1)[0], svg.split(b"<svg", 1)[1]
    rest = re.sub(
        rb'width="[0-9.]+pt" height="[0-9.]+pt"', f'width="{width}" height="{height}"'.encode(), rest, count=1
    )
    return head + b"<svg" + rest, boxes


def render_variants(kind: str, chart: dict[str, Any], width: int, height: int) -> dict[str, bytes]:
    """The SVG of every variant of one chart, by variant suffix (the dark ones are recoloured copies), and MARKS."""
    wide, at_wide = _draw(kind, chart, width, height)
    narrow, at_narrow = _draw(kind, chart, style.PHONE_WIDTH, phone_height(kind, chart), phone=True)
    return {
        "": wide,
        "-donker": style.darken(wide),
        "-smal": narrow,
        "-smal-donker": style.darken(narrow),
        MARKS: marks.to_json(at_wide, at_narrow),
    }


def collect(site: Site, page_path: str, markdown: str, figuren: object) -> None:
    """Register a page's figures on the site; each must be placed on its page and have a unique path."""
    for b in _flatten([figuren]):  # a page's figuren: None, or a dict or list of bundles
        if f'id="{b.anchor}"' not in markdown:
            raise ValueError(f"figure {b.number} ({b.name}) is in the context of {page_path} but not placed")
        if b.svg_path in site.bundles:
            raise ValueError(f"two figures with the path {b.svg_path}")
        site.bundles[b.svg_path] = b


def _flatten(items: Iterable[object]) -> list[Bundle]:
    """Bundles from a list or dict that may nest lists and dicts (e.g. the dashboard's groups)."""
    found: list[Bundle] = []
    for item in items:
        if isinstance(item, Bundle):
            found.append(item)
        elif isinstance(item, dict):
            found += _flatten(item.values())
        elif isinstance(item, (list, tuple)):
            found += _flatten(item)
    return found
