"""Every table of a year in one Excel workbook (openpyxl), a sheet per table; the same bytes for the same tables."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ..render.table_data import WORKBOOK, table_rows
from ..render.tables import Table
from .files import remove_file, write_file

# A fixed moment for the workbook's created/modified properties and every zip entry: no build time in the bytes.
FIXED = dt.datetime(2000, 1, 1)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(table: Table, taken: set[str]) -> str:
    """'5.1 Afgehandelde klachten naar…': number and title, at most 31 characters, unique, no forbidden signs."""
    base = _SHEET_FORBIDDEN.sub(" ", str(_text(f"{table.number} {table.title}"))).strip()
    name = base[:31]
    n = 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """The workbook: per table a sheet with its title, header and rows; numbers as numbers, hidden counts empty."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_name(table, taken))
        header, rows = table_rows(table)
        sheet.append([_text(f"Tabel {table.number}: {table.title}")])
        sheet["A1"].font = Font(bold=True)
        sheet.append(header)
        for row in rows:
            sheet.append([float(v) if isinstance(v, Decimal) else _text(v) for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text from data/ is never a formula, even when it starts with "="
        if table.source or table.note:
            sheet.append([])
            sheet.append([_text(" ".join(part for part in (table.source, table.note) if part))])
    if not tables:
        book.create_sheet("Geen tabellen")
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.properties.creator = None
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _text(value: object) -> object:
    """A cell's value without the control characters a workbook cannot hold; numbers and None pass."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time fixed and the entries in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time as modified
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    content,
                )
            target.writestr(entry, content)
    return out.getvalue()


def workbooks(tables: Sequence[Table], cache: Path | None = None, code: str = "") -> dict[str, bytes]:
    """Per year that has tables, its workbook by site path; with a cache folder, a year whose tables and code did
    not change (a rebuild after a text change) reuses its workbook instead of writing it again (0.08 s a year)."""
    years = sorted({t.csv.split("/")[0] for t in tables if t.csv[:4].isdigit()})
    books, used = {}, set()
    for year in years:
        own = [t for t in tables if t.csv.startswith(year + "/")]
        key = _key(own, code) + ".xlsx"
        used.add(key)
        if cache is not None and (cache / key).is_file():
            book = (cache / key).read_bytes()
        else:
            book = workbook_bytes(own)
            if cache is not None:
                write_file(cache, key, book)
        books[f"{year}/{WORKBOOK.format(year=int(year))}"] = book
    if cache is not None and cache.is_dir():
        for stale in sorted(p for p in cache.glob("*.xlsx") if p.name not in used):
            remove_file(cache, stale.name)
    return books


def _key(tables: Sequence[Table], code: str) -> str:
    """The hash of a year's tables as the workbook shows them, and of the code that writes it."""
    shown = [[t.number, t.title, t.columns, t.rows, t.footer, t.source, t.note, t.csv] for t in tables]
    text = json.dumps([code, shown], default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
