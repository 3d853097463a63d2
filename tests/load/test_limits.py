"""Bounded input: YAML keys are unique, logos are checked before anything decodes them, registers are bounded."""

from __future__ import annotations

import re
import struct
import zipfile
import zlib

import pytest
import yaml

from jaarverslag.load import limits, register, register_xlsx
from jaarverslag.load.raw import YEAR_DIR
from jaarverslag.load.yaml_doc import DuplicateKey, _UniqueKeyLoader, load_yaml
from jaarverslag.model.problems import Report


@pytest.mark.parametrize("text", ["a: 1\nb: 2\na: 3\n", "a: 1\n<<: {a: 2}\n", "x:\n  - {k: 1, k: 2}\n"])
def test_unique_key_loader_refuses_duplicates(text):
    """The loader itself refuses a key that a mapping already holds (or a merge key that would overwrite one)."""
    with pytest.raises(DuplicateKey):
        yaml.load(text, Loader=_UniqueKeyLoader)


def test_duplicate_key_message(tmp_path):
    """A duplicate key is one Dutch line with the file, the line and where the key was first."""
    (tmp_path / "verslag.yaml").write_text("jaar: 2020\nrisicos: Geen.\njaar: 2021\n", encoding="utf-8")
    report = Report()
    assert load_yaml(tmp_path / "verslag.yaml", "data/2020/verslag.yaml", report) is None
    assert [p.format() for p in report.errors] == [
        "data/2020/verslag.yaml, regel 3, veld 'jaar': verwacht elke sleutel één keer, gevonden 'jaar' ook op "
        "regel 1. Verwijder of hernoem één van de twee."
    ]


@pytest.mark.parametrize("name", ["2020", "1999", "2100"])
def test_year_folder_ok(name):
    assert YEAR_DIR.match(name)


@pytest.mark.parametrize("name", ["2020\n", "20200", "\uff12\uff10\uff12\uff10", "٢٠٢٠", " 2020", "2020 "])
def test_year_folder_exactly_four_digits(name):
    """A line break, another script's digits or a space never pass for a year."""
    assert not YEAR_DIR.match(name)


def _png(width: int, height: int) -> bytes:
    """The first bytes of a PNG: signature and header, enough to know its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + header
        + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    )


def test_png_pixels_from_its_header():
    report = Report()
    assert limits.check_png(_png(400, 120), ("data/gemeente.yaml", 3, "huisstijl.logo"), report)
    assert not limits.check_png(_png(60_000, 60_000), ("data/gemeente.yaml", 3, "huisstijl.logo"), report)
    assert not limits.check_png(_png(10_000, 10), ("data/gemeente.yaml", 3, "huisstijl.logo"), report)
    assert len(report.errors) == 2


@pytest.mark.parametrize(
    "svg, problem",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "het element <script>"),
        ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "het gebeurtenisattribuut onload"),
        ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>', "het element <foreignobject>"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="https://e.nl">'
            "<rect/></a></svg>",
            "een verwijzing naar een ander bestand of adres",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://e.nl/x)"/></svg>',
            "een verwijzing naar een ander bestand of adres",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><rect/></g><use href="#a"/></svg>', "het element <use>"),
        (
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "een DOCTYPE- of ENTITY-verklaring",
        ),
    ],
)
def test_svg_logo_refused(svg, problem):
    """An SVG that could run, load from elsewhere or multiply its drawing is refused, with the reason."""
    assert limits.svg_problem(svg.encode()) == problem


def test_svg_logo_plain_passes():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><defs><linearGradient id="g"/></defs>'
        b'<circle cx="20" cy="20" r="18" fill="url(#g)"/><text x="2" y="30">Haarlem</text></svg>'
    )
    assert limits.svg_problem(svg) is None


def test_register_rows_bounded(tmp_path, monkeypatch):
    """A register above the row limit is refused before any parser reads it."""
    monkeypatch.setattr(register, "MAX_REGISTER_ROWS", 3)
    path = tmp_path / "klachten.csv"
    path.write_text("id,ontvangen_op\n" + "".join(f"K{i},2020-01-01\n" for i in range(5)), encoding="utf-8")
    report = Report()
    assert register.load_register_csv(path, "data/2020/klachten.csv", report) is None
    assert [p.format() for p in report.errors] == [
        "data/2020/klachten.csv: verwacht een register van hoogstens 3 rijen, gevonden 6 rijen. "
        "Exporteer alleen de klachten van dit jaar."
    ]


def test_xlsx_rows_bounded_when_the_declaration_lies(tmp_path, monkeypatch):
    """A sheet that claims fewer rows than it holds is still read no further than the limit."""
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(register, "MAX_REGISTER_ROWS", 3)
    monkeypatch.setattr(register_xlsx, "MAX_REGISTER_ROWS", 3)
    book = openpyxl.Workbook()
    for i in range(10):
        book.active.append([f"K{i}", "2020-01-01"])
    book.save(tmp_path / "echt.xlsx")
    with zipfile.ZipFile(tmp_path / "echt.xlsx") as source, zipfile.ZipFile(tmp_path / "klachten.xlsx", "w") as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):  # the sheet claims two rows
                blob = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:B2"/>', blob)
            target.writestr(item, blob)
    report = Report()
    assert register_xlsx.load_register_xlsx(tmp_path / "klachten.xlsx", "data/2020/klachten.xlsx", report) is None
    assert "verwacht een register van hoogstens 3 rijen" in report.errors[0].format()
