"""A real report with published percentages and partial breakdowns (Pijnacker-Nootdorp, totals only), end to end."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_into

PIJNACKER = ROOT / "tests" / "fixtures" / "pijnacker_nootdorp"
SOURCE = "https://www.pijnacker-nootdorp.nl/artikel/klachten-burgerjaarverslag-2010.htm"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture's site, built once as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("pijnacker")
    result = build_into(tmp, PIJNACKER)
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("waarschuwing")]
    assert len(warnings) == 2 and all("inwoners" in w for w in warnings), warnings
    return tmp / "site"


def article(page: Path) -> str:
    """The visible article text of a built page."""
    html = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<article") : html.index("</article>")]))


def published(year: int) -> dict[str, dict]:
    """The published figures of a year as the fixture gives them."""
    doc = yaml.safe_load((PIJNACKER / str(year) / "totalen.yaml").read_text(encoding="utf-8"))
    return doc["gepubliceerd"]


def test_every_published_figure_is_quoted_in_the_readme():
    readme = (PIJNACKER / "README.md").read_text(encoding="utf-8")
    assert SOURCE in readme
    for year in (2009, 2010):
        for code, item in published(year).items():
            assert f"`{code}`" in readme or f"gepubliceerd.{code}" in readme, (year, code)
            assert f"`waarde: {item['waarde']}`" in readme, (year, code)


def test_published_figures_show_as_published_and_flagged_in_open_data(site):
    for year in (2009, 2010):
        with (site / str(year) / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
            rows = {r["code"]: r for r in csv.DictReader(handle)}
        figures = json.loads((site / str(year) / "data" / "kerncijfers.json").read_text(encoding="utf-8"))
        by_code = {row["code"]: row for row in figures["kerncijfers"]}
        page = article(site / str(year) / "index.html")
        for code, item in published(year).items():
            value = item["waarde"]
            assert rows[code]["gepubliceerd"] == "ja" and float(rows[code]["waarde"]) == value, (year, code)
            assert by_code[code]["bron"] == item["bron"] and by_code[code]["gepubliceerd"] is True
            shown = f"{str(value).replace('.', ',')}{'%' if code != 'K10_gemiddeld' else ' dagen'} (gepubliceerd)"
            assert shown in page, (year, code, shown)
        # Nothing computed is flagged, and nothing else has a value (K2, K6-K8, K10 median are not known).
        assert {c for c, r in rows.items() if r["gepubliceerd"]} == set(published(year))
        assert rows["K2"]["waarde"] == "" and rows["K8"]["waarde"] == ""


def test_the_published_share_is_the_texts_and_key_points_value(site):
    k9 = published(2010)["K9"]["waarde"]
    for chapter in ("index.html", "01-samenvatting/index.html", "05-afhandeling-en-doorlooptijd/index.html"):
        text = article(site / "2010" / chapter)
        assert f"Binnen de termijn afgehandeld: {k9}% (gepubliceerd)" in text or f"{k9}% (gepubliceerd)" in text
    points = article(site / "2010" / "index.html").split("Belangrijkste punten")[1].split("Kerncijfers")[0]
    # 2009 has no K9: the point says so, and judges nothing.
    assert f"Op tijd afgehandeld: {k9}% (gepubliceerd) (geen cijfer over 2009)" in points
    trends = article(site / "trends" / "index.html")
    assert f"Binnen de termijn n.v.t. {k9}% (gepubliceerd)" in trends
    # The trend figure and the dashboard tile show it too, and compare it with nothing.
    assert f"Binnen de termijn afgehandeld in 2010: {k9}% (gepubliceerd)" in trends
    assert f"2010 {k9} n.v.t. n.v.t. totalen, gepubliceerd" in trends  # a published share has no counts
    dashboard = article(site / "2010" / "09-leren-van-klachten" / "index.html")
    assert f"Binnen de termijn {k9}% geen cijfer over 2009" in dashboard
    own = published(2009)["deels_gegrond_ontvangen"]["waarde"], published(2010)["deels_gegrond_ontvangen"]["waarde"]
    assert f"(Deels) gegrond, van alle ontvangen klachten {own[0]}% (gepubliceerd) {own[1]}% (gepubliceerd)" in trends


def test_a_partial_breakdown_keeps_its_rest_apart(site):
    received = article(site / "2010" / "04-ontvangen-klachten" / "index.html")
    # 46 of the 49 complaints are named; the 3 others are 'niet uitgesplitst', listed last and never the headline.
    assert "Onjuiste of misleidende informatie 2 4,1% niet uitgesplitst 3 6,1% Totaal 49" in received
    assert "De meeste klachten gingen over te late of trage afhandeling van brieven" in received
    for page in sorted(site.rglob("index.html")):
        if "<article" not in page.read_text(encoding="utf-8"):
            continue
        text = article(page).lower()
        assert "over niet uitgesplitst" not in text and "bij niet uitgesplitst" not in text, page
        assert "met meer klachten dan in" not in text, page


SHAPES = ROOT / "tests" / "fixtures" / "vormen_totalen"


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory) -> Path:
    """The made-up year with the other shapes real reports publish, built once."""
    tmp = tmp_path_factory.mktemp("vormen")
    result = build_into(tmp, SHAPES)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_words_without_a_number_show_as_published(shapes_site):
    totals = yaml.safe_load((SHAPES / "2023" / "totalen.yaml").read_text(encoding="utf-8"))
    year = article(shapes_site / "2023" / "index.html")
    change, informal = totals["gepubliceerd"]["K5_absoluut"]["tekst"], totals["gepubliceerd"]["K6"]["tekst"]
    assert f"Verandering ontvangen klachten {change} (gepubliceerd)" in year
    assert f"Informeel opgelost: {informal} (gepubliceerd) (geen cijfer over 2022)" in year
    received = article(shapes_site / "2023" / "04-ontvangen-klachten" / "index.html")
    assert f"Volgens de gemeente waren dat er {change} dan in 2022 (gepubliceerd)." in received
    with (shapes_site / "2023" / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
        rows = {r["code"]: r for r in csv.DictReader(handle)}
    assert rows["klachten_werkorganisatie"]["waarde"] == "14" and rows["klachten_werkorganisatie"]["gepubliceerd"]
    assert rows["K1"]["waarde"] == "40" and not rows["K1"]["gepubliceerd"]  # the shared organisation stays apart


def test_a_breakdown_over_another_base_names_it_and_counts_its_shares_on_it(shapes_site):
    totals = yaml.safe_load((SHAPES / "2023" / "totalen.yaml").read_text(encoding="utf-8"))["awb"]
    nature, channel = totals["basis"]["per_aard"], totals["basis"]["per_kanaal"]
    received = article(shapes_site / "2023" / "04-ontvangen-klachten" / "index.html")
    assert (
        f"{nature['omschrijving'].capitalize()} naar aard, 2023; aantal en aandeel, n = {nature['aantal']}" in received
    )
    rest = nature["aantal"] - sum(totals["per_aard"].values())
    assert f"niet uitgesplitst {rest} " in received and f"Totaal {nature['aantal']} 100,0%" in received
    assert f"{channel['omschrijving'].capitalize()} per kanaal, 2023" in received
    html = (shapes_site / "2023" / "04-ontvangen-klachten" / "index.html").read_text(encoding="utf-8")
    assert f"het aantal {nature['omschrijving']} naar aard, 2023" in html and "Het laagst: informatie" in html
    assert f"Totaal {channel['aantal']} 100,0%" in received
    themes = article(shapes_site / "2023" / "09-leren-van-klachten" / "index.html")
    assert "en niet uitgesplitst" not in themes and "thema's in 2023 waren bejegening en informatie" in themes
    ombudsman = article(shapes_site / "2023" / "08-nationale-ombudsman" / "index.html")
    assert "kreeg de ombudsman 55 verzoeken" in ombudsman  # more than the 40 the gemeente received: no check trips
