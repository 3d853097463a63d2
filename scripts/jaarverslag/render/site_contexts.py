"""Contexts of the department pages, the trends page and the glossary."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import Ratio, YearIndicators
from ..validate.dataset import Dataset
from .chapter_contexts import labels_of, measures_table, protected, source_line
from .figures import trend_figures
from .formatting import dagen, getal, procent, procent_lang
from .named_values import based
from .published import or_published, own_rows, rest_row
from .tables import Numbering, Table, cell, protection_note

GLOSSARY = Path(__file__).parent / "templates" / "begrippen.yaml"


def lineage(data: Dataset, code: str) -> list[str]:
    """A department and its predecessors, newest first (a renamed department keeps its history)."""
    chain = [code]
    while (before := data.gemeente.afdelingen[chain[-1]].voorganger) is not None and before not in chain:
        chain.append(before)
    return chain


def department_trend(data: Dataset, indicators: dict[int, YearIndicators], code: str) -> list[list[str]]:
    """K1 of a department (or its predecessor) in every year, oldest first."""
    labels = labels_of(data)["afdeling"]
    rows: list[list[str]] = []
    for year in sorted(indicators):
        counts = indicators[year].figures.per.get("afdeling", {})
        found = next((c for c in lineage(data, code) if c in counts), None)
        if found is None:
            continue
        name = labels[found] if found == code else f"{labels[found]} (voorganger)"
        k1 = indicators[year].figures.k1
        rows.append([str(year), name, getal(counts[found]), getal(k1), procent(Ratio(counts[found], k1))])
    return rows


def department_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, code: str) -> dict[str, object]:
    """A department's page: its complaints, nature, handling, timeliness, trend and measures."""
    labels = labels_of(data)
    total = indicators[year].figures
    own = indicators[year].departments.get(code)
    numbering = Numbering("A")
    tables: dict[str, Table] = {}
    if own is not None:
        # A zero hidden as "×" keeps its row: leaving the row out would show the 0.
        nature, counts = protected(total, "aard", code), total.cross["aard"][code]
        tables["aard"] = numbering.table(
            Table(
                f"Ontvangen klachten naar aard, {labels['afdeling'][code]}, {year}",
                ["Aard", "Aantal"],
                [
                    [labels["aard"][a], cell(counts[a], nature.get(a))]
                    for a in data.gemeente.codes("aard")
                    if counts[a] or a in nature
                ],
                ["Totaal", getal(own.k1)],
                source_line(own),
                note=protection_note(list(nature.values())),
            )
        )
        handling, counts = protected(total, "afhandeling", code), total.cross["afhandeling"][code]
        tables["afhandeling"] = numbering.table(
            Table(
                f"Afgehandelde klachten naar afhandeling, {labels['afdeling'][code]}, {year}",
                ["Afhandeling", "Aantal"],
                [
                    [labels["afhandeling"][h], cell(counts[h], handling.get(h))]
                    for h in data.gemeente.closed_handlings()
                    if counts[h] or h in handling
                ],
                ["Totaal", getal(own.k2)],
                source_line(own),
                note=protection_note(list(handling.values())),
            )
        )
    tables["trend"] = numbering.table(
        Table(
            f"Ontvangen klachten per jaar, {labels['afdeling'][code]}",
            ["Jaar", "Afdeling", "Aantal", "Alle klachten", "Aandeel van alle klachten"],
            department_trend(data, indicators, code),
            source="Bron: klachtenregister en totalen.",
        )
    )
    measures = measures_table(numbering, data, year, code)
    # K6 and K9 share the denominator informal + formal. When either cell is hidden in the handling
    # table, that denominator (or a percentage of it) next to the table's total gives hidden counts
    # away, so both ratios stay off the page; when both are shown, the ratios add nothing new.
    safe = own is not None and not any(
        h in handling for h in data.gemeente.codes_meaning("afhandeling", "informeel", "formeel")
    )
    return {
        "verhoudingen": {"k9": based(own.k9, "K9"), "k6": based(own.k6, "K6")} if safe and own is not None else None,
        "code": code,
        "naam": labels["afdeling"][code],
        "eigen": own,
        "totaal": total,
        "aandeel": Ratio(total.per.get("afdeling", {}).get(code, 0), total.k1),
        "tabellen": tables,
        "maatregelen": measures,
        "voorgangers": [labels["afdeling"][c] for c in lineage(data, code)[1:]],
    }


def _row_name(code: str) -> str:
    """An indicator as a row header of the trends table: 'Binnen de termijn' (codes only in the definitions)."""
    return CATALOGUE[code].label


