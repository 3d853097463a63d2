"""The site on disk: generated docs, then MkDocs, then an atomic swap of site/ (writes through files.write_file)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..model.problems import Problem, SiteBuildError
from ..model.progress import SILENT, Progress
from ..render.chapters import Nav
from ..render.site import Site
from ..render.site_config import MkDocsSettings
from .files import alive, claim, mark, ours, remove_tree, sync_tree, write_file
from .pdf_beside import start_pdfs
from .workbook import workbooks

if TYPE_CHECKING:  # for the annotations only: the build hands in the child and the drawing it started
    from .figure_cache import Drawing
    from .mkdocs_beside import MkDocsBeside


def collect_docs(
    site: Site, docs: Path, leave_out: frozenset[str] = frozenset(), cache: Path | None = None, code: str = ""
) -> dict[str, bytes]:
    """Hand-written docs plus the generated pages and files (but those left out), as one file map; the workbooks
    reuse those in the cache folder (if given) for years whose tables and code did not change."""
    files: dict[str, bytes] = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            files[path.relative_to(docs).as_posix()] = path.read_bytes()
    for rel, text in site.pages.items():
        if rel in files:
            raise RuntimeError(f"generated page {rel} would overwrite a hand-written page")
        files[rel] = text.encode("utf-8")
    files.update((rel, blob) for rel, blob in site.files.items() if rel not in leave_out)
    files.update(workbooks(site.tables, cache, code))
    return files


def write_config(
    root: Path, work: Path, site_dir: Path, nav: Nav, site_url: str = "", settings: MkDocsSettings | None = None
) -> Path:
    """Write the generated MkDocs config: the project's mkdocs.yml plus the gemeente's settings, nav and paths."""
    settings = settings or {}
    config = {
        "INHERIT": str(root / "mkdocs.yml"),
        **{key: value for key, value in settings.items() if key != "theme"},
        "docs_dir": str(work / "docs"),
        "site_dir": str(site_dir),
        "theme": {**settings.get("theme", {}), "name": "material", "custom_dir": str(root / "overrides")},
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],  # by path: relative would mean work/
        "nav": nav,
    }
    if site_url:
        config["site_url"] = site_url
    text = "# Gegenereerd door scripts/build.py: niet met de hand wijzigen.\n" + yaml.safe_dump(
        config, allow_unicode=True, sort_keys=False
    )
    write_file(work, "mkdocs.yml", text.encode("utf-8"))
    return work / "mkdocs.yml"


class _Collect(logging.Handler):
    """Collects MkDocs warnings so a strict build can report them in Dutch."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _environment(values: dict[str, str]):
    """These environment variables set for the duration of the block, then as they were (or unset) again."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_mkdocs(config_path: Path, dirty: bool = False) -> None:
    """Run mkdocs build --strict in-process; warnings become a SiteBuildError (nothing is swapped in)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        with _environment({"NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1")}):
            config = load_config(config_file=str(config_path), strict=True)
            # MkDocs dates the sitemap (and the .gz header) by SOURCE_DATE_EPOCH, else by today; our own config
            # always names the date (site_config.build_date). Set for this build only: the next one may date otherwise.
            dated = {}
            if "bouwdatum" in config["extra"]:
                built = dt.datetime.combine(dt.date.fromisoformat(config["extra"]["bouwdatum"]), dt.time(), dt.UTC)
                dated["SOURCE_DATE_EPOCH"] = str(int(built.timestamp()))
            with _environment(dated):
                build(config, dirty=dirty)
    except Abort as exc:
        problems = [
            Problem("mkdocs.yml", expected="een build zonder waarschuwingen", found=repr(m)) for m in handler.messages
        ] or [Problem("mkdocs.yml", expected="een geslaagde build", found=str(exc))]
        raise SiteBuildError(problems) from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def _finish(built: Site, drawing: Drawing, stages: dict[str, float]) -> None:
    """Wait for the figures (their SVGs onto the site); the wait is added to the stage 'figuren'."""
    from .figure_cache import finish_drawing

    started = time.perf_counter()
    finish_drawing(built, drawing)
    stages["figuren"] = stages.get("figuren", 0.0) + time.perf_counter() - started


def swap_in(new: Path, site: Path) -> None:
    """Replace site/ by the freshly built folder; a crash leaves either the old or the new site."""
    old = site.with_name(site.name + ".old")
    remove_tree(old)
    if site.exists():
        os.rename(site, old)
    os.rename(new, site)
    remove_tree(old)


def recover(site: Path) -> None:
    """Finish or undo a swap that a killed build left halfway, and remove stale temp folders."""
    old = site.with_name(site.name + ".old")
    if old.exists() and not site.exists():
        os.rename(old, site)
    elif old.exists():
        remove_tree(old)
    for stale in sorted(site.parent.glob(site.name + ".tmp-*")):
        # A folder someone else named like ours is left alone, and so is one a running build is filling.
        if ours(stale) and not alive(stale):
            remove_tree(stale)


def build_and_swap_in(
    root: Path,
    work: Path,
    site: Path,
    built: Site,
    code: str,
    site_url: str = "",
    stages: dict[str, float] | None = None,
    mkdocs: MkDocsBeside | None = None,
    progress: Progress = SILENT,
    drawing: Drawing | None = None,
) -> int:
    """Write generated docs, build with MkDocs (in-process, or in the given mkdocs_beside child) and the PDF
    editions (keyed by code, code_key.code_key) into a temp folder, swap it in. Returns the page count.

    A drawing still under way is finished while the MkDocs child builds: the pages show the figures through raw
    HTML, which MkDocs neither checks nor rewrites, so their SVGs go straight into the built site afterwards."""
    stages = {} if stages is None else stages
    recover(site)
    beside = frozenset(drawing.svg_paths) if drawing is not None and mkdocs is not None else frozenset()
    if drawing is not None and mkdocs is None:  # MkDocs in this process: the figures first, as before
        _finish(built, drawing, stages)
    docs_files = collect_docs(built, root / "docs", beside, work / "werkmappen-cache", code)
    sync_tree(work / "docs", docs_files)
    tmp = site.with_name(f"{site.name}.tmp-{os.getpid()}")
    remove_tree(tmp)
    mark(tmp)  # MkDocs cleans its site_dir but keeps dot files: the marker travels into site/
    guard = claim(tmp)
    config = write_config(root, work, tmp, built.nav, site_url, built.config)
    try:
        started = time.perf_counter()
        if mkdocs is not None:
            progress.start("mkdocs")
            mkdocs.start_build(config)
            if drawing is not None:
                _finish(built, drawing, stages)  # drawn by the figure workers while MkDocs builds
        # The PDFs come from the page model and the figures, not from MkDocs' output: Typst works beside MkDocs.
        progress.start("pdf")
        with start_pdfs(built, work, code, progress, site_url) as pdfs:
            if mkdocs is not None:
                mkdocs.wait()
            else:
                progress.start("mkdocs")
                run_mkdocs(config)
            stages["mkdocs"] = time.perf_counter() - started
            editions, pdf_stages = pdfs.result()
            stages.update(pdf_stages, mkdocs=stages.pop("mkdocs"))  # the summary names pdf before MkDocs
            for rel, blob in sorted(editions.items()):
                write_file(tmp, rel, blob)
        for rel in sorted(beside):  # MkDocs empties its site folder first: the figures go in once it is done
            write_file(tmp, rel, built.files[rel])
        swap_in(tmp, site)
    finally:
        guard.close()
        remove_tree(tmp)
    return sum(1 for rel in docs_files if rel.endswith(".md"))
