"""Every table on the site as open data: a CSV beside it, its resource in the year's Data Package, the licence."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from decimal import Decimal

from markupsafe import Markup

from ..aggregate.disclosure import PRIMARY, SECONDARY
from ..model.codes import LICENCES
from .figures.bundle import Bundle
from .formatting import Md, h
from .tables import SECONDARY_MARK, Table, to_csv

WORKBOOK = "data/tabellen-{year}.xlsx"  # every table of a year in one workbook, beside the year's CSVs
TABLES = "tabellen"  # the folder of the table CSVs inside a year's data/ folder (or the site's)
# What a reader may do under each licence, in words.
LICENCE_USE = {
    "CC0-1.0": "u mag ze vrij gebruiken, bewerken en verspreiden, ook zonder de bron te noemen",
    "CC-BY-4.0": "u mag ze vrij gebruiken, bewerken en verspreiden, als u de gemeente als bron noemt",
    "PDDL-1.0": "u mag ze vrij gebruiken, bewerken en verspreiden, ook zonder de bron te noemen",
}
_NUMBER = re.compile(r"^[−-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
_LEADING = re.compile(r"^([−-]?\d{1,3}(?:\.\d{3})*(?:,\d+)?)(%| dagen?\b)")
_HIDDEN = {f"< {n}" for n in range(1, 100)}


def workbook_path(year: int) -> Md:
    """The year's workbook, relative to the year's folder."""
    return Md(WORKBOOK.format(year=int(year)))


def licence_sentence(code: str) -> Md:
    """The open data's licence in one sentence with its link (jaar.md.j2's open-data section)."""
    title, path = LICENCES[code]
    return Md(f"De open data vallen onder de licentie [{h(title)} ({h(code)})]({path}): {LICENCE_USE[code]}.")


def tables_of(context: object) -> list[Table]:
    """The tables in a page's context, in the order the context lists them."""
    if isinstance(context, Table):
        return [context]
    if isinstance(context, dict):
        return [t for value in context.values() for t in tables_of(value)]
    if isinstance(context, (list, tuple)):
        return [t for value in context for t in tables_of(value)]
    return []


def csv_path(page: str, table: Table) -> str:
    """Where a table's CSV goes: the year's data/tabellen/ (the site's for pages outside a year)."""
    parts = posixpath.splitext(page)[0].split("/")
    year, rest = (parts[0], parts[1:]) if parts[0].isdigit() else ("", parts)
    stem = "-".join(rest) + "-" + str(table.anchor).lower()
    return posixpath.join(year, "data", TABLES, stem + ".csv")


def assign(page: str, tables: Iterable[Table]) -> None:
    """Give each table of a page its CSV path and the page-relative link its source line shows."""
    stem = posixpath.splitext(page)[0]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    for table in tables:
        table.csv = csv_path(page, table)
        table.csv_url = posixpath.relpath(table.csv, folder or ".")


def plain(value: object) -> tuple[object, str]:
    """A shown cell as data: (number or text or None, the hidden mark if the count is kept secret)."""
    # Our own formatted cells are escaped HTML ("&lt; 5"); a data string is kept exactly as written.
    text = (html.unescape(str(value)) if isinstance(value, Markup) else str(value)).strip()
    if text in _HIDDEN:
        return None, PRIMARY
    if text == SECONDARY_MARK:
        return None, SECONDARY
    if text in ("", "n.v.t.", "niet bekend") or text.startswith(("te weinig", "nog niet")) or "te weinig" in text:
        return None, ""
    whole, leading = _NUMBER.match(text), _LEADING.match(text)
    if whole is None and leading is None:
        return text, ""
    number = whole.group(0) if whole else leading.group(1) if leading else ""
    clean = number.replace("−", "-").replace(".", "").replace(",", ".")
    return (Decimal(clean) if "." in clean else int(clean)), ""


def field_name(header: str) -> str:
    """A column header as a Dutch snake_case CSV name: 'Aandeel van alle klachten' -> aandeel_van_alle_klachten."""
    name = re.sub(r"[^a-z0-9]+", "_", header.lower().replace("ë", "e").replace("é", "e")).strip("_")
    return name or "kolom"


def table_rows(table: Table) -> tuple[list[str], list[list[object]]]:
    """A table's header and rows as data, the footer included; a hidden count is empty with its mark beside it."""
    body = [list(r) for r in table.rows] + ([list(table.footer)] if table.footer else [])
    cells = [[plain(v) for v in row] for row in body]
    names = [field_name(c) for c in table.columns]
    for i, name in enumerate(names):  # a percentage column says so in its name
        if any(i < len(row) and "%" in str(row[i]) for row in body) and not name.endswith("procent"):
            names[i] = name + "_procent"
    names = [n if names.count(n) == 1 else f"{n}_{i + 1}" for i, n in enumerate(names)]
    hidden = [i for i in range(len(names)) if any(row[i][1] for row in cells if i < len(row))]
    header = [n for i, n in enumerate(names) for n in ([n, n + "_verborgen"] if i in hidden else [n])]
    rows = [
        [out for i, (value, mark) in enumerate(row) for out in ([value, mark] if i in hidden else [value])]
        for row in cells
    ]
    return header, rows


def table_csv(table: Table) -> bytes:
    """The table as CSV: plain numbers with a dot, hidden counts empty with the mark in a _verborgen column."""
    header, rows = table_rows(table)
    return to_csv(header, rows).encode("utf-8")


def table_resource(table: Table, folder: str) -> dict[str, object]:
    """The resource of one table's CSV in the year's Data Package, each column typed."""
    header, rows = table_rows(table)
    descriptions = {field_name(c): c for c in table.columns}
    fields = []
    for i, name in enumerate(header):
        values = [row[i] for row in rows if row[i] is not None]
        kind = (
            "integer"
            if values and all(isinstance(v, int) for v in values)
            else "number"
            if values and all(isinstance(v, int | Decimal) for v in values)
            else "string"
        )
        fields.append({"name": name, "type": kind, "description": descriptions.get(name, name)})
    return {
        "name": posixpath.splitext(posixpath.basename(table.csv))[0].replace("_", "-"),
        "path": posixpath.relpath(table.csv, folder or "."),
        "title": f"Tabel {table.number}: {table.title}",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    }


def trends_package(name: str, title: str, licence: dict[str, str], bundles: list[Bundle], tables: list[Table]) -> dict:
    """The Data Package of the figures and tables across years (the trends page), beside the yearly ones."""
    from .open_data import bundle_resource

    return {
        "profile": "data-package",
        "name": name,
        "title": title,
        "description": "De cijfers achter de figuren en tabellen over alle jaren (de pagina Trends). Getallen met "
        "een punt als decimaalteken; een lege cel is niet bekend of niet van toepassing.",
        "licenses": [licence],
        "resources": [bundle_resource(b) for b in sorted(bundles, key=lambda b: b.name)]
        + [table_resource(t, "") for t in sorted(tables, key=lambda t: t.csv)],
    }
