"""The report's structure: chapters per year, the site-wide pages, their contexts and the nav."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..model.indicators import Ratio, YearIndicators
from .formatting import Jaar, getal, h, procent
from .tables import Numbering, Table, share_rows
from . import site_contexts
from .figures.year_figures import received_figures
from . import chapter_contexts
from .key_points import key_points, missed_targets
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments

# (number, slug, title): the numbered chapters of every year, in reading order.
CHAPTERS: list[tuple[int, str, str]] = [
    (1, "samenvatting", "Samenvatting en kerncijfers"),
    (2, "inleiding", "Inleiding en kader"),
    (3, "klachtbehandeling", "Klachtbehandeling in Haarlem"),
    (4, "ontvangen-klachten", "Ontvangen klachten"),
    (5, "afhandeling-en-doorlooptijd", "Afhandeling en doorlooptijd"),
    (6, "andersoortige-klachten", "Andersoortige klachten"),
    (7, "samenwerkingspartners", "Samenwerkingspartners"),
    (8, "nationale-ombudsman", "Nationale ombudsman"),
    (9, "leren-van-klachten", "Leren van klachten"),
    (10, "conclusies-en-aanbevelingen", "Conclusies en aanbevelingen"),
    (11, "bijlagen", "Bijlagen"),
]
SLUGS = {slug for _, slug, _ in CHAPTERS}


@dataclass
class Page:
    """One page to render: where it goes, which template, and its own context."""

    path: str
    template: str
    title: str
    context: dict = field(default_factory=dict)


def name_hint(name: str, valid: list[str]) -> str:
    """Suggest the nearest known name."""
    match = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return f"Bedoelde u '{match[0]}'?" if match else "Zie de lijst van namen in de handleiding."


def chapter_path(year: int, number: int, slug: str) -> str:
    """Path of a chapter page: 2020/04-ontvangen-klachten.md."""
    return f"{year}/{number:02d}-{slug}.md"


def departments_of(data: Dataset, year: int) -> list[tuple[str, str]]:
    """The departments of a year as (code, label), in label order."""
    labels = {c: a.label for c, a in data.gemeente.afdelingen.items()}
    return sorted(((c, labels[c]) for c in valid_departments(data.gemeente, year)), key=lambda item: item[1])


def received_context(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> dict:
    """Chapter 4: received complaints per department, nature and month as figures, per channel as a table."""
    f = indicators[year].figures
    labels = chapter_contexts.labels_of(data)
    numbering = Numbering(4)
    figures = received_figures(f, labels, numbering)
    channel = numbering.table(Table(
        title=f"Ontvangen klachten per kanaal, {year}", columns=["Kanaal", "Aantal", "Aandeel"],
        rows=share_rows(f.per["kanaal"], labels["kanaal"], f.k1, "count"),
        footer=["Totaal", getal(f.k1), procent(Ratio(f.k1, f.k1))],
        source=chapter_contexts.source_line(f)))
    return {"tabellen": {"kanaal": channel}, "figuren": figures, "labels": labels}


def year_pages(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Page]:
    """Every page of one year: landing page, chapters, collegebesluit, departments."""
    chapter_list = [(n, chapter_path(year, n, s).split("/")[1], t) for n, s, t in CHAPTERS]
    pages = [Page(f"{year}/index.md", "jaar.md.j2", f"Jaarverslag {year}",
                  {"hoofdstukken": chapter_list, "punten": key_points(data, indicators, year)})]
    builders = {"samenvatting": chapter_contexts.summary_context, "inleiding": chapter_contexts.framework_context,
                "klachtbehandeling": chapter_contexts.process_context, "ontvangen-klachten": received_context,
                "afhandeling-en-doorlooptijd": chapter_contexts.handling_context,
                "andersoortige-klachten": chapter_contexts.other_context, "samenwerkingspartners": chapter_contexts.partners_context,
                "nationale-ombudsman": chapter_contexts.ombudsman_context, "leren-van-klachten": chapter_contexts.learning_context,
                "conclusies-en-aanbevelingen": chapter_contexts.conclusions_context, "bijlagen": chapter_contexts.annex_context}
    for number, slug, title in CHAPTERS:
        context = builders[slug](data, indicators, year)
        context.update({"nummer": number, "titel": title, "slug": slug, "hoofdstukken": chapter_list})
        pages.append(Page(chapter_path(year, number, slug), f"hoofdstukken/{slug}.md.j2", title, context))
    advice = data.years[year].extra.get("aanbevelingen")
    pages.append(Page(f"{year}/collegebesluit.md", "collegebesluit.md.j2", "Collegebesluit",
                      {"aanbevelingen": advice.aanbevelingen if advice else [],
                       "stand_labels": chapter_contexts.ADVICE_STATUS, "niet_gehaald": missed_targets(data, indicators, year)}))
    counts = indicators[year].figures.per["afdeling"]
    departments = departments_of(data, year)
    pages.append(Page(f"{year}/afdelingen/index.md", "afdelingen.md.j2", "Afdelingen",
                      {"afdelingen": [(c, label, counts[c]) for c, label in departments]}))
    for code, label in departments:
        pages.append(Page(f"{year}/afdelingen/{code}.md", "afdeling.md.j2", label,
                          site_contexts.department_context(data, indicators, year, code)))
    return pages


def site_pages(data: Dataset, indicators: dict[int, YearIndicators]) -> list[Page]:
    """Pages across years: home, trends, glossary."""
    newest = max(indicators)
    example = any(y.verslag.voorbeeldgegevens for y in data.years.values())
    return [Page("index.md", "home.md.j2", "Jaarverslag klachten",
                 {"jaar": Jaar(newest), "ind": indicators[newest], "vorige": indicators.get(newest - 1),
                  "punten": key_points(data, indicators, newest),
                  "verslag": data.years[newest].verslag, "voorbeeld": example}),
            Page("trends.md", "trends.md.j2", "Trends", {**site_contexts.trends_context(data, indicators),
                                                         "voorbeeld": example}),
            Page("begrippen.md", "begrippen.md.j2", "Begrippen", {"begrippen": site_contexts.glossary()}),
            Page("over.md", "over.md.j2", "Over deze site")]


def navigation(data: Dataset, indicators: dict[int, YearIndicators]) -> list:
    """The MkDocs nav: home, every year newest first with numbered chapters, then the site pages."""
    nav: list = [{"Home": "index.md"}]
    for year in sorted(indicators, reverse=True):
        section = [{f"Jaarverslag {year}": f"{year}/index.md"}]
        section += [{f"{n}. {t}": chapter_path(year, n, s)} for n, s, t in CHAPTERS]
        section.append({"Collegebesluit": f"{year}/collegebesluit.md"})
        section.append({"Afdelingen": [{"Afdelingen": f"{year}/afdelingen/index.md"}]
                        # The theme prints nav titles as HTML: a label from data is escaped here.
                        + [{str(h(label)): f"{year}/afdelingen/{c}.md"} for c, label in departments_of(data, year)]})
        nav.append({str(year): section})
    # The citizen's way to complain is in the nav, so it is on every page, hand-written ones included.
    complain = data.gemeente.klacht_indienen or chapter_path(max(indicators), 3, "klachtbehandeling")
    nav += [{"Trends": "trends.md"}, {"Begrippen": "begrippen.md"}, {"Een klacht indienen": complain},
            {"Over dit verslag": [{"Over deze site": "over.md"},
                                  {"Toegankelijkheid": "toegankelijkheid.md"}, {"Privacy": "privacy.md"}]}]
    return nav


__all__ = ["CHAPTERS", "SLUGS", "Page", "year_pages", "site_pages", "navigation", "name_hint",
           "valid_departments"]
