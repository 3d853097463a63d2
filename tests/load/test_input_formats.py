"""Real register exports: separators, BOM, encodings, date styles, yes/no words, spaces, Excel."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from jaarverslag.commands.build import prepare
from jaarverslag.load.raw import load_data
from jaarverslag.model.problems import DataError, Report, format_problems
from jaarverslag.validate.dataset import validate

BASE = Path(__file__).parents[1] / "corpus" / "_basis"
HEADER = [
    "id",
    "ontvangen_op",
    "afgehandeld_op",
    "soort",
    "afdeling",
    "aard",
    "kanaal",
    "afhandeling",
    "oordeel",
    "verdaagd",
    "klachtadviescommissie",
]
ROWS = [
    [
        "K20-01",
        "2020-01-10",
        "2020-01-30",
        "awb",
        "belastingen",
        "behandelduur",
        "webformulier",
        "informeel_opgelost",
        "",
        "nee",
        "nee",
    ],
    [
        "K20-02",
        "17-03-2020",
        "01-05-2020",
        "Awb",
        "Parkeren",
        "bejegening",
        "email",
        "formeel_afgehandeld",
        "deels_gegrond",
        "Ja",
        "onwaar",
    ],
    [
        "K20-03",
        "2020-06-02",
        "2020-06-09",
        "andersoortig",
        "burgerzaken",
        "overig",
        "balie",
        "doorgestuurd",
        "",
        "J",
        "0",
    ],
    ["K20-04", "2020-11-25", "", "awb", "burgerzaken", "niet_reageren", "brief", "in_behandeling", "", "1", "waar"],
]


def _data(tmp_path: Path) -> Path:
    """The corpus base without its 2020 register."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    (data / "2020" / "klachten.csv").unlink()
    return data


def _register(data: Path):
    """The typed 2020 rows after load and validate, and the warnings."""
    report = Report()
    dataset = validate(load_data(data, report), report)
    rows = dataset.register[dataset.register["jaar"] == 2020].sort_values("id").reset_index(drop=True)
    return rows, [w.format() for w in report.warnings]


def _expect_typed(rows) -> None:
    """The four rows as they must come out of any export style."""
    assert list(rows["id"]) == ["K20-01", "K20-02", "K20-03", "K20-04"]
    assert [d.date() for d in rows["ontvangen_op"]] == [
        dt.date(2020, 1, 10),
        dt.date(2020, 3, 17),
        dt.date(2020, 6, 2),
        dt.date(2020, 11, 25),
    ]
    assert list(rows["soort"]) == ["awb", "awb", "andersoortig", "awb"]
    assert list(rows["afdeling"]) == ["belastingen", "parkeren", "burgerzaken", "burgerzaken"]
    assert list(rows["verdaagd"]) == [False, True, True, True]
    assert list(rows["klachtadviescommissie"]) == [False, False, False, True]


