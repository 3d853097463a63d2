"""Context builders of the chapters: the tables, figures and facts each chapter's template shows."""

from __future__ import annotations

from typing import Literal

from babel.dates import get_month_names

from ..model.codes import CODES, COLUMNS
from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import Indicators, Ratio, YearIndicators
from ..model.published import REST, REST_LABEL
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments
from ..validate.extras import SETTLED, Aanbevelingen, Maatregelen, Ombudsman, Partners
from .comparisons import THRESHOLD
from .figures import trend_figures, year_figures
from .figures.year_figures import received_figures
from .formatting import Md, dagen, getal, procent, procent_lang, termijn
from .key_points import RULES as KEY_POINT_RULES
from .key_points import events, key_points
from .named_values import extra
from .tables import Numbering, Table, base_note, cell, protection_note, share_rows

MONTH_NAMES = list(get_month_names("wide", locale="nl").values())  # januari … december (Babel)
MEASURE_STATUS = {"gepland": "Gepland", "in_uitvoering": "In uitvoering", "gereed": "Gereed", "vervallen": "Vervallen"}
ADVICE_STATUS = {
    "nieuw": "Nieuw",
    "in_uitvoering": "In uitvoering",
    "uitgevoerd": "Uitgevoerd",
    "niet_overgenomen": "Niet overgenomen",
}
Context = dict[str, object]  # what a chapter's template gets besides the common names
# The ombudsman's own verdicts (the keys of Ombudsman.oordelen), named as the law names them.
OMBUDSMAN_VERDICTS: tuple[tuple[Literal["gegrond", "deels_gegrond", "ongegrond"], str], ...] = (
    ("gegrond", "Gegrond"),
    ("deels_gegrond", "Deels gegrond"),
    ("ongegrond", "Ongegrond"),
)


def known(value: int | None) -> Md:
    """A count as a Dutch number, or 'niet bekend' when the source does not give it (never 0)."""
    return Md("niet bekend") if value is None else getal(value)


def total_of(values: list[int | None]) -> int | None:
    """The sum of counts, or None when one of them is not known."""
    return None if None in values else sum(v for v in values if v is not None)


def labels_of(data: Dataset) -> dict[str, dict[str, str]]:
    """All code labels, departments and months included."""
    labels = dict(data.gemeente.labels)
    labels["afdeling"] = {c: a.label for c, a in data.gemeente.afdelingen.items()}
    labels["maand"] = {f"{m:02d}": name for m, name in enumerate(MONTH_NAMES, start=1)}
    labels["partner"] = {c: p.label for c, p in data.gemeente.partners.items()}
    # The remainder of a breakdown that names only some categories (a reserved code, never a gemeente's own).
    for kind in ("afdeling", "aard", "kanaal"):
        labels[kind] = {**labels.get(kind, {}), REST: REST_LABEL}
    return labels


def source_line(f: Indicators) -> str:
    """The source line under a table."""
    return "Bron: klachtenregister." if f.source == "register" else "Bron: totalen (geen register)."


def protected(f: Indicators, kind: str, department: str) -> dict[str, str]:
    """The hidden cells of one department's row of a cross table and their marks; every page uses this same one."""
    return f.hidden.get(kind, {}).get(department, {})


def cross_table(
    data: Dataset, f: Indicators, year: int, kind: str, keys: list[str], labels: dict[str, dict[str, str]], title: str
) -> Table:
    """A protected cross table of the year's departments against the codes of one kind, with totals and its note."""
    rows, footer, note = cross_rows(f, kind, valid_departments(data.gemeente, year), keys, labels["afdeling"])
    header = ["Afdeling"] + [labels[kind][k] for k in keys] + ["Totaal"]
    return Table(title, header, rows, footer, source=source_line(f), note=note)


