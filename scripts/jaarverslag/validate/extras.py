"""Schemas and checks of the other yearly files: ombudsman, partners, measures, recommendations."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictStr

from ..load.raw import RawYear
from ..load.yaml_doc import YamlDoc
from ..model.base import Code, Count, Date, StrictModel
from ..model.problems import Report, nearest_hint, shown
from ..model.schema import Gemeente
from .documents import check_model


class Casus(StrictModel):
    titel: StrictStr = Field(description="korte titel van het voorbeeld")
    tekst: StrictStr = Field(description="het voorbeeld, zonder namen of andere herleidbare gegevens")


Verdict = Literal["gegrond", "deels_gegrond", "ongegrond"]
# The ombudsman's counts in reading order; any may be left empty when the source does not give it.
SETTLED = ("teruggestuurd", "buiten_bevoegdheid", "interventies", "onderzoeken", "overig_afgedaan", "in_behandeling")


def _count(description: str) -> Any:
    """An optional count with its Dutch description (the manual lists it)."""
    return Field(None, description=f"{description}; leeg of weggelaten: niet bekend (nooit 0)")


class Ombudsman(StrictModel):
    verzoeken: Count | None = _count("het aantal verzoeken (klachten) over de gemeente bij de ombudsman")
    teruggestuurd: Count | None = _count("daarvan teruggestuurd naar de gemeente (Awb 9:20)")
    buiten_bevoegdheid: Count | None = _count("daarvan buiten de bevoegdheid van de ombudsman")
    interventies: Count | None = _count("daarvan opgelost met een interventie")
    onderzoeken: Count | None = _count("daarvan onderzocht")
    overig_afgedaan: Count | None = _count("daarvan op een andere manier afgedaan")
    in_behandeling: Count | None = _count("daarvan op 31 december nog in behandeling bij de ombudsman")
    rapporten: Count | None = _count("rapporten van de ombudsman over de gemeente (hoogstens onderzoeken)")
    oordelen: dict[Verdict, Count] | None = Field(
        None,
        description="de oordelen in die rapporten: gegrond, deels_gegrond en ongegrond met hun aantal "
        "(telt op tot rapporten); leeg of weggelaten: niet bekend",
    )
    aanbevelingen: Count | None = _count("aanbevelingen van de ombudsman aan de gemeente")
    aanbevelingen_opgevolgd: Count | None = _count("daarvan opgevolgd")
    casussen: list[Casus] = Field([], description="geanonimiseerde voorbeelden, elk met titel en tekst")

    def blank(self) -> bool:
        """True when nothing was filled in (a file left as `make nieuw-jaar` made it)."""
        return not self.casussen and all(value is None for value in self.model_dump(exclude={"casussen"}).values())


class PartnerCijfers(StrictModel):
    partner: Code = Field(description="code van de partner uit gemeente.yaml")
    klachten: Count | None = _count("klachten die de partner ontving")
    afgehandeld: Count | None = _count("klachten die de partner afhandelde")
    binnen_termijn: Count | None = _count("daarvan binnen de termijn (hoogstens afgehandeld)")
    toelichting: StrictStr = Field("", description="toelichting van de partner, zonder namen")


class Partners(StrictModel):
    partners: list[PartnerCijfers] | None = Field(
        None,
        description="per partner de cijfers die hij zelf meldde; [] als geen partner iets meldde; "
        "leeg: nog niet ingevuld",
    )


NOT_FILLED_IN = "nog niet ingevuld"


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
    stand_vorig_jaar: list[Stand] = Field(default_factory=list)


SCHEMAS: dict[str, type[StrictModel]] = {
    "ombudsman": Ombudsman,
    "partners": Partners,
    "maatregelen": Maatregelen,
    "aanbevelingen": Aanbevelingen,
}


def check_extras(raw: RawYear, gemeente: Gemeente, report: Report) -> dict[str, BaseModel]:
    """Validate the optional yearly files and their cross-references."""
    result: dict[str, BaseModel] = {}
    for name, doc in sorted(raw.extra.items()):
        model: BaseModel | None = None
        if name == "ombudsman":
            model = ombudsman = check_model(doc, Ombudsman, report)
            if ombudsman is not None and ombudsman.blank():
                _not_filled_in(doc, "de cijfers van de ombudsman die bekend zijn", report)
                model = None  # never published as if the ombudsman had no requests
            elif ombudsman is not None:
                _check_ombudsman(ombudsman, doc, report)
        elif name == "partners":
            model = partners = check_model(doc, Partners, report)
            if partners is not None and partners.partners is None:
                _not_filled_in(doc, "per partner de cijfers, of partners: [] als geen partner iets meldde", report)
                model = None
            elif partners is not None:
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


def _not_filled_in(doc: YamlDoc, expected: str, report: Report) -> None:
    """A scaffolded file nobody filled in: said once, and left off the site."""
    report.warn(
        doc.file,
        expected=expected,
        found=NOT_FILLED_IN,
        hint="Vul in wat bekend is en laat leeg wat niet gepubliceerd is; tot dan staat dit "
        "hoofdstuk zonder cijfers op de site. Verwijder het bestand als er niets komt.",
    )


def _check_ombudsman(model: Ombudsman, doc: YamlDoc, report: Report) -> None:
    """The ombudsman's counts add up, as far as they are given."""
    parts = [getattr(model, name) for name in SETTLED]
    given = sum(p for p in parts if p is not None)
    if model.verzoeken is not None:
        if None not in parts and given != model.verzoeken:
            report.error(
                doc.file,
                doc.line(("verzoeken",)),
                "verzoeken",
                f"de som van {', '.join(SETTLED[:-1])} en {SETTLED[-1]} ({given})",
                str(model.verzoeken),
            )
        elif given > model.verzoeken:
            report.error(
                doc.file,
                doc.line(("verzoeken",)),
                "verzoeken",
                f"ten minste de som van de ingevulde afdoeningen ({given})",
                str(model.verzoeken),
            )
    if model.oordelen is not None and model.rapporten is not None and sum(model.oordelen.values()) != model.rapporten:
        report.error(
            doc.file,
            doc.line(("oordelen",)),
            "oordelen",
            f"een som gelijk aan rapporten ({model.rapporten})",
            str(sum(model.oordelen.values())),
        )
    if model.rapporten is not None and model.onderzoeken is not None and model.rapporten > model.onderzoeken:
        report.error(
            doc.file,
            doc.line(("rapporten",)),
            "rapporten",
            f"hoogstens onderzoeken ({model.onderzoeken})",
            str(model.rapporten),
        )
    if (
        model.aanbevelingen_opgevolgd is not None
        and model.aanbevelingen is not None
        and model.aanbevelingen_opgevolgd > model.aanbevelingen
    ):
        report.error(
            doc.file,
            doc.line(("aanbevelingen_opgevolgd",)),
            "aanbevelingen_opgevolgd",
            f"hoogstens aanbevelingen ({model.aanbevelingen})",
            str(model.aanbevelingen_opgevolgd),
        )


