"""The build command: load, validate, aggregate, render, write (then MkDocs), skipped when nothing changed."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.problems import Problem, Report
from ..model.progress import SILENT, Progress, figures_line
from ..write import build_stamp  # hashing and JSON only: cheap enough for the no-change path
from ..write.code_key import code_key
from ..write.files import build_lock

# Stages are imported inside the functions: a build with nothing changed never pays for pandas,
# matplotlib, MkDocs or Typst.
if TYPE_CHECKING:  # annotations only, for the same reason
    from concurrent.futures import ProcessPoolExecutor

    from ..model.indicators import YearIndicators
    from ..render.site import Site
    from ..validate.dataset import Dataset
    from ..write.data_cache import Cached
    from ..write.figure_cache import Drawing


@dataclass
class Result:
    """What a run produced, for the summary line."""

    data: Dataset
    indicators: dict[int, YearIndicators]
    site: Site
    report: Report
    pages: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    drawing: Drawing | None = None  # figures still being drawn (prepare with draw_later): finish_drawing() them


def prepare(
    data_dir: Path,
    report: Report | None = None,
    work: Path | None = None,
    parallel: bool = True,
    stages: dict[str, float] | None = None,
    code: str | None = None,
    progress: Progress = SILENT,
    press: bool = False,
    draw_later: bool = False,
) -> Result:
    """Load, validate, aggregate and render (figures too when given a work folder for their caches, which are
    keyed by code: code_key.code_key, computed here when the caller has not; with press, the press kits too).
    With draw_later the figures are only started: Result.drawing, for the caller to finish while MkDocs builds."""
    pool = None
    if work is not None and parallel:
        from ..write.figure_cache import warm_pool

        pool = warm_pool(work / "figuren-cache")  # only when every figure must be drawn
    result = None
    try:
        result = _prepare(
            data_dir,
            report,
            work,
            parallel,
            {} if stages is None else stages,
            pool,
            code or (code_key() if work is not None else ""),
            progress,
            press,
            draw_later,
        )
        return result
    finally:
        if pool is not None and (result is None or result.drawing is None):
            pool.shutdown(cancel_futures=True)  # else the drawing owns the workers and lets them go


def _prepare(
    data_dir: Path,
    report: Report | None,
    work: Path | None,
    parallel: bool,
    stages: dict[str, float],
    pool: ProcessPoolExecutor | None,
    code: str,
    progress: Progress,
    press: bool = False,
    draw_later: bool = False,
) -> Result:
    """prepare(), with the figure workers (or None) it started."""
    from ..load.provenance import make_manifest
    from ..render.site import build_site

    start = time.perf_counter()
    progress.start("gegevens")
    report = report or Report()
    before, cached = len(report.warnings), None
    if work is not None:
        from ..write import data_cache

        key = data_cache.input_key(data_dir, code)
        cached = data_cache.load(work, key, data_dir, report)
    if cached is not None:  # only chapter texts changed since the last build: no pandas, no register
        dataset, indicators, differences = cached
        report.raise_if_errors()
    else:
        from ..write import protection_cache

        # Earlier builds' protected tables; protect_years leaves exactly this run's tables in it.
        known = protection_cache.load(work, code) if work is not None else {}
        dataset, indicators, differences = _data_stage(data_dir, report, stages, known)
        if work is not None:
            data_cache.save(work, key, dataset, indicators, report.warnings[before:], differences)
            protection_cache.save(work, known, code)
    stages["gegevens"] = time.perf_counter() - start
    if "bescherming" in stages:  # part of the data stage: listed right after it
        stages["bescherming"] = stages.pop("bescherming")
    progress.start("paginas")
    site = build_site(dataset, indicators, report, make_manifest(data_dir), differences, press=press)
    report.raise_if_errors()
    stages["paginas"] = time.perf_counter() - start - stages["gegevens"]
    drawing = None
    if work is not None:
        from ..write.figure_cache import finish_drawing, start_drawing

        mark = time.perf_counter()
        progress.start("figuren")
        # A threaded caller (the live preview) must not fork: it draws in its own process.
        drawing = start_drawing(site, work / "figuren-cache", code, None if parallel else 1, pool, progress)
        if not draw_later:
            finish_drawing(site, drawing)
            drawing = None
        stages["figuren"] = time.perf_counter() - mark
        if press:  # make publish only: every figure again as PNG, in the site before MkDocs checks its links
            from ..write.press_kit import press_kits

            mark = time.perf_counter()
            progress.start("perskit")
            site.files.update(press_kits(site, work / "perskit-cache", code))
            stages["perskit"] = time.perf_counter() - mark
    return Result(dataset, indicators, site, report, stages=stages, drawing=drawing)


def _data_stage(
    data_dir: Path,
    report: Report,
    stages: dict[str, float] | None = None,
    known: dict[str, list[list[str]]] | None = None,
) -> Cached:
    """Load, validate, aggregate, reconcile and compare years: (dataset, indicators, acknowledged differences)."""
    from ..aggregate.indicators import aggregate
    from ..aggregate.protection import protect_years
    from ..aggregate.reconcile import reconcile
    from ..aggregate.yearcheck import check_differences
    from ..load.raw import load_data
    from ..validate.dataset import validate

    raw = load_data(data_dir, report)
    dataset = validate(raw, report)
    indicators = aggregate(dataset)
    reconcile(dataset, indicators, report)
    report.raise_if_errors()
    mark = time.perf_counter()
    indicators = protect_years(dataset, indicators, report, known)  # small counts hidden and audited: see the module
    if stages is not None:
        stages["bescherming"] = time.perf_counter() - mark  # part of "gegevens", shown apart by make bench
    report.raise_if_errors()
    return dataset, indicators, check_differences(dataset, indicators, report)


@dataclass(frozen=True)
class BuildSummary:
    """What a build reports in its summary line, whether it built or found nothing changed."""

    k1: dict[int, int]
    pages: int
    figures: str  # Dutch figure summary ("18 figuren (0 getekend, 18 hergebruikt, 355 kB)"), or ""
    warnings: list[Problem]
    seconds: float
    stages: dict[str, float]


def run_build(
    root: Path,
    data_dir: Path,
    work: Path,
    site_dir: Path,
    site_url: str = "",
    progress: Progress = SILENT,
    press: bool = False,
) -> BuildSummary:
    """The whole build, one at a time per work folder: prepare, then write and publish atomically into site_dir
    (skipped when nothing changed); with press (make publish) the site holds the press kits too."""
    with build_lock(work):
        return _run_build(root, data_dir, work, site_dir, site_url, progress, press)


def _run_build(
    root: Path, data_dir: Path, work: Path, site_dir: Path, site_url: str, progress: Progress, press: bool
) -> BuildSummary:
    """run_build, with the work folder's lock held."""
    start = time.perf_counter()
    code = code_key()  # once per build: every cache below is keyed by it
    key = build_stamp.input_key(root, data_dir, site_dir, site_url, code, press)
    stamp = build_stamp.unchanged(work, key, site_dir)
    if stamp is not None:
        # Same inputs, same code, and site/ still holds exactly what that build made: the output would be
        # byte-identical, so there is nothing to do. Any changed byte of input gives another key.
        figures = figures_line(0, *stamp["figures"]) if stamp["figures"] else ""
        seconds = time.perf_counter() - start
        return BuildSummary(
            {int(y): k for y, k in stamp["k1"].items()},
            stamp["pages"],
            figures,
            [Problem(**w) for w in stamp["warnings"]],
            seconds,
            {"ongewijzigd": seconds},
        )
    from ..render.figures.bundle import size_label
    from ..write import mkdocs_beside
    from ..write.site import build_and_swap_in

    build_stamp.clear(work)
    result = None
    mkdocs = mkdocs_beside.start(work)  # imports MkDocs beside the data and pages stages
    try:
        # The figures are drawn while MkDocs builds: they are written beside its output, not read by it.
        result = prepare(data_dir, work=work, code=code, progress=progress, press=press, draw_later=True)
        result.pages = build_and_swap_in(
            root, work, site_dir, result.site, code, site_url, result.stages, mkdocs, progress, result.drawing
        )
    finally:
        if mkdocs is not None:
            mkdocs.close()
        if result is not None and result.drawing is not None:
            result.drawing.close()
    result.seconds = time.perf_counter() - start
    stats = result.site.figure_stats
    record = {
        "warnings": [asdict(w) for w in result.report.warnings],
        "pages": result.pages,
        "k1": {str(y): i.figures.k1 for y, i in sorted(result.indicators.items())},
        "figures": [stats.rendered + stats.reused, size_label(stats.total_bytes)] if stats else None,
    }
    times = {"stappen_s": {k: round(v, 3) for k, v in result.stages.items()}, "totaal_s": round(result.seconds, 3)}
    if stats:
        times.update(
            figuren_getekend=stats.rendered, figuren_hergebruikt=stats.reused, figuur_cpu_ms_mediaan=stats.median_ms
        )
    build_stamp.save(work, key, site_dir, record, times)
    return BuildSummary(
        {y: i.figures.k1 for y, i in result.indicators.items()},
        result.pages,
        stats.summary() if stats else "",
        result.report.warnings,
        result.seconds,
        result.stages,
    )
