"""PDF edition: per year the chapters of the page model typeset by Typst (PDF/UA-1, outline, CSVs attached)."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .chapters import CHAPTERS, chapter_path
from .fmt import datum
from .typeset import Chapter, Converter, parse_page, tstr

TEMPLATE = Path(__file__).parent / "templates" / "print.typ"
MAIN = "jaarverslag.typ"


@dataclass(frozen=True)
class Cover:
    """The facts on a year's cover, from the data model (never read back from a sentence)."""

    gemeente: str
    jaar: int
    vastgesteld: dt.date | None
    commissie: dt.date | None
    voorbeeld: bool


def cover_of(data, year: int) -> Cover:
    """The cover facts of one year: gemeente, year, adoption dates, example-data flag."""
    verslag = data.years[year].verslag
    return Cover(data.gemeente.naam, int(year), verslag.vastgesteld_college, verslag.commissie_bestuur,
                 verslag.voorbeeldgegevens)


def pdf_name(year: int) -> str:
    """Where a year's PDF goes in the site."""
    return f"{year}/jaarverslag-klachten-{year}.pdf"


def print_sources(site, cover: Cover) -> dict[str, bytes]:
    """The Typst sources of one year's edition: template, document, figures and the CSVs to attach."""
    year = cover.jaar
    chapters = [Chapter(chapter_path(year, number, slug), f"h{number:02d}",
                        parse_page(site.pages[chapter_path(year, number, slug)]))
                for number, slug, _ in CHAPTERS if chapter_path(year, number, slug) in site.pages]
    attached = sorted(p for p in site.files if posixpath.dirname(p) == f"{year}/data" and p.endswith(".csv"))
    converter = Converter(chapters, set(attached))
    body = "".join(converter.chapter(c) for c in chapters) + converter.appendix()
    names = ", ".join(tstr(posixpath.basename(p)) for p in attached)
    args = [f"gemeente: {tstr(cover.gemeente)}", f'jaar: "{year}"',
            f"vastgesteld: {tstr(datum(cover.vastgesteld)) if cover.vastgesteld else 'none'}",
            f"commissie: {tstr(datum(cover.commissie)) if cover.commissie else 'none'}",
            f"voorbeeld: {'true' if cover.voorbeeld else 'false'}", f"bijlagen: ({names}{',' if names else ''})"]
    document = ('#import "print.typ": *\n'
                f"#show: verslag.with({', '.join(args)})\n\n{body}")
    files = {"print.typ": TEMPLATE.read_bytes(), MAIN: document.encode("utf-8")}
    files.update({local: site.files[svg] for svg, local in converter.images.items()})
    files.update({posixpath.basename(p): site.files[p] for p in attached})
    return files


def sources_key(files: dict[str, bytes]) -> str:
    """Content hash of a print folder and the Typst version: equal keys give equal PDF bytes."""
    digest = hashlib.sha256(version("typst").encode())
    for name, blob in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Make folder hold exactly these files (it lives in the build's work folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, blob in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != blob:
            path.write_bytes(blob)
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(folder).as_posix() not in files:
            path.unlink()


def compile_pdf(folder: Path) -> bytes:
    """Typeset one print folder: tagged PDF/UA-1 (Typst releases the GIL, so years run side by side)."""
    import typst

    return typst.compile(str(folder / MAIN), root=str(folder), pdf_standards=["ua-1"])


def render_pdfs(site, work: Path) -> tuple[dict[str, bytes], int]:
    """Every year's PDF by site path, reused from work/pdf when its sources are unchanged; and the count typeset."""
    cache = work / "pdf"
    cache.mkdir(parents=True, exist_ok=True)
    jobs = {}
    for year, cover in sorted(site.covers.items()):
        files = print_sources(site, cover)
        jobs[year] = (files, cache / f"{sources_key(files)}.pdf")
    todo = [y for y, (_, cached) in jobs.items() if not cached.is_file()]

    def typeset(year: int) -> None:
        files, cached = jobs[year]
        folder = work / "pdf-bron" / str(year)
        write_folder(folder, files)
        blob = compile_pdf(folder)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, cached)

    with ThreadPoolExecutor(max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        list(pool.map(typeset, todo))
    used = {cached.name for _, cached in jobs.values()}
    for stale in sorted(cache.glob("*.pdf")):
        if stale.name not in used:  # the cache holds one PDF per year: the current one
            stale.unlink()
    return {pdf_name(y): cached.read_bytes() for y, (_, cached) in jobs.items()}, len(todo)


def timed_pdfs(site, work: Path, stages: dict[str, float]) -> dict[str, bytes]:
    """render_pdfs, with its wall time kept as the stage 'pdf' (it runs beside MkDocs)."""
    start = time.perf_counter()
    pdfs, _ = render_pdfs(site, work)
    stages["pdf"] = time.perf_counter() - start
    return pdfs
