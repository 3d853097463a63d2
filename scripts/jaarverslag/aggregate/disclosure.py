"""Small-count protection of the cross tables, audited by linear programming as τ-ARGUS audits a pattern.

A cell of 1 to 4 is hidden as "< 5" (primary). A reader who knows the rule knows that such a cell
lies between 1 and 4, that a cell hidden as "×" (secondary, hidden to protect another) is 0 or more,
and every row and column total: the site publishes them all (department pages, the figures per
department and per nature, the trends page). More cells are hidden until the least and greatest
value of every hidden cell under exactly those facts lie MIN_VALUES - 1 apart, or as far apart as
the row and column totals alone allow (a department with one complaint: 0 or 1). A row or column
whose "< 5" cells cannot be protected that way (a total of 5 spread as 1+1+1+1+1) shows all its
cells as "×"; a table all "×" always passes, so the build's error for an unprotectable table is a guard.
Row and column sums form a network matrix, so the bounds of the linear programme are
whole numbers and every whole number between them is possible: the audit is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model.codes import MIN_VALUES, SMALL_COUNT

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

PRIMARY = "kleiner_dan_5"  # also the flag in kruistabellen.csv
SECONDARY = "ter_bescherming"

Cell = tuple[str, str]
Matrix = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Unprotectable(Exception):
    """A hidden cell that no further hiding can protect: its range under the audit, after hiding all it can."""

    cell: Cell
    low: int
    high: int


def bounds(mark: str) -> tuple[int, int | None]:
    """What a reader knows about a hidden cell from its mark."""
    return (1, SMALL_COUNT - 1) if mark == PRIMARY else (0, None)


def required(matrix: Matrix, cell: Cell) -> int:
    """MIN_VALUES, or fewer when the row and column totals alone leave fewer (with every cell of the table hidden)."""
    r, c = cell
    row, column = sum(matrix[r].values()), sum(cells.get(c, 0) for cells in matrix.values())
    grand = sum(sum(cells.values()) for cells in matrix.values())
    # The classic bounds of a cell of a two-way table with known margins: [max(0, row + column - grand), min].
    return min(MIN_VALUES, min(row, column) - max(0, row + column - grand) + 1)


def _lines(matrix: Matrix) -> list[list[Cell]]:
    """Every row and every column of the table: each has a published total."""
    rows = sorted(matrix)
    columns = sorted({c for cells in matrix.values() for c in cells})
    return [[(r, c) for c in columns if c in matrix[r]] for r in rows] + [
        [(r, c) for r in rows if c in matrix[r]] for c in columns
    ]


class _Programme:
    """The audit's linear programme: hidden cells (and optionally candidates pinned to their value) as variables."""

    def __init__(self, matrix: Matrix, marks: dict[Cell, str], pinned: Sequence[Cell] = ()) -> None:
        import numpy as np

        self.cells = sorted(marks) + sorted(pinned)
        index = {cell: i for i, cell in enumerate(self.cells)}
        rows, rhs = [], []
        for line in _lines(matrix):
            inside = [cell for cell in line if cell in index]
            if inside:
                coefficients = np.zeros(len(self.cells))
                coefficients[[index[cell] for cell in inside]] = 1
                rows.append(coefficients)
                rhs.append(sum(matrix[r][c] for r, c in line))  # the published total, minus nothing unknown
                rhs[-1] -= sum(matrix[r][c] for r, c in line if (r, c) not in index)
        self.a_eq = np.array(rows) if rows else None
        self.b_eq = np.array(rhs, dtype=float) if rows else None
        self.bounds = [
            bounds(marks[(r, c)]) if (r, c) in marks else (matrix[r][c], matrix[r][c]) for r, c in self.cells
        ]
        self.index = index

    def unit(self, cell: Cell) -> npt.NDArray[np.float64]:
        """The objective of one cell alone."""
        import numpy as np

        objective = np.zeros(len(self.cells))
        objective[self.index[cell]] = 1
        return objective

    def solve(self, objective: npt.NDArray[np.float64]) -> Any:  # SciPy's OptimizeResult has no type hints
        """Minimise the objective over every table the reader cannot rule out; the HiGHS result."""
        from scipy.optimize import linprog

        result = linprog(objective, A_eq=self.a_eq, b_eq=self.b_eq, bounds=self.bounds, method="highs")
        if result.status != 0:  # the true table is a solution, so this is a bug, not a data problem
            raise RuntimeError(f"audit LP failed: {result.message}")
        return result


def audit(
    matrix: Matrix, marks: dict[Cell, str], exact: bool = False, only: list[Cell] | None = None
) -> dict[Cell, tuple[int, int]]:
    """Per hidden cell (or those in `only`), the least and greatest value a reader can derive."""
    # exact=False stops as soon as a cell is seen as wide as required(): enough to say it is protected.
    if not marks:
        return {}
    import numpy as np

    programme = _Programme(matrix, marks)
    wanted = sorted(only) if only is not None else programme.cells
    # Every solution is a table the reader cannot rule out, so each one widens what is known of all
    # cells at once. Pushing all open cells up together, then down, settles most of them in two programmes.
    low = {cell: matrix[cell[0]][cell[1]] for cell in programme.cells}
    high = dict(low)
    need = {cell: required(matrix, cell) - 1 for cell in wanted}

    def seen(values: npt.NDArray[np.float64]) -> None:
        for other, value in zip(programme.cells, values, strict=True):
            low[other], high[other] = min(low[other], round(value)), max(high[other], round(value))

    def open_cells() -> list[Cell]:
        return [c for c in wanted if high[c] - low[c] < need[c]]

    if not exact:
        # Push every open cell at once the way it has not moved yet, while that settles more cells.
        todo, before = open_cells(), None
        while todo and todo != before:
            objective = np.zeros(len(programme.cells))
            for c in todo:
                top = programme.bounds[programme.index[c]][1]
                up = high[c] == matrix[c[0]][c[1]] and (top is None or high[c] < top)
                objective[programme.index[c]] = -1.0 if up else 1.0
            seen(programme.solve(objective).x)
            todo, before = open_cells(), todo
    found: dict[Cell, tuple[int, int]] = {}
    for cell in wanted:
        for sign in (-1, 1):
            if not exact and high[cell] - low[cell] >= need[cell]:
                break
            seen(programme.solve(programme.unit(cell) * sign).x)
        found[cell] = (low[cell], high[cell])
    return found


