"""Reading the register export (CSV or Excel) into a frame of stripped strings with spreadsheet rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..model.codes import PERSONAL_HINTS
from ..model.problems import Report, shown
from .export import (
    HEADER_SEARCH_ROWS,
    MIN_HEADER_MATCHES,
    LoadedRegister,
    find_header,
    known_names,
    name_columns,
    samples,
    sheet_problem,
)
from .limits import MAX_REGISTER_ROWS, MAX_XLSX_COLUMNS, MAX_XLSX_XML_BYTES, nl

if TYPE_CHECKING:  # imported in the functions that read a register: see load/raw.py
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from ..model.schema import RegisterExport

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_LINE_CHARS = 100_000
_TEXT, _BYTES = re.compile(r"\S"), re.compile(rb"\S")  # anything but white space


def check_line_length(text: str, file: str, report: Report) -> bool:
    """Refuse a file with an absurdly long line (a paste accident) before any parser sees it."""
    lengths = [len(line) for line in text.split("\n")]
    longest = max(lengths)
    if longest <= MAX_LINE_CHARS:
        return True
    report.error(
        file,
        lengths.index(longest) + 1,
        expected=f"regels van hoogstens {MAX_LINE_CHARS:,} tekens".replace(",", "."),
        found=f"een regel van {longest:,} tekens".replace(",", "."),
        hint="Is er per ongeluk een heel document in één cel of regel geplakt?",
    )
    return False


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
    fast = None if quoted else _read_unquoted(text, sep, file, report, skip)
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
            _field_count_error(report, file, skip + number, width, len(record), sep)
            bad = True
    if bad:
        return None
    body = [record if len(record) == width else [""] * width for record in rows[1:]]
    frame = pd.DataFrame(body, columns=range(width), dtype=str)
    return finish_register(rows[0], frame, file, report, export, skip + 1)


def _field_count_error(report: Report, file: str, row: int, width: int, found: int, sep: str) -> None:
    """Report a row whose field count differs from the header's."""
    report.error(
        file,
        row,
        expected=f"{width} velden, zoals de kopregel, gescheiden door '{sep}'",
        found=f"{found} velden",
        hint="Staat er een scheidingsteken in een cel? Zet die cel tussen aanhalingstekens.",
    )


def _line_stats(data: bytes, sep: str) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start, length and field count of every line, counted with numpy (no Python loop per line)."""
    import numpy as np

    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 10)
    ends = np.append(newlines, len(buf))
    starts = np.concatenate(([0], newlines + 1))
    separators = np.flatnonzero(buf == ord(sep))
    counts = np.diff(np.concatenate(([0], np.searchsorted(separators, ends)))) + 1
    return starts, ends - starts, counts


def _read_unquoted(
    text: str, sep: str, file: str, report: Report, skip: int
) -> tuple[list[str], pd.DataFrame] | Literal[False]:
    """Fast path for a file without quotes: count fields per line, then read it with Arrow or pandas.

    Returns (header, frame), or False after reporting rows with a wrong field count or a huge line.
    """
    import pandas as pd

    data = text.encode("utf-8")
    starts, lengths, counts = _line_stats(data, sep)

    def line(i: int) -> str:
        return data[starts[i] : starts[i] + lengths[i]].decode("utf-8")

    longest = int(lengths.argmax())
    if lengths[longest] > MAX_LINE_CHARS and not check_line_length(line(longest), file, report):
        report.errors[-1] = replace(report.errors[-1], row=skip + longest + 1)  # its line number in the file
        return False
    header = line(0).rstrip("\r").split(sep)
    width = len(header)
    bad = False
    for index in (1 + i for i in map(int, (counts[1:] != width).nonzero()[0])):
        if line(index).strip(" \t\r" + sep):
            _field_count_error(report, file, skip + index + 1, width, int(counts[index]), sep)
            bad = True
    if bad:
        return False
    lines = len(counts) - (1 if text.endswith("\n") else 0)  # a final newline ends the last line
    if lines <= 1 or _TEXT.search(text, text.find("\n") + 1) is None:  # only white space below the header
        return header, pd.DataFrame({i: pd.Series(dtype=str) for i in range(width)})
    if (counts[1:lines] == width).all():
        return header, _read_arrow(data, sep, width)
    # Blank rows or rows of only separators: pandas keeps every row in place; empty rows are dropped later.
    frame = pd.read_csv(
        io.StringIO(text),
        sep=sep,
        header=None,
        skiprows=1,
        names=range(int(counts.max())),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        quoting=csv.QUOTE_NONE,
        engine="c",
    )
    return header, frame.iloc[: lines - 1][list(range(width))]


def _read_arrow(data: bytes, sep: str, width: int) -> pd.DataFrame:
    """Read a rectangular, unquoted CSV with Arrow's multithreaded reader; every cell a string."""
    import pandas as pd
    import pyarrow as pa
    from pyarrow import csv as pacsv

    names = [str(i) for i in range(width)]
    table = pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=names),
        parse_options=pacsv.ParseOptions(delimiter=sep, quote_char=False),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
        ),
    )
    frame: pd.DataFrame = table.to_pandas(
        types_mapper=lambda t: pd.StringDtype(na_value=float("nan")) if t == pa.string() else None
    )
    frame.columns = pd.RangeIndex(width)
    return frame


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
