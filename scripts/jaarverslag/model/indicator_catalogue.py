"""The indicator catalogue: each indicator's code, Dutch names, definition and unit, written once.

Everything that names an indicator reads it here: the methodology, kerncijfers.csv, the key-figure
tables, the trends page and its figures, the dashboard tiles, the key points and the manual.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """One indicator and every way the site names it (a variant is only written where it differs)."""

    code: str
    name: str  # in the key-figure tables and kerncijfers.csv
    definition: str  # in the methodology
    unit: str  # aantal, getal, verschil, procent, dagen or verdeling: how a value is printed and compared
    label: str = ""  # beside its code in tiles and the trends table, when shorter than the name
    term: str = ""  # in the methodology, when it differs from the label
    plain: str = ""  # a key point's subject without a direction, when it differs from the name
    trend: str = ""  # the title of its trend figure, when it differs from the name

    @property
    def short(self) -> str:
        """The short name: tiles, the trends table, the percentage axis of a trend figure."""
        return self.label or self.name

    @property
    def methodology_name(self) -> str:
        """The name in the methodology's table of definitions."""
        return self.term or self.short

    @property
    def subject(self) -> str:
        """What a key point is about when there is nothing to compare with."""
        return self.plain or self.name

    @property
    def trend_title(self) -> str:
        """The title of the indicator's trend figure."""
        return self.trend or self.name

    @property
    def described(self) -> str:
        """The indicator mid-sentence, as the manual lists its named value: 'K6 informeel opgelost (aandeel)'."""
        return f"{self.code} {self.name.lower()}" + (" (aandeel)" if self.unit == "procent" else "")


CATALOGUE: dict[str, Indicator] = {i.code: i for i in [
    Indicator("K1", "Ontvangen klachten", "Awb-klachten met een ontvangstdatum in het verslagjaar.", "aantal"),
    Indicator("K2", "Afgehandelde klachten", "Awb-klachten met een afhandeldatum in het verslagjaar, ook als ze "
              "in het jaar ervoor binnenkwamen.", "aantal"),
    Indicator("K3", "Open op 31 december", "Ontvangen op of voor 31 december en toen nog niet afgehandeld; "
              "waarvan de termijn al verstreken was.", "aantal", plain="Nog open op 31 december"),
    Indicator("K4", "Klachten per 1.000 inwoners", "K1 gedeeld door het aantal inwoners op 1 januari, maal 1.000.",
              "getal"),
    Indicator("K5", "Verandering ontvangen klachten", "K1 tegenover K1 van het jaar ervoor, in aantal en in "
              "procenten; n.v.t. zonder vorig jaar.", "verschil", term="Verandering"),
    Indicator("K6", "Informeel opgelost", "Informeel opgelost gedeeld door informeel opgelost plus formeel "
              "afgehandeld, over de klachten afgehandeld in het verslagjaar.", "procent"),
    Indicator("K7", "Formeel afgehandeld", "100% min K6, met dezelfde noemer.", "procent"),
    Indicator("K8", "(Deels) gegrond", "Gegrond plus deels gegrond gedeeld door gegrond, deels gegrond en "
              "ongegrond, over de formeel afgehandelde klachten; 'geen oordeel' staat apart.", "procent"),
    Indicator("K9", "Binnen de termijn afgehandeld", "Informeel of formeel afgehandeld op of voor het einde van de "
              "termijn, gedeeld door alle informeel of formeel afgehandelde klachten van het jaar.", "procent",
              label="Binnen de termijn", plain="Op tijd afgehandeld"),
    Indicator("K10", "Doorlooptijd (mediaan)", "Kalenderdagen van ontvangst tot afhandeling over de klachten "
              "afgehandeld in het jaar: mediaan, gemiddelde en 90e percentiel (lineair geïnterpoleerd); informeel "
              "en formeel apart.", "dagen", term="Doorlooptijd", trend="Mediane doorlooptijd"),
    Indicator("K11", "Verdelingen", "K1 per afdeling, aard, kanaal en maand, met het aandeel in K1.", "verdeling"),
    Indicator("K14", "Andersoortige klachten", "Aantal en verdeling van de andersoortige klachten ontvangen in het "
              "jaar; nooit opgeteld bij K1.", "aantal"),
]}
