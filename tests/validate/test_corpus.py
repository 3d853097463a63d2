"""Corpus of broken inputs: each case is the small valid base with one thing broken, and its exact message."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from canary_site import canary_build, tree_hash
from conftest import run_cli
from jaarverslag.commands.build import prepare
from jaarverslag.model.problems import DataError, Report, format_problems

CORPUS = Path(__file__).parents[1] / "corpus"
BASE = CORPUS / "_basis"
REMOVE = "_weg.txt"  # a case's list of base files to delete, one path a line
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Cases that run the whole CLI against a built site, to prove site/ stays byte-for-byte the same.
CLI_CASES = [
    "yaml-python-tag",
    "csv-binair",
    "csv-regel-10-mb",
    "tekst-onbekende-naam",
    "gemeente-code-als-pad",
    "register-alleen-kopregel",
    "tekst-kop-niveau-1",
    "tekst-html-script",
    "tekst-rekensom",
    "tekst-koppeling-buiten-data",
]


def _huge_line(data: Path) -> None:
    """A register whose second line is one 10 MB cell (a paste accident)."""
    path = data / "2020" / "klachten.csv"
    header = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(header + b"\nK20-99,2020-01-01,," + b"x" * (10 * 2**20) + b",,,,,,,\n")


def _big_text(data: Path) -> None:
    """A chapter text of 150 kB (a whole web page pasted in): above the limit for one text."""
    line = "Dit is een lange zin die telkens terugkomt omdat er een heel document is geplakt.\n"
    (data / "2020" / "tekst").mkdir(parents=True, exist_ok=True)
    (data / "2020" / "tekst" / "ontvangen-klachten.md").write_text(line * (150_000 // len(line) + 1), encoding="utf-8")


def _big_texts(data: Path) -> None:
    """Three chapter texts of 80 kB each: each within its limit, together above the limit for a year."""
    line = "Een zin over klachten die in het verslag van dit jaar terugkomt.\n\n"
    (data / "2020" / "tekst").mkdir(parents=True, exist_ok=True)
    for slug in ("inleiding", "samenvatting", "ontvangen-klachten"):
        (data / "2020" / "tekst" / f"{slug}.md").write_text(line * (80_000 // len(line)), encoding="utf-8")


def _text_link_out(data: Path) -> None:
    """A chapter text that is a symbolic link to a file outside data/."""
    secret = data.parent / "geheim.md"
    secret.write_text("Wachtwoord van de server: hunter2\n", encoding="utf-8")
    (data / "2020" / "tekst").mkdir(parents=True, exist_ok=True)
    (data / "2020" / "tekst" / "ontvangen-klachten.md").symlink_to(secret)


def _register_link_out(data: Path) -> None:
    """The register as a symbolic link to an export elsewhere on the disk."""
    register = data / "2020" / "klachten.csv"
    elsewhere = data.parent / "export.csv"
    shutil.move(register, elsewhere)
    register.symlink_to(elsewhere)


def _huge_sheet(data: Path) -> None:
    """The base register as an Excel file of a few kB whose sheet claims 1.048.576 rows and 16.384 columns."""
    import openpyxl

    lines = (BASE / "2020" / "klachten.csv").read_text(encoding="utf-8").splitlines()
    book = openpyxl.Workbook()
    for line in lines:
        book.active.append(line.split(","))
    plain = data.parent / "gewoon.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(data / "2020" / "klachten.xlsx", "w") as target:
        for item in source.infolist():
            blob = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                blob = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', blob)
            target.writestr(item, blob)


def _huge_png(data: Path) -> None:
    """A PNG logo of a few bytes whose header claims 100.000 x 100.000 pixels (40 GB decoded)."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    (data / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk)


def _year_with_newline(data: Path) -> None:
    """A second 2020 folder whose name ends in a line break (a name typed in a file manager)."""
    shutil.copytree(data / "2020", data / "2020\n")


# Inputs too big or too odd to keep as files in the repository are made here.
GENERATED = {
    "csv-regel-10-mb": _huge_line,
    "tekst-te-groot": _big_text,
    "tekst-koppeling-buiten-data": _text_link_out,
    "register-koppeling-buiten-data": _register_link_out,
    "xlsx-werkblad-te-groot": _huge_sheet,
    "logo-png-te-groot": _huge_png,
    "jaarmap-nieuwe-regel": _year_with_newline,
    "teksten-samen-te-groot": _big_texts,
}


def make_case(name: str, target: Path) -> Path:
    """The base data with the case's files laid over it (and listed files removed); returns the data folder."""
    data = target / "data"
    shutil.copytree(BASE, data)
    case = CORPUS / name
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if path.is_file() and rel.name not in ("expected.txt", REMOVE):
            (data / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, data / rel)
    if (case / REMOVE).is_file():
        for line in (case / REMOVE).read_text(encoding="utf-8").splitlines():
            victim = data / line.strip()
            shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
    if name in GENERATED:
        GENERATED[name](data)
    return data


def check_lines(data: Path) -> list[str]:
    """The Dutch error lines of a check run, as the CLI prints them after 'fout: '."""
    with pytest.raises(DataError) as caught:
        prepare(data)
    return format_problems(caught.value.problems)


def expected_lines(name: str) -> list[str]:
    """The exact lines a case must give."""
    return (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()


YEAR_DIFFERENCE = "een verklaring voor dit verschil met vorig jaar"


def test_base_is_valid(tmp_path):
    """The shared base builds cleanly (no error, every year's pages; its only warnings ask about its small
    numbers' year-over-year differences), so every failure below comes from the one broken thing."""
    report = Report()
    result = prepare(_base_copy(tmp_path), report)
    assert report.errors == []
    other = [w for w in report.warnings if (w.column, w.expected) != ("bekende_verschillen", YEAR_DIFFERENCE)]
    assert not other, format_problems(other)
    years = sorted(p.name for p in BASE.iterdir() if p.is_dir())
    assert [str(y) for y in sorted(result.indicators)] == years
    assert all(f"{year}/index.md" in result.site.pages for year in years)


def _base_copy(tmp_path: Path) -> Path:
    """A writable copy of the valid base."""
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path / "data"


@pytest.mark.parametrize("name", CASES)
def test_case_message(name, tmp_path):
    """Each broken input stops the check with exactly the expected Dutch lines."""
    assert check_lines(make_case(name, tmp_path)) == expected_lines(name)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    """A built site (the shared canary build) that every failing build must leave untouched."""
    return canary_build(tmp_path_factory)[1]


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_keeps_site(name, good_site, tmp_path):
    """The CLI exits 1 with the Dutch lines, no traceback, and site/ byte-for-byte unchanged."""
    before = tree_hash(good_site)
    data = make_case(name, tmp_path)
    result = run_cli("bouw", "--data", str(data), "--site", str(good_site), "--werk", str(tmp_path / "work"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line.removeprefix("fout: ") for line in result.stderr.splitlines() if line.startswith("fout: ")]
    assert errors == expected_lines(name)
    assert "site/ is ongewijzigd" in result.stderr.splitlines()[-1]
    assert tree_hash(good_site) == before
    assert not list(good_site.parent.glob("site.*")), "a temporary or old site folder was left behind"
