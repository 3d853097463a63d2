"""The indicator catalogue: each indicator's code, Dutch names, definition and unit, written once.

Everything that names an indicator reads it here: the methodology, kerncijfers.csv, the key-figure
tables, the trends page and its figures, the dashboard tiles, the key points and the manual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Which way is better for an indicator: a higher value, a lower one, or neither (then the site says only
# more or less, never better or worse: more complaints received is not in itself good or bad).
Better = Literal["higher", "lower"] | None


@dataclass(frozen=True)
class Indicator:
    """One indicator and every way the site names it (a variant is only written where it differs)."""

    code: str
    name: str  # in the key-figure tables and kerncijfers.csv
    definition: str  # in the methodology
    unit: str  # aantal, getal, verschil, procent, dagen or verdeling: how a value is printed and compared
    label: str = ""  # beside its code in tiles, the trends table and a percentage axis (default: the name)
    term: str = ""  # in the methodology's definitions (default: the label)
    plain: str = ""  # a key point's subject when there is nothing to compare with (default: the name)
    trend: str = ""  # the title of its trend figure (default: the name)
    better: Better = None  # which way is better; None: no judgement, only more or less
    base: str = ""  # a percentage's denominator in words, after "van de 327": named wherever the count is shown

    def __post_init__(self) -> None:
        """Fill each variant that is not written with the name it defaults to."""
        label = self.label or self.name
        for attr, value in (
            ("label", label),
            ("term", self.term or label),
            ("plain", self.plain or self.name),
            ("trend", self.trend or self.name),
        ):
            object.__setattr__(self, attr, value)

    @property
    def described(self) -> str:
        """The indicator mid-sentence, as the manual lists its named value: 'K6 informeel opgelost (aandeel)'."""
        return f"{self.code} {self.name.lower()}" + (" (aandeel)" if self.unit == "procent" else "")


INFORMAL_OR_FORMAL = "informeel of formeel afgehandelde klachten"
CATALOGUE: dict[str, Indicator] = {
    i.code: i
    for i in [
        Indicator("K1", "Ontvangen klachten", "Awb-klachten met een ontvangstdatum in het verslagjaar.", "aantal"),
        Indicator(
            "K2",
            "Afgehandelde klachten",
            "Awb-klachten met een afhandeldatum in het verslagjaar, ook als ze in het jaar ervoor binnenkwamen.",
            "aantal",
        ),
        Indicator(
            "K3",
            "Open op 31 december",
            "Ontvangen op of voor 31 december en toen nog niet afgehandeld; waarvan de termijn al verstreken was.",
            "aantal",
            plain="Nog open op 31 december",
            better="lower",
        ),
        Indicator(
            "K4",
            "Klachten per 1.000 inwoners",
            "K1 gedeeld door het aantal inwoners op 1 januari, maal 1.000.",
            "getal",
        ),
        Indicator(
            "K5",
            "Verandering ontvangen klachten",
            "K1 tegenover K1 van het jaar ervoor, in aantal en in procenten; n.v.t. zonder vorig jaar.",
            "verschil",
            term="Verandering",
        ),
        Indicator(
            "K6",
            "Informeel opgelost",
            "Informeel opgelost gedeeld door informeel opgelost plus formeel "
            "afgehandeld, over de klachten afgehandeld in het verslagjaar.",
            "procent",
            better="higher",
            base=INFORMAL_OR_FORMAL,
        ),
        Indicator("K7", "Formeel afgehandeld", "100% min K6, met dezelfde noemer.", "procent", base=INFORMAL_OR_FORMAL),
        Indicator(
            "K8",
            "(Deels) gegrond",
            "Gegrond plus deels gegrond gedeeld door gegrond, deels gegrond en "
            "ongegrond, over de formeel afgehandelde klachten; 'geen oordeel' staat apart.",
            "procent",
            better="lower",
            base="formeel afgehandelde klachten met een oordeel",
        ),
        Indicator(
            "K9",
            "Binnen de termijn afgehandeld",
            "Informeel of formeel afgehandeld op of voor het einde van de "
            "termijn, gedeeld door alle informeel of formeel afgehandelde klachten van het jaar.",
            "procent",
            label="Binnen de termijn",
            plain="Op tijd afgehandeld",
            better="higher",
            base=INFORMAL_OR_FORMAL,
        ),
        Indicator(
            "K10",
            "Doorlooptijd (mediaan)",
            "Kalenderdagen van ontvangst tot afhandeling over de klachten "
            "afgehandeld in het jaar: mediaan, gemiddelde en 90e percentiel (lineair geïnterpoleerd); informeel "
            "en formeel apart.",
            "dagen",
            term="Doorlooptijd",
            trend="Mediane doorlooptijd",
            better="lower",
        ),
        Indicator("K11", "Verdelingen", "K1 per afdeling, aard, kanaal en maand, met het aandeel in K1.", "verdeling"),
        Indicator(
            "K14",
            "Andersoortige klachten",
            "Aantal en verdeling van de andersoortige klachten ontvangen in het jaar; nooit opgeteld bij K1.",
            "aantal",
        ),
    ]
}
