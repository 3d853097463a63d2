"""The whole report: every chapter of every year, numbers that agree, texts with named values."""

from __future__ import annotations

import csv
import html
import re
from decimal import Decimal

import pytest
import yaml

from conftest import EXAMPLE
from jaarverslag.aggregate.indicators import aggregate
from jaarverslag.aggregate.reconcile import reconcile
from jaarverslag.load.raw import load_data
from jaarverslag.model.codes import CODES, COLUMNS
from jaarverslag.model.indicator_catalogue import CATALOGUE
from jaarverslag.model.indicators import YearIndicators
from jaarverslag.model.problems import DataError, Report
from jaarverslag.render.chapters import CHAPTERS
from jaarverslag.render.formatting import getal
from jaarverslag.render.site import render_text
from jaarverslag.validate.dataset import validate

YEARS = (2018, 2019, 2020)
GEMEENTE = yaml.safe_load((EXAMPLE / "gemeente.yaml").read_text(encoding="utf-8"))


def text_of(page) -> str:
    """The visible text of a built HTML page, tags removed."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def test_every_chapter_of_every_year_is_built_and_in_the_nav(built_site):
    for year in YEARS:
        index = (built_site / str(year) / "index.html").read_text(encoding="utf-8")
        for chapter in CHAPTERS:
            number, slug = chapter.number, chapter.slug
            title = chapter.title.format(
                gemeente=GEMEENTE["naam"], ombudsman=GEMEENTE.get("ombudsman_naam", "Nationale ombudsman")
            )
            page = built_site / str(year) / f"{number:02d}-{slug}" / "index.html"
            assert page.is_file(), page
            assert f'href="{number:02d}-{slug}/"' in index, (year, slug)  # two clicks from home
            assert f"{number}. {title}" in text_of(page)
        assert (built_site / str(year) / "collegebesluit" / "index.html").is_file()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for year in YEARS:
        assert f'href="{year}/"' in home


def test_methodology_names_every_column_code_and_indicator(built_site):
    text = text_of(built_site / "2020" / "11-bijlagen" / "index.html")
    for column in COLUMNS:
        assert column in text, column
    for kind, codes in CODES.items():
        for code in codes:
            assert code in text, (kind, code)
    for code in CATALOGUE:
        assert f" {code} " in f" {text} ", code


def kerncijfers(built_site, year):
    with (built_site / str(year) / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
        return {r["code"]: r for r in csv.DictReader(handle)}


def dutch(value: str) -> str:
    """A kerncijfers.csv value as the site writes it."""
    return getal(Decimal(value), 1 if "." in value else 0)


def test_numbers_in_chapter_texts_match_kerncijfers(built_site):
    for year in YEARS:
        k = kerncijfers(built_site, year)
        summary = text_of(built_site / str(year) / "01-samenvatting" / "index.html")
        received = text_of(built_site / str(year) / "04-ontvangen-klachten" / "index.html")
        assert f"{dutch(k['K1']['waarde'])} klachten" in summary
        assert f"{dutch(k['K1']['waarde'])} klachten" in received
        if k["K9"]["waarde"]:
            base = CATALOGUE["K9"].base
            assert f"{dutch(k['K9']['waarde'])}% ({k['K9']['teller']} van de {k['K9']['noemer']} {base})" in summary
        if k["K6"]["waarde"]:
            assert f"{dutch(k['K6']['waarde'])}%" in summary
        assert f"{dutch(k['K14']['waarde'])} klachten van andere aard" in summary, year


def test_coordinator_text_is_used_with_its_named_values(built_site):
    summary = text_of(built_site / "2020" / "01-samenvatting" / "index.html")
    k = kerncijfers(built_site, 2020)
    assert "2020 was het jaar van de coronacrisis." in summary
    assert f"registreerde de gemeente {dutch(k['K14']['waarde'])} klachten van andere aard" in summary


def test_unknown_name_in_text_names_file_and_line():
    report = Report()
    assert (
        render_text(
            "data/2020/tekst/samenvatting.md", "Regel een.\nHet zijn {{ k1 }} of {{ k99 }}.\n", {"k1": 3}, report
        )
        is None
    )
    assert [p.format() for p in report.errors] == [
        "data/2020/tekst/samenvatting.md, regel 2: verwacht een bekende naam, gevonden '{{ k99 }}'. Bedoelde u 'k9'?"
    ]


def test_text_values_are_escaped_but_text_markdown_is_kept():
    report = Report()
    out = render_text("t.md", "**Vet** en {{ label }}", {"label": "<script>x</script> **niet vet**"}, report)
    assert out.startswith("**Vet** en &lt;script&gt;")
    assert "\\*\\*niet vet\\*\\*" in out


def test_department_pages_and_renamed_department_keeps_history(built_site):
    page = text_of(built_site / "2020" / "afdelingen" / "stedelijke_ontwikkeling" / "index.html")
    assert "Ruimtelijke ontwikkeling (voorganger)" in page
    assert "2018" in page and "2019" in page
    assert (built_site / "2019" / "afdelingen" / "ruimtelijke_ontwikkeling" / "index.html").is_file()
    assert not (built_site / "2020" / "afdelingen" / "ruimtelijke_ontwikkeling").exists()


def test_trends_page_handles_a_totals_year(built_site):
    text = text_of(built_site / "trends" / "index.html")
    k18 = kerncijfers(built_site, 2018)
    k19, k20 = kerncijfers(built_site, 2019), kerncijfers(built_site, 2020)
    assert (
        f"Indicator 2018 2019 2020 Ontvangen klachten {dutch(k18['K1']['waarde'])} "
        f"{dutch(k19['K1']['waarde'])} {dutch(k20['K1']['waarde'])} "
    ) in text
    assert "Doorlooptijd (mediaan) n.v.t. " in text  # 2018 came as totals
    assert "totalen" in text


def test_collegebesluit_2020_carries_the_memo(built_site):
    text = text_of(built_site / "2020" / "collegebesluit" / "index.html")
    # A decision: what the college decides, who carries out each recommendation by when, the missed norm
    # among the risks; the improvement programme is referred to (section 3.4), not repeated.
    for phrase in (
        "Het Jaarverslag klachten 2020 vast te stellen",
        "klachtencoördinator 1 oktober 2021",
        "paragraaf 3.4",
        "Nationale ombudsman",
        "commissie Bestuur",
        "onder de norm van 90%",
    ):
        assert phrase in text, phrase
    assert "digitaal dashboard" not in text


def test_reconciliation_passes_and_catches_a_broken_breakdown():
    report = Report()
    data = validate(load_data(EXAMPLE, report), report)
    indicators = aggregate(data)
    assert reconcile(data, indicators, Report()) > 30
    year = 2020
    ind = indicators[year]
    broken_per = dict(
        ind.figures.per, aard={**ind.figures.per["aard"], "overig": ind.figures.per["aard"]["overig"] + 1}
    )
    broken = {
        **indicators,
        year: YearIndicators(
            type(ind.figures)(**{**ind.figures.__dict__, "per": broken_per}),
            ind.inhabitants,
            ind.k4,
            ind.k5,
            ind.departments,
        ),
    }
    report = Report()
    reconcile(data, broken, report)
    with pytest.raises(DataError) as err:
        report.raise_if_errors()
    messages = [p.format() for p in err.value.problems]
    assert any(
        m.startswith("data/2020/klachten.csv") and "per aard" in m and f"som {ind.figures.k1 + 1}" in m
        for m in messages
    ), messages
