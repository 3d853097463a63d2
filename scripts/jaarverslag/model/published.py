"""Published figures: a value a report printed (a share, an average, a phrase) kept as printed, never recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictStr

Unit = Literal["procent", "dagen", "aantal"]
# The catalogue figures a totals year may give as published values instead of counts, with each one's unit.
PUBLISHABLE: dict[str, Unit] = {
    "K2": "aantal",
    "K3": "aantal",
    "K5_absoluut": "aantal",
    "K5_procent": "procent",
    "K6": "procent",
    "K7": "procent",
    "K8": "procent",
    "K9": "procent",
    "K10_mediaan": "dagen",
    "K10_gemiddeld": "dagen",
    "K14": "aantal",
}
# The remainder of a breakdown that names only some categories; never a code a gemeente may use.
REST = "niet_uitgesplitst"
REST_LABEL = "niet uitgesplitst"
# The breakdowns of totalen.yaml that may name only some categories or count another base.
Breakdown = Literal["per_afdeling", "per_aard", "per_kanaal"]
PARTIAL_BREAKDOWNS: tuple[str, ...] = get_args(Breakdown)


# Words beside a published number land in Markdown, HTML, CSV and Typst alike: letters, digits, spaces, commas and
# % only, so no context needs an escape that another would show.
Words = Annotated[StrictStr, Field(pattern=r"^[0-9A-Za-zÀ-ÿ ,%]{1,60}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Gepubliceerd(_Strict):
    """One published figure as totalen.yaml gives it."""

    waarde: float = Field(
        description="het getal zoals gepubliceerd (91 voor 'ruim 91%'); alleen een verschil (K5) kan negatief zijn"
    )
    eenheid: Unit | None = Field(
        None, description="procent, dagen of aantal; bij een K-code weggelaten: de eenheid van die indicator"
    )
    bewoording: Words | None = Field(
        None, description="het woord voor het getal zoals gepubliceerd: ruim, bijna, ongeveer (leeg: geen)"
    )
    tekst: Words | None = Field(
        None,
        description="de hele woorden als de bron geen getal schrijft ('de helft', 'dertig meer'); de site toont "
        "dan deze woorden en waarde staat alleen in de open data",
    )
    basis: StrictStr | None = Field(
        None,
        description="waarover het getal gaat als dat niet de definitie van de indicator is (bijvoorbeeld 'alle "
        "ontvangen klachten' of 'aspecten, meer per klacht')",
    )
    bron: StrictStr = Field(description="waar het getal staat: titel van het verslag en de pagina of paragraaf")


class EigenIndicator(_Strict):
    """An indicator of the gemeente's own, declared once in gemeente.yaml; values per year in totalen.yaml."""

    naam: StrictStr = Field(description="naam zoals de lezer die ziet (bijvoorbeeld 'Binnen drie weken afgehandeld')")
    definitie: StrictStr = Field(description="wat er geteld is, in één zin")
    eenheid: Unit = Field(description="procent, dagen of aantal")


class Basis(_Strict):
    """The base of a breakdown that is not the received complaints."""

    omschrijving: StrictStr = Field(
        description="waarover de uitsplitsing gaat (bijvoorbeeld 'in behandeling genomen klachten')"
    )
    aantal: Annotated[int, Field(ge=0, strict=True)] | None = Field(
        None, description="hoeveel dat er zijn; leeg: niet gepubliceerd (dan wordt de som niet gecontroleerd)"
    )


@dataclass(frozen=True)
class Published:
    """A published figure as the pages show it: its value, unit and the words around it, with source and base."""

    code: str
    name: str
    waarde: Decimal
    unit: Unit
    bewoording: str | None
    tekst: str | None
    basis: str | None
    bron: str
    definitie: str = ""  # only for the gemeente's own indicators
