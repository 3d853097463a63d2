"""Tables as data: numbered, captioned, small counts protected, renderable as HTML and CSV."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model.indicators import Ratio
from ..model.schema import SMALL_COUNT
from .formatting import Md, getal, pad, procent

# The note under every table with protected cells: written once.
PROTECTED_NOTE = f"Aantallen van 1 tot en met {SMALL_COUNT - 1} staan er als \"< {SMALL_COUNT}\" (privacy)."



@dataclass
class Table:
    """A numbered table: caption, column headers, rows (first cell is the row header)."""

    title: str
    columns: list[str]
    rows: Sequence[Sequence[object]]
    footer: Sequence[object] | None = None
    source: str = ""
    number: str = ""  # "4.1", set by the Numbering of the page
    note: str = ""

    @property
    def text_cells(self) -> set[tuple[int, int]]:
        """(row, column) of the body cells that hold text (left-aligned) rather than a formatted number."""
        return {(r, c) for r, row in enumerate(self.rows) for c, v in enumerate(row)
                if c and isinstance(v, str) and not isinstance(v, Md) and v.strip()}

    @property
    def text_columns(self) -> set[int]:
        """Columns after the first whose every body cell is text: their header is left-aligned too."""
        cells = self.text_cells
        return {c for c in range(1, len(self.columns))
                if self.rows and all((r, c) in cells for r in range(len(self.rows)))}

    @property
    def anchor(self) -> Md:
        """Stable anchor of the table on its page."""
        return pad("tabel-" + self.number.replace(".", "-"))


@dataclass
class Numbering:
    """Hands out figure and table numbers within one chapter (4.1, 4.2, ...)."""

    chapter: int | str
    tables: list[Table] = field(default_factory=list)
    figure_count: int = 0

    def table(self, table: Table) -> Table:
        """Number a table and remember it for the page."""
        self.tables.append(table)
        table.number = f"{self.chapter}.{len(self.tables)}"
        return table

    def figure(self) -> str:
        """The next figure number of the chapter."""
        self.figure_count += 1
        return f"{self.chapter}.{self.figure_count}"


def share_rows(counts: dict[str, int], labels: dict[str, str], total: int,
               order: str = "count") -> list[list[str]]:
    """Rows of label, count and share of the total; largest first, or in the given order with order='key'."""
    keys = sorted(counts, key=lambda k: (-counts[k], labels.get(k, k))) if order == "count" else list(counts)
    return [[labels.get(k, k), getal(counts[k]), procent(Ratio(counts[k], total))] for k in keys]


def suppress(matrix: dict[str, dict[str, int]]) -> dict[str, dict[str, int | None]]:
    """Hide cells of 1 to 4 (None), plus more cells until no row or column total gives one away."""
    result: dict[str, dict[str, int | None]] = {r: dict(cells) for r, cells in matrix.items()}
    for cells in result.values():
        for c, v in cells.items():
            if v is not None and 0 < v < SMALL_COUNT:
                cells[c] = None
    rows = sorted(result)
    cols = sorted({c for cells in result.values() for c in cells})
    # A line of one cell has no total apart from the cell itself, so it protects nothing.
    lines = [line for line in ([[(r, c) for c in cols if c in result[r]] for r in rows]
                               + [[(r, c) for r in rows if c in result[r]] for c in cols]) if len(line) > 1]
    while True:
        lonely = next((line for line in lines if sum(result[r][c] is None for r, c in line) == 1), None)
        if lonely is not None:
            _hide_one_more(lonely, matrix, result)
            continue
        exposed = _determined(lines, result)
        if exposed is None:
            return result
        # A hidden cell that the totals still pin down (a bridge between two groups): widen its row.
        row = next(line for line in lines if exposed in line and all(r == exposed[0] for r, _ in line))
        if not _hide_one_more(row, matrix, result):
            column = next(line for line in lines if exposed in line and all(c == exposed[1] for _, c in line))
            if not _hide_one_more(column, matrix, result):
                return result  # everything in reach is hidden already


def _hide_one_more(line: list[tuple[str, str]], matrix: dict[str, dict[str, int]],
                   result: dict[str, dict[str, int | None]]) -> bool:
    """Hide the smallest visible cell of a line, non-zero first (a hidden 0 still hides the split)."""
    candidates = sorted((matrix[r][c] == 0, matrix[r][c], r, c) for r, c in line if result[r][c] is not None)
    if not candidates:
        return False
    _, _, r, c = candidates[0]
    result[r][c] = None
    return True


def _determined(lines: list[list[tuple[str, str]]],
                result: dict[str, dict[str, int | None]]) -> tuple[str, str] | None:
    """A hidden cell that row and column totals determine exactly, or None.

    The totals are a graph: a line with a total is a vertex, a hidden cell an edge between its row and its
    column, and the lines without a total are one vertex 'free'. A cell is determined exactly when its
    edge is a bridge: then the alternating sum of the totals on the side without 'free' gives it; on a
    cycle, +1 and -1 around it change no total (exact, and linear in the cells: no elimination, no numpy).
    """
    hidden = sorted({rc for line in lines for rc in line if result[rc[0]][rc[1]] is None})
    if not hidden:
        return None
    # Every line has at least two cells: a row line shares its row, a column line its column.
    totals = {("rij", line[0][0]) if all(r == line[0][0] for r, _ in line) else ("kolom", line[0][1])
              for line in lines}

    def vertex(kind: str, name: str) -> tuple[str, str] | str:
        return (kind, name) if (kind, name) in totals else "free"

    edges = [(vertex("rij", r), vertex("kolom", c)) for r, c in hidden]
    bridges = _bridges(edges)
    return next((rc for index, rc in enumerate(hidden) if index in bridges), None)


def _bridges(edges: Sequence[tuple[object, object]]) -> set[int]:
    """Indices of the bridges of a multigraph (Tarjan's low-link, iterative; parallel edges are no bridges)."""
    around: dict[object, list[tuple[object, int]]] = {}
    for index, (a, b) in enumerate(edges):
        around.setdefault(a, []).append((b, index))
        around.setdefault(b, []).append((a, index))
    order: dict[object, int] = {}
    low: dict[object, int] = {}
    found: set[int] = set()
    for root in sorted(around, key=repr):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, -1, iter(around[root]))]
        while stack:
            node, via, todo = stack[-1]
            step = next(todo, None)
            if step is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
                continue
            other, index = step
            if index == via:
                continue
            if other in order:
                low[node] = min(low[node], order[other])
            else:
                order[other] = low[other] = len(order)
                stack.append((other, index, iter(around[other])))
    return found


def cell(value: int | None) -> Md:
    """A protected count as shown: the number, or '< 5'."""
    # Escaped once here, so "< 5" is text in an HTML table as well as in Markdown.
    return Md("&lt; 5") if value is None else getal(value)


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with formula-like cells neutralised (a leading quote), for spreadsheet safety."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def safe_cell(value: object) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    """True for a plain number such as -3 or -1.5."""
    try:
        float(text)
        return True
    except ValueError:
        return False