def cross_rows(
    f: Indicators, kind: str, departments: list[str], keys: list[str], names: dict[str, str]
) -> tuple[list[list[str]], list[str], str]:
    """Rows of a protected cross table, largest department first, with a total column, a total row and its note."""
    matrix = f.cross[kind]
    shown = sorted(
        (d for d in departments if sum(matrix[d].values())), key=lambda d: (-sum(matrix[d].values()), names[d])
    )
    # The totals are safe to show: aggregate/disclosure.py audited the hidden cells against all of them.
    rows = [
        [names[d]] + [cell(matrix[d][k], protected(f, kind, d).get(k)) for k in keys] + [getal(sum(matrix[d].values()))]
        for d in shown
    ]
    footer = (
        ["Totaal"]
        + [getal(sum(matrix[d][k] for d in shown)) for k in keys]
        + [getal(sum(sum(matrix[d].values()) for d in shown))]
    )
    return rows, footer, protection_note([m for d in shown for m in protected(f, kind, d).values()])


def summary_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 1: the key points, key figures with last year's, and the headline sentences."""
    return {
        "anker": "tabel-1-1",
        "tabelnummer": "1.1",
        "punten": key_points(data, indicators, year),
        "gebeurtenissen": events(data, indicators, year),
    }


def framework_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 2: legal framework and the regulation of the year; no tables."""
    return {"regeling": data.gemeente.rules(data.years[year].verslag)}


def process_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 3: the route of a complaint and the terms of the regulation (Awb 9:11 unless it says shorter)."""
    numbering = Numbering(number)
    rules = data.gemeente.rules(data.years[year].verslag)
    terms = numbering.table(
        Table(
            "Termijnen voor de afhandeling van een klacht",
            ["Situatie", "Termijn"],
            # Terms read as text ("6 weken (42 dagen)"), so they are left-aligned like text.
            [["Behandeling door de gemeente", str(termijn(rules.termijn_dagen))]]
            # The committee's term only where the gemeente says it has a committee.
            + (
                [["Met advies van de klachtadviescommissie", str(termijn(rules.termijn_dagen_commissie))]]
                if data.gemeente.klachtbehandeling.klachtadviescommissie
                else []
            )
            + [["Verdaging (eenmalig, schriftelijk)", "+ " + str(termijn(rules.verdaging_dagen))]],
            source=f"Bron: {rules.naam}; Algemene wet bestuursrecht, artikel 9:11 en 9:14.",
        )
    )
    return {"termijnen": terms, "regeling": rules}


def received_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 4: received complaints per department, nature and month as figures, per channel as a table."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(number)
    figures = received_figures(f, labels, numbering)
    tables: dict[str, Table] = {}
    if "kanaal" in f.per:
        what, base = f.base_of("kanaal")  # the received complaints, or the base the gemeente published
        tables["kanaal"] = numbering.table(
            Table(
                title=f"{what.capitalize()} per kanaal, {year}",
                columns=["Kanaal", "Aantal", "Aandeel"],
                rows=share_rows(f.per["kanaal"], labels["kanaal"], base, "count"),
                footer=["Totaal", getal(base), procent(Ratio(base, base))],
                source=source_line(f),
                note=base_note(f.k1, "ontvangen klachten"),
            )
        )
    return {"tabellen": tables, "figuren": figures, "labels": labels}


