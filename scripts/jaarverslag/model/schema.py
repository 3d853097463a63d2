"""The schemas of the YAML files (gemeente, verslag, totalen); the code lists are in codes.py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from .codes import (
    BASE_MEANING,
    COLUMNS,
    LICENCES,
    OPTIONAL_CHAPTERS,
    Licence,
    MappedColumn,
    OptionalChapter,
)
from .colour import DEFAULT_COLOUR
from .published import Basis, Breakdown, EigenIndicator, Gepubliceerd

Count = Annotated[StrictInt, Field(ge=0)]
Year = Annotated[StrictInt, Field(ge=1990, le=2100)]


def _web_address(value: str) -> str:
    """An https address without spaces or quotes (it ends up in an href)."""
    if not re.fullmatch(r"https://[^\s<>\"']+", value):
        raise PydanticCustomError("web_address", "not an https address")
    return value


WebAddress = Annotated[StrictStr, AfterValidator(_web_address)]


def _hex_colour(value: str) -> str:
    """A colour as # and six hexadecimal digits, lower-cased (it ends up in CSS and Typst)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise PydanticCustomError("hex_colour", "not a #rrggbb colour")
    return value.lower()


def _phone(value: str) -> str:
    """A phone number as a reader dials it: digits, spaces, hyphens and a leading +."""
    if not re.fullmatch(r"\+?[0-9][0-9 -]{1,18}[0-9]", value):
        raise PydanticCustomError("phone", "not a phone number")
    return value


def _logo_file(value: str) -> str:
    """The name of an .svg or .png file directly in data/ (whether it exists is checked with the data)."""
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(svg|png)", value):
        raise PydanticCustomError("logo_file", "not a logo file name")
    return value


def _awb_term(limit: int, rule: str) -> AfterValidator:
    """A term in days no longer than the Awb allows: a regulation may shorten its terms, never lengthen them."""

    def check(days: int) -> int:
        if days > limit:
            raise PydanticCustomError("awb_term", "longer than the Awb allows", {"le": limit, "regel": rule})
        return days

    return AfterValidator(check)


HexColour = Annotated[StrictStr, AfterValidator(_hex_colour)]
Phone = Annotated[StrictStr, AfterValidator(_phone)]
LogoFile = Annotated[StrictStr, AfterValidator(_logo_file)]
Date = Annotated[dt.date, Strict()]  # YAML gives real dates; a bare number must not pass as a timestamp
# Codes become file names, anchors and URLs: only lower-case letters, digits and _ can never leave
# their folder or break a link.
CODE_PATTERN = r"^[a-z0-9_]+$"
Code = Annotated[StrictStr, Field(pattern=CODE_PATTERN)]


