"""PDF edition: per year the chapters of the page model typeset by Typst (PDF/UA-1, outline, CSVs attached)."""

from __future__ import annotations

import hashlib
import posixpath
import time
from pathlib import Path

from ..model.problems import DataError, Problem, shown
from ..model.progress import SILENT, Progress
from ..render.chapters import CHAPTERS, chapter_path
from ..render.formatting import datum
from ..render.site import TEMPLATES, Cover, Site
from ..validate.texts import MKDOCS_YML
from .files import remove_file, sync_tree, write_file
from .pagetree import parse_page
from .typeset import Chapter, Converter
from .typst_markup import tstr

TEMPLATE = TEMPLATES / "print.typ"
# The fonts of the PDF live in the repository (DejaVu, free licence in fonts/LICENSE): the same bytes on
# every machine, whatever it has installed.
FONTS = TEMPLATES / "fonts"
MAIN = "jaarverslag.typ"
STYLE = "huisstijl.typ"  # the gemeente's colour and logo for print.typ, written per edition
DECISION = "besluit"  # label prefix of the collegebesluit in the print edition


def pdf_name(year: int) -> str:
    """Where a year's PDF goes in the site."""
    return f"{year}/jaarverslag-klachten-{year}.pdf"


def _chapter_paths(site: Site, year: int) -> list[tuple[int, str]]:
    """(number, page path) of the year's numbered chapters, in reading order."""
    return [
        (c.number, chapter_path(year, c.number, c.slug))
        for c in CHAPTERS
        if chapter_path(year, c.number, c.slug) in site.pages
    ]


def _edition_paths(site: Site, year: int) -> list[tuple[str, str]]:
    """(label prefix, page path) in print order: the college's decision first, then the chapters by number.

    The decision carries the conclusions the commissie puts on its agenda; the chapters keep the order their
    numbers, the contents and section 2.3 give (issue 23: no '1, 10, 2' on paper).
    """
    decision = f"{year}/collegebesluit.md"
    first = [(DECISION, decision)] if decision in site.pages else []
    return first + [(f"h{number:02d}", path) for number, path in _chapter_paths(site, year)]


def _attached(site: Site, year: int) -> list[str]:
    """Site paths of the year's CSV files: all of them go inside the PDF."""
    return sorted(p for p in site.files if posixpath.dirname(p) == f"{year}/data" and p.endswith(".csv"))


def input_key(site: Site, cover: Cover, code: str) -> str:
    """Hash of everything an edition is made from: its pages, the year's files, the cover, the Markdown
    extensions of mkdocs.yml and the code (code_key.code_key: every module and template, Typst's version).

    Equal keys give equal PDF bytes, so a year whose key is cached is neither converted nor typeset again.
    """
    digest = hashlib.sha256(repr((cover, code)).encode())
    digest.update(hashlib.sha256(MKDOCS_YML.read_bytes()).digest())
    for _, path in _edition_paths(site, cover.jaar):
        digest.update(path.encode() + b"\0" + hashlib.sha256(site.pages[path].encode()).digest())
    for path in sorted(p for p in site.files if p.startswith(f"{cover.jaar}/") or p == cover.logo):
        digest.update(path.encode() + b"\0" + hashlib.sha256(site.files[path]).digest())
    return digest.hexdigest()


def style_source(kleur: str, logo: str | None) -> str:
    """huisstijl.typ, which print.typ imports: the gemeente's colour and the logo's file name (or none)."""
    return f'#let blauw = rgb("{kleur}")\n#let logo = {tstr(logo) if logo else "none"}\n'


def print_body(site: Site, year: int) -> tuple[str, Converter]:
    """The Typst markup of one year's chapters (Markdown to element tree to Typst), and its converter.

    make check runs this too, so a page that would fail on its way to the PDF fails there already.
    """
    chapters = [
        Chapter(path, prefix, parse_page(site.pages[path]), sections_in_contents=prefix != DECISION)
        for prefix, path in _edition_paths(site, year)
    ]
    converter = Converter(chapters, set(_attached(site, year)))
    return "".join(converter.chapter(c) for c in chapters) + converter.appendix(), converter


