"""The gemeente's own settings of the site and the PDF: names, footer, colour and logo, all from gemeente.yaml.

mkdocs.yml keeps only what is the same for every gemeente; write.site.write_config adds these.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from typing import TypedDict

from babel.lists import format_list

from ..model.colour import BLACK, WHITE, link_on_dark, mix
from ..model.schema import Gemeente
from ..validate.dataset import Dataset
from .formatting import LOCALE

STYLESHEET = "stylesheets/huisstijl.css"  # listed in mkdocs.yml's extra_css, written by every build
LOGO = "huisstijl/logo"  # the logo's place in the site, plus its own suffix


class MkDocsSettings(TypedDict, total=False):
    """The MkDocs settings that differ per gemeente (mkdocs_settings gives all; an empty Site has none)."""

    site_name: str
    site_description: str
    site_author: str
    copyright: str
    theme: dict[str, str]
    extra: dict[str, str]


def report_title(gemeente: Gemeente, year: int | None = None) -> str:
    """The report's name: the site's name, and with a year the PDF edition's title."""
    return " ".join(["Jaarverslag klachten", *([str(year)] if year else []), "gemeente", gemeente.naam])


def report_author(gemeente: Gemeente) -> str:
    """Who writes the report, for the site's and the PDF's metadata."""
    return f"Klachtencoördinator gemeente {gemeente.naam}"


def example_years(data: Dataset) -> list[int]:
    """The years on the site whose figures are example data."""
    return sorted(year for year, item in data.years.items() if item.verslag.voorbeeldgegevens)


def footer(data: Dataset) -> str:
    """The footer line of every page: the gemeente, and which years hold example data.

    Every page carries it, so it speaks for the whole site: when any year is example data it says so,
    naming the years unless all of them are (a real year next to example years must not look invented,
    nor an example year look real).
    """
    line = f"Gemeente {data.gemeente.naam}"
    example = example_years(data)
    if example and len(example) == len(data.years):
        line += " · voorbeeldgegevens, geen echte cijfers"
    elif example:
        line += f" · voorbeeldgegevens (geen echte cijfers) in {format_list([str(y) for y in example], locale=LOCALE)}"
    return line


def logo_path(gemeente: Gemeente) -> str | None:
    """Where the logo goes in the site (the theme's header and the PDF cover), or None without one."""
    name = gemeente.huisstijl.logo
    return None if name is None else LOGO + posixpath.splitext(name)[1]


def build_date(data: Dataset) -> dt.date:
    """The date the sitemap gives every page: the newest report's adoption date, else the end of its year.

    MkDocs would write today's date (and put it in sitemap.xml.gz): the same data must give the same bytes.
    """
    newest = max(data.years)
    return data.years[newest].verslag.vastgesteld_college or dt.date(newest, 12, 31)


def mkdocs_settings(data: Dataset) -> MkDocsSettings:
    """The MkDocs settings that differ per gemeente; write_config puts them beside mkdocs.yml's own."""
    g = data.gemeente
    # Name, description and author stay plain text here: write/mkdocs_hooks.py escapes them once for every
    # place the theme prints them.
    settings: MkDocsSettings = {
        "site_name": report_title(g),
        "site_description": f"Het jaarverslag klachten van de gemeente {g.naam}, per jaar, met open data.",
        "site_author": report_author(g),
        # The theme writes the footer line into HTML as it is: a name from data is escaped here.
        "copyright": html.escape(footer(data)),
        "theme": {},
        "extra": {"bouwdatum": build_date(data).isoformat()},
    }
    logo = logo_path(g)
    if logo:
        settings["theme"]["logo"] = logo
    return settings


def stylesheet(kleur: str) -> str:
    """The theme's colour variables for palette 'custom': the colour in the light scheme, a legible tint on dark."""
    light, dark, tint = mix(kleur, WHITE, 0.85), mix(kleur, BLACK, 0.8), link_on_dark(kleur)
    return f"""/* Gegenereerd door scripts/build.py uit huisstijl.kleur in gemeente.yaml: niet met de hand wijzigen. */
/* Header and tabs: white text on the colour (gemeente.yaml is checked for 4.5:1). Links in the colour on
   white have the same contrast. */
[data-md-color-primary="custom"] {{
  --md-primary-fg-color: {kleur};
  --md-primary-fg-color--light: {light};
  --md-primary-fg-color--dark: {dark};
  --md-primary-bg-color: #ffffff;
  --md-primary-bg-color--light: #ffffffb3;
  --md-typeset-a-color: {kleur};
}}
[data-md-color-accent="custom"] {{
  --md-accent-fg-color: {kleur};
  --md-accent-fg-color--transparent: {kleur}1a;
  --md-accent-bg-color: #ffffff;
  --md-accent-bg-color--light: #ffffffb3;
}}
/* On the dark scheme a dark colour would vanish: links, the current nav entry and focus rings get a tint
   of it with 7:1 on the background. */
[data-md-color-scheme="slate"][data-md-color-primary="custom"] {{ --md-typeset-a-color: {tint}; }}
[data-md-color-scheme="slate"][data-md-color-accent="custom"] {{
  --md-accent-fg-color: {tint};
  --md-accent-fg-color--transparent: {tint}1a;
}}
"""


def site_files(data: Dataset) -> dict[str, bytes]:
    """The files of the house style: the colour stylesheet, and the logo when there is one."""
    files = {STYLESHEET: stylesheet(data.gemeente.huisstijl.kleur).encode("utf-8")}
    path = logo_path(data.gemeente)
    if path and data.logo is not None:
        files[path] = data.logo
    return files
