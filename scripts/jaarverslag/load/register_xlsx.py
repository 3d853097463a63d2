"""Reading an Excel register (read-only, bounded) into the same frame of stripped strings as a CSV export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.problems import Report, shown
from .export import HEADER_SEARCH_ROWS, MIN_HEADER_MATCHES, LoadedRegister, find_header, known_names, sheet_problem
from .limits import MAX_REGISTER_ROWS, MAX_XLSX_COLUMNS, MAX_XLSX_XML_BYTES, nl
from .register import check_dimensions, finish_register

if TYPE_CHECKING:
    from ..model.register_export import RegisterExport


def _sheet_xml_bytes(path: Path) -> int:
    """The unpacked size of the largest worksheet in a workbook (a zip): a small file can unpack to gigabytes."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return max((i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/")), default=0)


def load_register_xlsx(
    path: Path, file: str, report: Report, export: RegisterExport | None = None
) -> LoadedRegister | None:
    """Read the chosen (else the first) sheet of an Excel register into the same frame as the CSV (read-only,
    bounded)."""
    import openpyxl
    import pandas as pd

    try:
        unpacked = _sheet_xml_bytes(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True) if unpacked <= MAX_XLSX_XML_BYTES else None
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        report.error(
            file,
            expected="een Excel-werkmap (.xlsx)",
            found="een bestand dat Excel niet kan openen",
            hint=f"Sla het register in Excel op als Excel-werkmap ({type(exc).__name__}).",
        )
        return None
    if book is None:
        report.error(
            file,
            expected=f"een werkblad van hoogstens {nl(MAX_XLSX_XML_BYTES // 2**20)} MB uitgepakt",
            found=f"{nl(unpacked // 2**20)} MB",
            hint="Exporteer alleen de klachten en kolommen van het register.",
        )
        return None
    wanted = export.blad if export is not None else None
    if wanted is not None and wanted not in book.sheetnames:
        found, hint = sheet_problem(book.sheetnames, wanted)
        report.error(file, 0, "", "het werkblad uit koppeling.blad in gemeente.yaml", found, hint)
        book.close()
        return None
    sheet = book[wanted] if wanted is not None else book.worksheets[0]
    # The sheet's declared size (its <dimension>), read before any row: read-only mode would pad every row
    # to it, so a sheet that claims a million columns fills the memory with empty cells.
    if not check_dimensions(sheet.max_row or 0, sheet.max_column or 0, file, report):
        book.close()
        return None
    sheet.reset_dimensions()  # read every row there is: a declaration that claims too few must not drop rows
    search = max(HEADER_SEARCH_ROWS, export.kopregel if export and export.kopregel else 0)
    top = [
        ["" if v is None else _xlsx_cell(v) for v in row]
        for row in sheet.iter_rows(values_only=True, max_row=search, max_col=MAX_XLSX_COLUMNS)
    ]
    skip = find_header(top, export, file, report)
    if skip is None:
        book.close()
        return None
    first = top[skip] if skip < len(top) else []
    # A first sheet whose header names hardly any register column: the register may be on another sheet.
    if wanted is None and len(book.sheetnames) > 1 and known_names(first, export) < MIN_HEADER_MATCHES:
        report.warn(
            file,
            expected="het register op het eerste werkblad",
            found=f"{len(book.sheetnames)} werkbladen, het eerste is {shown(book.sheetnames[0])}",
            hint="Staat het register op een ander werkblad? Noem dat onder koppeling.blad in gemeente.yaml.",
        )
    width = max((i + 1 for i, v in enumerate(first) if v != ""), default=1)
    rows = []
    # Only the header's columns: a row is never padded beyond them, whatever a cell far to the right says.
    for row in sheet.iter_rows(values_only=True, min_row=skip + 1, max_col=width):
        rows.append(row)
        if len(rows) > MAX_REGISTER_ROWS + 1:  # the declaration may lie
            book.close()
            check_dimensions(len(rows), 0, file, report)
            return None
    book.close()
    if not rows:
        report.error(file, expected="een kopregel met de kolommen", found="een leeg werkblad")
        return None
    header = ["" if h is None else str(h) for h in rows[0]]
    body = [[_xlsx_cell(v) for v in row[: len(header)]] + [""] * (len(header) - len(row)) for row in rows[1:]]
    frame = pd.DataFrame(body, columns=range(len(header)), dtype=str)
    return finish_register(header, frame, file, report, export, skip + 1)


def _xlsx_cell(value: object) -> str:
    """An Excel cell as the text a CSV export would hold (dates as JJJJ-MM-DD, 1.0 as 1)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
