"""Alt text of a figure, written from its data: kind, measure, period, highest and lowest, change."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .. import comparisons as cmp
from ..formatting import aantal, getal
from .bundle import KINDS


def describe(
    kind: str,
    measure: str,
    period: str,
    pairs: Sequence[tuple[str, float | Decimal | None]],
    unit: str = "klachten",
    change: str = "",
    lower: bool = False,
) -> str:
    """Alt text from the data: kind, measure, period, largest and smallest, and a change (from the comparison layer).

    `lower` writes code labels (natures) in lower case, as they stand mid-sentence; department names keep theirs."""
    parts = [f"{KINDS[kind]} van {measure}, {period}."]
    pairs = [(label.lower(), v) for label, v in pairs] if lower else pairs
    values = [v for _, v in pairs if v is not None]
    if values and max(values) > 0:
        high = max(pairs, key=lambda p: p[1] if p[1] is not None else -1)
        low = min(pairs, key=lambda p: p[1] if p[1] is not None else float("inf"))
        parts.append(f"Het hoogst: {high[0]} met {_count(high[1], unit)}.")
        if low[0] != high[0]:
            parts.append(f"Het laagst: {low[0]} met {_count(low[1], unit)}.")
    elif values:
        parts.append(f"Overal 0 {unit}.")
    if change:
        parts.append(change)
    parts.append("De cijfers staan in de tabel bij de figuur.")
    return " ".join(parts)


def _count(v: float | Decimal | None, unit: str) -> str:
    """A number with its unit: complaints with the right noun form (1 klacht), days and percentages as printed."""
    if unit in ("procent", "dagen"):
        return str(cmp.value(Decimal(str(v)), unit))
    if unit == "klachten" and isinstance(v, (int, Decimal)) and v == int(v):
        return str(aantal(int(v), "klacht"))
    return f"{getal(v)} {unit}"
