"""Which unknowns a set of linear equations fixes exactly: Gauss-Jordan over fractions.

Shared by the suppression property test and the site-wide disclosure test, and independent of
tables.suppress, which finds determined cells as bridges of the graph of lines and hidden cells.
"""

from __future__ import annotations

from fractions import Fraction


def fixed_columns(rows: list[list[int]]) -> set[int]:
    """Columns (unknowns) whose value the equations determine: a reduced row with only that unknown in it."""
    rows = [[Fraction(v) for v in row] for row in rows]
    width = len(rows[0]) if rows else 0
    pivot_of: dict[int, int] = {}
    top = 0
    for col in range(width):
        pick = next((i for i in range(top, len(rows)) if rows[i][col] != 0), None)
        if pick is None:
            continue
        rows[top], rows[pick] = rows[pick], rows[top]
        rows[top] = [v / rows[top][col] for v in rows[top]]
        for i in range(len(rows)):
            if i != top and rows[i][col] != 0:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[top], strict=True)]
        pivot_of[col] = top
        top += 1
    return {col for col, row in pivot_of.items() if sum(v != 0 for v in rows[row]) == 1}
