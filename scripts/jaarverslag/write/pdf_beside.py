"""The PDF editions beside MkDocs: in a forked child process, so neither waits for the other's interpreter lock."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from ..render.site import Site
from .pdf import timed_pdfs

# The site for the forked child: it inherits the parent's memory, so the page model is not pickled.
_SITE: list[Site] = []
Editions = tuple[dict[str, bytes], dict[str, float]]  # the PDFs by site path, and {'pdf': seconds}


def _in_child(work: Path) -> Editions:
    """Child: every year's PDF (from the cache or typeset) and the stage time."""
    stages: dict[str, float] = {}
    return timed_pdfs(_SITE[0], work, stages), stages


def start_pdfs(site: Site, work: Path) -> tuple[Executor, Future[Editions]]:
    """Start the PDF editions beside the caller; the future gives (PDFs by site path, {'pdf': seconds}).

    Measured on 2 cores: in a thread, the Python half of the job (page trees to Typst markup) held the
    interpreter lock and slowed MkDocs by 0.3-0.5 s; a forked child has its own. Without fork: a thread.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        pool: Executor = ThreadPoolExecutor(1)
        stages: dict[str, float] = {}
        return pool, _chain(pool.submit(timed_pdfs, site, work, stages), stages)
    _SITE[:] = [site]
    # The worker is forked at the first submit, after _SITE is set.
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    return pool, pool.submit(_in_child, work)


def _chain(future: Future[dict[str, bytes]], stages: dict[str, float]) -> Future[Editions]:
    """A future of (PDFs, stages) for the thread fallback, like the child's."""
    out: Future[Editions] = Future()
    future.add_done_callback(lambda f: out.set_exception(f.exception()) if f.exception()
                             else out.set_result((f.result(), stages)))
    return out