class StrictModel(BaseModel):
    """Base: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _field(description: str, default: Any = ...) -> Any:
    """A field with its Dutch description: the manual lists every field from these."""
    return Field(default, description=description)


class Afdeling(StrictModel):
    label: StrictStr = _field("naam van de afdeling zoals de lezer die ziet")
    geldig_van: Year = _field("eerste jaar waarin de afdeling bestond")
    geldig_tot: Year | None = _field("laatste jaar waarin de afdeling bestond (leeg: bestaat nog)", None)
    voorganger: Code | None = _field("code van de afdeling die deze verving (voor de trends)", None)


class Partner(StrictModel):
    label: StrictStr = _field("naam van de samenwerkingspartner")
    accounthouder: Code = _field(
        "code van de afdeling die het contact met de partner houdt (een code onder afdelingen, zoals burgerzaken)"
    )


class Contact(StrictModel):
    """How a reader reaches the municipality; every field is optional and the pages say so honestly."""

    telefoon: Phone | None = Field(
        None, description="telefoonnummer van de gemeente, zoals u het schrijft (bijvoorbeeld 0800 1234)"
    )
    contactformulier: WebAddress | None = Field(
        None, description="webadres (https://) van het contactformulier van de gemeente"
    )
    privacy: WebAddress | None = Field(
        None, description="webadres (https://) van de privacypagina of de functionaris gegevensbescherming"
    )


class Huisstijl(StrictModel):
    """Colour and logo of the site and the PDF edition."""

    kleur: HexColour = Field(
        DEFAULT_COLOUR,
        description="hoofdkleur van site en PDF als #rrggbb; witte tekst erop moet een contrast "
        "van ten minste 4,5:1 hebben (WCAG AA)",
    )
    logo: LogoFile | None = Field(
        None,
        description="bestandsnaam van het logo (.svg of .png), naast gemeente.yaml in data/ (bijvoorbeeld logo.svg)",
    )


class Regeling(StrictModel):
    naam: StrictStr = _field("naam van de klachtenregeling")
    sinds: Date | None = _field("datum waarop de regeling geldt (JJJJ-MM-DD); leeg: niet genoemd", None)
    artikel_verslag: Annotated[StrictStr, Field(pattern=r"^[0-9]+[a-z]?$")] | None = _field(
        "het artikel van de regeling dat het jaarverslag voorschrijft (bijvoorbeeld 12); leeg: niet genoemd", None
    )
    termijn_dagen: Annotated[StrictInt, Field(ge=1), _awb_term(42, "Awb 9:11 lid 1: 6 weken")] = _field(
        "termijn voor de afhandeling in kalenderdagen (Awb 9:11: ten hoogste 6 weken, 42 dagen)", 42
    )
    termijn_dagen_commissie: Annotated[StrictInt, Field(ge=1), _awb_term(70, "Awb 9:11 lid 1: 10 weken")] = _field(
        "termijn met advies van een klachtadviescommissie in kalenderdagen (Awb 9:11: ten hoogste 10 weken, 70 dagen)",
        70,
    )
    verdaging_dagen: Annotated[StrictInt, Field(ge=0), _awb_term(28, "Awb 9:11 lid 2: 4 weken")] = _field(
        "eenmalige verdaging in kalenderdagen (Awb 9:11 lid 2: ten hoogste 4 weken, 28 dagen)", 28
    )


class Klachtbehandeling(StrictModel):
    """The gemeente's own practice beyond the Awb: the site states each only when it is set here."""

    triage: bool = _field(
        "true als de klachtencoördinator bij binnenkomst beoordeelt of het een klacht is en wie hem behandelt (triage)",
        False,
    )
    klachtadviescommissie: bool = _field(
        "true als de gemeente een klachtadviescommissie heeft die het college over klachten adviseert", False
    )
    kanalen: list[StrictStr] = _field(
        "hoe een klacht binnenkomt, zoals de lezer het ziet (bijvoorbeeld het webformulier, e-mail, sociale media); "
        "leeg: de site noemt alleen mondeling en schriftelijk (Awb 9:1)",
        [],
    )
    rollen: dict[StrictStr, StrictStr] = _field(
        "rollen bij de klachtbehandeling: de naam van de rol (nooit van een persoon), dan wat die rol doet; "
        "leeg: de site noemt alleen de rollen die de Awb voorschrijft",
        {},
    )


def _register_column(value: str) -> str:
    """A column of the register (codes.COLUMNS)."""
    if value not in COLUMNS:
        raise PydanticCustomError(
            "register_column", "not a register column: {kolommen}", {"kolommen": ", ".join(COLUMNS)}
        )
    return value


def _one_per_column(columns: dict[str, str]) -> dict[str, str]:
    """Each export name once (case does not count) and each register column filled by one export column."""
    names = [name.strip().lower() for name in columns]
    if len(set(names)) < len(names):
        raise PydanticCustomError("export_names", "an export column named twice (case does not count)")
    targets = list(columns.values())
    if len(set(targets)) < len(targets):
        double = sorted({t for t in targets if targets.count(t) > 1})
        raise PydanticCustomError("export_targets", "two export columns fill {kolom}", {"kolom": ", ".join(double)})
    return columns


# A name or value as the export writes it: bounded, so a mapping cannot become a way to load data.
ExportText = Annotated[StrictStr, Field(min_length=1, max_length=100)]
RegisterColumn = Annotated[StrictStr, AfterValidator(_register_column)]