def handling_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 5: how complaints were settled, the verdicts, the lead times, open at year end."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(number)
    tables: dict[str, Table] = {}
    if f.afhandeling is not None:
        closed = sum(f.afhandeling.values())
        tables["afhandeling"] = numbering.table(
            Table(
                f"Afgehandelde klachten naar wijze van afhandeling, {year}",
                ["Afhandeling", "Aantal", "Aandeel"],
                share_rows(f.afhandeling, labels["afhandeling"], closed),
                ["Totaal", getal(closed), procent(Ratio(closed, closed))],
                source_line(f),
                note=base_note(closed, "afgehandelde klachten")
                + (
                    f" Als indicator telt {CATALOGUE['K6'].name.lower()} alleen de {CATALOGUE['K6'].base}: "
                    f"{procent(f.k6)} ({getal(f.k6.teller)} van de {getal(f.k6.noemer)})."
                    if f.k6 is not None
                    else ""
                ),
            )
        )
    if f.oordeel is not None:
        formal = sum(f.oordeel.values())
        tables["oordeel"] = numbering.table(
            Table(
                f"Oordeel over formeel afgehandelde klachten, {year}",
                ["Oordeel", "Aantal", "Aandeel"],
                share_rows(f.oordeel, labels["oordeel"], formal, order="key"),
                ["Totaal formeel afgehandeld", getal(formal), procent(Ratio(formal, formal))],
                source_line(f),
                note=base_note(formal, "formeel afgehandelde klachten, ook die zonder oordeel")
                + (
                    f" Als indicator telt {CATALOGUE['K8'].name.lower()} alleen de {CATALOGUE['K8'].base}: "
                    f"{procent(f.k8)} ({getal(f.k8.teller)} van de {getal(f.k8.noemer)})."
                    if f.k8 is not None
                    else ""
                ),
            )
        )
    if f.k10:
        rows = [
            [name, getal(f.k10[key].n), dagen(f.k10[key].mediaan), dagen(f.k10[key].gemiddeld), dagen(f.k10[key].p90)]
            for key, name in (
                ("alle", "Alle afgehandelde klachten"),
                ("informeel", "Informeel opgelost"),
                ("formeel", "Formeel afgehandeld"),
            )
        ]
        tables["doorlooptijd"] = numbering.table(
            Table(
                f"Doorlooptijd in kalenderdagen, {year}",
                ["Groep", "Aantal", "Mediaan", "Gemiddeld", "90e percentiel"],
                rows,
                source=source_line(f),
            )
        )
    if f.cross:
        title = f"Afgehandelde klachten per afdeling en wijze van afhandeling, {year}"
        handlings = data.gemeente.closed_handlings()
        tables["per_afdeling"] = numbering.table(cross_table(data, f, year, "afhandeling", handlings, labels, title))
    # A gemeente's own verdict without a judgement (e.g. 'neutraal') is named, not called 'geen oordeel'.
    unjudged = [
        labels["oordeel"][c].lower()
        for c in data.gemeente.codes_meaning("oordeel", "geen_oordeel")
        if c != "geen_oordeel" and (f.oordeel or {}).get(c)
    ]
    lead_figure = year_figures.figure_lead_times(
        f,
        numbering.figure(),
        data.gemeente.rules(data.years[year].verslag),
        committee_term=data.gemeente.klachtbehandeling.klachtadviescommissie,
    )
    return {
        "tabellen": tables,
        "figuren": {"doorlooptijd": lead_figure} if lead_figure else {},
        "eigen_zonder_oordeel": unjudged,
    }


def other_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 6: andersoortige klachten per department and nature."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(number)
    tables: dict[str, Table] = {}
    for key, title, head in (("afdeling", "per afdeling", "Afdeling"), ("aard", "naar aard", "Aard")):
        if key in f.k14_per and f.k14:
            tables[key] = numbering.table(
                Table(
                    f"Andersoortige klachten {title}, {year}",
                    [head, "Aantal", "Aandeel"],
                    share_rows(f.k14_per[key], labels[key], f.k14),
                    ["Totaal", getal(f.k14), procent(Ratio(f.k14, f.k14))],
                    source_line(f),
                    note=base_note(f.k14, "andersoortige klachten"),
                )
            )
    return {"tabellen": tables, "niet_geregistreerd": [k for k in ("afdeling", "aard") if k not in f.k14_per]}


