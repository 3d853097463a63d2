"""Open data per year: a Frictionless Data Package describing every CSV, and the key figures as JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import posixpath
import re

import pytest

from conftest import EXAMPLE
from jaarverslag.commands.build import prepare
from jaarverslag.model.codes import LICENCES
from jaarverslag.model.indicator_catalogue import CATALOGUE
from jaarverslag.model.indicators import Ratio
from jaarverslag.render import open_data
from jaarverslag.render.named_values import NO_PREVIOUS_YEAR, NOT_REGISTERED, TOO_FEW


@pytest.fixture(scope="module")
def example():
    """The example data prepared once (pages, data files and figure bundles; no figures drawn)."""
    return prepare(EXAMPLE)


def csv_files(site, year: int) -> dict[str, bytes]:
    """Every CSV the site publishes in the year's data/ folder, by path relative to the year folder."""
    files = {p: b for p, b in site.files.items() if p.endswith(".csv")}
    files.update({b.csv_path: b.csv_bytes for b in site.bundles.values()})
    return {posixpath.relpath(p, str(year)): b for p, b in files.items() if p.startswith(f"{year}/data/")}


def test_every_data_package_passes_frictionless_validate(built_site):
    """frictionless validate on every package (each year's, the trends'): descriptor, every CSV against its schema."""
    import frictionless

    packages = [built_site / "datapackage.json", *sorted(built_site.glob("*/datapackage.json"))]
    assert len(packages) == 4  # the trends at the root, and one per year
    for package in packages:
        report = frictionless.validate(str(package))
        errors = report.flatten(["type", "note"])
        assert report.valid, f"{package.relative_to(built_site)}: {errors[:10]}"


@pytest.mark.parametrize("year", [2018, 2019, 2020])
def test_every_csv_of_the_year_is_described_by_its_package(example, year):
    site = example.site
    package = json.loads(site.files[f"{year}/datapackage.json"])
    files = csv_files(site, year)
    assert sorted(r["path"] for r in package["resources"] if r["format"] == "csv") == sorted(files)
    assert [i["code"] for i in package["indicatoren"]] == list(CATALOGUE)
    assert {i["code"]: i["definitie"] for i in package["indicatoren"]}["K9"] == CATALOGUE["K9"].definition
    share = next(r for r in package["resources"] if r["name"] == "ontvangen-aard")
    assert {f["name"]: f.get("eenheid") for f in share["schema"]["fields"]} == {
        "aard": None,
        "aantal": "aantal",
        "aandeel_procent": "procent",
    }


def test_the_year_page_links_both_files(example):
    page = example.site.pages["2020/index.md"]
    assert "(data/kerncijfers.json)" in page and "(datapackage.json)" in page


def test_open_data_bytes_are_deterministic(example):
    again = prepare(EXAMPLE).site.files
    for path in ("2020/datapackage.json", "2020/data/kerncijfers.json"):
        assert again[path] == example.site.files[path]
        text = again[path].decode("utf-8")
        assert json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n" == text
        assert not re.search(r"\d{4}-\d\d-\d\dT|created", text)


def test_kerncijfers_json_matches_the_csv_and_says_why_a_value_is_missing(example):
    figures = json.loads(example.site.files["2018/data/kerncijfers.json"])
    assert (figures["gemeente"], figures["jaar"], figures["bron"]) == ("Haarlem", 2018, "totalen")
    rows = {r["code"]: r for r in figures["kerncijfers"]}
    table = list(csv.DictReader(io.StringIO(example.site.files["2018/data/kerncijfers.csv"].decode())))
    assert [r["code"] for r in table] == list(rows)
    for line in table:
        row = rows[line["code"]]
        assert row["naam"] == line["indicator"] and row["jaar"] == 2018
        if line["waarde"] == "":
            assert row["waarde"] is None and row["reden"] and "teller" not in row
        else:
            assert float(line["waarde"]) == row["waarde"] and "reden" not in row
    assert rows["K1"] == {"code": "K1", "naam": "Ontvangen klachten", "waarde": 405, "eenheid": "aantal", "jaar": 2018}
    assert rows["K5_procent"]["reden"] == NO_PREVIOUS_YEAR
    assert rows["K10_mediaan"]["reden"] == NOT_REGISTERED  # a totals year has no lead times
    assert rows["K6"]["eenheid"] == "procent" and rows["K4"]["eenheid"] == "per_1000_inwoners"


def test_a_suppressed_percentage_is_null_with_a_reason_never_its_count(example):
    ind = example.indicators[2020]
    few = dataclasses.replace(ind, figures=dataclasses.replace(ind.figures, k8=Ratio(3, 7)))
    rows = {r["code"]: r for r in json.loads(open_data.kerncijfers_json(example.data, few, 2020))["kerncijfers"]}
    assert rows["K8"] == {
        "code": "K8",
        "naam": "(Deels) gegrond (%)",
        "waarde": None,
        "eenheid": "procent",
        "jaar": 2020,
        "reden": TOO_FEW,
    }


def test_every_package_and_the_year_page_carry_the_licence_from_gemeente_yaml(example):
    package = json.loads(example.site.files["2020/datapackage.json"])
    assert package["licenses"] == [
        {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal", "path": LICENCES["CC0-1.0"][1]}
    ]
    assert "(CC0-1.0)](https://creativecommons.org/publicdomain/zero/1.0/)" in example.site.pages["2020/index.md"]
    other = dataclasses.replace(
        example.data, gemeente=example.data.gemeente.model_copy(update={"licentie": "CC-BY-4.0"})
    )
    assert json.loads(open_data.datapackage(other, 2020, []))["licenses"][0]["name"] == "CC-BY-4.0"


def test_every_numbered_table_has_its_csv_linked_and_described(example):
    site = example.site
    tables = [t for t in site.tables if t.csv.startswith("2020/")]
    assert len(tables) > 30  # chapters, departments and annex
    package = {r["path"] for r in json.loads(site.files["2020/datapackage.json"])["resources"]}
    for table in tables:
        assert table.csv in site.files and posixpath.relpath(table.csv, "2020") in package
    page = site.pages["2020/05-afhandeling-en-doorlooptijd.md"]
    assert '<a href="../data/tabellen/05-afhandeling-en-doorlooptijd-tabel-5-1.csv" download>' in page
    rows = list(
        csv.reader(io.StringIO(site.files["2020/data/tabellen/05-afhandeling-en-doorlooptijd-tabel-5-4.csv"].decode()))
    )
    flags = [i for i, name in enumerate(rows[0]) if name.endswith("_verborgen")]
    hidden = [(row[i - 1], row[i]) for row in rows[1:] for i in flags if row[i]]
    assert hidden and all(value == "" for value, _ in hidden)  # a hidden count stays hidden: empty, flagged