def _check_partners(model: Partners, gemeente: Gemeente, doc: YamlDoc, report: Report) -> None:
    """Every partner is known and no partner closed more on time than it closed."""
    for index, item in enumerate(model.partners or []):
        if item.partner not in gemeente.partners:
            report.error(
                doc.file,
                doc.line(("partners", index, "partner")),
                "partner",
                "een partner uit gemeente.yaml",
                shown(item.partner),
                nearest_hint(item.partner, list(gemeente.partners)),
            )
        if item.binnen_termijn is not None and item.afgehandeld is not None and item.binnen_termijn > item.afgehandeld:
            report.error(
                doc.file,
                doc.line(("partners", index, "binnen_termijn")),
                "binnen_termijn",
                f"hoogstens afgehandeld ({item.afgehandeld})",
                str(item.binnen_termijn),
            )


def _check_measures(model: Maatregelen, gemeente: Gemeente, doc: YamlDoc, report: Report) -> None:
    """A measure names a known department and a known theme."""
    for index, item in enumerate(model.maatregelen):
        if item.afdeling is not None and item.afdeling not in gemeente.afdelingen:
            report.error(
                doc.file,
                doc.line(("maatregelen", index, "afdeling")),
                "afdeling",
                "een afdeling uit gemeente.yaml",
                shown(item.afdeling),
                nearest_hint(item.afdeling, list(gemeente.afdelingen)),
            )
        if item.thema is not None and item.thema not in gemeente.codes("aard"):
            report.error(
                doc.file,
                doc.line(("maatregelen", index, "thema")),
                "thema",
                "een code voor aard",
                shown(item.thema),
                nearest_hint(item.thema, gemeente.codes("aard")),
            )


def _check_unique_ids(key: str, ids: list[str], doc: YamlDoc, report: Report) -> None:
    """Every id in a list appears once."""
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            report.error(doc.file, doc.line((key, index, "id")), "id", "een uniek id", shown(item_id))
        seen.add(item_id)
