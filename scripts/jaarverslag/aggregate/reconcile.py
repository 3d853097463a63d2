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
            report.error(source_file(data, year), column=what, expected=f"een som gelijk aan {total_name} ({total})",
                         found=f"som {parts}", hint="De uitsplitsing telt niet op tot het totaal.")

    for year, ind in sorted(indicators.items()):
        f = ind.figures
        for key, counts in sorted(f.per.items()):
            same(year, f"per {key}", sum(counts.values()), f.k1, "K1")
            shares = [Ratio(n, f.k1).procent for n in counts.values()]
            if all(s is not None for s in shares) and counts:
                checks += 1
                total = sum(shares, Decimal(0))
                if abs(total - 100) > Decimal("0.05") * len(shares):
                    report.error(source_file(data, year), column=f"aandelen per {key}",
                                 expected="aandelen die samen 100% zijn (binnen de afronding)", found=f"{total}%")
        # A breakdown that was not registered (a totals year) has nothing to add up.
        if f.afhandeling is not None and f.k2 is not None:
            same(year, "afhandeling", sum(f.afhandeling.values()), f.k2, "K2")
        if f.oordeel is not None:
            formal = data.gemeente.count_meaning("afhandeling", f.afhandeling, "formeel")
            same(year, "oordeel", sum(f.oordeel.values()), formal, "formeel afgehandeld")
        for key, counts in sorted(f.k14_per.items()):
            same(year, f"andersoortig per {key}", sum(counts.values()), f.k14, "K14")
        if f.k6 is not None and f.k6.procent is not None:
            checks += 1
            if f.k6.procent + f.k7.procent != 100:
                report.error(source_file(data, year), column="K6 + K7", expected="100%",
                             found=f"{f.k6.procent + f.k7.procent}%")
        if ind.departments:
            same(year, "K1 van de afdelingen", sum(d.k1 for d in ind.departments.values()), f.k1, "K1")
            same(year, "K2 van de afdelingen", sum(d.k2 for d in ind.departments.values()), f.k2, "K2")
        for kind, matrix in sorted(f.cross.items()):
            column_total = f.k1 if kind == "aard" else f.k2
            same(year, f"afdeling x {kind}", sum(sum(r.values()) for r in matrix.values()), column_total,
                 "K1" if kind == "aard" else "K2")
    return checks
