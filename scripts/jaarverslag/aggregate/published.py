"""Published figures and partial breakdowns of a totals year, as the later stages read them."""

from __future__ import annotations

from decimal import Decimal

from ..model.indicator_catalogue import CATALOGUE
from ..model.published import PUBLISHABLE, REST, Published
from ..model.schema import Gemeente
from ..model.totalen import Totalen


def published_name(code: str, gemeente: Gemeente) -> str:
    """How the site names a published figure: the catalogue's name, or the gemeente's own."""
    if code in gemeente.eigen_indicatoren:
        return gemeente.eigen_indicatoren[code].naam
    base, _, part = code.partition("_")
    name = CATALOGUE[base].term if part else CATALOGUE[base].name  # K10's name says mediaan; its term does not
    return {"gemiddeld": f"{name}, gemiddeld", "mediaan": f"{name}, mediaan", "absoluut": f"{name} (aantal)"}.get(
        part, name
    )


def published_values(totalen: Totalen, gemeente: Gemeente) -> dict[str, Published]:
    """Every published figure of a totals year, by code, with its unit and name filled in."""
    found = {}
    for code, item in sorted(totalen.gepubliceerd.items()):
        own = gemeente.eigen_indicatoren.get(code)
        found[code] = Published(
            code=code,
            name=published_name(code, gemeente),
            # Through str: 91.5 stays 91.5 and never becomes a binary fraction; 91 stays 91, not 91.0.
            waarde=Decimal(int(item.waarde)) if item.waarde.is_integer() else Decimal(str(item.waarde)),
            unit=own.eenheid if own is not None else PUBLISHABLE[code],
            bewoording=item.bewoording,
            tekst=item.tekst,
            basis=item.basis,
            bron=item.bron,
            definitie=own.definitie if own is not None else "",
        )
    return found


def breakdown(counts: dict[str, int] | None, keys: list[str], partial: bool, base: int | None) -> dict[str, int] | None:
    """A published breakdown: complete over every key (zeros included), or partial with only the categories it
    names (the others are not known that year) and the remainder under REST when the base is known."""
    if counts is None:
        return None
    if not partial:
        return {key: counts.get(key, 0) for key in keys}
    named = {key: counts[key] for key in keys if key in counts}
    rest = None if base is None else base - sum(named.values())
    return named | ({REST: rest} if rest else {})
