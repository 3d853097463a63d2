"""The small-count protection of every year's cross tables: cached patterns reused, new ones made by
disclosure.protect, and the Dutch error for a table that cannot be protected."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from ..model.codes import MIN_VALUES, SMALL_COUNT
from ..model.indicators import YearIndicators
from ..model.problems import Report
from ..validate.dataset import Dataset
from . import disclosure
from .disclosure import PRIMARY, SECONDARY, Cell, Matrix

KIND_NAMES = {"aard": "aard", "afhandeling": "wijze van afhandeling"}
KIND_COLUMNS = {"aard": "aard", "afhandeling": "afhandeling"}  # the register's column of each kind


def table_key(matrix: Matrix) -> str:
    """A hash of a table's counts and the thresholds; the code is in the cache's own key (write/code_key.py)."""
    return hashlib.sha256(json.dumps([SMALL_COUNT, MIN_VALUES, matrix], sort_keys=True).encode()).hexdigest()


def protect_years(
    data: Dataset,
    indicators: dict[int, YearIndicators],
    report: Report,
    known: dict[str, list[list[str]]] | None = None,
) -> dict[int, YearIndicators]:
    """Every year's cross tables with their hidden cells; a table that cannot be protected is an error."""
    # `known` (table key -> [[afdeling, code, mark]]) holds earlier results; it ends as exactly this run's tables.
    out, used = {}, {}
    known = {} if known is None else known
    for year, ind in sorted(indicators.items()):
        hidden: dict[str, dict[str, dict[str, str]]] = {}
        for kind, matrix in sorted(ind.figures.cross.items()):
            key = table_key(matrix)
            marks = {(d, c): m for d, c, m in known.get(key, [])}
            try:
                if not _plausible(matrix, marks):
                    marks = disclosure.protect(matrix)  # by the module: a test replaces it
            except disclosure.Unprotectable as stuck:
                report_unprotectable(data, year, kind, matrix, stuck, report)
                continue
            used[key] = [[d, c, m] for (d, c), m in sorted(marks.items())]
            hidden[kind] = {d: {c: mark for (r, c), mark in sorted(marks.items()) if r == d} for d in sorted(matrix)}
        out[year] = dataclasses.replace(ind, figures=dataclasses.replace(ind.figures, hidden=hidden))
    known.clear()
    known.update(used)
    return out


def _plausible(matrix: Matrix, marks: dict[Cell, str]) -> bool:
    """A remembered pattern fits the table: every 1 to 4 hidden, "< 5" only there, marks only on its cells."""
    return (
        bool(marks)
        and set(disclosure.primaries(matrix)) <= set(marks)
        and all(
            d in matrix
            and c in matrix[d]
            and (mark == SECONDARY or 0 < matrix[d][c] < SMALL_COUNT)
            and mark in (PRIMARY, SECONDARY)
            for (d, c), mark in marks.items()
        )
    )


def report_unprotectable(
    data: Dataset, year: int, kind: str, matrix: Matrix, stuck: disclosure.Unprotectable, report: Report
) -> None:
    """The Dutch error for a cross table whose small counts cannot be kept from a reader who solves its totals."""
    department, code = stuck.cell
    name = data.gemeente.afdelingen[department].label if department in data.gemeente.afdelingen else department
    label = data.gemeente.labels.get(kind, {}).get(code, code)
    row, column = sum(matrix[department].values()), sum(cells.get(code, 0) for cells in matrix.values())
    report.error(
        f"data/{year}/klachten.csv",
        column="afdeling" if row <= column else KIND_COLUMNS[kind],
        expected=f"een tabel afdeling × {KIND_NAMES[kind]} waarin elk verborgen aantal ten minste {MIN_VALUES} "
        "mogelijke waarden houdt voor wie alle gepubliceerde totalen naast elkaar legt",
        found=f"{name} × {label.lower()}: met de totalen ({row} bij {name}, {column} bij {label.lower()}) ligt dit "
        f"aantal tussen {stuck.low} en {stuck.high}, ook als de hele tabel verborgen is",
        hint=f"Een afdeling, aard of wijze van afhandeling met maar {min(row, column)} klacht(en) in {year} is niet "
        "te beschermen zolang dat totaal op de site staat. Overleg met de functionaris "
        "gegevensbescherming; de site wordt pas gebouwd als elk verborgen aantal beschermd is.",
    )
