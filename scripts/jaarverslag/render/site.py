"""The site as data: one context per page, rendered by Jinja2 (StrictUndefined) into Markdown; nothing is written."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from ..load.provenance import Manifest
from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import YearIndicators
from ..model.problems import Report
from ..validate.dataset import Dataset
from ..validate.texts import SAFE_BUILTIN_FILTERS, check_text
from . import brief, chapters, key_points, open_data, site_config, site_contexts, table_data
from .comparisons import FILTERS, auto
from .figures.bundle import Bundle
from .figures.bundle import collect as collect_figures
from .figures.press import kit_path
from .formatting import PERCENT_RULE, Jaar, Md
from .named_values import KERNCIJFERS_HEADER, NAMES, kerncijfers_rows, year_values
from .tables import Table, to_csv

if TYPE_CHECKING:  # for an annotation only: write fills it in after drawing, render never imports write
    from ..write.figure_cache import FigureStats

TEMPLATES = Path(__file__).parent / "templates"
GENERATED = "<!-- Gegenereerd door scripts/build.py uit data/: niet met de hand wijzigen. -->\n"


@dataclass(frozen=True)
class Cover:
    """The facts on a year's cover, from the data model (never read back from a sentence)."""

    gemeente: str
    jaar: int
    vastgesteld: dt.date | None
    commissie: dt.date | None
    raadscommissie: str  # gemeente.commissie: which commissie puts it on its agenda
    voorbeeld: bool
    titel: str  # the PDF's title and author, as the site names the report
    auteur: str
    kleur: str  # huisstijl.kleur
    logo: str | None  # site path of the logo (its bytes are in Site.files), or None


def cover_of(data: Dataset, year: int) -> Cover:
    """The cover facts of one year: gemeente, year, adoption dates, example-data flag, title and house style."""
    verslag = data.years[year].verslag
    g = data.gemeente
    return Cover(
        g.naam,
        int(year),
        verslag.vastgesteld_college,
        verslag.commissie_bestuur,
        g.commissie,
        verslag.voorbeeldgegevens,
        site_config.report_title(g, int(year)),
        site_config.report_author(g),
        g.huisstijl.kleur,
        site_config.logo_path(g) if data.logo is not None else None,
    )


@dataclass
class Site:
    """Everything the write stage puts into the generated docs folder."""

    pages: dict[str, str] = field(default_factory=dict)  # path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # path -> bytes (CSV, SVG, ...)
    nav: chapters.Nav = field(default_factory=list)
    # SVG path -> the figure's Bundle, drawn by write.figure_cache (start_drawing, finish_drawing)
    bundles: dict[str, Bundle] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)  # every numbered table, each with its CSV
    figure_stats: FigureStats | None = None  # after drawing: counts for the summary line
    covers: dict[int, Cover] = field(default_factory=dict)  # year -> Cover: the print edition's cover facts
    briefs: dict[int, list[str]] = field(default_factory=dict)  # year -> the one-page brief's drafts, fullest first
    # The gemeente's MkDocs settings (site_config.mkdocs_settings).
    config: site_config.MkDocsSettings = field(default_factory=site_config.MkDocsSettings)


def number_sections(markdown: str, chapter: int) -> str:
    """Number a chapter's sections 1, 2, 3 in the order they appear, whichever the template left out."""
    count = iter(range(1, 1000))
    return re.sub(rf"^## {chapter}\.[0-9]+ ", lambda _: f"## {chapter}.{next(count)} ", markdown, flags=re.M)


