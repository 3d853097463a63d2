"""File safety: every write stays inside its folder; only folders a build made are replaced or cleaned."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import BinaryIO

from ..model.problems import DataError, Problem

# A build leaves this file in every folder it owns (site, work, dist); only such a folder, an empty
# one or a missing one may be replaced or cleaned.
MARKER = ".jaarverslag-klachten"
MARKER_TEXT = "Deze map is gemaakt door scripts/build.py en wordt bij elke build vervangen.\n"
# Folders of the project itself that no output option may point at.
PROTECTED = {"scripts", "tests", "docs", "overrides", ".git", ".ci", "node_modules", ".venv"}
ROLES = {"site": "--site (SITE=)", "werk": "--werk (WERK=)", "dist": "--dist (DIST=)"}
LOCK = ".bouw.lock"  # in the work folder: one build at a time per work folder
_HELD: dict[Path, int] = {}  # work folders whose lock this process holds, with how often it was taken


def inside(base: Path, target: Path) -> Path:
    """The resolved target; a DataError when it resolves outside base (via .., an absolute path or a symlink)."""
    root = base.resolve()
    resolved = (root / target).resolve()
    if resolved != root and not resolved.is_relative_to(root):
        raise DataError(
            [
                Problem(
                    str(target),
                    expected=f"een pad binnen {root}",
                    found=str(resolved),
                    hint="Een code of bestandsnaam mag geen map buiten de eigen map aanwijzen; "
                    "gebruik alleen kleine letters, cijfers en _.",
                )
            ]
        )
    return resolved


def write_file(base: Path, rel: str | Path, data: bytes) -> bool:
    """Write data to base/rel atomically unless it already holds exactly that; True when written."""
    path = inside(base, Path(rel))
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def remove_file(base: Path, rel: str | Path) -> None:
    """Remove one file inside base."""
    inside(base, Path(rel)).unlink(missing_ok=True)


def sync_tree(target: Path, files: dict[str, bytes]) -> int:
    """Make target hold exactly these files; rewrite only changed ones (keeps mtimes for MkDocs). Returns writes."""
    target.mkdir(parents=True, exist_ok=True)
    written = sum(write_file(target, rel, data) for rel, data in sorted(files.items()))
    wanted = {inside(target, Path(rel)) for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            remove_file(target, path.relative_to(target))
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def mark(folder: Path) -> None:
    """Leave the marker that says a build made this folder."""
    write_file(folder, MARKER, MARKER_TEXT.encode("utf-8"))


def ours(folder: Path) -> bool:
    """True when the folder is missing, empty, or carries the marker of an earlier build."""
    if not folder.exists():
        return True
    if not folder.is_dir() or folder.is_symlink():
        return False
    # A folder holding only the lock file is one a build created and was stopped in before marking it.
    return (folder / MARKER).is_file() or all(p.name == LOCK for p in folder.iterdir())


def check_outputs(
    outputs: dict[str, Path], data_dir: Path, root: Path, separate: dict[str, Path] | None = None
) -> None:
    """Refuse output folders that are the data, the project, hold either, or hold someone else's files; and
    folders in `separate` (site, werk, dist) that are the same or lie one inside another."""
    data, project = data_dir.resolve(), root.resolve()
    problems = []
    for (role_a, a), (role_b, b) in combinations(sorted((separate or {}).items()), 2):
        real_a, real_b = a.resolve(), b.resolve()
        if real_a == real_b or real_a.is_relative_to(real_b) or real_b.is_relative_to(real_a):
            problems.append(
                Problem(
                    ROLES.get(role_a, role_a),
                    expected="drie aparte mappen voor --site, --werk en --dist, geen ervan binnen een andere",
                    found=f"{a} en {ROLES.get(role_b, role_b)} {b}",
                    hint="Kies voor elk een eigen map; anders komen werkbestanden op de publieke "
                    "site of wist de ene de andere.",
                )
            )
    for role, folder in sorted(outputs.items()):
        target = folder.resolve()
        label = ROLES.get(role, role)
        if target in (data, project) or data.is_relative_to(target) or target.is_relative_to(data):
            problems.append(
                Problem(
                    label,
                    expected="een eigen map voor wat de build maakt, buiten data/",
                    found=str(folder),
                    hint="Kies een andere map; de gegevens en het project worden nooit vervangen.",
                )
            )
        elif target.is_relative_to(project) and target.parent == project and target.name in PROTECTED:
            problems.append(
                Problem(
                    label,
                    expected="een eigen map voor wat de build maakt",
                    found=str(folder),
                    hint=f"{target.name}/ hoort bij het project en wordt nooit vervangen.",
                )
            )
        elif not ours(target):
            problems.append(
                Problem(
                    label,
                    expected="een lege map of een map van een eerdere build",
                    found=f"{folder}: een map met andere bestanden",
                    hint=f"Er is niets gewijzigd. Kies een lege map, of verwijder de map zelf "
                    f"als u zeker weet dat ze weg mag (een build herkent de zijne aan "
                    f"{MARKER}).",
                )
            )
    if problems:
        raise DataError(problems)


def remove_tree(folder: Path) -> None:
    """Delete a folder a build made (it carries the marker) or an empty one; refuse any other folder."""
    if not folder.exists():
        return
    if not ours(folder):
        raise RuntimeError(f"refusing to delete {folder}: it carries no build marker")
    shutil.rmtree(folder)


@contextmanager
def build_lock(work: Path):
    """Hold the work folder's lock for a build: a second build with the same work folder waits (and says so)."""
    key = work.resolve()
    if key in _HELD:  # publiceer holds it across its build and its zip
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    key.mkdir(parents=True, exist_ok=True)
    with open(key / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Er loopt al een build met de werkmap {work}; deze build wacht tot die klaar is.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        if ours(key):
            mark(key)  # under the lock: two builds starting together must not write the marker at once
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            fcntl.flock(handle, fcntl.LOCK_UN)


def claim(folder: Path) -> BinaryIO:
    """Open the marker of a folder this build is filling and hold a shared lock on it (close it when done):
    recovery in another build sees the folder is alive and leaves it."""
    handle = open(folder / MARKER, "rb")  # noqa: SIM115 - the caller holds it open for the whole build
    # A POSIX record lock, not flock: a child forked later (the PDF worker) does not inherit it, so a killed
    # build's folder is free for recovery even while its orphaned worker finishes.
    fcntl.lockf(handle, fcntl.LOCK_SH)
    return handle


def alive(folder: Path) -> bool:
    """True when a running build holds the folder's marker (see claim)."""
    try:
        handle = open(folder / MARKER, "r+b")  # noqa: SIM115 - closed by the with below, after the OSError check
    except OSError:
        return False
    with handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # EAGAIN or EACCES: another process holds it
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN)
        return False
