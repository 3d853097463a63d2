"""Context builders of the chapters: the tables, figures and facts each chapter's template shows."""
from __future__ import annotations

from ..model.indicator_catalogue import CATALOGUE
from ..model.indicators import Indicators, Ratio, YearIndicators
from ..model.schema import CLOSED_HANDLINGS, CODES, COLUMNS, POSTPONE_DAYS, TERM_DAYS, TERM_DAYS_COMMITTEE
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments
from .comparisons import THRESHOLD
from .figures import trend_figures, year_figures
from .figures.year_figures import received_figures
from .formatting import dagen, getal, procent, procent_lang
from .key_points import RULES as KEY_POINT_RULES, key_points
from .tables import PROTECTED_NOTE, Numbering, Table, cell, share_rows, suppress

MONTH_NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"]
MEASURE_STATUS = {"gepland": "Gepland", "in_uitvoering": "In uitvoering", "gereed": "Gereed",
                  "vervallen": "Vervallen"}
ADVICE_STATUS = {"nieuw": "Nieuw", "in_uitvoering": "In uitvoering", "uitgevoerd": "Uitgevoerd",
                 "niet_overgenomen": "Niet overgenomen"}

def labels_of(data: Dataset) -> dict[str, dict[str, str]]:
    """All code labels, departments and months included."""
    labels = dict(data.gemeente.labels)
    labels["afdeling"] = {c: a.label for c, a in data.gemeente.afdelingen.items()}
    labels["maand"] = {f"{m:02d}": name for m, name in enumerate(MONTH_NAMES, start=1)}
    labels["partner"] = {c: p.label for c, p in data.gemeente.partners.items()}
    return labels


def source_line(f: Indicators) -> str:
    """The source line under a table."""
    return "Bron: klachtenregister." if f.source == "register" else "Bron: totalen (geen register bewaard)."


def protected(f: Indicators, kind: str) -> dict[str, dict[str, int | None]]:
    """The cross table afdeling x kind with small counts hidden; every page uses this same one."""
    return suppress(f.cross[kind])


def cross_rows(f: Indicators, kind: str, departments: list[str], keys: list[str],
               names: dict[str, str]) -> tuple[list[list[object]], list[object]]:
    """Rows of a protected cross table, largest department first, with a total column and a total row."""
    hidden, matrix = protected(f, kind), f.cross[kind]
    shown = sorted((d for d in departments if sum(matrix[d].values())),
                   key=lambda d: (-sum(matrix[d].values()), names[d]))
    # The totals are safe to show: suppress() hides cells until no row or column total gives one away.
    rows = [[names[d]] + [cell(hidden[d][k]) for k in keys] + [getal(sum(matrix[d].values()))] for d in shown]
    footer = (["Totaal"] + [getal(sum(matrix[d][k] for d in shown)) for k in keys]
              + [getal(sum(sum(matrix[d].values()) for d in shown))])
    return rows, footer


def summary_context(data, indicators, year):
    """Chapter 1: the key points, key figures with last year's, and the headline sentences."""
    return {"anker": "tabel-1-1", "tabelnummer": "1.1", "punten": key_points(data, indicators, year)}


def framework_context(data, indicators, year):
    """Chapter 2: legal framework; no tables."""
    return {"hoofdstuklijst": None}


def process_context(data, indicators, year):
    """Chapter 3: the route of a complaint and the terms of Awb 9:11."""
    numbering = Numbering(3)
    terms = numbering.table(Table(
        "Termijnen voor de afhandeling van een klacht (Awb 9:11)", ["Situatie", "Termijn"],
        [["Behandeling door de gemeente", f"{TERM_DAYS // 7} weken ({TERM_DAYS} dagen)"],
         ["Met advies van de klachtadviescommissie", f"{TERM_DAYS_COMMITTEE // 7} weken ({TERM_DAYS_COMMITTEE} dagen)"],
         ["Verdaging (eenmalig, schriftelijk)", f"+ {POSTPONE_DAYS // 7} weken ({POSTPONE_DAYS} dagen)"]],
        source="Bron: Algemene wet bestuursrecht, artikel 9:11."))
    return {"termijnen": terms}


