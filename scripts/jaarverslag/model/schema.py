"""The schemas of gemeente.yaml and verslag.yaml (totalen.yaml: totalen.py; the koppeling: register_export.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt, StrictStr

from .base import (
    Code,
    Count,
    Date,
    HexColour,
    LogoFile,
    Phone,
    StrictModel,
    WebAddress,
    Year,
    awb_term,
    described,
)
from .codes import (
    BASE_MEANING,
    LICENCES,
    OPTIONAL_CHAPTERS,
    Licence,
    OptionalChapter,
)
from .colour import DEFAULT_COLOUR
from .published import EigenIndicator
from .register_export import RegisterExport


class Afdeling(StrictModel):
    label: StrictStr = described("naam van de afdeling zoals de lezer die ziet")
    geldig_van: Year = described("eerste jaar waarin de afdeling bestond")
    geldig_tot: Year | None = described("laatste jaar waarin de afdeling bestond (leeg: bestaat nog)", None)
    voorganger: Code | None = described("code van de afdeling die deze verving (voor de trends)", None)


class Partner(StrictModel):
    label: StrictStr = described("naam van de samenwerkingspartner")
    accounthouder: Code = described(
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
    naam: StrictStr = described("naam van de klachtenregeling")
    sinds: Date | None = described("datum waarop de regeling geldt (JJJJ-MM-DD); leeg: niet genoemd", None)
    artikel_verslag: Annotated[StrictStr, Field(pattern=r"^[0-9]+[a-z]?$")] | None = described(
        "het artikel van de regeling dat het jaarverslag voorschrijft (bijvoorbeeld 12); leeg: niet genoemd", None
    )
    termijn_dagen: Annotated[StrictInt, Field(ge=1), awb_term(42, "Awb 9:11 lid 1: 6 weken")] = described(
        "termijn voor de afhandeling in kalenderdagen (Awb 9:11: ten hoogste 6 weken, 42 dagen)", 42
    )
    termijn_dagen_commissie: Annotated[StrictInt, Field(ge=1), awb_term(70, "Awb 9:11 lid 1: 10 weken")] = described(
        "termijn met advies van een klachtadviescommissie in kalenderdagen (Awb 9:11: ten hoogste 10 weken, 70 dagen)",
        70,
    )
    verdaging_dagen: Annotated[StrictInt, Field(ge=0), awb_term(28, "Awb 9:11 lid 2: 4 weken")] = described(
        "eenmalige verdaging in kalenderdagen (Awb 9:11 lid 2: ten hoogste 4 weken, 28 dagen)", 28
    )


class Klachtbehandeling(StrictModel):
    """The gemeente's own practice beyond the Awb: the site states each only when it is set here."""

    triage: bool = described(
        "true als de klachtencoördinator bij binnenkomst beoordeelt of het een klacht is en wie hem behandelt (triage)",
        False,
    )
    klachtadviescommissie: bool = described(
        "true als de gemeente een klachtadviescommissie heeft die het college over klachten adviseert", False
    )
    kanalen: list[StrictStr] = described(
        "hoe een klacht binnenkomt, zoals de lezer het ziet (bijvoorbeeld het webformulier, e-mail, sociale media); "
        "leeg: de site noemt alleen mondeling en schriftelijk (Awb 9:1)",
        [],
    )
    rollen: dict[StrictStr, StrictStr] = described(
        "rollen bij de klachtbehandeling: de naam van de rol (nooit van een persoon), dan wat die rol doet; "
        "leeg: de site noemt alleen de rollen die de Awb voorschrijft",
        {},
    )


