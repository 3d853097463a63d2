"""The build stamp in .build/: a hash of everything the last build read, so an unchanged build is skipped."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeGuard

from ..load.limits import file_digest
from ..model.problems import Problem
from .files import mark, remove_file, write_file

STAMP = "bouw-stempel.json"
TIMES = "bouw-tijden.json"
PROBLEM_FIELDS = {f.name for f in fields(Problem)}
INPUT_DIRS = ("docs", "overrides")  # besides the code (code_key): what MkDocs reads
INPUT_FILES = ("mkdocs.yml",)


def input_key(root: Path, data_dir: Path, site_dir: Path, site_url: str, code: str, press: bool = False) -> str:
    """Hash of everything a build reads: data, hand-written docs, theme, config, the code (code_key.code_key), and
    whether it makes the press kits (make publish does, make site not: their sites differ)."""
    digest = hashlib.sha256()
    digest.update(repr((code, str(site_dir), site_url, press)).encode())
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        digest.update(str(path).encode() + b"\0" + file_digest(data_dir, path))  # never read from outside data/
    paths = [
        p
        for base in (root / d for d in INPUT_DIRS)
        for p in sorted(base.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    ]
    for path in paths + [root / f for f in INPUT_FILES if (root / f).is_file()]:
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tree_key(folder: Path) -> str | None:
    """Hash of a built site (paths and bytes), or None when it is missing."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def unchanged(work: Path, key: str, site_dir: Path) -> dict[str, Any] | None:
    """The stamp of the last build when its inputs equal these and its site is still intact."""
    path = work / STAMP
    if not (path.is_file() and (work / "mkdocs.yml").is_file() and (work / "docs").is_dir()):
        return None
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):  # an unreadable stamp only costs a full build
        return None
    if not _well_formed(stamp) or stamp["key"] != key or stamp["site"] != tree_key(site_dir):
        return None
    return stamp


def _well_formed(stamp: object) -> TypeGuard[dict[str, Any]]:
    """True for a stamp of the shape run_build writes; anything else costs a full build."""
    # A TypeGuard: the stamp is JSON, so its values are known by this check, not by their annotations.
    if not isinstance(stamp, dict) or not all(isinstance(stamp.get(k), str) for k in ("key", "site")):
        return False
    figures = stamp.get("figures")
    return (
        isinstance(stamp.get("pages"), int)
        and isinstance(stamp.get("warnings"), list)
        and all(
            isinstance(w, dict) and set(w) <= PROBLEM_FIELDS and all(isinstance(v, (str, int)) for v in w.values())
            for w in stamp["warnings"]
        )
        and isinstance(stamp.get("k1"), dict)
        and all(isinstance(v, int) for v in stamp["k1"].values())
        and (
            figures is None
            or (
                isinstance(figures, list)
                and len(figures) == 2
                and isinstance(figures[0], int)
                and isinstance(figures[1], str)
            )
        )
    )


def clear(work: Path) -> None:
    """Mark the work folder as ours and drop the stamp before a build: a build that stops leaves none."""
    mark(work)
    remove_file(work, STAMP)


def save(work: Path, key: str, site_dir: Path, record: dict[str, object], times: dict[str, object]) -> None:
    """Write the stamp (key, the built site's hash, what the summary line needs) and the timings."""
    stamp = {"key": key, "site": tree_key(site_dir), **record}
    write_file(work, STAMP, (json.dumps(stamp, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    write_file(work, TIMES, (json.dumps(times, indent=1) + "\n").encode("utf-8"))
