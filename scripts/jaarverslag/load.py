"""Load stage: read data/ into raw structures that remember file, row and line."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .errors import Report, shown
from .schema import COLUMNS

YEAR_DIR = re.compile(r"^(19|20|21)\d\d$")
YEAR_FILES = ("verslag.yaml", "klachten.csv", "klachten.xlsx", "totalen.yaml", "ombudsman.yaml",
              "partners.yaml", "maatregelen.yaml", "aanbevelingen.yaml")
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class YamlDoc:
    """A parsed YAML document and the line of every key path in it."""

    file: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int:
        """Line of the deepest known prefix of a key path (0 if unknown)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 0


@dataclass
class RawYear:
    """One year folder as read from disk, before validation."""

    year: int
    folder: str
    verslag: YamlDoc | None = None
    register: pd.DataFrame | None = None  # all cells as stripped strings, plus 'rij'
    register_file: str = ""
    totalen: YamlDoc | None = None
    extra: dict[str, YamlDoc] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # chapter -> (file, text)


@dataclass
class RawData:
    """Everything under data/, unvalidated."""

    root: Path
    gemeente: YamlDoc | None
    years: dict[int, RawYear]


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys instead of keeping the last one."""


def _check_duplicates(node: yaml.Node, file: str, report: Report) -> None:
    """Report duplicate mapping keys anywhere in a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                report.error(file, line, str(key), "elke sleutel één keer",
                             f"'{key}' ook op regel {seen[key]}", "Verwijder of hernoem één van de twee.")
            else:
                seen[key] = line
            _check_duplicates(value_node, file, report)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, file, report)


def _key_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    """Record the line of each key path of a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            # Keys that YAML turns into ints (years, months) are looked up as ints too.
            sub = path + (int(key) if re.fullmatch(r"\d+", str(key)) else key,)
            lines[sub] = key_node.start_mark.line + 1
            _key_lines(value_node, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _key_lines(item, path + (index,), lines)


def read_text(path: Path, file: str, report: Report) -> str | None:
    """Read a small text file as UTF-8, reporting empty, binary and undecodable files."""
    data = path.read_bytes()
    if not data.strip():
        report.error(file, expected="een bestand met inhoud", found="een leeg bestand")
        return None
    if b"\x00" in data[:8192]:
        report.error(file, expected="een tekstbestand", found="een binair bestand",
                     hint="Sla het bestand op als tekst (UTF-8).")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(file, expected="tekst in UTF-8", found=f"byte {exc.start}",
                     hint="Sla het bestand op als UTF-8.")
        return None


def load_yaml(path: Path, file: str, report: Report) -> YamlDoc | None:
    """Parse one YAML file with the safe loader, reporting syntax errors and duplicate keys."""
    text = read_text(path, file, report)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=_UniqueKeyLoader)
        if node is None:
            report.error(file, expected="YAML-inhoud", found="alleen commentaar")
            return None
        before = len(report.errors)
        _check_duplicates(node, file, report)
        if len(report.errors) > before:
            return None
        loader = _UniqueKeyLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        tag = (exc.problem or "").split("tag")[-1].strip(" '!:") if exc.problem else ""
        report.error(file, line, expected="gewone YAML (tekst, getallen, lijsten)",
                     found=f"een onveilige of onbekende tag {shown(tag)}",
                     hint="Tags als !!python/... worden nooit uitgevoerd; verwijder de tag.")
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        problem = getattr(exc, "problem", None) or "onleesbare YAML"
        report.error(file, line, expected="geldige YAML", found=shown(problem),
                     hint="Controleer inspringing, dubbele punten en aanhalingstekens.")
        return None
    lines: dict[tuple, int] = {}
    _key_lines(node, (), lines)
    return YamlDoc(file, data, lines)


def _decode_register(data: bytes, file: str, report: Report) -> str | None:
    """Decode a register export: UTF-8 (with or without BOM), else Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.warn(file, expected="tekst in UTF-8", found="een andere codering",
                    hint="Gelezen als Windows-1252 (Excel); controleer letters als é en ë.")
        return data.decode("cp1252", errors="replace")


def load_register_csv(path: Path, file: str, report: Report) -> pd.DataFrame | None:
    """Read a register CSV (',' or ';') into a frame of stripped strings with spreadsheet rows."""
    if path.stat().st_size > MAX_FILE_BYTES:
        report.error(file, expected=f"een bestand kleiner dan {MAX_FILE_BYTES // 2**20} MB",
                     found=f"{path.stat().st_size // 2**20} MB")
        return None
    data = path.read_bytes()
    if not data.strip():
        report.error(file, expected="een kopregel met de kolommen", found="een leeg bestand",
                     hint="Exporteer het register opnieuw, met kopregel.")
        return None
    if b"\x00" in data[:8192]:
        report.error(file, expected="een CSV-bestand (tekst)", found="een binair bestand",
                     hint="Is het een Excel-bestand? Noem het dan klachten.xlsx.")
        return None
    text = _decode_register(data, file, report)
    if text is None:
        return None
    header = text.split("\n", 1)[0]
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL, engine="c")
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        row, found = (int(match.group(1)), f"{match.group(2)} velden") if match else (0, shown(str(exc)))
        report.error(file, row, expected=f"even veel velden als de kopregel, gescheiden door '{sep}'",
                     found=found, hint="Staat er een scheidingsteken of aanhalingsteken in een cel?")
        return None
    return finish_register(frame, file, report)


