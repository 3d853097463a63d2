"""A new year that starts honest, and counts that may be missing: scaffolds, 'nog niet ingevuld', the Awb's terms."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, ROOT, run_cli
from jaarverslag.commands.build import prepare
from jaarverslag.model.problems import DataError, format_problems
from jaarverslag.model.totalen import TotalenAwb

LINDENWAARD = ROOT / "tests" / "fixtures" / "lindenwaard"


def copy_of(source: Path, tmp: Path) -> Path:
    """A writable copy of a fixture's data folder."""
    shutil.copytree(source, tmp / "data")
    return tmp / "data"


def pages(data: Path) -> tuple[dict[str, str], list[str]]:
    """The generated Markdown of every page and the warning lines, rendered in-process (no MkDocs)."""
    result = prepare(data)
    return result.site.pages, format_problems(result.report.warnings)


def errors(data: Path) -> list[str]:
    """The error lines of a check that must fail."""
    with pytest.raises(DataError) as caught:
        prepare(data)
    return format_problems(caught.value.problems)


def set_yaml(path: Path, **fields) -> None:
    """Overwrite top-level fields of a YAML file."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc.update(fields)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_totals_year_is_scaffolded_with_every_field_explained_and_reported_until_filled(tmp_path):
    """BRON=totalen: a totalen.yaml with the schema's explanation above each field; unfilled, check says so."""
    data = copy_of(LINDENWAARD, tmp_path)
    made = run_cli("nieuw-jaar", "2020", "--bron", "totalen", "--data", str(data))
    assert made.returncode == 0, made.stderr
    year = data / "2020"
    assert not (year / "klachten.csv").exists()
    totals = (year / "totalen.yaml").read_text(encoding="utf-8")
    for name, field in TotalenAwb.model_fields.items():
        assert f"  # {field.description}\n  {name}:\n" in totals, name
    checked = run_cli("controleer", "--data", str(data))
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert (
        "data/2020/totalen.yaml, regel 7, veld 'awb.ontvangen': verwacht het aantal klachten ontvangen in "
        "2020, zoals gepubliceerd, gevonden nog niet ingevuld."
    ) in checked.stderr
    assert (
        "data/2020/ombudsman.yaml: verwacht de cijfers van de ombudsman die bekend zijn, gevonden nog niet "
        "ingevuld." in checked.stderr
    )
    # Filled in with one published figure: it builds, and the untouched ombudsman file says nothing as a fact.
    (year / "totalen.yaml").write_text(totals.replace("  ontvangen:\n", "  ontvangen: 48\n"), encoding="utf-8")
    site, warnings = pages(data)
    assert any("ombudsman.yaml" in w and "nog niet ingevuld" in w for w in warnings)
    chapter = site["2020/08-nationale-ombudsman.md"]
    assert "geen verzoeken" not in chapter and "Voor 2020 zijn geen gegevens van de Ombudsman Lindenwaard" in chapter
    assert "| 0 |" not in chapter and "<td>0</td>" not in chapter


def test_a_new_year_copies_no_own_texts_of_another_year(tmp_path):
    """The newest year's chapter texts are not copied in; the command names where they are."""
    data = copy_of(EXAMPLE, tmp_path)
    made = run_cli("nieuw-jaar", "2021", "--data", str(data))
    assert made.returncode == 0, made.stderr
    assert not (data / "2021" / "tekst").exists()
    assert "Eigen teksten zijn niet overgenomen. Die van 2020 staan in data/2020/tekst/" in made.stdout
    assert (data / "2021" / "klachten.csv").is_file() and not (data / "2021" / "totalen.yaml").exists()
    # No decision is scaffolded as if the college had taken it.
    assert yaml.safe_load((data / "2021" / "verslag.yaml").read_text(encoding="utf-8"))["besluitpunten"] == []


def test_an_unknown_source_is_refused_in_dutch(tmp_path):
    data = copy_of(LINDENWAARD, tmp_path)
    made = run_cli("nieuw-jaar", "2020", "--bron", "totaal", "--data", str(data))
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "fout: BRON: verwacht register of totalen, gevonden 'totaal'." in made.stderr
    assert not (data / "2020").exists()


def test_ombudsman_counts_are_optional_and_in_behandeling_is_shown(tmp_path):
    """A report that gives only some of the ombudsman's counts: those show, the rest reads 'niet bekend'."""
    data = copy_of(LINDENWAARD, tmp_path)
    (data / "2022" / "ombudsman.yaml").write_text(
        "verzoeken: 12\nteruggestuurd: 7\nin_behandeling: 3\n", encoding="utf-8"
    )
    site, _ = pages(data)
    chapter = site["2022/08-nationale-ombudsman.md"]
    assert "kreeg de ombudsman 12 verzoeken over de gemeente Lindenwaard" in chapter
    assert "De meeste stuurde hij terug" in chapter
    assert "Op 31 december 2022 waren er nog 3 in behandeling bij de ombudsman." in chapter
    rows = dict(re.findall(r"<tr><th scope=\"row\">([^<]+)</th><td>([^<]+)</td></tr>", chapter))
    assert rows["Teruggestuurd naar de gemeente (Awb 9:20)"] == "7"
    assert rows["Onderzocht"] == "niet bekend" and rows["Nog in behandeling bij de ombudsman op 31 december"] == "3"
    # Nothing was said about reports or recommendations: no sentence and no table about them.
    assert "rapport" not in chapter.lower() and "aanbeveling" not in chapter.lower()


