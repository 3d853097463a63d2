"""MkDocs in a child process forked when a build starts: it imports MkDocs, the theme's plugins and the
Markdown extensions (0.2-0.4 s) while the parent reads data and makes pages, then builds on request."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import signal
import sys
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from ..model.problems import SiteBuildError
from . import child_messages as msg

_PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for the child when its parent dies


def die_with_parent() -> None:
    """A killed build takes its MkDocs child with it, so nothing writes on after the build is gone."""
    # Not Linux (no prctl): the child still ends when its build sends None or ends.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _child(conn: Connection, warm_config: Path | None) -> None:
    """Import MkDocs (and, from the last build's config, its plugins and extensions); then build what is asked."""
    die_with_parent()
    import mkdocs.commands.build  # noqa: F401  what run_mkdocs imports, now rather than when asked
    from mkdocs.config import load_config

    from .site import run_mkdocs

    if warm_config is not None and warm_config.is_file():
        logger = logging.getLogger("mkdocs")
        quiet = logging.NullHandler()
        logger.addHandler(quiet)
        logger.propagate, before = False, logger.propagate
        try:
            load_config(config_file=str(warm_config))  # only for its imports; the real build loads it again
        except Exception:
            pass
        finally:
            logger.removeHandler(quiet)
            logger.propagate = before
    kind, path = msg.receive(conn)
    if kind != "build" or not isinstance(path, str):
        return
    try:
        run_mkdocs(Path(path))
        msg.send(conn, "ok")
    except SiteBuildError as exc:
        msg.send(conn, "site", msg.problems_out(exc.problems))
    except BaseException:
        msg.send(conn, "bug", traceback.format_exc())


class MkDocsBeside:
    """A started MkDocs child; build() once, or close() to let it go."""

    def __init__(self, work: Path) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child_conn = context.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(target=_child, args=(child_conn, work / "mkdocs.yml"), daemon=True)
        self._process.start()
        child_conn.close()

    def build(self, config: Path) -> None:
        """run_mkdocs(config) in the child: same result, same SiteBuildError on warnings."""
        self.start_build(config)
        self.wait()

    def start_build(self, config: Path) -> None:
        """Ask the child to build; it works on while the caller does (wait() for the result)."""
        msg.send(self._conn, "build", str(config))

    def wait(self) -> None:
        """The result of the build asked for: nothing, or the SiteBuildError (or a RuntimeError) it raised."""
        try:
            kind, payload = msg.receive(self._conn)
        except EOFError:
            raise RuntimeError(f"MkDocs-proces stopte onverwacht (code {self._process.exitcode})") from None
        finally:
            self._process.join()
        if kind == "site":
            raise SiteBuildError(msg.problems_in(payload))
        if kind == "bug":
            raise RuntimeError(f"MkDocs-proces faalde:\n{payload}")

    def close(self) -> None:
        """End the child if it never built (an error before MkDocs)."""
        if self._process.is_alive():
            with contextlib.suppress(OSError):
                msg.send(self._conn, "stop")
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._conn.close()


def start(work: Path) -> MkDocsBeside | None:
    """The MkDocs child for this build, or None where processes cannot be forked (MkDocs then runs in-process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return MkDocsBeside(work)
