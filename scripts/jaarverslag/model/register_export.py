"""The schema of gemeente.yaml's koppeling: how a case system's register export maps onto the register."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

from .base import StrictModel, described
from .codes import COLUMNS, MappedColumn


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
        described(
            "kolomnaam in de export, dan de kolom van het register die hij vult (bijvoorbeeld "
            "'Datum ontvangst: ontvangen_op'); hoofdletters tellen niet; niet genoemde kolommen met de naam van een "
            "registerkolom tellen gewoon mee",
            {},
        )
    )
    waarden: dict[MappedColumn, Annotated[dict[ExportText, ExportText], Field(max_length=200)]] = described(
        "per kolom (soort, afdeling, aard, kanaal, afhandeling, oordeel, verdaagd, klachtadviescommissie): de "
        "waarde in de export, dan de code (bijvoorbeeld 'kanaal: {Telefonisch: telefoon}'); hoofdletters tellen niet",
        {},
    )
    kopregel: Annotated[StrictInt, Field(ge=1, le=50)] | None = described(
        "de rij met de kolomnamen (1 is de eerste rij); leeg: de eerste rij binnen de eerste 20 die ten minste "
        "twee kolommen van het register (of van kolommen hierboven) noemt",
        None,
    )
    blad: ExportText | None = described(
        "het werkblad van klachten.xlsx met het register; leeg: het eerste werkblad", None
    )
