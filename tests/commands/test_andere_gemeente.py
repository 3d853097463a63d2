"""A second, invented municipality built end to end: its own names, codes, terms and partial totals."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_into, need
from jaarverslag.model.indicator_catalogue import CATALOGUE

LINDENWAARD = ROOT / "tests" / "fixtures" / "lindenwaard"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Lindenwaard's site, built once for this module."""
    tmp = tmp_path_factory.mktemp("lindenwaard")
    result = build_into(tmp, LINDENWAARD)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def text(page: Path) -> str:
    """The visible text of a built page, tags removed and spaces collapsed."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def key_figures(site: Path, year: int) -> dict[str, list[str]]:
    """kerncijfers.csv of a year: code -> [waarde, teller, noemer]."""
    with (site / str(year) / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
        return {row["code"]: [row["waarde"], row["teller"], row["noemer"]] for row in csv.DictReader(handle)}


def register() -> list[dict[str, str]]:
    """The 2022 register of the fixture, read here independently of the pipeline."""
    with (LINDENWAARD / "2022" / "klachten.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_no_haarlem_anywhere(site):
    """Nothing of the first customer leaks into another municipality's site."""
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".csv", ".json", ".xml", ".svg", ".js"):
            assert "Haarlem" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_totals_year_says_what_was_not_registered(site):
    """2021 published only K1, K2 and the handling: the rest is said to be unknown, never shown as 0."""
    chapter = text(site / "2021" / "04-ontvangen-klachten" / "index.html")
    assert chapter.count("niet geregistreerd") == 4
    assert "<figure" not in (site / "2021" / "04-ontvangen-klachten" / "index.html").read_text(encoding="utf-8")
    assert not (site / "2021" / "afdelingen").exists()
    figures = key_figures(site, 2021)
    assert figures["K1"][0] == "61" and figures["K2"][0] == "58"
    # open_31_12 was left blank: it stays blank, and so do K9 (no binnen_termijn), K8 (no verdicts), K14.
    assert figures["K3"][0] == "" and figures["K9"][0] == "" and figures["K8"][0] == "" and figures["K14"][0] == ""
    # K6 counts by meaning: geen_klacht is 'overig', so the denominator is informal + formal = 40 + 12.
    assert figures["K6"] == ["76.9", "40", "52"]
    # In the key-figure table a value the totals did not register reads "niet bekend", not "n.v.t." or 0.
    home = (site / "index.html").read_text(encoding="utf-8")
    # Cells carry data-sort (the table sorts): the values are read past their attributes.
    k3 = re.search(rf"<th[^>]*>{re.escape(CATALOGUE['K3'].name)}</th>.*?</tr>", home, flags=re.S).group(0)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", k3)[-2:] == ["5", "niet bekend"]
    assert "Hoeveel klachten binnen de termijn zijn afgehandeld, is over 2021 niet bekend" in text(
        site / "2021" / "01-samenvatting" / "index.html"
    )


def test_own_codes_count_by_their_meaning(site):
    """K8 leaves out 'neutraal' (geen_oordeel); K6 leaves out 'geen_klacht' (overig); labels show."""
    rows = [r for r in register() if r["soort"] == "awb" and r["afgehandeld_op"].startswith("2022")]
    formal = [r for r in rows if r["afhandeling"] == "formeel_afgehandeld"]
    founded = sum(r["oordeel"] in ("gegrond", "deels_gegrond") for r in formal)
    judged = sum(r["oordeel"] != "neutraal" for r in formal)
    informal = sum(r["afhandeling"] == "informeel_opgelost" for r in rows)
    figures = key_figures(site, 2022)
    assert figures["K8"][1:] == [str(founded), str(judged)]
    assert figures["K6"][1:] == [str(informal), str(informal + len(formal))]
    handling = text(site / "2022" / "05-afhandeling-en-doorlooptijd" / "index.html")
    assert "Neutraal" in handling and "Geen klacht in de zin van de Awb" in handling
    assert "WhatsApp" in text(site / "2022" / "04-ontvangen-klachten" / "index.html")


