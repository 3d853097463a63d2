"""The PDF editions beside MkDocs: in a forked child process, so neither waits for the other's interpreter lock."""

from __future__ import annotations

import multiprocessing
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Self

from ..model.problems import DataError
from ..model.progress import Progress
from . import child_messages as msg
from .brief import timed_editions
from .mkdocs_beside import die_with_parent


def _in_child(conn, parent_end, site, work: Path, code: str, progress: Progress, site_url: str) -> None:
    """Child: every year's PDFs (from the cache or typeset) and the stage time, or the error, sent to the parent."""
    die_with_parent()
    # The parent's end, inherited by the fork, closed: else a parent that is gone leaves this child writing
    # into a pipe it holds open itself, for ever.
    parent_end.close()
    stages: dict[str, float] = {}
    try:
        pdfs = timed_editions(site, work, code, stages, progress, site_url)
        msg.send(conn, "ok", {"pdfs": msg.files_out(pdfs), "stages": stages})
    except DataError as exc:
        msg.send(conn, "data", {"problems": msg.problems_out(exc.problems), "warnings": msg.problems_out(exc.warnings)})
    except BaseException:
        msg.send(conn, "bug", traceback.format_exc())
    finally:
        conn.close()


class PdfsBeside:
    """The PDF editions being made beside the caller; result() waits for them, close() lets the worker go."""

    def __init__(self, site, work: Path, code: str, progress: Progress, site_url: str = "") -> None:
        self._thread: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._thread = ThreadPoolExecutor(1)
            stages: dict[str, float] = {}
            self._future = self._thread.submit(
                lambda: (timed_editions(site, work, code, stages, progress, site_url), stages)
            )
            return
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe(duplex=False)
        # A forked child inherits the site as it is in memory: it is passed, never pickled nor kept in a global.
        self._process = context.Process(
            target=_in_child, args=(child_conn, self._conn, site, work, code, progress, site_url), daemon=True
        )
        self._process.start()
        child_conn.close()

    def result(self) -> tuple[dict[str, bytes], dict[str, float]]:
        """(PDFs by site path, {'pdf': seconds}); raises what the worker raised."""
        if self._future is not None:
            return self._future.result()
        try:
            kind, payload = msg.receive(self._conn)
        except EOFError:
            raise RuntimeError(f"PDF-proces stopte onverwacht (code {self._process.exitcode})") from None
        finally:
            self._process.join()
        if kind == "bug":
            raise RuntimeError(f"PDF-proces faalde:\n{payload}")
        assert isinstance(payload, dict), "the child sends a dict for ok and data"
        if kind == "data":
            raise DataError(msg.problems_in(payload["problems"]), msg.problems_in(payload["warnings"]))
        return msg.files_in(payload["pdfs"]), {str(k): float(v) for k, v in payload["stages"].items()}

    def close(self) -> None:
        """End a worker that is still running (an error elsewhere in the build)."""
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            return
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_pdfs(site, work: Path, code: str, progress: Progress, site_url: str = "") -> PdfsBeside:
    """Start the PDF editions beside the caller.

    Measured on 2 cores: in a thread, the Python half of the job (page trees to Typst markup) held the
    interpreter lock and slowed MkDocs by 0.3-0.5 s; a forked child has its own. Without fork: a thread.
    """
    return PdfsBeside(site, work, code, progress, site_url)
