"""Schemas and checks of the other yearly files: ombudsman, partners, measures, recommendations."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictStr

from ..model.problems import Report, nearest_hint, shown
from ..model.schema import Code, Count, Date, Gemeente, StrictModel
from .documents import check_model


class Casus(StrictModel):
    titel: StrictStr
    tekst: StrictStr


class Ombudsman(StrictModel):
    verzoeken: Count
    teruggestuurd: Count
    buiten_bevoegdheid: Count
    interventies: Count
    onderzoeken: Count
    overig_afgedaan: Count = 0
    rapporten: Count
    oordelen: dict[Literal["gegrond", "deels_gegrond", "ongegrond"], Count]
    aanbevelingen: Count
    aanbevelingen_opgevolgd: Count
    casussen: list[Casus] = []


class PartnerCijfers(StrictModel):
    partner: Code
    klachten: Count
    afgehandeld: Count
    binnen_termijn: Count | None = None
    toelichting: StrictStr = ""


class Partners(StrictModel):
    partners: list[PartnerCijfers]


# Ids of measures and recommendations become anchors: letters, digits, - and _ only.
Key = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9_-]+$")]
MeasureStatus = Literal["gepland", "in_uitvoering", "gereed", "vervallen"]
AdviceStatus = Literal["nieuw", "in_uitvoering", "uitgevoerd", "niet_overgenomen"]


class Maatregel(StrictModel):
    id: Key
    titel: StrictStr
    afdeling: Code | None = None
    thema: Code | None = None
    status: MeasureStatus
    toelichting: StrictStr = ""


class Maatregelen(StrictModel):
    maatregelen: list[Maatregel]


class Aanbeveling(StrictModel):
    id: Key
    tekst: StrictStr
    status: AdviceStatus = "nieuw"
    eigenaar: StrictStr = ""  # who carries it out (a role or department, never a person's name)
    gereed_voor: Date | None = None  # the deadline the college sets


class Stand(StrictModel):
    id: Key
    status: AdviceStatus
    toelichting: StrictStr = ""


class Aanbevelingen(StrictModel):
    aanbevelingen: list[Aanbeveling]
    stand_vorig_jaar: list[Stand] = []


SCHEMAS = {"ombudsman": Ombudsman, "partners": Partners, "maatregelen": Maatregelen,
           "aanbevelingen": Aanbevelingen}


def check_extras(raw, gemeente: Gemeente, report: Report) -> dict:
    """Validate the optional yearly files and their cross-references."""
    result = {}
    for name, doc in sorted(raw.extra.items()):
        model = check_model(doc, SCHEMAS[name], report)
        if model is None:
            continue
        result[name] = model
        if name == "ombudsman":
            settled = (model.teruggestuurd + model.buiten_bevoegdheid + model.interventies
                       + model.onderzoeken + model.overig_afgedaan)
            if settled != model.verzoeken:
                report.error(doc.file, doc.line(("verzoeken",)), "verzoeken",
                             f"de som van teruggestuurd, buiten_bevoegdheid, interventies, onderzoeken en "
                             f"overig_afgedaan ({settled})", str(model.verzoeken))
            if sum(model.oordelen.values()) != model.rapporten:
                report.error(doc.file, doc.line(("oordelen",)), "oordelen",
                             f"een som gelijk aan rapporten ({model.rapporten})", str(sum(model.oordelen.values())))
            if model.rapporten > model.onderzoeken:
                report.error(doc.file, doc.line(("rapporten",)), "rapporten",
                             f"hoogstens onderzoeken ({model.onderzoeken})", str(model.rapporten))
            if model.aanbevelingen_opgevolgd > model.aanbevelingen:
                report.error(doc.file, doc.line(("aanbevelingen_opgevolgd",)), "aanbevelingen_opgevolgd",
                             f"hoogstens aanbevelingen ({model.aanbevelingen})", str(model.aanbevelingen_opgevolgd))
        elif name == "partners":
            for index, item in enumerate(model.partners):
                if item.partner not in gemeente.partners:
                    report.error(doc.file, doc.line(("partners", index, "partner")), "partner",
                                 "een partner uit gemeente.yaml", shown(item.partner),
                                 nearest_hint(item.partner, list(gemeente.partners)))
                if item.binnen_termijn is not None and item.binnen_termijn > item.afgehandeld:
                    report.error(doc.file, doc.line(("partners", index, "binnen_termijn")), "binnen_termijn",
                                 f"hoogstens afgehandeld ({item.afgehandeld})", str(item.binnen_termijn))
        elif name == "maatregelen":
            for index, item in enumerate(model.maatregelen):
                if item.afdeling is not None and item.afdeling not in gemeente.afdelingen:
                    report.error(doc.file, doc.line(("maatregelen", index, "afdeling")), "afdeling",
                                 "een afdeling uit gemeente.yaml", shown(item.afdeling),
                                 nearest_hint(item.afdeling, list(gemeente.afdelingen)))
                if item.thema is not None and item.thema not in gemeente.codes("aard"):
                    report.error(doc.file, doc.line(("maatregelen", index, "thema")), "thema",
                                 "een code voor aard", shown(item.thema), nearest_hint(item.thema, gemeente.codes("aard")))
        for key, items in (("maatregelen", model.maatregelen if name == "maatregelen" else []),
                           ("aanbevelingen", model.aanbevelingen if name == "aanbevelingen" else [])):
            seen: set[str] = set()
            for index, item in enumerate(items):
                if item.id in seen:
                    report.error(doc.file, doc.line((key, index, "id")), "id", "een uniek id", shown(item.id))
                seen.add(item.id)
    return result