def partners_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 7: complaints reported by partners themselves."""
    partners = extra(data.years[year], "partners", Partners)
    labels = labels_of(data)
    if partners is None or partners.partners is None:  # validate leaves a file never filled in off the site
        return {"tabel": None, "partners": []}
    numbering = Numbering(number)
    rows = [
        [
            labels["partner"][p.partner],
            labels["afdeling"][data.gemeente.partners[p.partner].accounthouder],
            known(p.klachten),
            known(p.afgehandeld),
            procent_lang(
                None if p.binnen_termijn is None or p.afgehandeld is None else Ratio(p.binnen_termijn, p.afgehandeld)
            ),
        ]
        for p in sorted(partners.partners, key=lambda p: labels["partner"][p.partner])
    ]
    table = numbering.table(
        Table(
            f"Klachten bij samenwerkingspartners, {year} (zelf gerapporteerd)",
            ["Partner", "Afdeling accounthouder", "Klachten", "Afgehandeld", "Binnen termijn"],
            rows,
            [
                "Totaal",
                "",
                known(total_of([p.klachten for p in partners.partners])),
                known(total_of([p.afgehandeld for p in partners.partners])),
                "",
            ],
            source="Bron: rapportages van de partners zelf; niet door de gemeente gecontroleerd.",
        )
    )
    notes = [(labels["partner"][p.partner], p.toelichting) for p in partners.partners if p.toelichting]
    return {"tabel": table, "toelichtingen": notes, "partners": partners.partners}


def ombudsman_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 8: the Nationale ombudsman's requests about the municipality."""
    om = extra(data.years[year], "ombudsman", Ombudsman)
    if om is None:
        return {"om": None}
    numbering = Numbering(number)
    rows = [
        ["Teruggestuurd naar de gemeente (Awb 9:20)", known(om.teruggestuurd)],
        ["Buiten de bevoegdheid van de ombudsman", known(om.buiten_bevoegdheid)],
        ["Opgelost met een interventie", known(om.interventies)],
        ["Onderzocht", known(om.onderzoeken)],
        ["Op een andere manier afgedaan", known(om.overig_afgedaan)],
        ["Nog in behandeling bij de ombudsman op 31 december", known(om.in_behandeling)],
    ]
    name = data.gemeente.ombudsman_naam
    result: dict[str, object] = {"om": om}
    # A table of nothing but 'niet bekend' says less than the sentence above it.
    if any(getattr(om, part) is not None for part in SETTLED):
        result["tabel"] = numbering.table(
            Table(
                f"Verzoeken over {data.gemeente.naam} bij de {name}, {year}",
                ["Afdoening", "Aantal"],
                rows,
                ["Totaal verzoeken", known(om.verzoeken)],
                source=f"Bron: {name}.",
            )
        )
    # The ombudsman's own verdicts: named as the law names them, not by the gemeente's labels.
    if om.oordelen is not None:
        result["oordelen"] = numbering.table(
            Table(
                f"Oordelen in rapporten van de {name}, {year}",
                ["Oordeel", "Aantal"],
                [[label, getal(om.oordelen.get(k, 0))] for k, label in OMBUDSMAN_VERDICTS],
                ["Totaal rapporten", known(om.rapporten)],
                source=f"Bron: {name}.",
            )
        )
    return result


def measures_table(numbering: Numbering, data: Dataset, year: int, department: str | None = None) -> Table | None:
    """The improvement measures of a year (optionally of one department) as a table."""
    measures = extra(data.years[year], "maatregelen", Maatregelen)
    if measures is None:
        return None
    labels = labels_of(data)
    items = [m for m in measures.maatregelen if department is None or m.afdeling == department]
    if not items:
        return None
    rows = [
        [
            m.titel,
            labels["afdeling"].get(m.afdeling, "Hele organisatie") if m.afdeling else "Hele organisatie",
            labels["aard"].get(m.thema, "") if m.thema else "",
            MEASURE_STATUS[m.status],
        ]
        for m in items
    ]
    return numbering.table(
        Table(
            f"Verbetermaatregelen, {year}",
            ["Maatregel", "Afdeling", "Thema", "Stand"],
            rows,
            source="Bron: overzicht van verbetermaatregelen van de gemeente.",
        )
    )