def make_env() -> jinja2.Environment:
    """The template environment: strict, with Dutch filters and data strings escaped by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        finalize=auto,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.globals["indicatoren"] = CATALOGUE  # the key-figure tables name each indicator from the catalogue
    env.globals["procentregel"] = Md(PERCENT_RULE)
    env.globals["open_data_licentie"] = table_data.licence_sentence
    env.globals["werkboek"] = table_data.workbook_path
    return env


# The filters a chapter text may use: formatting and comparisons. Not h, md or pad: they pass a value on as
# markup, which only our own templates may do; not gepubliceerd: a text prints a published value through
# {{ k9 }} or procent like any other, and gepubliceerd would fail on a computed one.
TEXT_FILTERS = frozenset(set(FILTERS) - {"h", "md", "pad", "gepubliceerd"}) | SAFE_BUILTIN_FILTERS


def render_text(file: str, text: str, values: dict[str, object], report: Report) -> str | None:
    """Render a coordinator's chapter text; unknown names are errors with file and line."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, finalize=auto, autoescape=True)
    env.filters.update(FILTERS)
    allowed = TEXT_FILTERS
    # Names and filters only, checked on Jinja's own parse tree: the sandbox alone still runs a power or a
    # repeated string. The Markdown around them is checked as the site will convert it.
    tree = check_text(file, text, allowed, report)
    if tree is None:
        return None
    bad = False
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in values:
            report.error(
                file,
                node.lineno,
                expected="een bekende naam",
                found=f"'{{{{ {node.name} }}}}'",
                hint=chapters.name_hint(node.name, sorted(NAMES)),
            )
            bad = True
    for used in tree.find_all(nodes.Filter):
        if used.name not in allowed:
            report.error(
                file,
                used.lineno,
                expected="een bekend filter",
                found=f"'| {used.name}'",
                hint="Bekende filters: " + ", ".join(sorted(allowed)) + ".",
            )
            bad = True
    if bad:
        return None
    try:
        # The coordinator's own Markdown is trusted as Markdown; values inside it were escaped.
        return Md(env.from_string(text).render(values))
    except jinja2.TemplateError as exc:
        report.error(file, getattr(exc, "lineno", 0) or 0, expected="een tekst die te vullen is", found=f"'{exc}'")
        return None


def check_chapter_choices(data: Dataset, year: int, report: Report) -> None:
    """verslag.yaml's eigen_tekst names chapters that exist and have a text (hoofdstukken_uit: the schema checks)."""
    item = data.years[year]
    for slug in sorted(item.verslag.eigen_tekst):
        if slug not in chapters.SLUGS:
            report.error(
                item.verslag_file,
                column=f"eigen_tekst.{slug}",
                expected="een bekend hoofdstuk",
                found=f"'{slug}'",
                hint=chapters.name_hint(slug, sorted(chapters.SLUGS)),
            )
        elif slug not in item.texts:
            report.warn(
                item.verslag_file,
                column=f"eigen_tekst.{slug}",
                expected=f"een tekst in tekst/{slug}.md",
                found="geen tekst",
                hint="Zonder tekst blijft de standaardtekst staan.",
            )


