"""Exports as case systems write them: header below a title, a chosen sheet, Dutch dates, a bounded mapping."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from pydantic import ValidationError

from jaarverslag.load.register import load_register_csv
from jaarverslag.load.register_xlsx import load_register_xlsx
from jaarverslag.model.problems import Report
from jaarverslag.model.register_export import RegisterExport
from jaarverslag.validate.dates import parse_dates
from jaarverslag.validate.export import propose_columns, propose_value

HEADER = "Kenmerk;Datum ontvangst;soort;afdeling"


def test_a_title_and_an_empty_row_above_the_header_are_skipped_and_rows_keep_their_numbers(tmp_path):
    path = tmp_path / "klachten.csv"
    path.write_text(f"Export klachten 2022;;;\n;;;\n{HEADER}\nK1;17-03-2022;awb;wonen\n", encoding="utf-8")
    export = RegisterExport(kolommen={"Kenmerk": "id", "datum ontvangst": "ontvangen_op"})
    loaded = load_register_csv(path, "data/2022/klachten.csv", Report(), export)
    assert loaded is not None and loaded.header_row == 3
    assert loaded.frame.to_dict("records") == [
        {"id": "K1", "ontvangen_op": "17-03-2022", "soort": "awb", "afdeling": "wonen", "rij": 4}
    ]


def test_a_configured_header_row_beyond_the_file_is_refused(tmp_path):
    path = tmp_path / "klachten.csv"
    path.write_text(f"{HEADER}\n", encoding="utf-8")
    report = Report()
    assert load_register_csv(path, "data/2022/klachten.csv", report, RegisterExport(kopregel=9)) is None
    assert "de kopregel op rij 9" in report.errors[0].format()


def test_the_sheet_is_chosen_by_name_and_a_wrong_name_lists_the_sheets(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Uitleg"
    sheet = book.create_sheet("Register")
    sheet.append(["Overzicht"])
    sheet.append(["id", "soort", "afdeling"])
    sheet.append(["K1", "awb", "wonen"])
    book.save(tmp_path / "klachten.xlsx")
    loaded = load_register_xlsx(tmp_path / "klachten.xlsx", "k.xlsx", Report(), RegisterExport(blad="Register"))
    assert loaded is not None and loaded.frame["rij"].tolist() == [3]
    report = Report()
    assert load_register_xlsx(tmp_path / "klachten.xlsx", "k.xlsx", report, RegisterExport(blad="Blad1")) is None
    assert "'Uitleg', 'Register'" in report.errors[0].format()


def test_dutch_dates_are_read_and_ambiguous_ones_refused():
    values = pd.Series(
        ["17-03-2022", "7-3-2022", "17/03/2022", "17.03.2022 14:05", "2022-03-17", "3-4-22", "31-2-2022"]
    )
    dates, bad, short, impossible, hint = parse_dates(values, pd.Series(range(2, 9)))
    assert dates[:5].dt.strftime("%Y-%m-%d").tolist() == ["2022-03-17", "2022-03-07", *["2022-03-17"] * 3]
    assert short.tolist() == [False] * 5 + [True, False] and impossible.tolist() == [False] * 6 + [True]
    assert not bad.any() and hint == ""
    # Month first somewhere (03/17/2022): every date whose two numbers could both be a month is ambiguous.
    dates, _, _, impossible, hint = parse_dates(
        pd.Series(["03/17/2022", "03/04/2022", "13/04/2022"]), pd.Series([5, 6, 7])
    )
    assert impossible.tolist() == [True, True, False] and "rij 5: '03/17/2022'" in hint


def test_the_mapping_is_bounded_and_names_only_register_columns():
    with pytest.raises(ValidationError):
        RegisterExport(kolommen={f"k{i}": "id" for i in range(101)})
    with pytest.raises(ValidationError):
        RegisterExport(kolommen={"Zaak": "zaaknummer"})
    with pytest.raises(ValidationError):
        RegisterExport(kolommen={"Kenmerk": "id", "kenmerk ": "soort"})  # the same export name twice
    with pytest.raises(ValidationError):
        RegisterExport(waarden={"kanaal": {"x" * 101: "telefoon"}})


def test_the_proposal_finds_columns_and_codes_by_their_words():
    headers = ["Datum ontvangst", "Datum afhandeling", "Wijze van afhandeling", "Binnengekomen via", "Naam klager"]
    assert propose_columns(["ontvangen_op", "afgehandeld_op", "afhandeling", "kanaal"], headers) == {
        "Datum ontvangst": "ontvangen_op",
        "Datum afhandeling": "afgehandeld_op",
        "Wijze van afhandeling": "afhandeling",
        "Binnengekomen via": "kanaal",
    }
    options = {"telefoon": "Telefoon", "deels_gegrond": "Deels gegrond", "email": "E-mail"}
    assert propose_value("Telefonisch", options) == "telefoon"
    assert propose_value("Deels gegrond", options) == "deels_gegrond"
    assert propose_value("e-mail", options) == "email"
    assert propose_value("Postduif", options) is None


def test_a_register_longer_than_the_header_search_reads_from_its_first_line(tmp_path):
    path = tmp_path / "klachten.csv"
    path.write_text("id,soort,afdeling\n" + "".join(f"K{i},awb,wonen\n" for i in range(50)), encoding="utf-8")
    loaded = load_register_csv(path, "data/2022/klachten.csv", Report())
    assert loaded is not None and loaded.header_row == 1 and len(loaded.frame) == 50