def learning_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 9: themes (nature against last year) and the improvement measures."""
    f = indicators[year].figures
    previous = indicators.get(year - 1)
    labels = labels_of(data)
    numbering = Numbering(number)
    nature = f.per.get("aard", {})  # absent or empty alike: no themes table
    before = previous.figures.per.get("aard") if previous else None
    keys = sorted(nature, key=lambda k: (-nature[k], labels["aard"][k])) if nature else []
    rows = [
        [
            labels["aard"][k],
            getal(nature[k]),
            procent(Ratio(nature[k], f.base_of("aard")[1])),
            getal(before.get(k) if before else None),
        ]
        for k in keys
    ]
    themes = (
        numbering.table(
            Table(
                f"Thema's: {f.base_of('aard')[0]} naar aard, {year} en {year - 1}",
                ["Aard", f"Aantal {year}", "Aandeel", f"Aantal {year - 1}"],
                rows,
                source=source_line(f),
                note=base_note(f.k1, f"klachten ontvangen in {year}"),
            )
        )
        if nature
        else None
    )
    measures = extra(data.years[year], "maatregelen", Maatregelen)
    done = sum(m.status == "gereed" for m in measures.maatregelen) if measures else 0
    # Renames up to this year only: a 2019 dashboard still shows the 2019 name.
    successor = {a.voorganger: c for c, a in data.gemeente.afdelingen.items() if a.voorganger and a.geldig_van <= year}
    board = trend_figures.dashboard(indicators, labels, year, numbering, successor)
    return {
        "themas": themes,
        "top": [labels["aard"][k] for k in keys if k != REST][:3],  # the rest of a partial breakdown is no theme
        "maatregelen": measures_table(numbering, data, year),
        "gereed": done,
        "tegels": board["tegels"],
        "figuren": board["figuren"],
    }


def conclusions_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 10: this year's recommendations and where last year's stand now."""
    advice = extra(data.years[year], "aanbevelingen", Aanbevelingen)
    previous = data.years.get(year - 1)
    earlier_advice = extra(previous, "aanbevelingen", Aanbevelingen) if previous else None
    earlier = {a.id: a.tekst for a in earlier_advice.aanbevelingen} if earlier_advice is not None else {}
    numbering = Numbering(number)
    stand = None
    if advice and advice.stand_vorig_jaar:
        rows = [[earlier.get(s.id, s.id), ADVICE_STATUS[s.status], s.toelichting] for s in advice.stand_vorig_jaar]
        stand = numbering.table(
            Table(
                f"Aanbevelingen uit het verslag over {year - 1}: de stand nu",
                ["Aanbeveling", "Stand", "Toelichting"],
                rows,
                source="Bron: overzicht van aanbevelingen van de gemeente.",
            )
        )
    return {"aanbevelingen": advice.aanbevelingen if advice else [], "stand": stand}


def annex_context(data: Dataset, indicators: dict[int, YearIndicators], year: int, number: int) -> Context:
    """Chapter 11: full cross tables, definitions and methodology (generated from the schema)."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(number)
    tables: dict[str, Table] = {}
    if f.cross:
        title = f"Ontvangen klachten per afdeling en aard, {year}"
        tables["kruis"] = numbering.table(
            cross_table(data, f, year, "aard", data.gemeente.codes("aard"), labels, title)
        )
    tables["indicatoren"] = numbering.table(
        Table(
            "Definities van de indicatoren",
            ["Code", "Indicator", "Definitie"],
            [[i.code, i.term, i.definition] for i in CATALOGUE.values()],
        )
    )
    if f.source == "register":  # a year of totals has no register, so no columns to explain
        tables["kolommen"] = numbering.table(
            Table("Kolommen van het klachtenregister", ["Kolom", "Betekenis"], [[c, t] for c, t in COLUMNS.items()])
        )
    tables["codes"] = numbering.table(
        Table(
            "Codes en hun omschrijving",
            ["Code", "Soort", "Omschrijving"],
            [[code, kind, label] for kind in CODES for code, label in data.gemeente.labels[kind].items()],
        )
    )
    return {
        "tabellen": tables,
        "puntregels": KEY_POINT_RULES,
        "drempel": f"{getal(int(THRESHOLD * 100))}%",
        "regeling": data.gemeente.rules(data.years[year].verslag),
    }
