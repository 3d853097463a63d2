"""Reading the register export (CSV or Excel) into a frame of stripped strings with spreadsheet rows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.codes import PERSONAL_HINTS
from ..model.problems import Report
from .export import (
    HEADER_SEARCH_ROWS,
    LoadedRegister,
    find_header,
    name_columns,
    samples,
)
from .limits import MAX_LINE_CHARS, MAX_REGISTER_ROWS, MAX_XLSX_COLUMNS, check_line_length, nl
from .register_fast import field_count_error, read_unquoted

if TYPE_CHECKING:  # imported in the functions that read a register: see load/raw.py
    import pandas as pd

    from ..model.register_export import RegisterExport

MAX_FILE_BYTES = 200 * 1024 * 1024
_BYTES = re.compile(rb"\S")  # anything but white space


def _decode_register(data: bytes, file: str, report: Report) -> str:
    """Decode a register export: UTF-8 (with or without BOM), else Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.warn(
            file,
            expected="tekst in UTF-8",
            found="een andere codering",
            hint="Gelezen als Windows-1252 (Excel); controleer letters als é en ë.",
        )
        return data.decode("cp1252", errors="replace")


def _separator(line: str) -> str:
    """';' when a line holds more of them than commas, else ','."""
    return ";" if line.count(";") > line.count(",") else ","


def _csv_header(text: str, export: RegisterExport | None, file: str, report: Report) -> int | None:
    """The line index (0-based) of a CSV's header, from the first lines parsed on their own."""
    count = max(HEADER_SEARCH_ROWS, export.kopregel if export and export.kopregel else 0)
    # Each line cut to the longest a register allows: an overlong line is reported later, with its number.
    lines = [line[:MAX_LINE_CHARS].rstrip("\r") for line in _first_lines(text, count)]
    return find_header([_cells(line) for line in lines], export, file, report)


def _first_lines(text: str, count: int) -> list[str]:
    """The first lines of a text, without copying the rest of it (a register can be 200 MB)."""
    lines: list[str] = []
    start = 0
    while len(lines) < count and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        lines.append(text[start:end])
        start = end + 1
    return lines


def _cells(line: str) -> list[str]:
    """The cells of one line on its own (a quote left open there is the parser's to report later)."""
    try:
        return next(csv.reader([line], delimiter=_separator(line)), [])
    except csv.Error:
        return [line]


