"""The report's structure: chapters per year, the site-wide pages, their contexts and the nav."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

from ..model.codes import OPTIONAL_CHAPTERS
from ..model.indicators import YearIndicators
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments
from ..validate.extras import Aanbevelingen
from . import chapter_contexts, site_contexts
from .formatting import Jaar, h
from .key_points import events, key_points, missed_targets
from .named_values import extra

# The MkDocs nav: entries of one title each, leading to a page or to a list of entries.
Nav: TypeAlias = list[dict[str, "str | Nav"]]


@dataclass(frozen=True)
class Chapter:
    """A numbered chapter of every year: number, address, title and context; its template is its slug's."""

    number: int  # its place in the registry, and its file name: an address never moves
    slug: str
    title: str  # may name {gemeente} and {ombudsman}, filled in from gemeente.yaml
    context: Callable[[Dataset, dict[int, YearIndicators], int, int], dict[str, object]]
    own_text: str = "voor"  # where a year's own text goes unless verslag.yaml says: voor, na, vervangt

    @property
    def optional(self) -> bool:
        """May be switched off per year in verslag.yaml (hoofdstukken_uit): the schema lists which."""
        return self.slug in OPTIONAL_CHAPTERS

    @property
    def file(self) -> str:
        """The chapter's file name inside its year: 04-ontvangen-klachten.md."""
        return chapter_file(self.number, self.slug)

    def title_for(self, data: Dataset) -> str:
        """The title with the gemeente's own names."""
        return self.title.format(gemeente=data.gemeente.naam, ombudsman=data.gemeente.ombudsman_naam)

    @property
    def template(self) -> str:
        """The chapter's template: hoofdstukken/<slug>.md.j2, beside the others."""
        return f"hoofdstukken/{self.slug}.md.j2"


# The chapter registry: the numbered chapters of every year, in reading order. A new chapter is one
# entry here, one context builder in chapter_contexts.py and one template in templates/hoofdstukken/.
CHAPTERS: list[Chapter] = [
    Chapter(1, "samenvatting", "Samenvatting en kerncijfers", chapter_contexts.summary_context, own_text="vervangt"),
    Chapter(2, "inleiding", "Inleiding en kader", chapter_contexts.framework_context),
    Chapter(3, "klachtbehandeling", "Klachtbehandeling in {gemeente}", chapter_contexts.process_context),
    Chapter(4, "ontvangen-klachten", "Ontvangen klachten", chapter_contexts.received_context),
    Chapter(5, "afhandeling-en-doorlooptijd", "Afhandeling en doorlooptijd", chapter_contexts.handling_context),
    Chapter(6, "andersoortige-klachten", "Andersoortige klachten", chapter_contexts.other_context),
    Chapter(7, "samenwerkingspartners", "Samenwerkingspartners", chapter_contexts.partners_context),
    Chapter(8, "nationale-ombudsman", "{ombudsman}", chapter_contexts.ombudsman_context),
    Chapter(9, "leren-van-klachten", "Leren van klachten", chapter_contexts.learning_context),
    Chapter(
        10,
        "conclusies-en-aanbevelingen",
        "Conclusies en aanbevelingen",
        chapter_contexts.conclusions_context,
        own_text="vervangt",
    ),
    Chapter(11, "bijlagen", "Bijlagen", chapter_contexts.annex_context),
]
SLUGS = {c.slug for c in CHAPTERS}


@dataclass
class Page:
    """One page to render: where it goes, which template, and its own context."""

    path: str
    template: str
    title: str
    context: dict[str, object] = field(default_factory=dict)


def name_hint(name: str, valid: list[str]) -> str:
    """Suggest the nearest known name."""
    match = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return f"Bedoelde u '{match[0]}'?" if match else "Zie de lijst van namen in de handleiding."


def chapter_file(number: int, slug: str) -> str:
    """File name of a chapter page inside its year: 04-ontvangen-klachten.md."""
    return f"{number:02d}-{slug}.md"


def chapter_path(year: int, number: int, slug: str) -> str:
    """Path of a chapter page: 2020/04-ontvangen-klachten.md."""
    return f"{year}/{chapter_file(number, slug)}"


def departments_of(data: Dataset, year: int) -> list[tuple[str, str]]:
    """The departments of a year as (code, label), in label order."""
    labels = {c: a.label for c, a in data.gemeente.afdelingen.items()}
    return sorted(((c, labels[c]) for c in valid_departments(data.gemeente, year)), key=lambda item: item[1])


def year_chapters(data: Dataset, year: int) -> list[tuple[int, Chapter]]:
    """The chapters of a year with the number the reader sees: switched-off chapters leave no gap."""
    off = set(data.years[year].verslag.hoofdstukken_uit)
    return list(enumerate((c for c in CHAPTERS if c.slug not in off), start=1))


def chapter_list(data: Dataset, year: int) -> list[tuple[int, str, str]]:
    """(number shown, file name, title) of every chapter of a year."""
    return [(n, c.file, c.title_for(data)) for n, c in year_chapters(data, year)]


def has_decision(data: Dataset, year: int) -> bool:
    """A year's collegebesluit is published only once it has decision points."""
    return bool(data.years[year].verslag.besluitpunten)


