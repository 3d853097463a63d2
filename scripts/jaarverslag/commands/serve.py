"""Preview: MkDocs' live-reloading server, plus a watchdog watcher that rebuilds the pages when data/ changes."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..model.problems import DataError, format_problems
from ..render.site import TEMPLATES
from ..write.files import sync_tree
from ..write.site import collect_docs
from .build import prepare

SETTLE_SECONDS = 0.2  # after a change, wait this long so an editor that saves in steps is done writing
CHANGES = ("created", "modified", "deleted", "moved")  # watchdog's event types that change a file; not opened/closed


def regenerate(root: Path, data_dir: Path, work: Path) -> bool:
    """Rebuild the generated pages into the served docs folder; on a data error keep the last good ones."""
    try:
        result = prepare(data_dir, work=work, parallel=False)
    except DataError as exc:
        for line in format_problems(exc.problems):
            print(f"fout: {line}", file=sys.stderr)
        print("De voorvertoning toont de laatste goede versie.", file=sys.stderr)
        return False
    written = sync_tree(work / "docs", collect_docs(result.site, root / "docs"))
    print(f"Bijgewerkt: {written} bestand(en) opnieuw geschreven.", file=sys.stderr)
    return True


class Watcher:
    """Regenerates the preview's pages whenever a file under the watched folders changes (watchdog's file system
    events, not polling); one regeneration per burst of changes, in a thread of its own."""

    def __init__(self, folders: list[Path], rebuild: Callable[[], object], settle: float = SETTLE_SECONDS) -> None:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        changed = self._changed = threading.Event()
        self._stop = threading.Event()

        class _OnChange(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                # Reading a file is an event too (opened, closed): only a change may start a rebuild,
                # or the rebuild's own reading of data/ would start the next one.
                if event.event_type in CHANGES:
                    changed.set()

        self._observer = Observer()
        for folder in folders:
            self._observer.schedule(_OnChange(), str(folder), recursive=True)
        self._rebuild, self._settle = rebuild, settle
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        """Wait for a change (or the end), let the burst settle, rebuild; until closed."""
        while True:
            self._changed.wait()
            if self._stop.is_set():
                return
            time.sleep(self._settle)
            self._changed.clear()
            self._rebuild()

    def start(self) -> Watcher:
        """Start watching."""
        self._observer.start()
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop watching and end the thread (after a rebuild that is under way)."""
        self._observer.stop()
        self._observer.join()
        self._stop.set()
        self._changed.set()
        self._thread.join()


def serve(root: Path, data_dir: Path, work: Path, address: str) -> None:
    """Serve the preview on address (host:port) until interrupted."""
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    # MkDocs' own CLI sets up this output; without it a failed rebuild would say nothing.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    watcher = Watcher([data_dir, root / "docs", TEMPLATES], lambda: regenerate(root, data_dir, work)).start()
    try:
        mkdocs_serve(config_file=str(work / "mkdocs.yml"), livereload=True, dev_addr=address)
    finally:
        watcher.close()
