"""The schema of totalen.yaml: a year's figures as the gemeente published them, when it kept no register."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, StrictInt, StrictStr

from .base import Code, Count, StrictModel, described
from .published import Basis, Breakdown, Gepubliceerd

Month = Annotated[StrictInt, Field(ge=1, le=12)]
# A field the new-year scaffold leaves empty ("gedeeltelijk:") reads as YAML null: for a list or mapping that means
# none, as if it were left out.
NO_LIST = BeforeValidator(lambda value: [] if value is None else value)
NO_MAPPING = BeforeValidator(lambda value: {} if value is None else value)
MISSING = "leeg of weggelaten: niet geregistreerd"


class TotalenAwb(StrictModel):
    ontvangen: Count = described("klachten ontvangen in het jaar (K1); het enige verplichte getal")
    afgehandeld: Count | None = described(f"klachten afgehandeld in het jaar (K2); {MISSING}", None)
    open_31_12: Count | None = described(f"klachten nog in behandeling op 31 december (K3); {MISSING}", None)
    open_31_12_buiten_termijn: Count | None = described(f"daarvan al buiten de termijn; {MISSING}", None)
    per_afdeling: dict[Code, Count] | None = described(f"ontvangen per afdelingscode; {MISSING}", None)
    per_aard: dict[Code, Count] | None = described(f"ontvangen per code van aard; {MISSING}", None)
    per_kanaal: dict[Code, Count] | None = described(f"ontvangen per code van kanaal; {MISSING}", None)
    per_maand: dict[Month, Count] | None = described(f"ontvangen per maand (1 tot en met 12); {MISSING}", None)
    afhandeling: dict[Code, Count] | None = described(
        f"afgehandeld per code van afhandeling (telt op tot afgehandeld); {MISSING}", None
    )
    oordeel: dict[Code, Count] | None = described(f"formeel afgehandeld per code van oordeel; {MISSING}", None)
    binnen_termijn: Count | None = described(
        f"informeel of formeel afgehandeld binnen de termijn (voor K9); {MISSING}", None
    )
    gedeeltelijk: Annotated[list[Breakdown], NO_LIST] = described(
        "uitsplitsingen die maar een deel van de klachten noemen (per_afdeling, per_aard, per_kanaal): de rest "
        "heet op de site 'niet uitgesplitst'; een code die er niet staat is dat jaar niet bekend, geen 0",
        [],
    )
    basis: Annotated[dict[Breakdown, Basis], NO_MAPPING] = described(
        "uitsplitsingen die niet over de ontvangen klachten gaan: per uitsplitsing omschrijving en aantal "
        "(bijvoorbeeld per_aard over de in behandeling genomen klachten)",
        {},
    )


class TotalenAndersoortig(StrictModel):
    ontvangen: Count = described("andersoortige klachten ontvangen in het jaar (K14)")
    per_afdeling: dict[Code, Count] | None = described(f"per afdelingscode; {MISSING}", None)
    per_aard: dict[Code, Count] | None = described(f"per code van aard; {MISSING}", None)


class Totalen(StrictModel):
    awb: TotalenAwb = described("klachten in de zin van hoofdstuk 9 Awb")
    andersoortig: TotalenAndersoortig | None = described(f"andersoortige klachten; {MISSING}", None)
    gepubliceerd: Annotated[dict[StrictStr, Gepubliceerd], NO_MAPPING] = described(
        "cijfers die alleen als percentage, gemiddelde of in woorden zijn gepubliceerd: per code (K2, K3, "
        "K5_absoluut, K5_procent, K6 tot en met K9, K10_mediaan, K10_gemiddeld, K14 of een eigen indicator uit "
        "gemeente.yaml) waarde, eenheid, bewoording, tekst, basis en bron; de site toont ze zoals gepubliceerd",
        {},
    )
