"""The figure cache: every figure drawn once per content hash, in parallel when it pays, kept under .build/."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..model.progress import SILENT, Progress, figures_line
from ..render.figures.bundle import CACHED, MARKS, VARIANTS, Bundle, render_variants, size_label
from .files import remove_file, write_file
from .mkdocs_beside import die_with_parent

if TYPE_CHECKING:  # for the annotation only: drawing needs no templates
    from ..render.site import Site

_T = TypeVar("_T")
Task = tuple[str, dict[str, Any], int, int]  # a figure to draw: kind, chart arguments (Bundle.chart), width, height
PARALLEL_MIN = 6  # below this many figures to draw, starting worker processes costs more than it saves


def _warm() -> None:
    """Worker start: import matplotlib and draw one tiny chart (fonts, SVG backend) before the real work."""
    die_with_parent()  # the workers draw while MkDocs builds: a killed build must not leave them waiting for ever
    render_variants("staven", {"labels": ["a"], "values": [1.0], "value_labels": ["1"], "xlabel": "x"}, 200, 100)


def warm_pool(cache: Path, workers: int | None = None) -> ProcessPoolExecutor | None:
    """On a cold figure cache, the drawing workers started now, so that their start (about 0.5 s of CPU each:
    matplotlib, fonts) runs beside the data and pages stages on the core those leave idle; else None."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods() or any(cache.glob("*.svg")):
        return None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"), initializer=_warm)
    pool.submit(int)  # forks the workers
    return pool


def _render_task(task: Task) -> tuple[dict[str, bytes], float]:
    """Worker: render one figure in every variant and report its CPU time in ms."""
    start = time.process_time()
    svgs = render_variants(*task)
    return svgs, (time.process_time() - start) * 1000


@dataclass
class FigureStats:
    """What the figures step did, for the build's summary line."""

    rendered: int = 0
    reused: int = 0
    total_bytes: int = 0
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float | None:
        """Median CPU time per drawn figure in ms."""
        if not self.cpu_ms:
            return None
        ordered = sorted(self.cpu_ms)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    def summary(self) -> str:
        """Dutch summary: 12 figuren (9 getekend, 3 hergebruikt, 180 kB)."""
        return figures_line(self.rendered, self.reused, size_label(self.total_bytes))


def _with_bar(results: Iterable[_T], total: int, progress: Progress) -> list[_T]:
    """Collect drawn figures as they finish, with a progress bar on a terminal."""
    done: list[_T] = []
    for result in results:
        done.append(result)
        progress.bar("Figuren", len(done), total)
    return done