class RegisterExport(StrictModel):
    """How the case system's export maps onto the register: its column names, values, header row and sheet."""

    kolommen: Annotated[dict[ExportText, RegisterColumn], Field(max_length=100), AfterValidator(_one_per_column)] = (
        _field(
            "kolomnaam in de export, dan de kolom van het register die hij vult (bijvoorbeeld "
            "'Datum ontvangst: ontvangen_op'); hoofdletters tellen niet; niet genoemde kolommen met de naam van een "
            "registerkolom tellen gewoon mee",
            {},
        )
    )
    waarden: dict[MappedColumn, Annotated[dict[ExportText, ExportText], Field(max_length=200)]] = _field(
        "per kolom (soort, afdeling, aard, kanaal, afhandeling, oordeel, verdaagd, klachtadviescommissie): de "
        "waarde in de export, dan de code (bijvoorbeeld 'kanaal: {Telefonisch: telefoon}'); hoofdletters tellen niet",
        {},
    )
    kopregel: Annotated[StrictInt, Field(ge=1, le=50)] | None = _field(
        "de rij met de kolomnamen (1 is de eerste rij); leeg: de eerste rij binnen de eerste 20 die ten minste "
        "twee kolommen van het register (of van kolommen hierboven) noemt",
        None,
    )
    blad: ExportText | None = _field("het werkblad van klachten.xlsx met het register; leeg: het eerste werkblad", None)


class Gemeente(StrictModel):
    naam: StrictStr = _field("naam van de gemeente, zonder het woord 'gemeente' ervoor")
    afdelingen: dict[Code, Afdeling] = _field(
        "de afdelingen: code, dan label, geldig_van, geldig_tot en voorganger; weggelaten als de gemeente geen "
        "afdelingen publiceert (dan kan een jaar alleen totalen hebben, geen register)",
        {},
    )
    partners: dict[Code, Partner] = _field("samenwerkingspartners die zelf over klachten rapporteren", {})
    labels: dict[StrictStr, dict[Code, StrictStr]] = _field(
        "per codelijst (soort, aard, kanaal, afhandeling, oordeel) de codes die de gemeente gebruikt, "
        "met hun label; eigen codes mogen erbij"
    )
    betekenis: dict[StrictStr, dict[Code, StrictStr]] = _field(
        "voor een eigen code van afhandeling of oordeel: welke vaste betekenis die heeft "
        "(afhandeling: informeel, formeel, overig, open; oordeel: gegrond, deels_gegrond, ongegrond, geen_oordeel)",
        {},
    )
    inwoners: dict[Year, Count] = _field("inwoners op 1 januari, per jaar (voor K4)", {})
    doelen: dict[StrictStr, Annotated[float, Field(ge=0, le=100)]] = _field(
        "streefwaarden in procenten per indicator, bijvoorbeeld K9: 90", {}
    )
    regeling: Regeling | None = _field(
        "de klachtenregeling: naam, sinds, artikel_verslag en de termijnen; weggelaten: 'klachtenregeling van "
        "de gemeente' met de naam van de gemeente, en de termijnen van de Awb",
        None,
    )
    commissie: StrictStr = _field(
        "de raadscommissie die het verslag bespreekt, zonder lidwoord (bijvoorbeeld commissie Bestuur)",
        "raadscommissie",
    )
    klacht_indienen: WebAddress | None = _field(
        "webadres waar een inwoner een klacht indient (elke pagina linkt ernaar)", None
    )
    klachtbehandeling: Klachtbehandeling = Field(
        Klachtbehandeling(), description="hoe de gemeente klachten behandelt, voor zover meer dan de Awb vraagt"
    )
    ombudsman: WebAddress = _field("webadres van de ombudsman", "https://www.nationaleombudsman.nl")
    ombudsman_naam: StrictStr = _field(
        "naam van de ombudsman waar inwoners daarna terechtkunnen (een gemeentelijke ombudsman mag ook)",
        "Nationale ombudsman",
    )
    contact: Contact = Field(
        Contact(),
        description="telefoon, contactformulier en privacypagina, voor de pagina's Privacy en Toegankelijkheid",
    )
    huisstijl: Huisstijl = Field(Huisstijl(), description="kleur en logo van site en PDF")
    eigen_indicatoren: dict[Code, EigenIndicator] = _field(
        "eigen indicatoren die de gemeente publiceert (code, dan naam, definitie en eenheid); de waarden per jaar "
        "staan in totalen.yaml onder gepubliceerd",
        {},
    )
    licentie: Licence = _field(
        "licentie van de open data: " + ", ".join(LICENCES) + " (standaard CC0-1.0: vrij te gebruiken)", "CC0-1.0"
    )
    koppeling: RegisterExport = Field(
        RegisterExport(),
        description="hoe de export van het zaaksysteem op het register past: kolommen, waarden, kopregel en blad",
    )

    def codes(self, kind: str) -> list[str]:
        """The codes of a code list in the order gemeente.yaml gives them."""
        return list(self.labels.get(kind, {}))

    def meaning(self, kind: str, code: str) -> str:
        """The fixed meaning of a handling or verdict code (own codes say theirs in `betekenis`)."""
        return self.betekenis.get(kind, {}).get(code) or BASE_MEANING[kind].get(code, "")

    def codes_meaning(self, kind: str, *meanings: str) -> list[str]:
        """The codes of a list that have one of the given meanings, in list order."""
        return [c for c in self.codes(kind) if self.meaning(kind, c) in meanings]

    def count_meaning(self, kind: str, counts: dict[str, int], *meanings: str) -> int:
        """The sum of counts (code -> number) over the codes with one of the given meanings."""
        return sum(counts.get(c, 0) for c in self.codes_meaning(kind, *meanings))

    def closed_handlings(self) -> list[str]:
        """Handling codes of a closed complaint (every meaning but open)."""
        return self.codes_meaning("afhandeling", "informeel", "formeel", "overig")

    def rules(self, verslag: Verslag | None = None) -> Regeling:
        """The regulation of a year: the year's own, else the gemeente's, else the law's terms only."""
        if verslag is not None and verslag.regeling is not None:
            return verslag.regeling
        return self.regeling or Regeling(naam=f"klachtenregeling van de gemeente {self.naam}")


