"""The year's workbook: a sheet per table with a readable name, hidden counts empty, the same bytes twice."""

from __future__ import annotations

import io
import time

from conftest import EXAMPLE
from jaarverslag.commands.build import prepare
from jaarverslag.write.workbook import workbooks


def test_two_builds_give_the_same_workbook_bytes_with_every_table():
    from openpyxl import load_workbook

    tables = prepare(EXAMPLE).site.tables
    first = workbooks(tables)
    time.sleep(1.1)  # a build time in the bytes would show now
    second = workbooks(prepare(EXAMPLE).site.tables)
    assert sorted(first) == [
        "2018/data/tabellen-2018.xlsx",
        "2019/data/tabellen-2019.xlsx",
        "2020/data/tabellen-2020.xlsx",
    ]
    assert first == second
    book = load_workbook(io.BytesIO(first["2020/data/tabellen-2020.xlsx"]))
    year_tables = [t for t in tables if t.csv.startswith("2020/")]
    assert len(book.sheetnames) == len(year_tables) and len(set(book.sheetnames)) == len(book.sheetnames)
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert any(name.startswith("5.1 Afgehandelde klachten") for name in book.sheetnames)
    # The per-department handling table keeps its hidden counts hidden: empty, with the reason beside it.
    sheet = book[next(n for n in book.sheetnames if n.startswith("5.4 "))]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    flags = [i for i, name in enumerate(header) if name and str(name).endswith("_verborgen")]
    assert flags
    hidden = [(row[i - 1], row[i]) for row in rows[2:] for i in flags if row[i]]
    assert hidden and all(value is None for value, _ in hidden)


def test_text_from_data_is_never_a_formula_in_the_workbook():
    from openpyxl import load_workbook

    from jaarverslag.render.tables import Table

    table = Table("Titel", ["Afdeling", "Aantal"], [['=HYPERLINK("x")', "3"], ["Bel\x07 ons", "< 5"]], number="1.1")
    table.csv = "2020/data/tabellen/x.csv"
    book = load_workbook(io.BytesIO(workbooks([table])["2020/data/tabellen-2020.xlsx"]))
    sheet = book.worksheets[0]
    assert sheet["A3"].value == '=HYPERLINK("x")' and sheet["A3"].data_type == "s"
    assert sheet["A4"].value == "Bel ons"


def test_a_year_whose_tables_did_not_change_reuses_its_workbook(tmp_path, monkeypatch):
    """With a cache, an unchanged year's workbook is read back (same bytes), a changed year's is written again,
    and a workbook no build uses any more leaves the cache."""
    from dataclasses import replace

    from jaarverslag.write import workbook

    tables = prepare(EXAMPLE).site.tables
    cache = tmp_path / "werkmappen-cache"
    fresh = workbooks(tables, cache, "code")
    assert fresh == workbooks(tables) and len(list(cache.glob("*.xlsx"))) == 3
    written = []
    real = workbook.workbook_bytes
    monkeypatch.setattr(workbook, "workbook_bytes", lambda ts: written.append(ts[0].csv) or real(ts))
    assert workbooks(tables, cache, "code") == fresh and written == []
    changed = [replace(t, title=t.title + " (herzien)") if t.csv.startswith("2020/") else t for t in tables]
    again = workbooks(changed, cache, "code")
    assert [c.split("/")[0] for c in written] == ["2020"]
    assert again["2019/data/tabellen-2019.xlsx"] == fresh["2019/data/tabellen-2019.xlsx"]
    assert again["2020/data/tabellen-2020.xlsx"] != fresh["2020/data/tabellen-2020.xlsx"]
    assert len(list(cache.glob("*.xlsx"))) == 3  # the old 2020 workbook is gone
    written.clear()
    workbooks(tables, cache, "other code")
    assert len(written) == 3  # a code change misses every year