def received_context(data: Dataset, indicators: dict[int, YearIndicators], year: int) -> dict:
    """Chapter 4: received complaints per department, nature and month as figures, per channel as a table."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(4)
    figures = received_figures(f, labels, numbering)
    channel = numbering.table(Table(
        title=f"Ontvangen klachten per kanaal, {year}", columns=["Kanaal", "Aantal", "Aandeel"],
        rows=share_rows(f.per["kanaal"], labels["kanaal"], f.k1, "count"),
        footer=["Totaal", getal(f.k1), procent(Ratio(f.k1, f.k1))],
        source=source_line(f)))
    return {"tabellen": {"kanaal": channel}, "figuren": figures, "labels": labels}


def handling_context(data, indicators, year):
    """Chapter 5: how complaints were settled, the verdicts, the lead times, open at year end."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(5)
    tables = {"afhandeling": numbering.table(Table(
        f"Afgehandelde klachten naar wijze van afhandeling, {year}", ["Afhandeling", "Aantal", "Aandeel"],
        share_rows(f.afhandeling, labels["afhandeling"], f.k2),
        ["Totaal (K2)", getal(f.k2), procent(Ratio(f.k2, f.k2))], source_line(f)))}
    formal = f.afhandeling["formeel_afgehandeld"]
    tables["oordeel"] = numbering.table(Table(
        f"Oordeel over formeel afgehandelde klachten, {year}", ["Oordeel", "Aantal", "Aandeel"],
        share_rows(f.oordeel, labels["oordeel"], formal, order="key"),
        ["Totaal formeel afgehandeld", getal(formal), procent(Ratio(formal, formal))], source_line(f)))
    if f.k10:
        rows = [[name, getal(f.k10[key].n), dagen(f.k10[key].mediaan), dagen(f.k10[key].gemiddeld),
                 dagen(f.k10[key].p90)]
                for key, name in (("alle", "Alle afgehandelde klachten"), ("informeel", "Informeel opgelost"),
                                  ("formeel", "Formeel afgehandeld"))]
        tables["doorlooptijd"] = numbering.table(Table(
            f"Doorlooptijd in kalenderdagen, {year} (K10)", ["Groep", "Aantal", "Mediaan", "Gemiddeld",
                                                               "90e percentiel"], rows, source=source_line(f)))
    if f.cross:
        departments = valid_departments(data.gemeente, year)
        rows, footer = cross_rows(f, "afhandeling", departments, CLOSED_HANDLINGS, labels["afdeling"])
        tables["per_afdeling"] = numbering.table(Table(
            f"Afgehandelde klachten per afdeling en wijze van afhandeling, {year}",
            ["Afdeling"] + [labels["afhandeling"][h] for h in CLOSED_HANDLINGS] + ["Totaal"], rows, footer,
            source=source_line(f), note=PROTECTED_NOTE))
    lead_figure = year_figures.figure_lead_times(f, numbering.figure())
    return {"tabellen": tables, "figuren": {"doorlooptijd": lead_figure} if lead_figure else {}}


def other_context(data, indicators, year):
    """Chapter 6: andersoortige klachten per department and nature."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(6)
    footer = ["Totaal (K14)", getal(f.k14), procent(Ratio(f.k14, f.k14))]
    tables = {key: numbering.table(Table(
        f"Andersoortige klachten {title}, {year}", [head, "Aantal", "Aandeel"],
        share_rows(f.k14_per[key], labels[key], f.k14), footer, source_line(f)))
        for key, title, head in (("afdeling", "per afdeling", "Afdeling"), ("aard", "naar aard", "Aard"))}
    return {"tabellen": tables}


def partners_context(data, indicators, year):
    """Chapter 7: complaints reported by partners themselves."""
    partners = data.years[year].extra.get("partners")
    labels = labels_of(data)
    if partners is None:
        return {"tabel": None, "partners": []}
    numbering = Numbering(7)
    rows = [[labels["partner"][p.partner], data.gemeente.partners[p.partner].accounthouder, getal(p.klachten),
             getal(p.afgehandeld),
             procent_lang(None if p.binnen_termijn is None else Ratio(p.binnen_termijn, p.afgehandeld))]
            for p in sorted(partners.partners, key=lambda p: labels["partner"][p.partner])]
    total = sum(p.klachten for p in partners.partners)
    table = numbering.table(Table(
        f"Klachten bij samenwerkingspartners, {year} (zelf gerapporteerd)",
        ["Partner", "Accounthouder gemeente", "Klachten", "Afgehandeld", "Binnen termijn"], rows,
        ["Totaal", "", getal(total), getal(sum(p.afgehandeld for p in partners.partners)), ""],
        source="Bron: rapportages van de partners zelf; niet door de gemeente gecontroleerd."))
    notes = [(labels["partner"][p.partner], p.toelichting) for p in partners.partners if p.toelichting]
    return {"tabel": table, "toelichtingen": notes, "partners": partners.partners}


def ombudsman_context(data, indicators, year):
    """Chapter 8: the Nationale ombudsman's requests about the municipality."""
    om = data.years[year].extra.get("ombudsman")
    if om is None:
        return {"om": None}
    numbering = Numbering(8)
    rows = [["Teruggestuurd naar de gemeente (Awb 9:20)", getal(om.teruggestuurd)],
            ["Buiten de bevoegdheid van de ombudsman", getal(om.buiten_bevoegdheid)],
            ["Opgelost met een interventie", getal(om.interventies)],
            ["Onderzocht", getal(om.onderzoeken)],
            ["Op een andere manier afgedaan", getal(om.overig_afgedaan)]]
    table = numbering.table(Table(f"Verzoeken over {data.gemeente.naam} bij de Nationale ombudsman, {year}",
                                  ["Afdoening", "Aantal"], rows, ["Totaal verzoeken", getal(om.verzoeken)],
                                  source="Bron: Nationale ombudsman."))
    verdicts = numbering.table(Table(
        f"Oordelen in rapporten van de Nationale ombudsman, {year}", ["Oordeel", "Aantal"],
        [[data.gemeente.labels["oordeel"][k], getal(om.oordelen.get(k, 0))]
         for k in ("gegrond", "deels_gegrond", "ongegrond")], ["Totaal rapporten", getal(om.rapporten)],
        source="Bron: Nationale ombudsman."))
    return {"om": om, "tabel": table, "oordelen": verdicts}


