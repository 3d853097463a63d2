"""Another gemeente's colour and logo in Chromium: the site stays WCAG AA in light and dark, the PDF follows."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import threading

import pytest
import yaml

from conftest import build_into, copy_example_data
from jaarverslag.model.colour import SLATE_BACKGROUND, contrast, link_on_dark, rgb

from .conftest import AXE_JS, AXE_RUN, WCAG_AA, _QuietHandler, _QuietServer, need

KLEUR = "#8b1e3f"  # wine red: far from the default indigo
NAAM = "Dal & Duin"
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">'
    b'<rect width="48" height="48" rx="8" fill="#ffffff"/><path d="M8 36 L24 10 L40 36 Z" fill="#8b1e3f"/></svg>\n'
)
PAGES = ["", "2020/", "2020/04-ontvangen-klachten/", "toegankelijkheid/", "privacy/"]


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    """The example data as another gemeente with its own colour, logo and contact, built and served."""
    tmp = tmp_path_factory.mktemp("huisstijl")
    data = copy_example_data(tmp / "data")
    doc = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
    doc.update(
        naam=NAAM,
        huisstijl={"kleur": KLEUR, "logo": "logo.svg"},
        contact={"telefoon": "0800 1234", "contactformulier": "https://dal.example/contact"},
    )
    (data / "gemeente.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (data / "logo.svg").write_bytes(LOGO)
    result = build_into(tmp, data)
    assert result.returncode == 0, result.stderr
    site = tmp / "site"
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def css_rgb(colour: str) -> str:
    """A #rrggbb colour as the browser reports a computed colour."""
    return "rgb({}, {}, {})".format(*rgb(colour))


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 390)])
def test_axe_finds_nothing_with_another_colour_and_a_logo(chromium, styled, scheme, width):
    _, url = styled
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="nl-NL", color_scheme=scheme)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(url + path)
        violations = page.evaluate(AXE_RUN, WCAG_AA)
        if violations:
            found[path] = violations
    context.close()
    assert not found, "\n".join(f"{p}:\n" + "\n".join(v) for p, v in found.items())


def test_header_logo_and_links_follow_the_colour(chromium, styled):
    _, url = styled
    for scheme, link in (("light", KLEUR), ("dark", link_on_dark(KLEUR))):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme=scheme)
        page = context.new_page()
        page.goto(url + "toegankelijkheid/")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == css_rgb(KLEUR)
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.md-typeset a[href^=\"https\"]')).color"
        ) == css_rgb(link)
        logo = page.locator(".md-header .md-logo img")
        assert logo.get_attribute("alt") == "" and logo.get_attribute("src").endswith("huisstijl/logo.svg")
        label = page.locator(".md-header .md-logo").get_attribute("aria-label")
        assert label == f"Jaarverslag klachten gemeente {NAAM}"
        assert page.evaluate("document.querySelector('.md-header .md-logo img').naturalWidth") > 0
        context.close()
    assert contrast(link_on_dark(KLEUR), SLATE_BACKGROUND) >= 7


def test_footer_and_title_name_the_gemeente(styled):
    site, _ = styled
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Jaarverslag klachten gemeente {NAAM.replace('&', '&amp;')}</title>" in home
    assert "Gemeente Dal &amp; Duin · voorbeeldgegevens, geen echte cijfers" in home
    assert "Haarlem" not in home and "indigo" not in home


def test_pdf_title_author_and_cover_from_the_data(styled):
    need(shutil.which("pdfinfo") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    site, _ = styled
    pdf = site / "2020" / "jaarverslag-klachten-2020.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"Title:\s+Jaarverslag klachten 2020 gemeente {NAAM}\n", info)
    assert re.search(rf"Author:\s+Klachtencoördinator gemeente {NAAM}\n", info)
    cover = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Gemeente {NAAM}" in cover and "Haarlem" not in cover
