"""'In één oogopslag': each year's one-page brief typeset by Typst (PDF/UA-1, like the full edition), beside MkDocs."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from ..model.problems import DataError, Problem
from ..model.progress import SILENT, Progress
from ..render.brief import brief_path
from ..render.site import TEMPLATES, Site
from .files import remove_file, sync_tree, write_file
from .pagetree import parse_page
from .pdf import STYLE, TEMPLATE, compile_pdf, pdf_name, style_source, timed_pdfs
from .typeset import Chapter, Converter
from .typst_markup import tstr

MAIN = "oogopslag-document.typ"
LAYOUT = TEMPLATES / "oogopslag.typ"
_PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")  # a page object of the PDF (not the /Pages tree)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF Typst wrote (its page objects are never compressed into object streams)."""
    return len(_PAGE.findall(pdf))


def address(site_url: str, year: int) -> str | None:
    """The web address of the year's report when the site's address is known, else None."""
    return f"{site_url.rstrip('/')}/{year}/" if site_url else None


def brief_sources(site: Site, year: int, markdown: str, site_url: str) -> dict[str, bytes]:
    """The Typst sources of one draft: layout, print.typ (for its tables), the house style and the document."""
    cover = site.covers[year]
    chapter = Chapter(brief_path(year), "oog", parse_page(markdown), sections_in_contents=False)
    body = Converter([chapter], set()).chapter(chapter)
    where = address(site_url, year)
    args = [
        f"gemeente: {tstr(cover.gemeente)}",
        f'jaar: "{year}"',
        f"titel: {tstr(cover.titel + ' in één oogopslag')}",
        f"auteur: {tstr(cover.auteur)}",
        f"adres: {tstr(where) if where else 'none'}",
        f"verslag: {tstr(pdf_name(year).rsplit('/', 1)[1])}",
        f"voorbeeld: {'true' if cover.voorbeeld else 'false'}",
    ]
    document = f'#import "oogopslag.typ": *\n#show: oogopslag.with({", ".join(args)})\n\n{body}'
    return {
        "print.typ": TEMPLATE.read_bytes(),
        "oogopslag.typ": LAYOUT.read_bytes(),
        STYLE: style_source(cover.kleur, None).encode("utf-8"),
        MAIN: document.encode("utf-8"),
    }


def input_key(site: Site, year: int, site_url: str, code: str) -> str:
    """Hash of everything a brief is made from: its drafts, cover, address and the code (templates, Typst)."""
    return hashlib.sha256(repr((site.briefs[year], site.covers[year], site_url, code)).encode()).hexdigest()


def typeset_brief(site: Site, year: int, folder: Path, site_url: str) -> bytes:
    """The fullest draft that Typst sets on one page; a DataError when even the shortest takes more."""
    for markdown in site.briefs[year]:
        sync_tree(folder, brief_sources(site, year, markdown, site_url))
        pdf = compile_pdf(folder, year, MAIN)
        if page_count(pdf) == 1:
            return pdf
    raise DataError(
        [
            Problem(
                f"In één oogopslag {year}",
                expected="één pagina A4",
                found="meer dan één pagina, ook met de kortste versie",
                hint="Meld dit aan de beheerder van de site: de opmaak van de samenvatting moet worden aangepast.",
            )
        ]
    )


def render_briefs(site: Site, work: Path, code: str, site_url: str = "") -> tuple[dict[str, bytes], int]:
    """Every year's brief by site path, reused from work/oogopslag when its sources are unchanged; and the count set."""
    cache = work / "oogopslag"
    cache.mkdir(parents=True, exist_ok=True)
    jobs = {year: cache / f"{input_key(site, year, site_url, code)}.pdf" for year in sorted(site.briefs)}
    todo = [y for y, cached in jobs.items() if not cached.is_file()]
    for year in todo:
        write_file(cache, jobs[year].name, typeset_brief(site, year, work / "oogopslag-bron" / str(year), site_url))
    used = {cached.name for cached in jobs.values()}
    for stale in sorted(cache.glob("*.pdf")):
        if stale.name not in used:
            remove_file(cache, stale.name)
    return {brief_path(y): cached.read_bytes() for y, cached in jobs.items()}, len(todo)


def timed_editions(
    site: Site, work: Path, code: str, stages: dict[str, float], progress: Progress = SILENT, site_url: str = ""
) -> dict[str, bytes]:
    """The full editions (pdf.timed_pdfs) and then the briefs; the briefs' time kept as the stage 'oogopslag'."""
    start = time.perf_counter()
    pdfs = timed_pdfs(site, work, code, stages, progress)
    mark = time.perf_counter()
    briefs, typeset = render_briefs(site, work, code, site_url)
    stages["oogopslag"] = time.perf_counter() - mark
    stages["pdf"] = time.perf_counter() - start  # the whole job beside MkDocs; 'oogopslag' is part of it
    progress.note(f"In één oogopslag: {typeset} gezet, {len(briefs) - typeset} hergebruikt.")
    return {**pdfs, **briefs}
