"""The gemeente's own settings: names, footer, colour and contact pages come from gemeente.yaml, not from code."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, copy_example_data
from jaarverslag.commands.build import prepare
from jaarverslag.model.colour import contrast, link_on_dark
from jaarverslag.render import site_config

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg>\n'


def with_gemeente(tmp_path, change, example_years=None, files=None):
    """The example data with gemeente.yaml changed by `change(dict)` and, optionally, the example flag per year."""
    data = copy_example_data(tmp_path / "data")
    doc = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
    change(doc)
    (data / "gemeente.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    for year, flag in (example_years or {}).items():
        path = data / str(year) / "verslag.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"(?m)^voorbeeldgegevens: .*$", f"voorbeeldgegevens: {str(flag).lower()}", text), encoding="utf-8"
        )
    for name, blob in (files or {}).items():
        (data / name).write_bytes(blob)
    return prepare(data)


def rename(name):
    return lambda doc: doc.update(naam=name)


def test_no_gemeente_name_or_phone_in_code_templates_or_mkdocs_yml():
    """What differs per gemeente lives in data/: nothing outside it names Haarlem or its phone number."""
    places = [
        ROOT / "mkdocs.yml",
        *sorted((ROOT / "scripts").rglob("*")),
        *sorted((ROOT / "overrides").rglob("*")),
        *sorted((ROOT / "docs").rglob("*")),
    ]
    found = [
        f"{p.relative_to(ROOT)}: {needle}"
        for p in places
        if p.is_file() and p.suffix != ".pyc"
        for needle in ("Haarlem", "haarlem", "14 023")
        if needle in p.read_text(encoding="utf-8", errors="ignore")
    ]
    assert not found, found


def test_site_settings_come_from_the_data(tmp_path):
    result = with_gemeente(tmp_path, rename("Dal & Duin"))
    config = result.site.config
    assert config["site_name"] == "Jaarverslag klachten gemeente Dal & Duin"
    assert config["site_author"] == "Klachtencoördinator gemeente Dal & Duin"
    assert "Dal & Duin" in config["site_description"]
    # The theme writes the footer as HTML: the name is escaped there.
    assert config["copyright"] == "Gemeente Dal &amp; Duin · voorbeeldgegevens, geen echte cijfers"
    assert "logo" not in config["theme"]
    assert result.site.covers[2020].titel == "Jaarverslag klachten 2020 gemeente Dal & Duin"


@pytest.mark.parametrize(
    "flags, footer",
    [
        ({2018: False, 2019: False, 2020: False}, "Gemeente Haarlem"),
        ({2018: True, 2019: False, 2020: False}, "Gemeente Haarlem · voorbeeldgegevens (geen echte cijfers) in 2018"),
        (
            {2018: True, 2019: True, 2020: False},
            "Gemeente Haarlem · voorbeeldgegevens (geen echte cijfers) in 2018 en 2019",
        ),
    ],
)
def test_the_footer_names_example_data_only_where_there_is_some(tmp_path, flags, footer):
    result = with_gemeente(tmp_path, lambda doc: None, flags)
    assert result.site.config["copyright"] == footer


def test_colour_and_logo_reach_the_stylesheet_theme_and_cover(tmp_path):
    def style(doc):
        doc["huisstijl"] = {"kleur": "#8B1E3F", "logo": "logo.svg"}

    result = with_gemeente(tmp_path, style, files={"logo.svg": SVG})
    site = result.site
    css = site.files[site_config.STYLESHEET].decode()
    assert "--md-primary-fg-color: #8b1e3f;" in css and "--md-typeset-a-color: #8b1e3f;" in css
    tint = link_on_dark("#8b1e3f")
    assert f'[data-md-color-scheme="slate"][data-md-color-primary="custom"] {{ --md-typeset-a-color: {tint}; }}' in css
    assert contrast(tint, "#2e303e") >= 7
    assert site.config["theme"]["logo"] == "huisstijl/logo.svg"
    assert site.files["huisstijl/logo.svg"] == SVG
    assert (site.covers[2020].kleur, site.covers[2020].logo) == ("#8b1e3f", "huisstijl/logo.svg")


def test_mkdocs_yml_uses_the_custom_palette_and_the_generated_stylesheet():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not {"site_name", "site_description", "site_author", "copyright"} & set(config)
    assert {(p["primary"], p["accent"]) for p in config["theme"]["palette"]} == {("custom", "custom")}
    assert site_config.STYLESHEET in config["extra_css"]


def test_contact_pages_with_every_contact_detail(tmp_path):
    def contact(doc):
        doc["naam"] = "Dal"
        doc["contact"] = {
            "telefoon": "0800 1234",
            "contactformulier": "https://dal.example/contact",
            "privacy": "https://dal.example/privacy",
        }

    pages = with_gemeente(tmp_path, contact).site.pages
    privacy, access = pages["privacy.md"], pages["toegankelijkheid.md"]
    assert (
        "functionaris gegevensbescherming van de gemeente Dal, via "
        '<a href="https://dal.example/privacy">de privacypagina van de gemeente</a> of telefonisch via 0800 1234.'
        in privacy
    )
    assert (
        'Meld het bij de\ngemeente Dal, via <a href="https://dal.example/contact">het contactformulier '
        "op de website van de gemeente</a> of telefonisch via 0800 1234." in access
    )
    assert "De gemeente Dal wil dat iedereen" in access


def test_contact_pages_without_contact_details_promise_nothing_unknown(tmp_path):
    def bare(doc):
        doc["naam"] = "Dal"
        doc.pop("contact", None)

    pages = with_gemeente(tmp_path, bare).site.pages
    assert "Neem contact op met de functionaris gegevensbescherming van de gemeente Dal.\n" in pages["privacy.md"]
    assert "Meld het bij de\ngemeente Dal, via de website of de balie van de gemeente." in pages["toegankelijkheid.md"]
    assert "telefonisch" not in pages["privacy.md"] + pages["toegankelijkheid.md"]
    assert "<a href" not in pages["privacy.md"]


def test_the_haarlem_example_keeps_its_phone_number(tmp_path):
    pages = with_gemeente(tmp_path, lambda doc: None).site.pages
    assert "gemeente Haarlem, telefonisch via 14 023." in pages["toegankelijkheid.md"]
    assert "van de gemeente Haarlem of telefonisch via 14 023." in pages["privacy.md"]
