"""Provenance: hashes of every input file and the versions of the tools, for the site and the zip."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path
from typing import TypedDict

from .. import __version__
from .limits import file_digest
from .raw import YEAR_DIR

TOOLS = (
    "mkdocs",
    "mkdocs-material",
    "Jinja2",
    "matplotlib",
    "pandas",
    "Babel",
    "pydantic",
    "PyYAML",
    "typst",
    "openpyxl",
)


def input_hashes(data_dir: Path) -> dict[str, str]:
    """SHA-256 of every file under data/, keyed by its path (data/...)."""
    hashes = {}
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = f"data/{path.relative_to(data_dir).as_posix()}"
        hashes[rel] = file_digest(data_dir, path).hex()
    return hashes


def tool_versions() -> dict[str, str]:
    """Versions of the generator, Python and the libraries that shape the output."""
    versions = {"jaarverslag": __version__, "python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "niet geïnstalleerd"
    return versions


def provenance(data_dir: Path) -> dict[int, str]:
    """Per year folder: 'register' when it holds a register, else 'totalen' (validation checked which)."""
    years = [p for p in data_dir.iterdir() if p.is_dir() and YEAR_DIR.match(p.name)]
    return {
        int(p.name): "register" if any((p / n).is_file() for n in ("klachten.csv", "klachten.xlsx")) else "totalen"
        for p in sorted(years)
    }


class Manifest(TypedDict):
    """manifest.json of a published zip."""

    generator: str
    opdracht: str
    herkomst: dict[str, str]  # year -> register or totalen
    versies: dict[str, str]
    invoer: dict[str, str]  # file -> SHA-256


def make_manifest(data_dir: Path, command: str = "make site") -> Manifest:
    """The manifest: inputs with hashes, provenance per year, tool versions and the build command."""
    return {
        "generator": "scripts/build.py",
        "opdracht": command,
        "herkomst": {str(y): p for y, p in provenance(data_dir).items()},
        "versies": tool_versions(),
        "invoer": input_hashes(data_dir),
    }