def measures_table(numbering: Numbering, data: Dataset, year: int, department: str | None = None):
    """The improvement measures of a year (optionally of one department) as a table."""
    measures = data.years[year].extra.get("maatregelen")
    if measures is None:
        return None
    labels = labels_of(data)
    items = [m for m in measures.maatregelen if department is None or m.afdeling == department]
    if not items:
        return None
    rows = [[m.titel, labels["afdeling"].get(m.afdeling, "Hele organisatie") if m.afdeling else "Hele organisatie",
             labels["aard"].get(m.thema, "") if m.thema else "", MEASURE_STATUS[m.status]] for m in items]
    return numbering.table(Table(f"Verbetermaatregelen, {year}", ["Maatregel", "Afdeling", "Thema", "Stand"],
                                 rows, source="Bron: overzicht van verbetermaatregelen van de klachtencoördinator."))


def learning_context(data, indicators, year):
    """Chapter 9: themes (nature against last year) and the improvement measures."""
    f = indicators[year].figures
    previous = indicators.get(year - 1)
    labels = labels_of(data)
    numbering = Numbering(9)
    keys = sorted(CODES["aard"], key=lambda k: (-f.per["aard"][k], labels["aard"][k]))
    rows = [[labels["aard"][k], getal(f.per["aard"][k]), procent(Ratio(f.per["aard"][k], f.k1)),
             getal(previous.figures.per["aard"][k]) if previous else getal(None)] for k in keys]
    themes = numbering.table(Table(f"Thema's: ontvangen klachten naar aard, {year} en {year - 1}",
                                   ["Aard", f"Aantal {year}", "Aandeel", f"Aantal {year - 1}"], rows,
                                   source=source_line(f)))
    measures = data.years[year].extra.get("maatregelen")
    done = sum(m.status == "gereed" for m in measures.maatregelen) if measures else 0
    # Renames up to this year only: a 2019 dashboard still shows the 2019 name.
    successor = {a.voorganger: c for c, a in data.gemeente.afdelingen.items() if a.voorganger and a.geldig_van <= year}
    board = trend_figures.dashboard(indicators, labels, year, numbering, successor)
    return {"themas": themes, "top": [labels["aard"][k] for k in keys[:3]],
            "maatregelen": measures_table(numbering, data, year), "gereed": done,
            "tegels": board["tegels"], "figuren": board["figuren"]}


def conclusions_context(data, indicators, year):
    """Chapter 10: this year's recommendations and where last year's stand now."""
    advice = data.years[year].extra.get("aanbevelingen")
    previous = data.years.get(year - 1)
    earlier = {a.id: a.tekst for a in previous.extra["aanbevelingen"].aanbevelingen} \
        if previous and "aanbevelingen" in previous.extra else {}
    numbering = Numbering(10)
    stand = None
    if advice and advice.stand_vorig_jaar:
        rows = [[earlier.get(s.id, s.id), ADVICE_STATUS[s.status], s.toelichting] for s in advice.stand_vorig_jaar]
        stand = numbering.table(Table(f"Aanbevelingen uit het verslag over {year - 1}: de stand nu",
                                      ["Aanbeveling", "Stand", "Toelichting"], rows,
                                      source="Bron: overzicht van aanbevelingen van de klachtencoördinator."))
    return {"aanbevelingen": advice.aanbevelingen if advice else [], "stand": stand}


def annex_context(data, indicators, year):
    """Chapter 11: full cross tables, definitions and methodology (generated from the schema)."""
    f = indicators[year].figures
    labels = labels_of(data)
    numbering = Numbering(11)
    tables = {}
    if f.cross:
        rows, footer = cross_rows(f, "aard", valid_departments(data.gemeente, year), CODES["aard"],
                                  labels["afdeling"])
        tables["kruis"] = numbering.table(Table(
            f"Ontvangen klachten per afdeling en aard, {year}",
            ["Afdeling"] + [labels["aard"][a] for a in CODES["aard"]] + ["Totaal"], rows, footer,
            source=source_line(f), note=PROTECTED_NOTE))
    tables["indicatoren"] = numbering.table(Table(
        "Definities van de indicatoren", ["Code", "Indicator", "Definitie"],
        [[i.code, i.term, i.definition] for i in CATALOGUE.values()]))
    tables["kolommen"] = numbering.table(Table(
        "Kolommen van het klachtenregister", ["Kolom", "Betekenis"], [[c, t] for c, t in COLUMNS.items()]))
    tables["codes"] = numbering.table(Table(
        "Codes en hun omschrijving", ["Code", "Soort", "Omschrijving"],
        [[code, kind, data.gemeente.labels[kind][code]] for kind in CODES for code in CODES[kind]]))
    return {"tabellen": tables, "puntregels": KEY_POINT_RULES, "drempel": f"{getal(int(THRESHOLD * 100))}%"}
