"""The data model: register columns, code lists and the schemas of the YAML files."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from .colour import DEFAULT_COLOUR

# Register columns in the order DESIGN.md gives them, with what each holds (also used in the
# methodology page, so a column cannot be missing from it).
COLUMNS: dict[str, str] = {
    "id": "pseudoniem kenmerk, uniek over alle jaren (nooit een herleidbaar zaaknummer)",
    "ontvangen_op": "datum van ontvangst (JJJJ-MM-DD of DD-MM-JJJJ)",
    "afgehandeld_op": "datum van afhandeling; leeg zolang de klacht in behandeling is",
    "soort": "awb (klacht volgens hoofdstuk 9 Awb) of andersoortig",
    "afdeling": "code van de afdeling uit gemeente.yaml, geldig in dat jaar",
    "aard": "waar de klacht over gaat",
    "kanaal": "hoe de klacht binnenkwam",
    "afhandeling": "hoe de klacht is afgehandeld",
    "oordeel": "alleen bij formeel_afgehandeld: het oordeel",
    "verdaagd": "ja/nee: één schriftelijke verdaging van 4 weken (Awb 9:11 lid 2)",
    "klachtadviescommissie": "ja/nee: advies van de klachtadviescommissie (termijn 10 weken)",
}
REQUIRED_COLUMNS = [c for c in COLUMNS if c != "klachtadviescommissie"]

CODES: dict[str, list[str]] = {
    "soort": ["awb", "andersoortig"],
    "aard": ["bejegening", "niet_reageren", "behandelduur", "informatie", "bereikbaarheid",
             "uitvoering", "toezegging", "privacy", "overig"],
    "kanaal": ["webformulier", "email", "brief", "telefoon", "balie", "webcare", "via_bestuur",
               "via_ombudsman", "overig"],
    "afhandeling": ["informeel_opgelost", "formeel_afgehandeld", "doorgestuurd", "ingetrokken",
                    "niet_in_behandeling", "in_behandeling"],
    "oordeel": ["gegrond", "deels_gegrond", "ongegrond", "geen_oordeel"],
}
CLOSED_HANDLINGS = [c for c in CODES["afhandeling"] if c != "in_behandeling"]

# Extra columns whose name suggests personal data get a loud warning (never published anyway).
PERSONAL_HINTS = ("naam", "adres", "mail", "telefoon", "tel", "bsn", "omschrijving", "toelichting",
                  "geboorte", "postcode", "straat", "woonplaats", "klager", "zaaknummer", "medewerker")

TRUE_WORDS = {"ja", "j", "1", "waar", "true", "y", "yes"}
FALSE_WORDS = {"nee", "n", "0", "onwaar", "false", "no", ""}

TERM_DAYS = 42
TERM_DAYS_COMMITTEE = 70
POSTPONE_DAYS = 28
SMALL_COUNT = 5
MIN_DENOMINATOR = 10

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


class Afdeling(StrictModel):
    label: StrictStr
    geldig_van: Year
    geldig_tot: Year | None = None
    voorganger: Code | None = None


class Partner(StrictModel):
    label: StrictStr
    accounthouder: StrictStr


class Contact(StrictModel):
    """How a reader reaches the municipality; every field is optional and the pages say so honestly."""

    telefoon: Phone | None = Field(
        None, description="Telefoonnummer van de gemeente, zoals u het schrijft (bijvoorbeeld 0800 1234).")
    contactformulier: WebAddress | None = Field(
        None, description="Webadres (https://) van het contactformulier van de gemeente.")
    privacy: WebAddress | None = Field(
        None, description="Webadres (https://) van de privacypagina of de functionaris gegevensbescherming.")


class Huisstijl(StrictModel):
    """Colour and logo of the site and the PDF edition."""

    kleur: HexColour = Field(
        DEFAULT_COLOUR, description="Hoofdkleur van site en PDF als #rrggbb; witte tekst erop moet een contrast "
                                    "van ten minste 4,5:1 hebben (WCAG AA).")
    logo: LogoFile | None = Field(
        None, description="Bestandsnaam van het logo (.svg of .png), naast gemeente.yaml in data/ "
                          "(bijvoorbeeld logo.svg).")


class Gemeente(StrictModel):
    naam: StrictStr
    afdelingen: Annotated[dict[Code, Afdeling], Field(min_length=1)]
    partners: dict[Code, Partner] = {}
    labels: dict[StrictStr, dict[Code, StrictStr]]
    inwoners: dict[Year, Count]
    doelen: dict[StrictStr, Annotated[float, Field(ge=0, le=100)]] = {}
    # Where a citizen files a complaint, and the Nationale ombudsman (its public address by default).
    klacht_indienen: WebAddress | None = None
    ombudsman: WebAddress = "https://www.nationaleombudsman.nl"
    contact: Contact = Field(
        Contact(), description="Telefoon, contactformulier en privacypagina, voor de pagina's Privacy en "
                               "Toegankelijkheid.")
    huisstijl: Huisstijl = Field(
        Huisstijl(), description="Kleur en logo van site en PDF.")


class Regeling(StrictModel):
    naam: StrictStr
    sinds: Date


class Verslag(StrictModel):
    jaar: Year
    voorbeeldgegevens: bool
    regeling: Regeling
    vastgesteld_college: Date | None = None
    commissie_bestuur: Date | None = None
    besluitpunten: list[StrictStr]
    beoogd_resultaat: StrictStr
    argumenten: list[StrictStr]
    verbeterprogramma: list[StrictStr] = []
    risicos: StrictStr
    uitvoering: StrictStr
    # Year-over-year differences a human has looked at: warning key -> reason (shown in the methodology).
    bekende_verschillen: dict[StrictStr, StrictStr] = {}


class TotalenAwb(StrictModel):
    ontvangen: Count
    afgehandeld: Count
    open_31_12: Count
    open_31_12_buiten_termijn: Count | None = None
    per_afdeling: dict[Code, Count]
    per_aard: dict[Code, Count]
    per_kanaal: dict[Code, Count]
    per_maand: dict[Annotated[StrictInt, Field(ge=1, le=12)], Count]
    afhandeling: dict[Code, Count]
    oordeel: dict[Code, Count]
    binnen_termijn: Count | None = None


class TotalenAndersoortig(StrictModel):
    ontvangen: Count
    per_afdeling: dict[Code, Count]
    per_aard: dict[Code, Count]


class Totalen(StrictModel):
    awb: TotalenAwb
    andersoortig: TotalenAndersoortig


# Dutch wording of pydantic's error types, so schema errors read like the register's.
PYDANTIC_EXPECTED = {
    "missing": "dit verplichte veld",
    "extra_forbidden": "geen onbekend veld",
    "int_type": "een geheel getal",
    "int_parsing": "een geheel getal",
    "int_from_float": "een geheel getal",
    "greater_than_equal": "een getal van {ge} of meer",
    "less_than_equal": "een getal van {le} of minder",
    "string_type": "tekst",
    "bool_type": "ja of nee (true/false)",
    "bool_parsing": "ja of nee (true/false)",
    "date_type": "een datum (JJJJ-MM-DD)",
    "date_parsing": "een datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "een datum (JJJJ-MM-DD)",
    "list_type": "een lijst",
    "too_short": "ten minste {min_length} onderdeel",
    "dict_type": "een lijst van sleutels en waarden",
    "model_type": "een lijst van sleutels en waarden",
    "float_type": "een getal",
    "float_parsing": "een getal",
    "web_address": "een webadres dat begint met https://",
    "hex_colour": "een kleur als # met zes hexadecimale tekens (bijvoorbeeld #1f4e8c)",
    "phone": "een telefoonnummer van cijfers en spaties (bijvoorbeeld 0800 1234)",
    "logo_file": "de naam van een .svg- of .png-bestand naast gemeente.yaml (bijvoorbeeld logo.svg)",
}
