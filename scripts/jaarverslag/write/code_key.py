"""What "the code" means in every cache key: the package's files and the installed packages, hashed in one place.

The build stamp, the data cache, the PDF editions and the figure cache all take this one key, computed once
per build and passed on: a change in any module, template or installed version misses every cache.
"""

from __future__ import annotations

import hashlib
import os
import sys
import sysconfig
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # scripts/jaarverslag: modules, templates, print.typ, begrippen.yaml


def code_files(package: Path = PACKAGE) -> list[Path]:
    """Every file of the package that can shape output: modules and templates, never bytecode."""
    return sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    )


def installed_packages() -> list[str]:
    """The name and version of every installed package, from the metadata folders' names (name-1.2.dist-info)."""
    folders = {sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")}
    return sorted(
        name
        for folder in folders
        if os.path.isdir(folder)
        for name in os.listdir(folder)
        if name.endswith((".dist-info", ".egg-info"))
    )


def code_key(package: Path = PACKAGE) -> str:
    """Hash of the package's files (paths and bytes), the installed packages' versions and the Python version."""
    digest = hashlib.sha256(repr((sys.version, installed_packages())).encode())
    for path in code_files(package):
        digest.update(
            path.relative_to(package).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest()
        )
    return digest.hexdigest()
