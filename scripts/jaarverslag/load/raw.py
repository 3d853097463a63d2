"""Load stage: read data/ into raw structures that remember file, row and line."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.problems import Report, shown
from .limits import MAX_TEXT_BYTES, MAX_YEAR_TEXT_BYTES, check_inside, nl, read_text
from .register import load_register_csv
from .register_xlsx import load_register_xlsx
from .yaml_doc import YamlDoc, load_yaml

if TYPE_CHECKING:  # pandas is imported where a register is read: a build from the data cache never pays for it
    import pandas as pd

    from ..model.register_export import RegisterExport

# Exactly four ASCII digits: \Z, not $ (which also matches before a final newline), [0-9], not \d (any script).
YEAR_DIR = re.compile(r"\A(19|20|21)[0-9][0-9]\Z")
YEAR_FILES = (
    "verslag.yaml",
    "klachten.csv",
    "klachten.xlsx",
    "totalen.yaml",
    "ombudsman.yaml",
    "partners.yaml",
    "maatregelen.yaml",
    "aanbevelingen.yaml",
)


@dataclass
class RawYear:
    """One year folder as read from disk, before validation."""

    year: int
    folder: str
    verslag: YamlDoc | None = None
    register: pd.DataFrame | None = None  # all cells as stripped strings, plus 'rij'
    register_file: str = ""
    register_header_row: int = 1  # the spreadsheet row of the register's header
    # Export columns the mapping does not name: header -> [(value, first row)], for the proposal only.
    register_unmapped: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    totalen: YamlDoc | None = None
    extra: dict[str, YamlDoc] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # chapter -> (file, text)


@dataclass
class RawData:
    """Everything under data/, unvalidated."""

    root: Path
    gemeente: YamlDoc | None
    years: dict[int, RawYear]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def load_data(root: Path, report: Report) -> RawData:
    """Read every file under data/; problems go into the report."""
    gemeente_path = root / "gemeente.yaml"
    rel = namer(root)
    gemeente = None
    if gemeente_path.is_symlink() and not check_inside(root, gemeente_path, rel(gemeente_path), report):
        pass
    elif gemeente_path.is_file():
        gemeente = load_yaml(gemeente_path, rel(gemeente_path), report)
    else:
        report.error(rel(gemeente_path), expected="het bestand gemeente.yaml", found="geen bestand")
    export = register_export(gemeente)
    years: dict[int, RawYear] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if not YEAR_DIR.match(folder.name):
            report.error(
                rel(folder),
                expected="een map met een jaartal als naam (bijvoorbeeld 2021)",
                found=shown(folder.name),
                hint="Hernoem of verwijder de map.",
            )
            continue
        if check_inside(root, folder, rel(folder), report):
            years[int(folder.name)] = load_year(folder, int(folder.name), rel, report, export)
    style = gemeente.data.get("huisstijl") if gemeente and isinstance(gemeente.data, dict) else None
    logo = style.get("logo") if isinstance(style, dict) else None  # checked with the rest of gemeente.yaml
    for path in sorted(p for p in root.iterdir() if p.is_file() and p.name not in ("gemeente.yaml", logo)):
        if not path.name.startswith(".") and path.name.lower() != "readme.md":
            report.warn(
                rel(path),
                expected="alleen gemeente.yaml en jaarmappen",
                found=shown(path.name),
                hint="Dit bestand wordt genegeerd.",
            )
    return RawData(root, gemeente, years)


def register_export(gemeente: YamlDoc | None) -> RegisterExport | None:
    """The export mapping of gemeente.yaml (koppeling:) when it is valid; an invalid one is reported with the rest
    of gemeente.yaml, and the register is then read by its own column names."""
    block = gemeente.data.get("koppeling") if gemeente and isinstance(gemeente.data, dict) else None
    if not isinstance(block, dict):
        return None
    from pydantic import ValidationError

    from ..model.register_export import RegisterExport

    try:
        return RegisterExport.model_validate(block)
    except ValidationError:
        return None


def namer(root: Path) -> Callable[[Path], str]:
    """How problems name a file under data/: 'data/2020/klachten.csv'."""
    # A control character in a name (a line break typed in a file manager) is shown, not printed.
    return lambda path: _CONTROL.sub(
        lambda m: repr(m.group())[1:-1], f"{root.name}/{path.relative_to(root).as_posix()}"
    )


def load_texts(folder: Path, rel: Callable[[Path], str], report: Report) -> dict[str, tuple[str, str]]:
    """A year's own chapter texts (tekst/*.md): chapter slug -> (file, text)."""
    texts: dict[str, tuple[str, str]] = {}
    root = folder.parents[1]  # data/<jaar>/tekst
    if folder.is_dir() and check_inside(root, folder, rel(folder), report):
        paths = sorted(folder.glob("*.md"))
        sizes = sum(p.stat().st_size for p in paths if p.is_file() and not p.is_symlink())
        if sizes > MAX_YEAR_TEXT_BYTES:  # every text becomes pages of the site and the PDF
            report.error(
                rel(folder),
                expected=f"teksten van samen hoogstens {nl(MAX_YEAR_TEXT_BYTES)} bytes per jaar",
                found=f"{nl(sizes)} bytes",
                hint="Kort de teksten in; het verslag wordt anders honderden pagina's lang.",
            )
            return texts
        for path in paths:
            if not check_inside(root, path, rel(path), report):
                continue
            text = read_text(path, rel(path), report, MAX_TEXT_BYTES, "een tekst")
            if text is not None:
                texts[path.stem] = (rel(path), text)
    return texts