class Drawing:
    """The figures of one build, started: cached SVGs read, the rest handed to the pool's workers (if any) at once,
    so that they are drawn while the caller goes on (MkDocs); files() waits for them."""

    def __init__(
        self,
        bundles: list[Bundle],
        cache: Path | None,
        code: str,
        workers: int | None = None,
        pool: ProcessPoolExecutor | None = None,
        progress: Progress = SILENT,
    ) -> None:
        self.bundles, self.cache, self.progress = bundles, cache, progress
        self.stats = FigureStats()
        self.svgs: dict[str, dict[str, bytes]] = {}
        self.todo: dict[str, Task] = {}
        self.keys = {id(b): b.key(code) for b in bundles}
        for b in sorted(bundles, key=lambda b: b.svg_path):
            key = self.keys[id(b)]
            cached = {v: cache / f"{key}{name}" for v, name in CACHED.items()} if cache else None
            if cached is not None and all(path.is_file() for path in cached.values()):
                self.svgs[key] = {v: path.read_bytes() for v, path in cached.items()}
                self.stats.reused += 1
            elif key not in self.todo and key not in self.svgs:
                self.todo[key] = (b.kind, b.chart, b.width, b.height)
        self.drawn = sorted(self.todo)
        self.workers = workers or os.cpu_count() or 1
        self.pool = pool
        # Executor.map submits every task now: the workers start drawing before anyone waits for them.
        self._pending = (
            pool.map(_render_task, [self.todo[k] for k in self.drawn], chunksize=1)
            if pool is not None and self.drawn
            else None
        )

    @property
    def svg_paths(self) -> set[str]:
        """Where the drawn files go under docs/ (and the site): every variant of every figure and its marks."""
        return {b.variant_path(v) for b in self.bundles for v in VARIANTS} | {b.marks_path for b in self.bundles}

    def _results(self) -> list[tuple[dict[str, bytes], float]]:
        """The drawn figures, in the order of self.drawn: from the pool, a pool started now, or this process."""
        todo, drawn, progress = self.todo, self.drawn, self.progress
        if self._pending is not None:
            return _with_bar(self._pending, len(drawn), progress)
        if self.workers > 1 and len(drawn) >= PARALLEL_MIN:
            from ..render.figures import charts  # noqa: F401  imported before the fork, so workers start warm

            context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
            with ProcessPoolExecutor(
                max_workers=min(self.workers, len(drawn)), mp_context=context, initializer=die_with_parent
            ) as pool:
                return _with_bar(pool.map(_render_task, [todo[k] for k in drawn], chunksize=1), len(drawn), progress)
        return _with_bar((_render_task(todo[k]) for k in drawn), len(drawn), progress)

    def files(self) -> tuple[dict[str, bytes], FigureStats]:
        """Wait for the figures; every variant's SVG and every CSV by path under docs, and the counts."""
        stats, cache, keys, bundles = self.stats, self.cache, self.keys, self.bundles
        try:
            results = self._results()
        finally:
            self.close()
        for k, (variants, ms) in zip(self.drawn, results, strict=True):
            self.svgs[k] = variants
            stats.rendered += 1
            stats.cpu_ms.append(ms)
            if cache is not None:
                for v, svg in variants.items():
                    write_file(cache, f"{k}{CACHED[v]}", svg)
        if cache is not None and cache.is_dir():
            # Drop entries this build no longer uses, so the cache stays as large as one site's figures.
            used = {f"{keys[id(b)]}{name}" for b in bundles for name in CACHED.values()}
            for stale in sorted(p for p in cache.iterdir() if p.suffix in (".svg", ".json")):
                if stale.name not in used:
                    remove_file(cache, stale.name)
        files: dict[str, bytes] = {}
        for b in bundles:
            for v in VARIANTS:
                files[b.variant_path(v)] = self.svgs[keys[id(b)]][v]
                stats.total_bytes += len(self.svgs[keys[id(b)]][v])
            files[b.marks_path] = b.marks_css(self.svgs[keys[id(b)]][MARKS])
            files[b.csv_path] = b.csv_bytes
        # A figure drawn twice in one run (same data) counts once as drawn, the rest as reused.
        stats.reused = len(bundles) - stats.rendered
        return files, stats

    def close(self) -> None:
        """Let the workers go (those still drawing are stopped: an error elsewhere ended the build)."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def render_all(
    bundles: list[Bundle],
    cache: Path | None,
    code: str,
    workers: int | None = None,
    pool: ProcessPoolExecutor | None = None,
    progress: Progress = SILENT,
) -> tuple[dict[str, bytes], FigureStats]:
    """Draw every figure in every variant (reusing cached SVGs by the hash of its data and the code,
    code_key.code_key), in parallel when it pays (in the given pool of started workers, if any)."""
    return Drawing(bundles, cache, code, workers, pool, progress).files()


def start_drawing(
    site: Site,
    cache: Path | None,
    code: str,
    workers: int | None = None,
    pool: ProcessPoolExecutor | None = None,
    progress: Progress = SILENT,
) -> Drawing:
    """Start drawing the site's figures; the CSVs go on site.files now (MkDocs checks the links to them),
    the SVGs when finish_drawing() is called."""
    drawing = Drawing(list(site.bundles.values()), cache, code, workers, pool, progress)
    site.files.update({b.csv_path: b.csv_bytes for b in drawing.bundles})
    return drawing


def finish_drawing(site: Site, drawing: Drawing) -> FigureStats:
    """Wait for the started drawing: its SVGs into site.files, its counts on site.figure_stats."""
    files, stats = drawing.files()
    site.files.update(files)
    site.figure_stats = stats
    return stats
