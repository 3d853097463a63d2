"""Tables as data: numbered, captioned, hidden counts marked, renderable as HTML and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..aggregate.disclosure import PRIMARY, SECONDARY
from ..model.codes import SMALL_COUNT
from ..model.indicators import Ratio
from .formatting import Md, getal, pad, procent

# The notes under a table with hidden cells, written once; the method page says the same in full.
# "×" is the mark Statistics Netherlands uses for a figure kept secret.
SECONDARY_MARK = "×"
PROTECTED_NOTE = f'Een "< {SMALL_COUNT}" staat voor een aantal van 1 tot en met {SMALL_COUNT - 1} (privacy).'
SECONDARY_NOTE = (
    f'Een "{SECONDARY_MARK}" is een aantal dat verborgen is zodat een ander verborgen aantal niet uit '
    "de totalen terug te rekenen is; het kan elke waarde hebben, ook 0."
)


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
    csv: str = ""  # site path of its CSV, set by table_data.assign before the page is rendered
    csv_url: str = ""  # that CSV relative to the page's URL, for the raw HTML of its source line

    @property
    def text_cells(self) -> set[tuple[int, int]]:
        """(row, column) of the body cells that hold text (left-aligned) rather than a formatted number."""
        return {
            (r, c)
            for r, row in enumerate(self.rows)
            for c, v in enumerate(row)
            if c and isinstance(v, str) and not isinstance(v, Md) and v.strip()
        }

    @property
    def text_columns(self) -> set[int]:
        """Columns after the first whose every body cell is text: their header is left-aligned too."""
        cells = self.text_cells
        return {
            c for c in range(1, len(self.columns)) if self.rows and all((r, c) in cells for r in range(len(self.rows)))
        }

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


def share_rows(counts: dict[str, int], labels: dict[str, str], total: int, order: str = "count") -> list[list[str]]:
    """Rows of label, count and share of the total; largest first, or in the given order with order='key'."""
    keys = sorted(counts, key=lambda k: (-counts[k], labels.get(k, k))) if order == "count" else list(counts)
    return [[labels.get(k, k), getal(counts[k]), procent(Ratio(counts[k], total))] for k in keys]


def base_note(total: int, words: str) -> str:
    """The note that names a table's base in words, so its shares never pass for an indicator's."""
    return f"Het aandeel is van alle {getal(total)} {words}."


def cell(value: int, mark: str | None = None) -> Md:
    """A count as shown: the number, "< 5" for a small one, "×" for one hidden to protect another."""
    if mark is None:
        return getal(value)
    # Escaped once here, so "< 5" is text in an HTML table as well as in Markdown.
    return Md(f"&lt; {SMALL_COUNT}") if mark == PRIMARY else Md(SECONDARY_MARK)


def protection_note(marks: list[str | None]) -> str:
    """The note under a table with hidden cells: what each mark in it means."""
    note = PROTECTED_NOTE
    if SECONDARY in marks:
        note += " " + SECONDARY_NOTE
    return note


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