def load_year(
    folder: Path, year: int, rel: Callable[[Path], str], report: Report, export: RegisterExport | None = None
) -> RawYear:
    """Read one year folder."""
    raw = RawYear(year, rel(folder))
    root = folder.parent
    names = {p.name for p in folder.iterdir()}
    # A file whose symbolic link leaves data/ is refused here and never read (the texts are checked one by one).
    outside = {
        p.name
        for p in folder.iterdir()
        if p.name != "tekst" and p.is_symlink() and not check_inside(root, p, rel(p), report)
    }
    for path in sorted(folder.iterdir()):
        if path.name not in outside and path.name in YEAR_FILES and not path.is_file():  # a pipe or device blocks
            report.error(rel(path), expected="een gewoon bestand", found="een map, apparaat of pijp")
            outside.add(path.name)
    verslag = folder / "verslag.yaml"
    if "verslag.yaml" in outside:
        pass
    elif verslag.is_file():
        raw.verslag = load_yaml(verslag, rel(verslag), report)
    else:
        report.error(
            rel(verslag),
            expected="het bestand verslag.yaml",
            found="geen bestand",
            hint="Maak een nieuw jaar met 'make nieuw-jaar JAAR=...'.",
        )
    registers = [n for n in ("klachten.csv", "klachten.xlsx") if n in names]
    if len(registers) > 1:
        report.error(
            raw.folder,
            expected="één register: klachten.csv óf klachten.xlsx",
            found="beide",
            hint="Verwijder één van de twee.",
        )
    if registers and "totalen.yaml" in names:
        report.error(
            raw.folder,
            expected="óf een register (klachten.csv) óf totalen.yaml",
            found="beide",
            hint="Gebruik totalen.yaml alleen voor jaren zonder register.",
        )
    elif not registers and "totalen.yaml" not in names:
        report.error(
            f"{raw.folder}/klachten.csv", expected="het register klachten.csv (of totalen.yaml)", found="geen bestand"
        )
    if registers and len(registers) == 1 and registers[0] not in outside:
        path = folder / registers[0]
        raw.register_file = rel(path)
        loader = load_register_csv if path.suffix == ".csv" else load_register_xlsx
        loaded = loader(path, raw.register_file, report, export)
        if loaded is not None:
            raw.register, raw.register_header_row, raw.register_unmapped = (
                loaded.frame,
                loaded.header_row,
                loaded.unmapped,
            )
    elif "totalen.yaml" in names and not registers and "totalen.yaml" not in outside:
        raw.totalen = load_yaml(folder / "totalen.yaml", rel(folder / "totalen.yaml"), report)
    for name in ("ombudsman.yaml", "partners.yaml", "maatregelen.yaml", "aanbevelingen.yaml"):
        if name in names and name not in outside:
            doc = load_yaml(folder / name, rel(folder / name), report)
            if doc is not None:
                raw.extra[name.removesuffix(".yaml")] = doc
    raw.texts = load_texts(folder / "tekst", rel, report)
    for name in sorted(names - set(YEAR_FILES) - {"tekst"}):
        if not name.startswith("."):
            report.warn(
                rel(folder / name),
                expected="een bekend bestand",
                found=shown(name),
                hint="Dit bestand wordt genegeerd.",
            )
    return raw
