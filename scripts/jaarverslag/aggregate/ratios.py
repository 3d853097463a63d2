"""K6, K7 and K8 from counts by meaning: one definition for register years, departments and totals years."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from ..model.indicators import Ratio
from ..model.schema import Gemeente


class HandlingRatios(TypedDict):
    """K6, K7, K8 and the formal complaints without a verdict, as fields of Indicators."""

    k6: Ratio | None
    k7: Ratio | None
    k8: Ratio | None
    geen_oordeel: int | None


def handling_ratios(
    handling: dict[str, int] | None, verdict: dict[str, int] | None, gemeente: Gemeente
) -> HandlingRatios:
    """K6, K7 and K8 (with geen_oordeel) from handling and verdict counts by meaning; None where not registered."""
    if handling is None:
        return {"k6": None, "k7": None, "k8": None, "geen_oordeel": None}
    total = gemeente.count_meaning
    informal, formal = total("afhandeling", handling, "informeel"), total("afhandeling", handling, "formeel")
    k6 = Ratio(informal, informal + formal)
    k7 = Ratio(formal, informal + formal, None if k6.procent is None else Decimal(100) - k6.procent)
    if verdict is None:
        return {"k6": k6, "k7": k7, "k8": None, "geen_oordeel": None}
    founded = total("oordeel", verdict, "gegrond", "deels_gegrond")
    return {
        "k6": k6,
        "k7": k7,
        "k8": Ratio(founded, founded + total("oordeel", verdict, "ongegrond")),
        "geen_oordeel": total("oordeel", verdict, "geen_oordeel"),
    }
