"""A case system's export as the register: find its header row and name its columns by the mapping in gemeente.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.codes import COLUMNS
from ..model.problems import Report, shown

if TYPE_CHECKING:
    import pandas as pd

    from ..model.register_export import RegisterExport

HEADER_SEARCH_ROWS = 20  # a title, a date and some empty rows above the header; never a whole sheet
MIN_HEADER_MATCHES = 2  # a title row that happens to hold one column's name is not the header
MAX_SAMPLES = 30  # distinct values kept of a column the mapping does not name (for the proposal only)


@dataclass
class LoadedRegister:
    """A register as read: cells as stripped strings with their spreadsheet row, and what the mapping missed."""

    frame: pd.DataFrame
    header_row: int = 1  # the spreadsheet row of the header
    # Columns of the export that fill no register column: name -> [(value, first row)], for the proposal.
    unmapped: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def column_names(export: RegisterExport | None) -> dict[str, str]:
    """Lower-cased export name -> register column: the register's own names, then the mapping's."""
    names = {c: c for c in COLUMNS}
    if export is not None:
        names.update({name.strip().lower(): column for name, column in export.kolommen.items()})
    return names


def known_names(row: Sequence[str], export: RegisterExport | None) -> int:
    """How many cells of a row name a register column (directly or through the mapping)."""
    names = column_names(export)
    return sum(str(cell).strip().lower() in names for cell in row)


def find_header(rows: Sequence[Sequence[str]], export: RegisterExport | None, file: str, report: Report) -> int | None:
    """The index (0-based) of the header among the first rows: the configured kopregel, or the first row that
    names the most register columns (at least two), or else the first row with anything in it."""
    if export is not None and export.kopregel is not None:
        if export.kopregel > len(rows):
            report.error(
                file,
                export.kopregel,
                expected=f"de kopregel op rij {export.kopregel} (koppeling.kopregel in gemeente.yaml)",
                found=f"een bestand van {len(rows)} rijen",
                hint="Kijk in de export op welke rij de kolomnamen staan.",
            )
            return None
        return export.kopregel - 1
    scores = [known_names(row, export) for row in rows[:HEADER_SEARCH_ROWS]]
    best = max(scores, default=0)
    if best >= MIN_HEADER_MATCHES:
        return scores.index(best)
    return next((i for i, row in enumerate(rows) if any(str(c).strip() for c in row)), 0)


def name_columns(
    header: Sequence[str], export: RegisterExport | None, file: str, header_row: int, report: Report
) -> tuple[dict[int, str], list[int]] | None:
    """(column index -> register column, indexes of named columns the register does not use), or None after
    reporting a name or register column that occurs twice."""
    names = column_names(export)
    seen: dict[str, int] = {}
    fine = True
    keep: dict[int, str] = {}
    extra: list[int] = []
    for index, cell in enumerate(header):
        name = str(cell).strip().lower()
        if not name:
            continue
        column = names.get(name)
        key = column or name
        if key in seen and key == name:
            report.error(
                file,
                header_row,
                name,
                "elke kolom één keer in de kopregel",
                f"'{name}' ook in kolom {seen[key] + 1}",
                "Verwijder of hernoem één van de twee.",
            )
            fine = False
        elif key in seen:
            report.error(
                file,
                header_row,
                str(cell).strip(),
                "elke kolom van het register één keer in de kopregel",
                f"kolom {index + 1} vult '{key}', net als kolom {seen[key] + 1}",
                "Verwijder of hernoem één van de twee, of pas koppeling.kolommen in gemeente.yaml aan.",
            )
            fine = False
        seen.setdefault(key, index)
        if column is not None:
            keep[index] = column
        else:
            extra.append(index)
    return (keep, extra) if fine else None


def samples(values: pd.Series, rows: pd.Series) -> list[tuple[str, int]]:
    """The first distinct non-empty values of a column with the row each first appears on."""
    first = values[values != ""].drop_duplicates().head(MAX_SAMPLES)
    return [(str(v), int(r)) for v, r in zip(first, rows.loc[first.index], strict=True)]


def sheet_problem(names: list[str], wanted: str) -> tuple[str, str]:
    """What a missing sheet is called and which there are, in Dutch."""
    return shown(wanted), "De werkmap heeft de werkbladen " + ", ".join(shown(n) for n in names[:20]) + "."
