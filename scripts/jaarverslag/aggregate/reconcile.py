"""Reconciliation: prove at build time that every breakdown adds up to its total."""

from __future__ import annotations

from decimal import Decimal

from ..model.indicators import Ratio, YearIndicators
from ..model.problems import Report
from ..validate.dataset import Dataset


def source_file(data: Dataset, year: int) -> str:
    """The file a year's figures come from, for the message."""
    kind = data.years[year].source
    return f"data/{year}/klachten.csv" if kind == "register" else f"data/{year}/totalen.yaml"


def reconcile(data: Dataset, indicators: dict[int, YearIndicators], report: Report) -> int:
    """Check totals against their parts for every year; returns the number of checks made."""
    checks = 0

    def same(year: int, what: str, parts: int, total: int, total_name: str) -> None:
        nonlocal checks
        checks += 1
        if parts != total:
            report.error(
                source_file(data, year),
                column=what,
                expected=f"een som gelijk aan {total_name} ({total})",
                found=f"som {parts}",
                hint="De uitsplitsing telt niet op tot het totaal.",
            )

    for year, ind in sorted(indicators.items()):
        f = ind.figures
        for key, counts in sorted(f.per.items()):
            # A breakdown over another base adds up to that base, when the source gave its count.
            what, base = f.bases.get(key, ("K1", f.k1))
            if base is None:
                continue
            same(year, f"per {key}", sum(counts.values()), base, what)
            shares = [share for n in counts.values() if (share := Ratio(n, base).procent) is not None]
            if len(shares) == len(counts) and counts:
                checks += 1
                total = sum(shares, Decimal(0))
                if abs(total - 100) > Decimal("0.05") * len(shares):
                    report.error(
                        source_file(data, year),
                        column=f"aandelen per {key}",
                        expected="aandelen die samen 100% zijn (binnen de afronding)",
                        found=f"{total}%",
                    )
        # A breakdown that was not registered (a totals year) has nothing to add up.
        if f.afhandeling is not None and f.k2 is not None:
            same(year, "afhandeling", sum(f.afhandeling.values()), f.k2, "K2")
        if f.oordeel is not None and f.afhandeling is not None:
            formal = data.gemeente.count_meaning("afhandeling", f.afhandeling, "formeel")
            same(year, "oordeel", sum(f.oordeel.values()), formal, "formeel afgehandeld")
        for key, counts in sorted(f.k14_per.items()):
            if f.k14 is None:
                break
            same(year, f"andersoortig per {key}", sum(counts.values()), f.k14, "K14")
        informal = f.k6.procent if f.k6 is not None else None
        formal_share = f.k7.procent if f.k7 is not None else None
        if informal is not None:
            checks += 1
            if formal_share is None or informal + formal_share != 100:
                report.error(
                    source_file(data, year), column="K6 + K7", expected="100%", found=f"{informal}% + {formal_share}%"
                )
        if ind.departments:
            same(year, "K1 van de afdelingen", sum(d.k1 for d in ind.departments.values()), f.k1, "K1")
            closed = [d.k2 for d in ind.departments.values() if d.k2 is not None]
            if f.k2 is not None and len(closed) == len(ind.departments):
                same(year, "K2 van de afdelingen", sum(closed), f.k2, "K2")
        for kind, matrix in sorted(f.cross.items()):
            column_total = f.k1 if kind == "aard" else f.k2
            if column_total is None:
                continue
            same(
                year,
                f"afdeling x {kind}",
                sum(sum(r.values()) for r in matrix.values()),
                column_total,
                "K1" if kind == "aard" else "K2",
            )
    return checks