class Verslag(StrictModel):
    jaar: Year = _field("het verslagjaar (gelijk aan de naam van de map)")
    voorbeeldgegevens: bool = _field("true zolang de cijfers voorbeeldgegevens zijn; elke pagina zegt dat dan")
    regeling: Regeling | None = _field("alleen als in dit jaar een andere regeling gold dan in gemeente.yaml", None)
    vastgesteld_college: Date | None = _field("datum van vaststelling door het college", None)
    commissie_bestuur: Date | None = _field("datum van bespreking in de raadscommissie", None)
    besluitpunten: list[StrictStr] = _field("de besluitpunten van het collegebesluit")
    beoogd_resultaat: StrictStr = _field("wat het besluit moet opleveren")
    argumenten: list[StrictStr] = _field("de argumenten van het collegebesluit")
    verbeterprogramma: list[StrictStr] = _field("wat er dit jaar is gedaan om de klachtbehandeling te verbeteren", [])
    risicos: StrictStr = _field("risico's en kanttekeningen van het besluit")
    uitvoering: StrictStr = _field("wat er na het besluit gebeurt")
    # Year-over-year differences a human has looked at: warning key -> reason (shown in the methodology).
    bekende_verschillen: dict[StrictStr, StrictStr] = _field(
        "verschillen met vorig jaar die bekeken zijn: sleutel uit de waarschuwing, dan de reden", {}
    )
    hoofdstukken_uit: list[OptionalChapter] = _field(
        "hoofdstukken die dit jaar niet verschijnen; de volgende schuiven op (alleen "
        + ", ".join(OPTIONAL_CHAPTERS)
        + ")",
        [],
    )
    eigen_tekst: dict[StrictStr, Literal["voor", "na", "vervangt"]] = _field(
        "per hoofdstuk met een eigen tekst in tekst/<hoofdstuk>.md: voor (boven de standaardtekst), "
        "na (onder het hoofdstuk) of vervangt (in plaats van de standaardtekst; tabellen en figuren blijven)",
        {},
    )


