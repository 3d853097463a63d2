"""Checks of the published figures and the partial breakdowns of totalen.yaml."""

from __future__ import annotations

from ..load.yaml_doc import YamlDoc
from ..model.problems import Report, nearest_hint, shown
from ..model.published import PUBLISHABLE, REST
from ..model.schema import Gemeente
from ..model.totalen import Totalen


def check_reserved(doc: YamlDoc, gemeente: Gemeente, report: Report) -> None:
    """The rest of a partial breakdown has a code of its own that no list or department may take."""
    lists = {
        **{kind: list(labels) for kind, labels in gemeente.labels.items()},
        "afdelingen": list(gemeente.afdelingen),
    }
    for kind, codes in sorted(lists.items()):
        if REST in codes:
            where = ("labels", kind, REST) if kind != "afdelingen" else ("afdelingen", REST)
            report.error(
                doc.file,
                doc.line(where),
                ".".join(where),
                "een andere code",
                REST,
                f"{REST} is gereserveerd voor de rest van een gedeeltelijke uitsplitsing; kies een andere code.",
            )


def computed_codes(totalen: Totalen) -> set[str]:
    """The catalogue codes a totals file already gives as counts: a published value beside one would be a second
    number for the same measure."""
    awb, found = totalen.awb, set()
    if awb.afgehandeld is not None:
        found.add("K2")
    if awb.open_31_12 is not None:
        found.add("K3")
    if awb.afhandeling is not None:
        found |= {"K6", "K7"} | ({"K8"} if awb.oordeel is not None else set())
        if awb.binnen_termijn is not None:
            found.add("K9")
    if totalen.andersoortig is not None:
        found.add("K14")
    return found


def check_published(doc: YamlDoc, totalen: Totalen, gemeente: Gemeente, report: Report) -> None:
    """Each published figure names a known code in its own unit, and never a figure the counts already give."""
    own = gemeente.eigen_indicatoren
    counted = computed_codes(totalen)
    for code, item in sorted(totalen.gepubliceerd.items()):
        where = ("gepubliceerd", code)
        if code not in PUBLISHABLE and code not in own:
            report.error(
                doc.file,
                doc.line(where),
                f"gepubliceerd.{code}",
                "een K-code die gepubliceerd mag zijn of een eigen indicator uit gemeente.yaml (eigen_indicatoren)",
                shown(code),
                nearest_hint(code, sorted(PUBLISHABLE) + sorted(own)),
            )
            continue
        unit = PUBLISHABLE[code] if code in PUBLISHABLE else own[code].eenheid
        if item.waarde < 0 and not code.startswith("K5"):
            report.error(
                doc.file, doc.line((*where, "waarde")), f"gepubliceerd.{code}.waarde", "0 of meer", str(item.waarde)
            )
        if item.eenheid is not None and item.eenheid != unit:
            report.error(
                doc.file,
                doc.line((*where, "eenheid")),
                f"gepubliceerd.{code}.eenheid",
                f"de eenheid van {code}: {unit}",
                item.eenheid,
            )
        if code in counted:
            report.error(
                doc.file,
                doc.line(where),
                f"gepubliceerd.{code}",
                f"{code} als aantallen of als gepubliceerd cijfer, niet allebei",
                "allebei",
                "Laat het gepubliceerde cijfer weg als de aantallen bekend zijn: de site rekent dan zelf.",
            )


def check_published_changes(
    docs: dict[int, YamlDoc], totals: dict[int, Totalen], years: set[int], report: Report
) -> None:
    """A published change (K5) only for a year whose previous year is not in data/: else the site computes it."""
    for year, totalen in sorted(totals.items()):
        for code in sorted(c for c in totalen.gepubliceerd if c.startswith("K5") and year - 1 in years):
            report.error(
                docs[year].file,
                docs[year].line(("gepubliceerd", code)),
                f"gepubliceerd.{code}",
                f"geen gepubliceerde verandering: {year - 1} staat ook in data/",
                shown(code),
                f"De site berekent de verandering zelf uit {year - 1} en {year}; laat gepubliceerd.{code} weg.",
            )


def breakdown_base(totalen: Totalen, name: str) -> tuple[int | None, str]:
    """What a breakdown of awb adds up to and its name: the received complaints, or the base totalen.yaml names."""
    base = totalen.awb.basis.get(name)  # type: ignore[call-overload]  # any other name has no base
    if base is None:
        return totalen.awb.ontvangen, "ontvangen"
    return base.aantal, f"basis.{name}.aantal"


def check_partial(doc: YamlDoc, totalen: Totalen, report: Report) -> set[str]:
    """A partial breakdown may fall short of its base, never exceed it; returns the breakdowns it checked."""
    awb, done = totalen.awb, set[str]()
    for name in sorted(set(awb.gedeeltelijk) | set(awb.basis)):
        counts: dict[str, int] | None = getattr(awb, name)
        done.add(name)
        if counts is None:
            report.error(
                doc.file,
                doc.line(("awb", "gedeeltelijk" if name in awb.gedeeltelijk else "basis")),
                f"awb.{name}",
                f"de uitsplitsing awb.{name}",
                "niet ingevuld",
                f"Vul awb.{name} in, of haal {name} weg uit gedeeltelijk en basis.",
            )
            continue
        total, total_name = breakdown_base(totalen, name)
        if total is None:
            continue  # a base without a published count: there is nothing to add up to
        parts = sum(counts.values())
        partial = name in awb.gedeeltelijk
        if parts > total or (not partial and parts != total):
            report.error(
                doc.file,
                doc.line(("awb", name)),
                f"awb.{name}",
                f"een som van hoogstens {total_name} ({total})" if partial else f"een som gelijk aan {total_name}",
                f"som {parts}",
                "Een uitsplitsing kan niet meer klachten noemen dan er zijn."
                if partial
                else "Noemt de bron maar een deel? Zet de uitsplitsing dan onder gedeeltelijk.",
            )
    return done