def test_ombudsman_parts_may_not_exceed_the_requests(tmp_path):
    data = copy_of(LINDENWAARD, tmp_path)
    (data / "2022" / "ombudsman.yaml").write_text("verzoeken: 4\nteruggestuurd: 3\nonderzoeken: 2\n", encoding="utf-8")
    assert errors(data) == [
        "data/2022/ombudsman.yaml, regel 1, veld 'verzoeken': verwacht ten minste de som van "
        "de ingevulde afdoeningen (5), gevonden 4."
    ]


def test_partner_counts_are_optional_and_an_empty_file_is_not_filled_in(tmp_path):
    """A partner that reported complaints but not how many it handled: 'niet bekend', and no total of the rest."""
    data = copy_of(EXAMPLE, tmp_path)
    partners = yaml.safe_load((data / "2020" / "partners.yaml").read_text(encoding="utf-8"))["partners"]
    del partners[0]["afgehandeld"]
    partners[0].pop("binnen_termijn", None)
    set_yaml(data / "2020" / "partners.yaml", partners=partners)
    site, _ = pages(data)
    chapter = site["2020/07-samenwerkingspartners.md"]
    footer = re.search(r"<tfoot>.*?</tfoot>", chapter, flags=re.S).group(0)
    assert "niet bekend" in footer and "niet bekend" in chapter.split("<tfoot>")[0]
    (data / "2020" / "partners.yaml").write_text("partners:\n", encoding="utf-8")
    site, warnings = pages(data)
    assert (
        "data/2020/partners.yaml: verwacht per partner de cijfers, of partners: [] als geen partner iets "
        "meldde, gevonden nog niet ingevuld." in " ".join(warnings)
    )
    assert "Voor 2020 hebben de partners geen cijfers aangeleverd." in site["2020/07-samenwerkingspartners.md"]


def test_a_gemeente_without_departments_builds_without_inventing_one(tmp_path):
    """No afdelingen in gemeente.yaml and totals only: no department section, table, page or trend row."""
    data = copy_of(LINDENWAARD, tmp_path)
    shutil.rmtree(data / "2022")
    gemeente = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
    del gemeente["afdelingen"]
    (data / "gemeente.yaml").write_text(yaml.safe_dump(gemeente, allow_unicode=True), encoding="utf-8")
    site, warnings = pages(data)
    assert not warnings
    assert not any("/afdelingen/" in path for path in site)
    for path in ("2021/04-ontvangen-klachten.md", "2021/06-andersoortige-klachten.md", "trends.md"):
        assert "per-afdeling" not in site[path], path
    assert "## 4.1 Naar aard" in site["2021/04-ontvangen-klachten.md"]


@pytest.mark.parametrize(
    ("field", "days", "limit", "rule"),
    [
        ("termijn_dagen", 43, 42, "Awb 9:11 lid 1: 6 weken"),
        ("termijn_dagen_commissie", 84, 70, "Awb 9:11 lid 1: 10 weken"),
        ("verdaging_dagen", 42, 28, "Awb 9:11 lid 2: 4 weken"),
    ],
)
def test_a_term_beyond_the_awb_is_refused(tmp_path, field, days, limit, rule):
    data = copy_of(LINDENWAARD, tmp_path)
    gemeente = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
    gemeente["regeling"][field] = days
    (data / "gemeente.yaml").write_text(yaml.safe_dump(gemeente, allow_unicode=True), encoding="utf-8")
    (line,) = errors(data)
    assert (
        f"veld 'regeling.{field}': verwacht een termijn van hoogstens {limit} dagen ({rule}), gevonden "
        f"'{days}'. Een klachtenregeling mag de termijnen van de Awb korter maken, niet langer." in line
    )


def test_a_change_of_more_than_half_and_a_category_from_zero_are_warned_until_confirmed(tmp_path):
    """K1 doubling and a nature from 0 to many are each a warning, until bekende_verschillen explains them."""
    data = copy_of(LINDENWAARD, tmp_path)
    totals = yaml.safe_load((data / "2021" / "totalen.yaml").read_text(encoding="utf-8"))
    totals["awb"]["ontvangen"] = 30  # 2022 has 72 received: more than double
    totals["awb"]["per_aard"] = {"bejegening": 30, "afvalinzameling": 0}
    (data / "2021" / "totalen.yaml").write_text(yaml.safe_dump(totals), encoding="utf-8")
    _, warnings = pages(data)
    text = " ".join(warnings)
    assert "Het aantal ontvangen klachten ging van 30 in 2021 naar 72 in 2022 (meer dan de helft verschil)" in text
    assert "'ontvangen-verandering: <reden>'" in text
    assert "Aard 'Afvalinzameling' komt in 2022 voor het eerst voor" in text
    assert "Aard 'Bejegening' ging van 30 naar" in text
    keys = re.findall(r"bekende_verschillen: '([^:]+:?[a-z_]*): <reden>'", text)
    set_yaml(data / "2022" / "verslag.yaml", bekende_verschillen=dict.fromkeys(keys, "Bekeken."))
    _, warnings = pages(data)
    assert not [w for w in warnings if "bekende_verschillen" in w]