def finish_register(frame: pd.DataFrame, file: str, report: Report) -> pd.DataFrame | None:
    """Normalise headers and cells, drop empty rows and unknown columns, add spreadsheet rows."""
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    frame["rij"] = range(2, len(frame) + 2)
    for column in frame.columns:
        if column != "rij":
            frame[column] = frame[column].astype(str).str.strip()
    data_columns = [c for c in frame.columns if c != "rij"]
    empty = (frame[data_columns] == "").all(axis=1)
    frame = frame.loc[~empty]
    extra = sorted(c for c in data_columns if c not in COLUMNS)
    if extra:
        from .schema import PERSONAL_HINTS
        personal = [c for c in extra if any(h in c for h in PERSONAL_HINTS)]
        report.warn(file, column=", ".join(extra), expected="alleen de kolommen van het register",
                    found=f"{len(extra)} extra kolom(men)",
                    hint="Deze kolommen worden genegeerd en nooit gepubliceerd.")
        if personal:
            report.warn(file, column=", ".join(personal), expected="geen persoonsgegevens",
                        found="kolommen die op persoonsgegevens lijken",
                        hint="LET OP: deze kolommen worden nooit gepubliceerd; "
                             "haal ze ook uit de export voordat u die deelt.")
        frame = frame.drop(columns=extra)
    return frame.reset_index(drop=True)


def load_register_xlsx(path: Path, file: str, report: Report) -> pd.DataFrame | None:
    """Read the first sheet of an Excel register into the same frame as the CSV."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        report.error(file, expected="een Excel-werkmap (.xlsx)", found=shown(type(exc).__name__))
        return None
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    if not rows:
        report.error(file, expected="een kopregel met de kolommen", found="een leeg werkblad")
        return None
    header = ["" if h is None else str(h) for h in rows[0]]

    def cell(value: object) -> str:
        if value is None:
            return ""
        if hasattr(value, "date") and hasattr(value, "hour"):
            return value.date().isoformat()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    body = [[cell(v) for v in row[:len(header)]] + [""] * (len(header) - len(row)) for row in rows[1:]]
    return finish_register(pd.DataFrame(body, columns=header, dtype=str), file, report)


def load_data(root: Path, report: Report) -> RawData:
    """Read every file under data/; problems go into the report."""
    gemeente_path = root / "gemeente.yaml"
    rel = lambda p: f"{root.name}/{p.relative_to(root).as_posix()}"  # noqa: E731
    gemeente = None
    if gemeente_path.is_file():
        gemeente = load_yaml(gemeente_path, rel(gemeente_path), report)
    else:
        report.error(rel(gemeente_path), expected="het bestand gemeente.yaml", found="geen bestand")
    years: dict[int, RawYear] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if not YEAR_DIR.match(folder.name):
            report.error(rel(folder), expected="een map met een jaartal als naam (bijvoorbeeld 2021)",
                         found=shown(folder.name), hint="Hernoem of verwijder de map.")
            continue
        years[int(folder.name)] = load_year(folder, int(folder.name), rel, report)
    for path in sorted(p for p in root.iterdir() if p.is_file() and p.name != "gemeente.yaml"):
        if not path.name.startswith(".") and path.name.lower() != "readme.md":
            report.warn(rel(path), expected="alleen gemeente.yaml en jaarmappen", found=shown(path.name),
                        hint="Dit bestand wordt genegeerd.")
    return RawData(root, gemeente, years)


def load_year(folder: Path, year: int, rel, report: Report) -> RawYear:
    """Read one year folder."""
    raw = RawYear(year, rel(folder))
    names = {p.name for p in folder.iterdir()}
    verslag = folder / "verslag.yaml"
    if verslag.is_file():
        raw.verslag = load_yaml(verslag, rel(verslag), report)
    else:
        report.error(rel(verslag), expected="het bestand verslag.yaml", found="geen bestand",
                     hint="Maak een nieuw jaar met 'make nieuw-jaar JAAR=...'.")
    registers = [n for n in ("klachten.csv", "klachten.xlsx") if n in names]
    if len(registers) > 1:
        report.error(raw.folder, expected="één register: klachten.csv óf klachten.xlsx",
                     found="beide", hint="Verwijder één van de twee.")
    if registers and "totalen.yaml" in names:
        report.error(raw.folder, expected="óf een register (klachten.csv) óf totalen.yaml",
                     found="beide", hint="Gebruik totalen.yaml alleen voor jaren zonder register.")
    elif not registers and "totalen.yaml" not in names:
        report.error(f"{raw.folder}/klachten.csv", expected="het register klachten.csv (of totalen.yaml)",
                     found="geen bestand")
    if registers and len(registers) == 1:
        path = folder / registers[0]
        raw.register_file = rel(path)
        loader = load_register_csv if path.suffix == ".csv" else load_register_xlsx
        raw.register = loader(path, raw.register_file, report)
    elif "totalen.yaml" in names and not registers:
        raw.totalen = load_yaml(folder / "totalen.yaml", rel(folder / "totalen.yaml"), report)
    for name in ("ombudsman.yaml", "partners.yaml", "maatregelen.yaml", "aanbevelingen.yaml"):
        if name in names:
            doc = load_yaml(folder / name, rel(folder / name), report)
            if doc is not None:
                raw.extra[name.removesuffix(".yaml")] = doc
    texts = folder / "tekst"
    if texts.is_dir():
        for path in sorted(texts.glob("*.md")):
            text = read_text(path, rel(path), report)
            if text is not None:
                raw.texts[path.stem] = (rel(path), text)
    for name in sorted(names - set(YEAR_FILES) - {"tekst"}):
        if not name.startswith("."):
            report.warn(rel(folder / name), expected="een bekend bestand", found=shown(name),
                        hint="Dit bestand wordt genegeerd.")
    return raw