Month = Annotated[StrictInt, Field(ge=1, le=12)]
# A field the new-year scaffold leaves empty ("gedeeltelijk:") reads as YAML null: for a list or mapping that means
# none, as if it were left out.
NO_LIST = BeforeValidator(lambda value: [] if value is None else value)
NO_MAPPING = BeforeValidator(lambda value: {} if value is None else value)
MISSING = "leeg of weggelaten: niet geregistreerd"


class TotalenAwb(StrictModel):
    ontvangen: Count = _field("klachten ontvangen in het jaar (K1); het enige verplichte getal")
    afgehandeld: Count | None = _field(f"klachten afgehandeld in het jaar (K2); {MISSING}", None)
    open_31_12: Count | None = _field(f"klachten nog in behandeling op 31 december (K3); {MISSING}", None)
    open_31_12_buiten_termijn: Count | None = _field(f"daarvan al buiten de termijn; {MISSING}", None)
    per_afdeling: dict[Code, Count] | None = _field(f"ontvangen per afdelingscode; {MISSING}", None)
    per_aard: dict[Code, Count] | None = _field(f"ontvangen per code van aard; {MISSING}", None)
    per_kanaal: dict[Code, Count] | None = _field(f"ontvangen per code van kanaal; {MISSING}", None)
    per_maand: dict[Month, Count] | None = _field(f"ontvangen per maand (1 tot en met 12); {MISSING}", None)
    afhandeling: dict[Code, Count] | None = _field(
        f"afgehandeld per code van afhandeling (telt op tot afgehandeld); {MISSING}", None
    )
    oordeel: dict[Code, Count] | None = _field(f"formeel afgehandeld per code van oordeel; {MISSING}", None)
    binnen_termijn: Count | None = _field(
        f"informeel of formeel afgehandeld binnen de termijn (voor K9); {MISSING}", None
    )
    gedeeltelijk: Annotated[list[Breakdown], NO_LIST] = _field(
        "uitsplitsingen die maar een deel van de klachten noemen (per_afdeling, per_aard, per_kanaal): de rest "
        "heet op de site 'niet uitgesplitst'; een code die er niet staat is dat jaar niet bekend, geen 0",
        [],
    )
    basis: Annotated[dict[Breakdown, Basis], NO_MAPPING] = _field(
        "uitsplitsingen die niet over de ontvangen klachten gaan: per uitsplitsing omschrijving en aantal "
        "(bijvoorbeeld per_aard over de in behandeling genomen klachten)",
        {},
    )


class TotalenAndersoortig(StrictModel):
    ontvangen: Count = _field("andersoortige klachten ontvangen in het jaar (K14)")
    per_afdeling: dict[Code, Count] | None = _field(f"per afdelingscode; {MISSING}", None)
    per_aard: dict[Code, Count] | None = _field(f"per code van aard; {MISSING}", None)


class Totalen(StrictModel):
    awb: TotalenAwb = _field("klachten in de zin van hoofdstuk 9 Awb")
    andersoortig: TotalenAndersoortig | None = _field(f"andersoortige klachten; {MISSING}", None)
    gepubliceerd: Annotated[dict[StrictStr, Gepubliceerd], NO_MAPPING] = _field(
        "cijfers die alleen als percentage, gemiddelde of in woorden zijn gepubliceerd: per code (K2, K3, "
        "K5_absoluut, K5_procent, K6 tot en met K9, K10_mediaan, K10_gemiddeld, K14 of een eigen indicator uit "
        "gemeente.yaml) waarde, eenheid, bewoording, tekst, basis en bron; de site toont ze zoals gepubliceerd",
        {},
    )