def test_terms_come_from_the_regulation(site):
    """A 35-day term is the one printed and the one K9 counts with."""
    assert "5 weken (35 dagen)" in text(site / "2022" / "03-klachtbehandeling" / "index.html")
    day = dt.date.fromisoformat
    decided = [
        r
        for r in register()
        if r["soort"] == "awb"
        and r["afgehandeld_op"].startswith("2022")
        and r["afhandeling"] in ("informeel_opgelost", "formeel_afgehandeld")
    ]
    on_time = sum((day(r["afgehandeld_op"]) - day(r["ontvangen_op"])).days <= 35 for r in decided)
    assert key_figures(site, 2022)["K9"][1:] == [str(on_time), str(len(decided))]


def test_chapters_follow_the_year(site):
    """2022 switched the partners chapter off: later chapters move up, links and the year switch follow."""
    assert not (site / "2022" / "07-samenwerkingspartners").exists()
    ombudsman = text(site / "2022" / "08-nationale-ombudsman" / "index.html")
    assert "7. Ombudsman Lindenwaard" in ombudsman
    assert "kreeg de ombudsman geen verzoeken" in ombudsman and "terug" not in ombudsman
    assert "10. Bijlagen" in text(site / "2022" / "11-bijlagen" / "index.html")
    # 2021 has no partner figures: one honest sentence (not a claim that there are no partners);
    # its year switch leads to 2022's start page.
    partners = site / "2021" / "07-samenwerkingspartners" / "index.html"
    assert "Voor 2021 zijn geen cijfers van samenwerkingspartners opgenomen." in text(partners)
    assert 'href="../../2022/"' in partners.read_text(encoding="utf-8")


def test_own_text_after_the_chapter(site):
    """eigen_tekst 'na' puts the year's own text under the standard chapter, which stays."""
    page = text(site / "2022" / "02-inleiding" / "index.html")
    assert "Opbouw van dit verslag" in page
    assert page.index("Opbouw van dit verslag") < page.index("Eigen toelichting van Lindenwaard")
    assert "commissie Bestuur en Middelen" in page and "Klachtenverordening Lindenwaard 2019" in page


def test_own_text_replaces_the_standard_sentences_only(site):
    """eigen_tekst 'vervangt': the standard sentences go, the figures and tables of the chapter stay."""
    page = site / "2022" / "04-ontvangen-klachten" / "index.html"
    assert "Deze eigen tekst staat in plaats van de standaardzinnen" in text(page)
    assert "in de zin van hoofdstuk 9 van de Algemene wet bestuursrecht" not in text(page)
    assert page.read_text(encoding="utf-8").count("<figure") == 3  # per afdeling, naar aard, per maand


# A Markdown escape left visible: a backslash before punctuation that Markdown would have consumed.
VISIBLE_ESCAPE = re.compile(r"\\[()\[\]{}.*_#+!|`-]")


def test_no_markdown_escape_is_visible_on_any_page_or_in_the_pdf(site):
    """'Bron: totalen (geen register)' reads without backslashes on the web and on paper."""
    pages = sorted(site.rglob("index.html"))
    assert any("Bron: totalen (geen register)" in text(p) for p in pages)
    for page in pages:
        if "<article" in page.read_text(encoding="utf-8"):
            assert not VISIBLE_ESCAPE.search(text(page)), (page, VISIBLE_ESCAPE.search(text(page)))
    need(shutil.which("pdftotext") is not None, "pdftotext ontbreekt: apt-get install poppler-utils")
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(site / "2021" / "jaarverslag-klachten-2021.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "totalen (geen register)" in pdf
    assert not VISIBLE_ESCAPE.search(pdf), VISIBLE_ESCAPE.search(pdf)


def test_sections_are_numbered_from_one_whatever_is_left_out(site):
    """2021's appendix has no cross table: its first section is 11.1, and no chapter skips a number."""
    for year in (2021, 2022):
        for page in sorted((site / str(year)).glob("[0-9][0-9]-*/index.html")):
            numbers = re.findall(r'<h2 id="[^"]*">([0-9]+)\.([0-9]+) ', page.read_text(encoding="utf-8"))
            assert [int(s) for _, s in numbers] == list(range(1, len(numbers) + 1)), (page, numbers)
    assert "11.1 Definities" in text(site / "2021" / "11-bijlagen" / "index.html")


def test_definitions_take_their_terms_from_the_regulation(site):
    """Lindenwaard's regulation says 35 days: the definitions say so, not the Awb's 42 (and no committee)."""
    annex = text(site / "2022" / "11-bijlagen" / "index.html")
    assert "De termijn eindigt 35 dagen na ontvangst, plus 28 dagen bij verdaging." in annex
    assert "42 dagen" not in annex
