"""A real municipality's published figures (Oegstgeest 2022) as a case system's export, read through the mapping."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import ROOT, build_into
from jaarverslag.load.raw import load_data
from jaarverslag.model.problems import DataError, Report
from jaarverslag.validate.dataset import validate

OEGSTGEEST = ROOT / "tests" / "fixtures" / "oegstgeest"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))


def published() -> dict[str, int]:
    """The figures the source publishes, as the README's table states them (K1, the handled, aard, on time)."""
    readme = (OEGSTGEEST / "README.md").read_text(encoding="utf-8")
    assert "https://www.oegstgeest.nl/inwoners/actueel/nieuwsoverzicht/artikel/publicatie-klachtenjaarverslag" in readme
    return {"ontvangen": 21, "behandeld": 17, "bejegening": 5, "communicatie": 11, "overig": 1, "op_tijd": 16}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture built as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("oegstgeest")
    result = build_into(tmp, OEGSTGEEST)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("waarschuwing")]
    assert len(warnings) == 2 and all("inwoners" in w for w in warnings), warnings
    return tmp / "site"


def table(path: Path) -> list[dict[str, str]]:
    """A CSV of the site's open data."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_aggregates_equal_the_published_figures(site):
    figures = published()
    key = {r["code"]: r for r in table(site / "2022" / "data" / "kerncijfers.csv")}
    assert key["K1"]["waarde"] == str(figures["ontvangen"])
    assert (key["K9"]["teller"], key["K9"]["noemer"]) == (str(figures["op_tijd"]), str(figures["behandeld"]))
    assert round(figures["op_tijd"] / figures["behandeld"] * 100) == 94  # "Bijna alle klachten op tijd (94%)"
    assert key["K5_absoluut"]["waarde"] == str(figures["ontvangen"] - 34)  # 2021: 34
    aard = {r["aard"]: int(r["aantal"]) for r in table(site / "2022" / "data" / "ontvangen-aard.csv")}
    assert aard["Onheuse bejegening"] == figures["bejegening"]
    assert aard["Onjuiste communicatie of afhandeling"] == figures["communicatie"]
    assert aard["Overig"] == figures["overig"]
    assert aard["Niet vastgelegd (niet in behandeling genomen)"] == figures["ontvangen"] - figures["behandeld"]


def test_the_export_is_what_its_script_makes(tmp_path):
    """The committed workbook holds exactly the rows the generator constructs (same cells, same sheets)."""
    import maak_oegstgeest

    maak_oegstgeest.main(tmp_path / "klachten.xlsx")
    made = openpyxl.load_workbook(tmp_path / "klachten.xlsx", read_only=True)
    kept = openpyxl.load_workbook(OEGSTGEEST / "2022" / "klachten.xlsx", read_only=True)
    assert made.sheetnames == kept.sheetnames == ["Toelichting", "Klachtregistratie"]
    for name in made.sheetnames:
        assert list(made[name].iter_rows(values_only=True)) == list(kept[name].iter_rows(values_only=True))


def _without_mapping(tmp: Path) -> Path:
    """A copy of the fixture whose koppeling names only the sheet, as before the coordinator mapped anything."""
    data = tmp / "data"
    shutil.copytree(OEGSTGEEST, data)
    text = (data / "gemeente.yaml").read_text(encoding="utf-8")
    head = text[: text.index("koppeling:")]
    (data / "gemeente.yaml").write_text(head + "koppeling:\n  blad: Klachtregistratie\n", encoding="utf-8")
    return data


def _check(data: Path) -> list[str]:
    """The errors a check of data gives (none: an empty list)."""
    report = Report()
    try:
        validate(load_data(data, report), report)
    except DataError as exc:
        return [p.format() for p in exc.problems]
    return []


def test_one_check_proposes_the_whole_mapping_and_the_filled_in_proposal_passes(tmp_path):
    data = _without_mapping(tmp_path)
    errors = _check(data)
    proposals = [e for e in errors if "Voorstel voor gemeente.yaml" in e]
    assert len(proposals) == 1, errors
    text = proposals[0].split("\n", 1)[1]
    # Every missing column and unknown value is in the one proposal, with the row where it first appears.
    for line in ('"Kenmerk": id', '"Datum ontvangst": ontvangen_op', '"Wijze van afhandeling": afhandeling'):
        assert line + "  # nieuw" in text
    assert '"Informeel opgelost": informeel_opgelost  # nieuw, eerst in rij' in text
    assert '# "Onbekend": ?  # rij 8' in text  # no code looks like it: the coordinator chooses
    # The coordinator fills in the two question marks and pastes the block: the check passes.
    filled = text.replace('# "Niet vastgelegd": ?', '"Niet vastgelegd": onbekend').replace(
        '# "Onbekend": ?', '"Onbekend": niet_gepubliceerd'
    )
    mapping = yaml.safe_load(filled)
    gemeente = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
    gemeente.update(mapping)
    (data / "gemeente.yaml").write_text(yaml.safe_dump(gemeente, allow_unicode=True), encoding="utf-8")
    assert _check(data) == []
