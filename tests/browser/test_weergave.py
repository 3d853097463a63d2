"""How the site reads on a phone, in the dark and at 1280 px, measured in Chromium (see probe.js)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import EXAMPLE
from jaarverslag.render.figures.style import DESKTOP_FONT_MIN, PHONE_FONT_MIN

PHONE_HEIGHT = 844  # the viewport of the phone sweep
YEAR_PAGE = re.compile(r"^(\d{4})/")


def charts(sweep: dict) -> list[tuple[str, dict]]:
    """Every chart the sweep measured, with its page."""
    return [(path, chart) for path, probe in sweep["probes"].items() for chart in probe["charts"]]


def test_no_page_scrolls_sideways_on_a_phone(phone_sweep):
    """At 390 px no page is wider than the screen (wide tables scroll inside their region)."""
    assert phone_sweep["pages"] == len(phone_sweep["probes"]) > 50
    wide = {p: probe["sideways"] for p, probe in phone_sweep["probes"].items() if probe["sideways"] > 0}
    assert not wide, f"pagina's breder dan 390 px: {wide}"


def test_chart_text_on_a_phone_is_at_least_11px(phone_sweep):
    """The smallest chart text as rendered at 390 px (font size x shown width / viewBox width) is >= 11 px."""
    found = charts(phone_sweep)
    assert len(found) >= 10 and all("-smal" in c["src"] for _, c in found), [c["src"] for _, c in found]
    small = [(p, c["src"], round(c["minText"], 2)) for p, c in found if c["minText"] < PHONE_FONT_MIN]
    assert not small, f"te kleine tekst in figuren: {small}"


def test_chart_text_on_a_desktop_is_at_least_12px(desktop_sweep):
    """The smallest chart text as rendered at 1280 px (font size x shown width / viewBox width) is >= 12 px."""
    found = charts(desktop_sweep)
    assert len(found) >= 10 and not any("-smal" in c["src"] for _, c in found), [c["src"] for _, c in found]
    small = [(p, c["src"], round(c["minText"], 2)) for p, c in found if c["minText"] < DESKTOP_FONT_MIN]
    assert not small, f"te kleine tekst in figuren: {small}"


def test_first_key_number_on_the_first_phone_screen(phone_sweep):
    """On the home page and each year page the first key number is visible without scrolling."""
    pages = [p for p in phone_sweep["probes"] if p == "" or re.fullmatch(r"\d{4}/", p)]
    assert len(pages) >= 2
    for path in pages:
        y = phone_sweep["probes"][path]["firstNumber"]
        assert y is not None and y <= PHONE_HEIGHT, (path, y)


@pytest.mark.parametrize("sweep", ["phone_sweep", "desktop_dark_sweep", "desktop_sweep"])
def test_charts_follow_the_colour_scheme(sweep, request):
    """In the dark scheme every chart is dark (no light box); in the light scheme every chart is light."""
    seen = charts(request.getfixturevalue(sweep))
    dark, light = (seen, []) if sweep != "desktop_sweep" else ([], seen)
    assert len(seen) >= 10
    assert all(c["src"].split("#")[0].endswith("-donker.svg") for _, c in dark)
    # The background (median pixel) is as dark as the page; light bars may still brighten the average.
    bright = [
        (p, c["src"], c["background"], round(c["luminance"], 3))
        for p, c in dark
        if c["background"] > 0.05 or c["luminance"] > 0.35
    ]
    assert not bright, f"lichte figuren in de donkere weergave: {bright}"
    assert all(c["background"] > 0.9 for _, c in light), [(c["src"], c["background"]) for _, c in light]


def test_axe_desktop_dark(desktop_dark_sweep):
    """axe-core finds no WCAG 2.1 A/AA violation on any kind of page at 1280 px in the dark scheme."""
    assert desktop_dark_sweep["axe_pages"] >= 8
    assert not desktop_dark_sweep["violations"], "\n".join(
        f"{p}:\n" + "\n".join(v) for p, v in desktop_dark_sweep["violations"].items()
    )


def test_no_table_is_clipped_at_1280(desktop_sweep):
    """At 1280 px every table, the ones folded under a figure included, fits its column."""
    clipped = {p: probe["clipped"] for p, probe in desktop_sweep["probes"].items() if probe["clipped"]}
    assert not clipped, clipped


def test_every_page_of_a_year_has_the_year_in_its_title(desktop_sweep, built_site):
    """'4. Ontvangen klachten 2020 – <site name>': the year where the page has one, and a real title."""
    site_name = re.search(r"<title>([^<]+)</title>", (built_site / "index.html").read_text("utf-8")).group(1)
    titles = {p: probe["title"] for p, probe in desktop_sweep["probes"].items()}
    years = {p: YEAR_PAGE.match(p).group(1) for p in titles if YEAR_PAGE.match(p)}
    assert len(years) > 30
    missing = {p: titles[p] for p, y in years.items() if not re.search(rf"\b{y}\b.* – ", titles[p])}
    assert not missing, missing
    assert titles["2020/04-ontvangen-klachten/"] == f"4. Ontvangen klachten 2020 – {site_name}"
    assert not [t for t in titles.values() if t.startswith("Index")]
    assert len(set(titles.values())) == len(titles), "twee pagina's met dezelfde titel"


def test_interface_is_dutch_and_the_example_note_is_read_once(built_site):
    """Landmarks and footer in Dutch (no 'Header', 'Footer', 'Tabs', 'Made with'); the note's title is not repeated."""
    for page in ("index.html", "2020/04-ontvangen-klachten/index.html", "2020/afdelingen/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        labels = set(re.findall(r'aria-label="([^"]*)"', html))
        assert not labels & {"Header", "Footer", "Tabs"}, page
        assert {"Kopregel", "Hoofdmenu", "Vorige en volgende pagina"} <= labels, page
        assert "Made with" not in html and "Gemaakt met" in html
        note = re.search(r'<div class="admonition warning">(.*?)</div>', html, re.S).group(1)
        assert note.count("Voorbeeldgegevens") == 1, note


@pytest.mark.parametrize("sweep", ["phone_sweep", "desktop_sweep"])
def test_the_way_to_complain_is_on_the_first_screen(sweep, request):
    """'Een klacht indienen' is a visible link on the first screen of every page at 390 and 1280 px."""
    probes = request.getfixturevalue(sweep)["probes"]
    url = yaml.safe_load((EXAMPLE / "gemeente.yaml").read_text(encoding="utf-8"))["klacht_indienen"]
    assert len(probes) > 50
    missing = sorted(p for p, probe in probes.items() if url not in probe["complaint"])
    assert not missing, f"geen zichtbare link 'Een klacht indienen' naar {url} op het eerste scherm: {missing}"


def test_every_table_fits_a_phone(phone_sweep):
    """At 390 px no table is wider than the screen: a wide one is stacked, one block per row with its column names."""
    clipped = {p: probe["clipped"] for p, probe in phone_sweep["probes"].items() if probe["clipped"]}
    assert not clipped, f"tabellen breder dan de telefoon: {clipped}"
