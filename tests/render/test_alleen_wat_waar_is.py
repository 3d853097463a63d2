"""Nothing stated as fact that data/ does not say: procedure, glossary, internal files, the collegebesluit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, ROOT
from jaarverslag.commands.build import prepare
from jaarverslag.render.site_contexts import glossary

LINDENWAARD = ROOT / "tests" / "fixtures" / "lindenwaard"
INTERNAL = re.compile(
    r"\b(gemeente|verslag|totalen|ombudsman|partners|maatregelen|aanbevelingen)\.yaml\b"
    r"|\bklachten\.(csv|xlsx)\b|\btekst/"
)


@pytest.fixture(scope="module")
def lindenwaard() -> dict[str, str]:
    """Lindenwaard's generated pages (no own practice in gemeente.yaml, a totals year and a register year)."""
    return prepare(LINDENWAARD).site.pages


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    """The example's generated pages (Haarlem's practice declared in gemeente.yaml)."""
    return prepare(EXAMPLE).site.pages


def without_abbreviations(page: str) -> str:
    """A page without the abbreviation lines every page carries for the tooltips."""
    return "\n".join(line for line in page.splitlines() if not line.startswith("*["))


def test_the_procedure_states_only_the_awb_unless_gemeente_yaml_says_more(lindenwaard, example):
    process = lindenwaard["2022/03-klachtbehandeling.md"].lower()
    for practice in ("triage", "klachtadviescommissie", "sociale media", "klachtencoördinator", "webformulier"):
        assert practice not in process, practice
    assert "awb 9:1" in process and "awb 9:12a" in process
    assert (
        "klachtadviescommissie"
        not in without_abbreviations(lindenwaard["2022/11-bijlagen.md"])
        .split("Kolommen van het klachtenregister")[0]
        .lower()
    )
    haarlem = example["2020/03-klachtbehandeling.md"]
    assert "(triage)" in haarlem and "sociale media" in haarlem and "**Klachtencoördinator**" in haarlem
    assert "Met advies van de klachtadviescommissie" in haarlem


def test_the_glossary_lists_only_terms_used_on_the_site(lindenwaard, example):
    entries = glossary()
    for pages in (lindenwaard, example):
        found = re.findall(r"^- \*\*([^*]+)\*\*", pages["begrippen.md"], flags=re.M)
        listed = [re.sub(r"\\(.)", r"\1", term) for term in found]  # the page escapes Markdown
        others = [without_abbreviations(text) for path, text in pages.items() if path != "begrippen.md"]
        assert listed and set(listed) <= set(entries)
        for term in listed:
            short = entries[term].get("afkorting", term)
            assert any(term.lower() in t.lower() or short in t for t in others), term
    lindenwaard_terms = re.findall(r"^- \*\*([^*]+)\*\*", lindenwaard["begrippen.md"], flags=re.M)
    assert not {"Triage", "Wet maatschappelijke ondersteuning", "Nationale ombudsman"} & set(lindenwaard_terms)
    assert "Triage" in example["begrippen.md"]


def test_public_pages_name_no_internal_file(lindenwaard, example):
    for pages in (lindenwaard, example):
        for path, page in pages.items():
            # The about page lists the input files with their SHA-256 on purpose: that is how a reader verifies.
            shown = page.split("## Invoerbestanden")[0] if path == "over.md" else page
            shown = re.sub(r"<!--.*?-->", "", shown)
            assert not INTERNAL.search(shown), (path, INTERNAL.search(shown))


def test_no_page_claims_nobody_typed_a_figure_where_totals_were_typed(lindenwaard):
    for path, page in lindenwaard.items():
        assert "overgetypt" not in page and "typt een getal over" not in page, path
    assert "De totalen zijn overgenomen zoals de gemeente ze over 2021 vastlegde" in lindenwaard["2021/11-bijlagen.md"]
    assert "Bij elke bouw van de site controleren automatische tests" not in lindenwaard["toegankelijkheid.md"]


def test_a_collegebesluit_without_decision_points_is_not_published(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(LINDENWAARD, data)
    verslag = yaml.safe_load((data / "2022" / "verslag.yaml").read_text(encoding="utf-8"))
    verslag.update(besluitpunten=[], beoogd_resultaat="", argumenten=[], risicos="", uitvoering="")
    (data / "2022" / "verslag.yaml").write_text(yaml.safe_dump(verslag, allow_unicode=True), encoding="utf-8")
    result = prepare(data)
    pages = result.site.pages
    assert "2022/collegebesluit.md" not in pages and "2021/collegebesluit.md" in pages
    year_nav = next(v for item in result.site.nav for k, v in item.items() if k == "2022")
    assert year_nav and "collegebesluit" not in str(year_nav)
    # 2021's decision page switches years to 2022's start page, not to a page that does not exist.
    assert "[2022](../2022/index.md)" in pages["2021/collegebesluit.md"]


def test_a_decision_with_empty_parts_shows_no_empty_headings(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(LINDENWAARD, data)
    verslag = yaml.safe_load((data / "2022" / "verslag.yaml").read_text(encoding="utf-8"))
    verslag.update(beoogd_resultaat="", argumenten=[], risicos="", uitvoering="")
    verslag.pop("commissie_bestuur", None)
    (data / "2022" / "verslag.yaml").write_text(yaml.safe_dump(verslag, allow_unicode=True), encoding="utf-8")
    decision = prepare(data).site.pages["2022/collegebesluit.md"]
    assert "## Besluit" in decision
    for heading in ("Beoogd resultaat", "Argumenten", "Risico's", "Uitvoering"):
        assert f"## {heading}" not in decision, heading


def test_the_lead_time_chart_draws_a_committee_term_only_for_a_gemeente_with_a_committee():
    """Lindenwaard has no advisory committee: its histogram marks its own term only."""

    def terms(data: Path, year: str) -> list:
        bundles = prepare(data).site.bundles.values()
        return next(b for b in bundles if b.name == "doorlooptijd" and b.folder == year).chart["terms"]

    assert terms(LINDENWAARD, "2022") == [[35, "termijn 5 weken (35 dagen)"]]
    assert [42, "termijn 6 weken (42 dagen)"] in terms(EXAMPLE, "2020")
    assert [70, "met klachtadviescommissie (70 dagen)"] in terms(EXAMPLE, "2020")