def build_site(
    data: Dataset,
    indicators: dict[int, YearIndicators],
    report: Report,
    manifest: Manifest | None = None,
    differences: Sequence[tuple[int, str, str]] = (),
    press: bool = False,
) -> Site:
    """Render every page and data file of the site (with press: the year pages list the press kits)."""
    env = make_env()
    site = Site()
    years = [Jaar(y) for y in sorted(indicators, reverse=True)]
    values = {y: year_values(data, indicators, y) for y in years}
    texts: dict[int, dict[str, str]] = {}
    for year in years:
        texts[year] = {}
        for slug, (file, text) in sorted(data.years[year].texts.items()):
            if slug not in chapters.SLUGS:
                report.warn(
                    file,
                    expected="een tekst voor een bekend hoofdstuk",
                    found=f"'{slug}.md'",
                    hint=chapters.name_hint(slug, sorted(chapters.SLUGS)),
                )
                continue
            rendered = render_text(file, text, values[year], report)
            if rendered is not None:
                texts[year][slug] = rendered
        check_chapter_choices(data, year, report)
    report.raise_if_errors()
    key_points.check_risks(data, indicators, report)
    abbr = site_contexts.abbreviations()
    # A template gets the municipality, the years and their indicators, never the raw register.
    common = {
        "gemeente": data.gemeente,
        "jaren": years,
        "nieuwste": years[0],
        "indicators": indicators,
        "manifest": manifest or {},
        "hoofdstukken_per_jaar": {y: [file for _, file, _ in chapters.chapter_list(data, y)] for y in years},
        # Which other yearly files some year has: the about page names only those as sources.
        "extra_bestanden": sorted({name for item in data.years.values() for name in item.extra}),
        "besluit_per_jaar": {y: ["collegebesluit.md"] if chapters.has_decision(data, y) else [] for y in years},
    }

    def render(page: chapters.Page, context: dict[str, object]) -> None:
        tables = table_data.tables_of(page.context)
        table_data.assign(page.path, tables)
        markdown = env.get_template(page.template).render({**context, **page.context, "pagina": page})
        number = page.context.get("nummer")
        if isinstance(number, int):  # a chapter: a section left out leaves no gap in the numbers
            markdown = number_sections(markdown, number)
        site.pages[page.path] = GENERATED + markdown + abbr
        collect_figures(site, page.path, site.pages[page.path], page.context.get("figuren"))
        site.tables.extend(tables)
        site.files.update({t.csv: table_data.table_csv(t) for t in tables})

    for year in years:
        ctx_year = {
            **common,
            "jaar": year,
            "v": values[year],
            "ind": indicators[year],
            "verslag": data.years[year].verslag,
            "teksten": texts[year],
            "bekende_verschillen": [(t, r) for y, t, r in differences if y == year],
            # The kit exists only in a site make publish built: only there does the year page link it.
            "perskit": posixpath.basename(kit_path(year)) if press else None,
            "oogopslag": posixpath.basename(brief.brief_path(year)),  # typeset beside MkDocs by write/brief.py
        }
        for page in chapters.year_pages(data, indicators, year):
            render(page, ctx_year)
        site.covers[year] = cover_of(data, year)
        site.briefs[year] = brief.drafts(env, ctx_year, data, indicators, year)
        site.files[f"{year}/data/kerncijfers.csv"] = to_csv(
            KERNCIJFERS_HEADER, kerncijfers_rows(indicators[year])
        ).encode()
    later = []
    for page in chapters.site_pages(data, indicators):
        if page.path == "begrippen.md":
            later.append(page)  # the glossary lists what the other pages use, so it comes last
            continue
        render(page, common)
    used = site_contexts.used_terms(site_contexts.glossary(), [text.removesuffix(abbr) for text in site.pages.values()])
    for page in later:
        render(page, {**common, "begrippen": used})
    for year in years:  # after every page: the year's figures (and so its CSVs) are all known
        bundles = [b for b in site.bundles.values() if b.folder == str(int(year))]
        site.files.update(open_data.year_files(data, indicators, int(year), bundles))
        folder = str(int(year))
        tables = sorted((t for t in site.tables if t.csv.startswith(folder + "/")), key=lambda t: t.csv)
        site.files[f"{folder}/{open_data.PACKAGE}"] = open_data.with_resources(
            site.files[f"{folder}/{open_data.PACKAGE}"], [table_data.table_resource(t, folder) for t in tables]
        )
    across = [t for t in site.tables if not t.csv[:4].isdigit()]
    trend_bundles = [b for b in site.bundles.values() if not b.folder]
    if across or trend_bundles:  # the trends page's CSVs get a package of their own at the site's root
        site.files[open_data.PACKAGE] = open_data.to_json(
            table_data.trends_package(
                f"jaarverslag-klachten-{open_data.slug(data.gemeente.naam)}-trends",
                f"Trends klachten gemeente {data.gemeente.naam}",
                open_data.licence(data.gemeente.licentie),
                trend_bundles,
                across,
            )
        )
    site.nav = chapters.navigation(data, indicators)
    site.config = site_config.mkdocs_settings(data)
    site.files.update(site_config.site_files(data))
    return site