def decision_first(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> dict[str, object]:
    """What a year's start page (and for the newest year the home page) opens with: the key points, the events,
    then the college's decision points and the recommendations with owner and deadline."""
    advice = extra(data.years[year], "aanbevelingen", Aanbevelingen)
    return {
        "punten": key_points(data, indicators, year),
        "gebeurtenissen": events(data, indicators, year),
        "besluit": has_decision(data, year),
        "aanbevelingen": advice.aanbevelingen if advice else [],
    }


def year_pages(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> list[Page]:
    """Every page of one year: landing page, chapters, collegebesluit, departments."""
    numbered = year_chapters(data, year)
    chapters = [(n, c.file, c.title_for(data)) for n, c in numbered]
    present = {c.slug: (n, c.file) for n, c in numbered}
    pages = [
        Page(
            f"{year}/index.md",
            "jaar.md.j2",
            f"Jaarverslag {year}",
            {"hoofdstukken": chapters, **decision_first(data, indicators, year)},
        )
    ]
    for n, c in numbered:
        context = c.context(data, indicators, year, n)
        context.update(
            {
                "nummer": n,
                "titel": c.title_for(data),
                "slug": c.slug,
                "hoofdstukken": chapters,
                "aanwezig": present,
                "plaats": data.years[year].verslag.eigen_tekst.get(c.slug, c.own_text),
            }
        )
        pages.append(Page(f"{year}/{c.file}", c.template, c.title_for(data), context))
    advice = extra(data.years[year], "aanbevelingen", Aanbevelingen)
    if has_decision(data, year):
        pages.append(
            Page(
                f"{year}/collegebesluit.md",
                "collegebesluit.md.j2",
                "Collegebesluit",
                {
                    "aanbevelingen": advice.aanbevelingen if advice else [],
                    "aanwezig": present,
                    "stand_labels": chapter_contexts.ADVICE_STATUS,
                    "niet_gehaald": missed_targets(data, indicators, year),
                },
            )
        )
    if "afdeling" not in indicators[year].figures.per:
        return pages  # a totals year without departments has no department pages
    counts = indicators[year].figures.per["afdeling"]
    departments = departments_of(data, year)
    pages.append(
        Page(
            f"{year}/afdelingen/index.md",
            "afdelingen.md.j2",
            "Afdelingen",
            {"afdelingen": [(c, label, counts[c]) for c, label in departments]},
        )
    )
    for code, label in departments:
        pages.append(
            Page(
                f"{year}/afdelingen/{code}.md",
                "afdeling.md.j2",
                label,
                site_contexts.department_context(data, indicators, year, code),
            )
        )
    return pages


def site_pages(data: Dataset, indicators: dict[int, YearIndicators]) -> list[Page]:
    """Pages across years: home, trends, glossary, about, accessibility and privacy."""
    newest = max(indicators)
    example = any(y.verslag.voorbeeldgegevens for y in data.years.values())
    return [
        Page(
            "index.md",
            "home.md.j2",
            "Jaarverslag klachten",
            {
                "jaar": Jaar(newest),
                "ind": indicators[newest],
                "vorige": indicators.get(newest - 1),
                **decision_first(data, indicators, newest),
                "verslag": data.years[newest].verslag,
                "voorbeeld": example,
            },
        ),
        Page(
            "trends.md",
            "trends.md.j2",
            "Trends",
            {**site_contexts.trends_context(data, indicators), "voorbeeld": example},
        ),
        Page("begrippen.md", "begrippen.md.j2", "Begrippen"),
        Page("over.md", "over.md.j2", "Over deze site"),
        Page("toegankelijkheid.md", "toegankelijkheid.md.j2", "Toegankelijkheid"),
        Page("privacy.md", "privacy.md.j2", "Privacy"),
    ]


def navigation(data: Dataset, indicators: dict[int, YearIndicators]) -> Nav:
    """The MkDocs nav: home, every year newest first with numbered chapters, then the site pages."""
    nav: Nav = [{"Start": "index.md"}]
    for year in sorted(indicators, reverse=True):
        section: Nav = [{f"Jaarverslag {year}": f"{year}/index.md"}]
        # The decision first, as on the year page and in the PDF: it is what the commissie puts on its agenda.
        if has_decision(data, year):
            section.append({"Collegebesluit": f"{year}/collegebesluit.md"})
        # The theme prints nav titles as HTML: a title may hold the gemeente's name, so every one is escaped.
        section += [{f"{n}. {h(title)}": f"{year}/{file}"} for n, file, title in chapter_list(data, year)]
        if "afdeling" in indicators[year].figures.per:
            departments: Nav = [{"Afdelingen": f"{year}/afdelingen/index.md"}]
            # The theme prints nav titles as HTML: a label from data is escaped here.
            departments += [{str(h(label)): f"{year}/afdelingen/{c}.md"} for c, label in departments_of(data, year)]
            section.append({"Afdelingen": departments})
        nav.append({str(year): section})
    # The citizen's way to complain is in the nav, so it is on every page, hand-written ones included.
    process = next(c for c in CHAPTERS if c.slug == "klachtbehandeling")
    complain = data.gemeente.klacht_indienen or chapter_path(max(indicators), process.number, process.slug)
    nav += [
        {"Trends": "trends.md"},
        {"Begrippen": "begrippen.md"},
        {"Een klacht indienen": complain},
        {
            "Over dit verslag": [
                {"Over deze site": "over.md"},
                {"Toegankelijkheid": "toegankelijkheid.md"},
                {"Privacy": "privacy.md"},
            ]
        },
    ]
    return nav