def narrowed(matrix: Matrix, marks: dict[Cell, str], only: list[Cell] | None = None) -> list[Cell]:
    """Hidden cells (or those in `only`) with fewer possible values than required(), in sorted order."""
    return [
        cell
        for cell, (low, high) in sorted(audit(matrix, marks, only=only).items())
        if high - low + 1 < required(matrix, cell)
    ]


def primaries(matrix: Matrix) -> dict[Cell, str]:
    """The cells of 1 to 4."""
    return {(r, c): PRIMARY for r, cells in matrix.items() for c, v in cells.items() if 0 < v < SMALL_COUNT}


def _published(matrix: Matrix) -> set[Cell]:
    """Cells in a row and a column with a non-zero total: a zero total already tells every cell of its line."""
    rows = {r for r, cells in matrix.items() if sum(cells.values())}
    columns = {
        c for c in {c for cells in matrix.values() for c in cells} if sum(cells.get(c, 0) for cells in matrix.values())
    }
    return {(r, c) for r in rows for c in matrix[r] if c in columns}


def protect(matrix: Matrix) -> dict[Cell, str]:
    """The hidden cells and their marks: primaries, then the fewest, smallest secondary cells that pass the audit."""
    marks = primaries(matrix)
    published = _published(matrix)
    for line in _lines(matrix):
        line = [cell for cell in line if cell in published]
        # Room above the "< 5" cells' lower bound of 1; with less than MIN_VALUES - 1 nothing helps.
        if sum(matrix[r][c] - (1 if (r, c) in marks else 0) for r, c in line) < MIN_VALUES - 1 and any(
            cell in marks for cell in line
        ):
            marks.update(dict.fromkeys(line, SECONDARY))
    while True:
        try:
            return _secondaries(matrix, dict(marks), published)
        except Unprotectable as stuck:
            # A line whose "< 5" cells pin each other (a total of 5 as 1+1+1+1+1) cannot be helped by hiding
            # more: the "< 5" itself tells too much. Then every cell of that line is shown as "×".
            tight = _tightest_line(matrix, marks, published, stuck.cell)
            if tight is None:
                # Far-away "< 5" cells can still hold it: the whole table as "×" meets required() by its definition.
                if all(marks.get(cell) == SECONDARY for cell in published):
                    raise
                tight = sorted(published)
            marks.update(dict.fromkeys(tight, SECONDARY))


def _tightest_line(matrix: Matrix, marks: dict[Cell, str], published: set[Cell], cell: Cell) -> list[Cell] | None:
    """The row or column through `cell` with the least room above its hidden cells' lower bounds, not yet all "×"."""
    row = sorted(c for c in published if c[0] == cell[0])
    column = sorted(c for c in published if c[1] == cell[1])
    open_lines = [line for line in (column, row) if any(marks.get(c) != SECONDARY for c in line)]
    if not open_lines:
        return None

    def room(line: list[Cell]) -> int:
        return sum(matrix[r][c] - bounds(marks[(r, c)])[0] for r, c in line if (r, c) in marks)

    return min(open_lines, key=room)


def _secondaries(matrix: Matrix, marks: dict[Cell, str], published: set[Cell]) -> dict[Cell, str]:
    """Add secondary cells until no hidden cell is narrowed; Unprotectable when nothing left to hide helps."""
    failing = narrowed(matrix, marks)
    while failing:
        cell = failing.pop(0)
        # One cell at a time until it is protected: re-auditing every failing cell after each step costs
        # more programmes than it saves, and hiding more never unprotects a cell.
        while narrowed(matrix, marks, only=[cell]):
            choice = _helpful(matrix, marks, sorted(published - set(marks)), cell)
            if choice is None:
                low, high = audit(matrix, marks, exact=True, only=[cell])[cell]
                raise Unprotectable(cell, low, high)
            marks[choice] = SECONDARY
            failing.append(choice)
        failing = narrowed(matrix, marks, only=failing)
    return marks


def _helpful(matrix: Matrix, marks: dict[Cell, str], candidates: list[Cell], cell: Cell) -> Cell | None:
    """The cheapest visible cell whose hiding would widen the range of `cell`, or the cheapest near it."""
    if not candidates:
        return None
    programme = _Programme(matrix, marks, candidates)
    useful = set()
    for sign in (-1, 1):
        result = programme.solve(programme.unit(cell) * sign)
        # A pinned candidate with a non-zero reduced cost is a bound that stops the optimum: hiding it helps.
        for candidate in candidates:
            i = programme.index[candidate]
            if abs(result.lower.marginals[i]) > 1e-9 or abs(result.upper.marginals[i]) > 1e-9:
                useful.add(candidate)
    # With a degenerate optimum no bound may show; then a cell in the same row or column starts a new cycle.
    near = useful or {c for c in candidates if c[0] == cell[0] or c[1] == cell[1]} or set(candidates)
    # Smallest first; a 0 last, as hiding it tells the reader least about why the table has holes.
    return min(near, key=lambda c: (matrix[c[0]][c[1]] == 0, matrix[c[0]][c[1]], c))
