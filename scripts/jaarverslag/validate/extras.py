"""Schemas and checks of the other yearly files: ombudsman, partners, measures, recommendations."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictStr

from ..load.raw import RawYear, YamlDoc

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


def check_extras(raw: RawYear, gemeente: Gemeente, report: Report) -> dict[str, BaseModel]:
    """Validate the optional yearly files and their cross-references."""
    result: dict[str, BaseModel] = {}
    for name, doc in sorted(raw.extra.items()):
        model: BaseModel | None = None
        if name == "ombudsman":
            model = ombudsman = check_model(doc, Ombudsman, report)
            if ombudsman is not None:
                _check_ombudsman(ombudsman, doc, report)
        elif name == "partners":
            model = partners = check_model(doc, Partners, report)
            if partners is not None:
                _check_partners(partners, gemeente, doc, report)
        elif name == "maatregelen":
            model = measures = check_model(doc, Maatregelen, report)
            if measures is not None:
                _check_measures(measures, gemeente, doc, report)
                _check_unique_ids("maatregelen", [m.id for m in measures.maatregelen], doc, report)
        elif name == "aanbevelingen":
            model = advice = check_model(doc, Aanbevelingen, report)
            if advice is not None:
                _check_unique_ids("aanbevelingen", [a.id for a in advice.aanbevelingen], doc, report)
        if model is not None:
            result[name] = model
    return result


def _check_ombudsman(model: Ombudsman, doc: YamlDoc, report: Report) -> None:
    """The ombudsman's counts add up."""
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


def _check_partners(model: Partners, gemeente: Gemeente, doc: YamlDoc, report: Report) -> None:
    """Every partner is known and no partner closed more on time than it closed."""
    for index, item in enumerate(model.partners):
        if item.partner not in gemeente.partners:
            report.error(doc.file, doc.line(("partners", index, "partner")), "partner",
                         "een partner uit gemeente.yaml", shown(item.partner),
                         nearest_hint(item.partner, list(gemeente.partners)))
        if item.binnen_termijn is not None and item.binnen_termijn > item.afgehandeld:
            report.error(doc.file, doc.line(("partners", index, "binnen_termijn")), "binnen_termijn",
                         f"hoogstens afgehandeld ({item.afgehandeld})", str(item.binnen_termijn))


def _check_measures(model: Maatregelen, gemeente: Gemeente, doc: YamlDoc, report: Report) -> None:
    """A measure names a known department and a known theme."""
    for index, item in enumerate(model.maatregelen):
        if item.afdeling is not None and item.afdeling not in gemeente.afdelingen:
            report.error(doc.file, doc.line(("maatregelen", index, "afdeling")), "afdeling",
                         "een afdeling uit gemeente.yaml", shown(item.afdeling),
                         nearest_hint(item.afdeling, list(gemeente.afdelingen)))
        if item.thema is not None and item.thema not in gemeente.codes("aard"):
            report.error(doc.file, doc.line(("maatregelen", index, "thema")), "thema",
                         "een code voor aard", shown(item.thema), nearest_hint(item.thema, gemeente.codes("aard")))


def _check_unique_ids(key: str, ids: list[str], doc: YamlDoc, report: Report) -> None:
    """Every id in a list appears once."""
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            report.error(doc.file, doc.line((key, index, "id")), "id", "een uniek id", shown(item_id))
        seen.add(item_id)