def print_sources(site: Site, cover: Cover) -> dict[str, bytes]:
    """The Typst sources of one year's edition: template, document, figures and the CSVs to attach."""
    year = cover.jaar
    attached = _attached(site, year)
    body, converter = print_body(site, year)
    names = ", ".join(tstr(posixpath.basename(p)) for p in attached)
    args = [
        f"gemeente: {tstr(cover.gemeente)}",
        f'jaar: "{year}"',
        f"titel: {tstr(cover.titel)}",
        f"auteur: {tstr(cover.auteur)}",
        f"vastgesteld: {tstr(datum(cover.vastgesteld)) if cover.vastgesteld else 'none'}",
        f"commissie: {tstr(datum(cover.commissie)) if cover.commissie else 'none'}",
        f"raadscommissie: {tstr(cover.raadscommissie)}",
        f"voorbeeld: {'true' if cover.voorbeeld else 'false'}",
        f"bijlagen: ({names}{',' if names else ''})",
    ]
    document = f'#import "print.typ": *\n#show: verslag.with({", ".join(args)})\n\n{body}'
    logo = "logo" + posixpath.splitext(cover.logo)[1] if cover.logo else None
    files = {
        "print.typ": TEMPLATE.read_bytes(),
        MAIN: document.encode("utf-8"),
        STYLE: style_source(cover.kleur, logo).encode("utf-8"),
    }
    if logo and cover.logo:
        files[logo] = site.files[cover.logo]
    files.update({local: site.files[svg] for svg, local in converter.images.items()})
    files.update({posixpath.basename(p): site.files[p] for p in attached})
    return files


def compile_pdf(folder: Path, year: int, main: str = MAIN) -> bytes:
    """Typeset one print folder: tagged PDF/UA-1 with the repository's fonts only; a Typst warning stops the build."""
    import typst

    # Typst releases the GIL, so MkDocs runs on meanwhile. System fonts are ignored: a font missing from
    # fonts/ must fail here, not fall back silently to whatever this machine has.
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(folder / main),
            root=str(folder),
            pdf_standards=["ua-1"],
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
        )
    except typst.TypstError as exc:  # the checks should have caught what causes it: said in Dutch, no traceback
        raise DataError(
            [
                Problem(
                    f"PDF-editie {year}",
                    expected="een PDF die Typst kan zetten",
                    found=shown(getattr(exc, "message", str(exc)), 200),
                    hint="Meld dit aan de beheerder van de site, met de teksten van dit jaar.",
                )
            ]
        ) from None
    if warnings:
        raise DataError(
            [
                Problem(
                    f"PDF-editie {year}",
                    expected="een PDF die Typst zonder waarschuwingen zet",
                    found=shown(getattr(w, "message", str(w)), 200),
                    hint="Meld dit aan de beheerder van de site: de opmaak van de PDF moet worden aangepast.",
                )
                for w in warnings
            ]
        )
    return pdf


def render_pdfs(site: Site, work: Path, code: str, progress: Progress = SILENT) -> tuple[dict[str, bytes], int]:
    """Every year's PDF by site path, reused from work/pdf when its sources are unchanged; and the count typeset."""
    cache = work / "pdf"
    cache.mkdir(parents=True, exist_ok=True)
    jobs = {year: cache / f"{input_key(site, cover, code)}.pdf" for year, cover in sorted(site.covers.items())}
    todo = [y for y, cached in jobs.items() if not cached.is_file()]
    # One year after the other: this runs beside MkDocs, which sets the pace and should keep its core.
    for index, year in enumerate(todo, start=1):
        folder = work / "pdf-bron" / str(year)
        sync_tree(folder, print_sources(site, site.covers[year]))
        write_file(cache, jobs[year].name, compile_pdf(folder, year))
        progress.bar("PDF's", index, len(todo))
    used = {cached.name for cached in jobs.values()}
    for stale in sorted(cache.glob("*.pdf")):
        if stale.name not in used:  # the cache holds one PDF per year: the current one
            remove_file(cache, stale.name)
    return {pdf_name(y): cached.read_bytes() for y, cached in jobs.items()}, len(todo)


def timed_pdfs(
    site: Site, work: Path, code: str, stages: dict[str, float], progress: Progress = SILENT
) -> dict[str, bytes]:
    """render_pdfs, with its wall time kept as the stage 'pdf' (it runs beside MkDocs)."""
    start = time.perf_counter()
    pdfs, typeset = render_pdfs(site, work, code, progress)
    stages["pdf"] = time.perf_counter() - start
    progress.note(f"PDF-edities klaar: {typeset} gezet, {len(pdfs) - typeset} hergebruikt.")
    return pdfs
