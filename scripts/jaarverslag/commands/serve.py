"""Preview: MkDocs' live-reloading server, plus a watcher that rebuilds the pages when data/ changes."""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from ..model.problems import DataError, format_problems
from ..render.site import TEMPLATES
from ..write.files import sync_tree
from ..write.site import collect_docs
from .build import prepare

POLL_SECONDS = 1.0


def snapshot(folders: list[Path]) -> dict[str, float]:
    """Modification times of every file under the watched folders."""
    return {str(p): p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


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


def watch(root: Path, data_dir: Path, work: Path, stop: threading.Event) -> None:
    """Poll data/, docs/ and the templates; regenerate on every change."""
    folders = [data_dir, root / "docs", TEMPLATES]
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(folders)
        if now != seen:
            seen = now
            time.sleep(0.2)  # let an editor finish writing
            regenerate(root, data_dir, work)


def serve(root: Path, data_dir: Path, work: Path, address: str) -> None:
    """Serve the preview on address (host:port) until interrupted."""
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    # MkDocs' own CLI sets up this output; without it a failed rebuild would say nothing.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(root, data_dir, work, stop), daemon=True)
    thread.start()
    try:
        mkdocs_serve(config_file=str(work / "mkdocs.yml"), livereload=True, dev_addr=address)
    finally:
        stop.set()