class Gemeente(StrictModel):
    naam: StrictStr = described("naam van de gemeente, zonder het woord 'gemeente' ervoor")
    afdelingen: dict[Code, Afdeling] = described(
        "de afdelingen: code, dan label, geldig_van, geldig_tot en voorganger; weggelaten als de gemeente geen "
        "afdelingen publiceert (dan kan een jaar alleen totalen hebben, geen register)",
        {},
    )
    partners: dict[Code, Partner] = described("samenwerkingspartners die zelf over klachten rapporteren", {})
    labels: dict[StrictStr, dict[Code, StrictStr]] = described(
        "per codelijst (soort, aard, kanaal, afhandeling, oordeel) de codes die de gemeente gebruikt, "
        "met hun label; eigen codes mogen erbij"
    )
    betekenis: dict[StrictStr, dict[Code, StrictStr]] = described(
        "voor een eigen code van afhandeling of oordeel: welke vaste betekenis die heeft "
        "(afhandeling: informeel, formeel, overig, open; oordeel: gegrond, deels_gegrond, ongegrond, geen_oordeel)",
        {},
    )
    inwoners: dict[Year, Count] = described("inwoners op 1 januari, per jaar (voor K4)", {})
    doelen: dict[StrictStr, Annotated[float, Field(ge=0, le=100)]] = described(
        "streefwaarden in procenten per indicator, bijvoorbeeld K9: 90", {}
    )
    regeling: Regeling | None = described(
        "de klachtenregeling: naam, sinds, artikel_verslag en de termijnen; weggelaten: 'klachtenregeling van "
        "de gemeente' met de naam van de gemeente, en de termijnen van de Awb",
        None,
    )
    commissie: StrictStr = described(
        "de raadscommissie die het verslag bespreekt, zonder lidwoord (bijvoorbeeld commissie Bestuur)",
        "raadscommissie",
    )
    klacht_indienen: WebAddress | None = described(
        "webadres waar een inwoner een klacht indient (elke pagina linkt ernaar)", None
    )
    klachtbehandeling: Klachtbehandeling = Field(
        Klachtbehandeling(), description="hoe de gemeente klachten behandelt, voor zover meer dan de Awb vraagt"
    )
    ombudsman: WebAddress = described("webadres van de ombudsman", "https://www.nationaleombudsman.nl")
    ombudsman_naam: StrictStr = described(
        "naam van de ombudsman waar inwoners daarna terechtkunnen (een gemeentelijke ombudsman mag ook)",
        "Nationale ombudsman",
    )
    contact: Contact = Field(
        Contact(),
        description="telefoon, contactformulier en privacypagina, voor de pagina's Privacy en Toegankelijkheid",
    )
    huisstijl: Huisstijl = Field(Huisstijl(), description="kleur en logo van site en PDF")
    eigen_indicatoren: dict[Code, EigenIndicator] = described(
        "eigen indicatoren die de gemeente publiceert (code, dan naam, definitie en eenheid); de waarden per jaar "
        "staan in totalen.yaml onder gepubliceerd",
        {},
    )
    licentie: Licence = described(
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
    jaar: Year = described("het verslagjaar (gelijk aan de naam van de map)")
    voorbeeldgegevens: bool = described("true zolang de cijfers voorbeeldgegevens zijn; elke pagina zegt dat dan")
    regeling: Regeling | None = described("alleen als in dit jaar een andere regeling gold dan in gemeente.yaml", None)
    vastgesteld_college: Date | None = described("datum van vaststelling door het college", None)
    commissie_bestuur: Date | None = described("datum van bespreking in de raadscommissie", None)
    besluitpunten: list[StrictStr] = described("de besluitpunten van het collegebesluit")
    beoogd_resultaat: StrictStr = described("wat het besluit moet opleveren")
    argumenten: list[StrictStr] = described("de argumenten van het collegebesluit")
    verbeterprogramma: list[StrictStr] = described(
        "wat er dit jaar is gedaan om de klachtbehandeling te verbeteren", []
    )
    risicos: StrictStr = described("risico's en kanttekeningen van het besluit")
    uitvoering: StrictStr = described("wat er na het besluit gebeurt")
    # Year-over-year differences a human has looked at: warning key -> reason (shown in the methodology).
    bekende_verschillen: dict[StrictStr, StrictStr] = described(
        "verschillen met vorig jaar die bekeken zijn: sleutel uit de waarschuwing, dan de reden", {}
    )
    hoofdstukken_uit: list[OptionalChapter] = described(
        "hoofdstukken die dit jaar niet verschijnen; de volgende schuiven op (alleen "
        + ", ".join(OPTIONAL_CHAPTERS)
        + ")",
        [],
    )
    eigen_tekst: dict[StrictStr, Literal["voor", "na", "vervangt"]] = described(
        "per hoofdstuk met een eigen tekst in tekst/<hoofdstuk>.md: voor (boven de standaardtekst), "
        "na (onder het hoofdstuk) of vervangt (in plaats van de standaardtekst; tabellen en figuren blijven)",
        {},
    )