def load_register_csv(
    path: Path, file: str, report: Report, export: RegisterExport | None = None
) -> LoadedRegister | None:
    """Read a register CSV (',' or ';') into a frame of stripped strings with spreadsheet rows."""
    import pandas as pd

    if path.stat().st_size > MAX_FILE_BYTES:
        report.error(
            file,
            expected=f"een bestand kleiner dan {MAX_FILE_BYTES // 2**20} MB",
            found=f"{path.stat().st_size // 2**20} MB",
        )
        return None
    data = path.read_bytes()
    if _BYTES.search(data) is None:  # only white space (found without copying the file)
        report.error(
            file,
            expected="een kopregel met de kolommen",
            found="een leeg bestand",
            hint="Exporteer het register opnieuw, met kopregel.",
        )
        return None
    if b"\x00" in data[:8192]:
        report.error(
            file,
            expected="een CSV-bestand (tekst)",
            found="een binair bestand",
            hint="Is het een Excel-bestand? Noem het dan klachten.xlsx.",
        )
        return None
    text = _decode_register(data, file, report)
    quoted = '"' in text
    if quoted and not check_line_length(text, file, report):
        return None
    skip = _csv_header(text, export, file, report)  # a title and empty rows above the header
    if skip is None:
        return None
    if skip:
        text = text[sum(len(line) + 1 for line in _first_lines(text, skip)) :]
    header = _first_lines(text, 1)[0]
    sep = _separator(header)
    # Lines bound records from above (a quoted cell may hold a line break): checked before any parser runs.
    if not check_dimensions(text.count("\n"), header.count(sep) + 1, file, report):
        return None
    fast = None if quoted else read_unquoted(text, sep, file, report, skip)
    if fast is not None:
        return finish_register(*fast, file, report, export, skip + 1) if fast else None
    # The csv module, not pandas, tokenises quoted files: it keeps each record's own field count, so a
    # short row is an error instead of silently padded, and duplicate headers are not renamed.
    records = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[list[str]] = []
    try:
        for record in records:
            rows.append(record)
    except csv.Error:
        report.error(
            file,
            skip + len(rows) + 1,
            expected=f"velden gescheiden door '{sep}', met gesloten aanhalingstekens",
            found="een aanhalingsteken dat niet klopt",
            hint='Staat er een losse " in een cel? Verdubbel die ("") of haal hem weg.',
        )
        return None
    width = len(rows[0])
    bad = False
    for number, record in enumerate(rows[1:], start=2):
        if len(record) != width and any(cell.strip() for cell in record):
            field_count_error(report, file, skip + number, width, len(record), sep)
            bad = True
    if bad:
        return None
    body = [record if len(record) == width else [""] * width for record in rows[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype=str)
    return finish_register(rows[0], frame, file, report, export, skip + 1)


def finish_register(
    header: list[str],
    frame: pd.DataFrame,
    file: str,
    report: Report,
    export: RegisterExport | None = None,
    header_row: int = 1,
) -> LoadedRegister | None:
    """Name columns by the mapping, strip cells, drop empty rows and unknown columns, add spreadsheet rows."""
    import pandas as pd

    named = name_columns(header, export, file, header_row, report)
    if named is None:
        return None
    keep, extra_columns = named
    frame = frame.fillna("")
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    rows = pd.Series(range(header_row + 1, header_row + 1 + len(frame)), index=frame.index)
    filled = (frame != "").any(axis=0) if len(frame) else pd.Series(False, index=frame.columns)
    # An unnamed column is an export artefact when empty; a named one the register does not use is kept as a few
    # samples for the mapping's proposal (never published), then dropped.
    unmapped = {str(header[i]).strip(): samples(frame[i], rows) for i in extra_columns}
    unnamed = ["(kolom zonder naam)" for i, n in enumerate(header) if not str(n).strip() and filled[i]]
    extra = sorted({*unmapped, *unnamed})
    frame = frame[list(keep)].rename(columns=keep)
    frame["rij"] = rows
    data_columns = [c for c in frame.columns if c != "rij"]
    frame = frame.loc[(frame[data_columns] != "").any(axis=1)] if data_columns else frame.iloc[0:0]
    if extra:
        personal = [c for c in extra if any(h in c.lower() for h in PERSONAL_HINTS)]
        hint = "Ze worden genegeerd en nooit gepubliceerd."
        if personal:
            hint += (
                " LET OP: "
                + ", ".join(f"'{c}'" for c in personal)
                + (" lijkt" if len(personal) == 1 else " lijken")
                + " persoonsgegevens te bevatten;"
                " haal die kolommen ook uit de export voordat u die deelt."
            )
        report.warn(
            file,
            expected="alleen de kolommen van het register",
            found="de extra kolommen " + ", ".join(f"'{c}'" for c in extra),
            hint=hint,
        )
    return LoadedRegister(frame.reset_index(drop=True), header_row, unmapped)


def check_dimensions(rows: int, columns: int, file: str, report: Report) -> bool:
    """Refuse a register with more rows or columns than the limits, before its cells are read."""
    fine = True
    if rows > MAX_REGISTER_ROWS + 1:
        report.error(
            file,
            expected=f"een register van hoogstens {nl(MAX_REGISTER_ROWS)} rijen",
            found=f"{nl(rows)} rijen",
            hint="Exporteer alleen de klachten van dit jaar.",
        )
        fine = False
    if columns > MAX_XLSX_COLUMNS:
        report.error(
            file,
            expected=f"een register van hoogstens {MAX_XLSX_COLUMNS} kolommen",
            found=f"{nl(columns)} kolommen",
            hint="Exporteer alleen de kolommen van het register.",
        )
        fine = False
    return fine