@pytest.mark.parametrize("sep", [",", ";"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_styles(tmp_path, sep, encoding):
    """Either separator, with or without BOM, UTF-8 or Windows-1252, stray spaces and empty trailing rows."""
    data = _data(tmp_path)
    lines = [sep.join(HEADER)] + [
        sep.join(f" {cell} " if i % 3 == 0 else cell for i, cell in enumerate(row)) for row in ROWS
    ]
    lines[2] = lines[2].replace("bejegening", "bejegening ")
    text = "\r\n".join(lines) + "\r\n" + sep * 10 + "\r\n\r\n"
    (data / "2020" / "klachten.csv").write_bytes(text.encode(encoding))
    rows, warnings = _register(data)
    _expect_typed(rows)
    assert warnings == []


def test_cp1252_is_detected_and_named(tmp_path):
    """A Windows-1252 file with an accented letter is read, and the warning says which encoding was assumed."""
    data = _data(tmp_path)
    lines = [",".join([*HEADER, "opmerking"])] + [",".join([*row, "coördinatie"]) for row in ROWS]
    (data / "2020" / "klachten.csv").write_bytes("\n".join(lines).encode("cp1252"))
    rows, warnings = _register(data)
    _expect_typed(rows)
    assert (
        "data/2020/klachten.csv: verwacht tekst in UTF-8, gevonden een andere codering. Gelezen als "
        "Windows-1252 (Excel); controleer letters als é en ë." in warnings
    )


def test_excel_workbook(tmp_path):
    """klachten.xlsx (first sheet) with real dates, numbers and booleans reads like the CSV."""
    data = _data(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        cells: list[object] = list(row)
        if row[1][4] == "-":
            cells[1] = dt.datetime.strptime(row[1], "%Y-%m-%d")
        cells[9] = {"1": 1, "J": True}.get(row[9], row[9])
        sheet.append(cells)
    sheet.append([None] * len(HEADER))
    book.create_sheet("Toelichting").append(["naam", "niet gelezen"])
    book.save(data / "2020" / "klachten.xlsx")
    rows, warnings = _register(data)
    _expect_typed(rows)
    assert warnings == []


def test_mixed_date_styles_are_fine_but_slashes_are_not(tmp_path):
    """03-04-2020 next to 2020-04-03 is one day; 3/4/20 is refused with its row."""
    data = _data(tmp_path)
    rows = [list(r) for r in ROWS]
    rows[0][1], rows[2][1] = "03-04-2020", "2020-04-03"
    rows[0][2], rows[2][2] = "2020-04-20", "2020-04-20"
    body = [",".join(HEADER)] + [",".join(r) for r in rows]
    (data / "2020" / "klachten.csv").write_text("\n".join(body), encoding="utf-8")
    typed, _ = _register(data)
    assert typed.loc[0, "ontvangen_op"] == typed.loc[2, "ontvangen_op"]
    rows[3][1] = "3/4/20"
    (data / "2020" / "klachten.csv").write_text(
        "\n".join([",".join(HEADER)] + [",".join(r) for r in rows]), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        prepare(data)
    assert format_problems(caught.value.problems) == [
        "data/2020/klachten.csv, rij 5, kolom 'ontvangen_op': verwacht een jaartal van vier cijfers, "
        "gevonden '3/4/20'. Een jaartal van twee cijfers is dubbelzinnig (1922 of 2022?): laat de export het jaar "
        "voluit schrijven."
    ]


def test_ten_mistakes_ten_messages(tmp_path):
    """A register with ten different mistakes gives ten located Dutch messages in one run."""
    data = _data(tmp_path)
    bad = [
        [
            "K20-01",
            "2020-01-10",
            "2020-01-30",
            "awb",
            "belastingen",
            "behandelduur",
            "webformulier",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],
        [
            "K20-01",
            "2020-02-01",
            "2020-02-20",
            "awb",
            "belastingen",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 1 duplicate id
        [
            "K20-03",
            "31-02-2020",
            "2020-03-20",
            "awb",
            "belastingen",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 2 impossible date
        [
            "K20-04",
            "2020-04-01",
            "2020-03-01",
            "awb",
            "belastingen",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 3 closed before received
        [
            "K20-05",
            "2021-01-02",
            "",
            "awb",
            "belastingen",
            "bejegening",
            "email",
            "in_behandeling",
            "",
            "nee",
            "nee",
        ],  # 4 after the report year
        [
            "K20-06",
            "2020-05-01",
            "2020-05-20",
            "awb",
            "parkeer",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 5 unknown department
        [
            "K20-07",
            "2020-05-01",
            "2020-05-20",
            "awb",
            "parkeren",
            "bejegning",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 6 unknown nature
        [
            "K20-08",
            "2020-05-01",
            "2020-05-20",
            "awb",
            "parkeren",
            "bejegening",
            "email",
            "formeel_afgehandeld",
            "",
            "nee",
            "nee",
        ],  # 7 verdict missing
        [
            "K20-09",
            "2020-05-01",
            "2020-05-20",
            "awb",
            "parkeren",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "misschien",
            "nee",
        ],  # 8 not yes/no
        [
            "K20-10",
            "2020/05/01",
            "2020-05-20",
            "awb",
            "parkeren",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 9 date style
        [
            "K20-11",
            "2020-05-01",
            "2020-05-20",
            "klacht",
            "parkeren",
            "bejegening",
            "email",
            "informeel_opgelost",
            "",
            "nee",
            "nee",
        ],  # 10 unknown kind
    ]
    (data / "2020" / "klachten.csv").write_text(
        "\n".join([";".join(HEADER)] + [";".join(r) for r in bad]), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        prepare(data)
    f = "data/2020/klachten.csv"
    assert format_problems(caught.value.problems) == [
        f"{f}, rij 8, kolom 'aard': verwacht een code voor aard uit gemeente.yaml, gevonden 'bejegning'. "
        "Bedoelde u 'bejegening'?",
        f"{f}, rij 7, kolom 'afdeling': verwacht een afdelingscode uit gemeente.yaml, gevonden 'parkeer'. "
        "Bedoelde u 'parkeren'?",
        f"{f}, rij 5, kolom 'afgehandeld_op': verwacht een datum op of na ontvangen_op, gevonden '2020-03-01'. "
        "Zijn de twee datums verwisseld?",
        f"{f}, rij 3, kolom 'id': verwacht een uniek id, gevonden 'K20-01'. Hetzelfde id staat ook in rij 2.",
        f"{f}, rij 4, kolom 'ontvangen_op': verwacht een bestaande datum, gevonden '31-02-2020'.",
        f"{f}, rij 11, kolom 'ontvangen_op': verwacht een datum als 17-03-2020, 17/03/2020 of 2020-03-17, gevonden "
        "'2020/05/01'. Laat de export datums schrijven als dd-mm-jjjj of jjjj-mm-dd.",
        f"{f}, rij 6, kolom 'ontvangen_op': verwacht een datum in of vóór 2020, gevonden '2021-01-02'. "
        "Een klacht ontvangen na 2020 hoort in het register van een later jaar.",
        f"{f}, rij 9, kolom 'oordeel': verwacht een oordeel bij een formele afhandeling, gevonden een lege cel. "
        "Kies gegrond, deels_gegrond, ongegrond of geen_oordeel.",
        f"{f}, rij 12, kolom 'soort': verwacht een code voor soort uit gemeente.yaml, gevonden 'klacht'. "
        "Geldige waarden: "
        "andersoortig, awb.",
        f"{f}, rij 10, kolom 'verdaagd': verwacht ja of nee, gevonden 'misschien'. Gebruik ja of nee (ook goed: "
        "j, n, 1, 0, waar, onwaar).",
    ]
