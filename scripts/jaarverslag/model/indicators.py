"""The indicator types every stage after aggregation shares: ratios, changes, lead times, a year's indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .codes import MIN_DENOMINATOR
from .published import Published

ONE_DECIMAL = Decimal("0.1")


def round1(value: float | Decimal) -> Decimal:
    """Round half up to one decimal, the way a reader rounds by hand."""
    return Decimal(str(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ratio:
    """A percentage that always travels with its numerator and denominator."""

    teller: int
    noemer: int
    fixed: Decimal | None = None  # set where the definition derives it (K7 = 100 - K6)
    # The denominator in words ("informeel of formeel afgehandelde klachten"), set where a page shows it.
    base: str = field(default="", compare=False)

    @property
    def procent(self) -> Decimal | None:
        """The percentage with one decimal, or None when the denominator is under 10."""
        if self.noemer < MIN_DENOMINATOR:
            return None
        if self.fixed is not None:
            return self.fixed
        return (Decimal(100 * self.teller) / Decimal(self.noemer)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class Change:
    """K1 against the year before: absolute and relative."""

    current: int
    previous: int | None

    @property
    def absoluut(self) -> int | None:
        """Difference in complaints, or None without a previous year."""
        return None if self.previous is None else self.current - self.previous

    @property
    def ratio(self) -> Ratio | None:
        """The change as a ratio of the previous year's count."""
        return None if self.previous is None else Ratio(self.current - self.previous, self.previous)


@dataclass(frozen=True)
class LeadTime:
    """Lead time in calendar days over closed complaints."""

    n: int
    mediaan: Decimal | None
    gemiddeld: Decimal | None
    p90: Decimal | None


@dataclass(frozen=True)
class Indicators:
    """Every indicator of one year (for the municipality or one department)."""

    year: int
    source: str  # "register" or "totalen"
    k1: int
    # From a totals file, whatever was not registered is None (k2, k3, k6-k9, k14) or an absent
    # key of `per`/`k14_per`; a register gives all of them.
    k2: int | None
    k3: int | None
    k3_late: int | None
    k6: Ratio | None
    k7: Ratio | None
    k8: Ratio | None
    geen_oordeel: int | None
    k9: Ratio | None
    k10: dict[str, LeadTime] | None  # alle, informeel, formeel
    per: dict[str, dict[str, int]]  # K11: afdeling, aard, kanaal, maand (month as "01".."12"), when known
    afhandeling: dict[str, int] | None  # closed in Y, by handling code
    oordeel: dict[str, int] | None  # by verdict code
    k14: int | None
    k14_per: dict[str, dict[str, int]]
    lead_days: tuple[int, ...] = ()  # sorted, for the histogram
    cross: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # afdeling x aard/afhandeling
    # The hidden cells of each cross table and their mark (aggregate/disclosure.py): kind -> afdeling -> code.
    hidden: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    # Figures a totals year gives as published (a share, an average, words), by code: shown, never recomputed.
    published: dict[str, Published] = field(default_factory=dict)
    # The base of a breakdown of `per` that does not count the received complaints: key -> (what, how many).
    bases: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    partial: frozenset[str] = frozenset()  # keys of `per` that name only some categories

    def base_of(self, key: str) -> tuple[str, int]:
        """What a breakdown of `per` counts and how many: the received complaints (K1), or its own base."""
        what, count = self.bases.get(key, ("ontvangen klachten", self.k1))
        return what, count if count is not None else sum(self.per.get(key, {}).values())

    def shown(self, code: str) -> Published | None:
        """The published value of a code this year, or None."""
        return self.published.get(code)


@dataclass(frozen=True)
class YearIndicators:
    """The municipality's figures of one year plus the year-relative ones (K4, K5)."""

    figures: Indicators
    inhabitants: int | None
    k4: Decimal | None
    k5: Change
    departments: dict[str, Indicators]