def trends_context(data: Dataset, indicators: dict[int, YearIndicators]) -> dict[str, object]:
    """The trends page: key indicators and breakdowns over all years."""
    labels = labels_of(data)
    years = sorted(indicators)
    numbering = Numbering("T")
    # One row per indicator and a column per year: the table grows downwards with indicators and
    # stays narrow enough for a phone, whatever the number of years.
    per_year = {y: (indicators[y], indicators[y].figures) for y in years}
    rows = [
        [_row_name("K1")] + [getal(f.k1) for _, f in per_year.values()],
        [_row_name("K4")] + [getal(ind.k4) for ind, _ in per_year.values()],
        [_row_name("K6")]
        + [or_published(f, "K6", procent_lang(f.k6, CATALOGUE["K6"].base)) for _, f in per_year.values()],
        [_row_name("K8")]
        + [or_published(f, "K8", procent_lang(f.k8, CATALOGUE["K8"].base)) for _, f in per_year.values()],
        [_row_name("K9")]
        + [or_published(f, "K9", procent_lang(f.k9, CATALOGUE["K9"].base)) for _, f in per_year.values()],
        [_row_name("K10")]
        + [
            or_published(f, "K10_mediaan", dagen(f.k10["alle"].mediaan if f.k10 else None))
            for _, f in per_year.values()
        ],
        [_row_name("K14")] + [or_published(f, "K14", getal(f.k14)) for _, f in per_year.values()],
        *own_rows([f for _, f in per_year.values()]),
        ["Bron"] + ["register" if f.source == "register" else "totalen" for _, f in per_year.values()],
    ]
    key = numbering.table(
        Table(
            "Kerncijfers per jaar",
            ["Indicator", *map(str, years)],
            rows,
            source="Bron: klachtenregister; voor jaren met alleen totalen: totalen. 'Gepubliceerd': overgenomen "
            "zoals de gemeente het publiceerde, niet uit aantallen berekend.",
        )
    )
    per = {y: indicators[y].figures.per for y in years}
    codes = sorted({c for y in years for c in per[y].get("afdeling", {})}, key=lambda c: labels["afdeling"][c])
    tables = {"kern": key}
    if codes:  # a gemeente that publishes no departments gets no empty table of them
        tables["afdeling"] = numbering.table(
            Table(
                "Ontvangen klachten per afdeling per jaar",
                ["Afdeling", *map(str, years)],
                [[labels["afdeling"][c]] + [getal(per[y].get("afdeling", {}).get(c)) for y in years] for c in codes],
                source="n.v.t.: de afdeling bestond dat jaar niet (zie voorganger) of de verdeling is niet "
                "geregistreerd.",
            )
        )
    tables["aard"] = numbering.table(
        Table(
            "Ontvangen klachten naar aard per jaar",
            ["Aard", *map(str, years)],
            [
                [labels["aard"][a]] + [getal(per[y].get("aard", {}).get(a)) for y in years]
                for a in data.gemeente.codes("aard")
            ]
            + rest_row([indicators[y].figures for y in years], "aard"),
            source="Bron: klachtenregister en totalen; n.v.t.: niet geregistreerd of in dat jaar niet uitgesplitst.",
        )
    )
    # One chart per headline indicator, in the order of the key figures; a target is named in the headline.
    charts = {
        code.lower(): trend_figures.figure_trend(
            indicators, numbering.figure(), code=code, target=data.gemeente.doelen.get(code)
        )
        for code in trend_figures.TRENDS
    }
    return {"tabellen": tables, "jaren_op": years, "figuren": charts}


def glossary() -> dict[str, dict[str, str]]:
    """The glossary: term -> {uitleg, afkorting?}, from the package's begrippen.yaml."""
    entries: dict[str, dict[str, str]] = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    return entries


def used_terms(entries: dict[str, dict[str, str]], texts: list[str]) -> dict[str, dict[str, str]]:
    """The glossary entries whose term (or a longer word from it) or abbreviation appears in one of the texts."""
    found = {}
    for term, entry in entries.items():
        patterns = [re.compile(rf"\b{re.escape(term)}", re.I)]
        if "afkorting" in entry:
            patterns.append(re.compile(rf"\b{re.escape(entry['afkorting'])}\b"))
        if any(p.search(text) for p in patterns for text in texts):
            found[term] = entry
    return found


def abbreviations() -> str:
    """Markdown abbreviation lines, so each abbreviation shows its meaning as a tooltip."""
    lines = [f"*[{entry['afkorting']}]: {entry['voluit']}" for entry in glossary().values() if "afkorting" in entry]
    return "\n" + "\n".join(sorted(lines)) + "\n"
