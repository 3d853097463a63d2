"""Corpus of broken inputs: each case is the small valid base with one thing broken, and its exact message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from canary_site import canary_build, tree_hash
from conftest import run_cli

from jaarverslag.model.problems import DataError, Report, format_problems
from jaarverslag.commands.build import prepare

CORPUS = Path(__file__).parents[1] / "corpus"
BASE = CORPUS / "_basis"
REMOVE = "_weg.txt"  # a case's list of base files to delete, one path a line
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# Cases that run the whole CLI against a built site, to prove site/ stays byte-for-byte the same.
CLI_CASES = ["yaml-python-tag", "csv-binair", "csv-regel-10-mb", "tekst-onbekende-naam", "gemeente-code-als-pad",
             "register-alleen-kopregel"]


def _huge_line(data: Path) -> None:
    """A register whose second line is one 10 MB cell (a paste accident)."""
    path = data / "2020" / "klachten.csv"
    header = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(header + b"\nK20-99,2020-01-01,," + b"x" * (10 * 2**20) + b",,,,,,,\n")


# Inputs too big or too odd to keep as files in the repository are made here.
GENERATED = {"csv-regel-10-mb": _huge_line}


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
