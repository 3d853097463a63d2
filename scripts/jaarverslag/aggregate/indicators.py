"""Indicators K1-K14 per year: pure functions from validated data."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..model.indicators import Change, Indicators, LeadTime, Ratio, YearIndicators, round1
from ..model.schema import Gemeente, Regeling
from ..validate.dataset import Dataset
from ..validate.documents import valid_departments
from ..validate.published import breakdown_base
from .published import breakdown, published_values
from .ratios import handling_ratios

# Counts by group (the year, or a department) or by (group, code), as pandas gives them.
Counts = dict[Hashable, int]


MONTHS = list(range(1, 13))
YEAR = "jaar"  # the one group of the year's figures: every row


def term_end(rows: pd.DataFrame, rules: Regeling) -> pd.Series:
    """Last day of the term of the regulation: 6 weeks, 10 with the committee, +4 weeks when postponed by law."""

    days = np.where(rows["klachtadviescommissie"], rules.termijn_dagen_commissie, rules.termijn_dagen)
    days = days + np.where(rows["verdaagd"], rules.verdaging_dagen, 0)
    return rows["ontvangen_op"] + pd.to_timedelta(days, unit="D")


def _cross(rows: pd.DataFrame, column: str, departments: list[str], keys: list[str]) -> dict[str, dict[str, int]]:
    """Counts of column per department in one groupby (not one filter per department)."""
    counted = rows.groupby(["afdeling", column], sort=False, observed=True).size().to_dict()
    return {d: {k: int(counted.get((d, k), 0)) for k in keys} for d in departments}


class YearRows(NamedTuple):
    """The rows each indicator counts: Awb complaints received, closed and open at 31 December; other complaints."""

    received: pd.DataFrame
    closed: pd.DataFrame
    open_rows: pd.DataFrame
    other: pd.DataFrame


def _year_rows(rows: pd.DataFrame, year: int) -> YearRows:
    """Select the rows each indicator of the year counts, once for the year and all departments."""
    awb = rows[rows["soort"] == "awb"]
    year_end = pd.Timestamp(year=year, month=12, day=31)
    received = awb[awb["ontvangen_op"].dt.year == year]
    closed = awb[awb["afgehandeld_op"].dt.year == year]
    open_rows = awb[
        (awb["ontvangen_op"] <= year_end) & (awb["afgehandeld_op"].isna() | (awb["afgehandeld_op"] > year_end))
    ]
    other = rows[(rows["soort"] == "andersoortig") & (rows["ontvangen_op"].dt.year == year)]
    return YearRows(received, closed, open_rows, other)


def _grouped(
    frames: YearRows, by: str | None, year: int, groups: dict[str, list[str]], gemeente: Gemeente, rules: Regeling
) -> dict[str, Indicators]:
    """The one definition of every register-based indicator, per group of rows: by names the column whose value
    is a row's group (None: every row in the one group YEAR); groups maps each group to the departments its
    breakdown by department lists."""
    informal, formal = (
        gemeente.codes_meaning("afhandeling", "informeel"),
        gemeente.codes_meaning("afhandeling", "formeel"),
    )
    codes = gemeente.codes
    year_end = pd.Timestamp(year=year, month=12, day=31)
    received, closed, open_rows, other = frames
    decided_mask = closed["afhandeling"].isin(informal + formal)
    closed = closed.assign(
        dagen=(closed["afgehandeld_op"] - closed["ontvangen_op"]).dt.days,
        op_tijd=decided_mask & (closed["afgehandeld_op"] <= term_end(closed, rules)),
        beslist=decided_mask,
    )
    received = received.assign(maand=received["ontvangen_op"].dt.month)

    # Counted per group: for the whole year without a groupby, as plain counts over one column are cheaper.
    def size(frame: pd.DataFrame, column: str | None = None) -> Counts:
        if frame.empty:
            return {}
        if by is not None:
            return frame.groupby(by if column is None else [by, column], observed=True).size().to_dict()
        if column is None:
            return {YEAR: len(frame)}
        return {(YEAR, key): count for key, count in frame[column].value_counts(sort=False).items()}

    def total(frame: pd.DataFrame, column: str) -> Counts:
        if frame.empty:
            return {}
        if by is None:
            return {YEAR: int(frame[column].sum())}  # a sum of booleans
        return frame.groupby(by, observed=True)[column].sum().to_dict()

    def lead_times(days: pd.Series, group: pd.Series | None) -> dict[str, LeadTime]:
        if days.empty:
            return {}
        parts = [(YEAR, days)] if group is None else list(days.groupby(group, observed=True))
        return {
            g: LeadTime(len(d), round1(float(d.median())), round1(float(d.mean())), round1(float(d.quantile(0.9))))
            for g, d in parts
            if len(d)
        }

    counts = {key: size(received, key) for key in ("afdeling", "aard", "kanaal", "maand")}
    handling, other_afdeling, other_aard = size(closed, "afhandeling"), size(other, "afdeling"), size(other, "aard")
    verdicts = size(closed[closed["afhandeling"].isin(formal)], "oordeel")
    k1, k2, k3, k14 = size(received), size(closed), size(open_rows), size(other)
    late = size(open_rows[term_end(open_rows, rules) < year_end])
    on_time, decided = total(closed, "op_tijd"), total(closed, "beslist")
    leads = {
        name: lead_times(part["dagen"], None if by is None else part[by])
        for name, part in (
            ("alle", closed),
            ("informeel", closed[closed["afhandeling"].isin(informal)]),
            ("formeel", closed[closed["afhandeling"].isin(formal)]),
        )
    }
    result = {}
    for g, departments in groups.items():

        def get(table: Counts, code: str | int | None = None, g: str = g) -> int:
            return int(table.get(g if code is None else (g, code), 0))

        handled = {h: get(handling, h) for h in gemeente.closed_handlings()}
        verdict = {v: get(verdicts, v) for v in codes("oordeel")}
        result[g] = Indicators(
            year=year,
            source="register",
            k1=get(k1),
            k2=get(k2),
            k3=get(k3),
            k3_late=get(late),
            **handling_ratios(handled, verdict, gemeente),
            k9=Ratio(get(on_time), get(decided)),
            k10={name: leads[name].get(g, LeadTime(0, None, None, None)) for name in ("alle", "informeel", "formeel")},
            per={
                "afdeling": {d: get(counts["afdeling"], d) for d in departments},
                "aard": {a: get(counts["aard"], a) for a in codes("aard")},
                "kanaal": {k: get(counts["kanaal"], k) for k in codes("kanaal")},
                "maand": {f"{m:02d}": get(counts["maand"], m) for m in MONTHS},
            },
            afhandeling=handled,
            oordeel=verdict,
            k14=get(k14),
            k14_per={
                "afdeling": {d: get(other_afdeling, d) for d in departments},
                "aard": {a: get(other_aard, a) for a in codes("aard")},
            },
        )
    return result


def _year_figures(
    frames: YearRows, year: int, departments: list[str], gemeente: Gemeente, rules: Regeling, detail: bool
) -> Indicators:
    """figures_from_rows on the year's selected rows."""
    figures = _grouped(frames, None, year, {YEAR: departments}, gemeente, rules)[YEAR]
    if not detail:
        return figures
    days = (frames.closed["afgehandeld_op"] - frames.closed["ontvangen_op"]).dt.days
    return replace(
        figures,
        lead_days=tuple(np.sort(days.to_numpy(dtype="int64")).tolist()),
        cross={
            "aard": _cross(frames.received, "aard", departments, gemeente.codes("aard")),
            "afhandeling": _cross(frames.closed, "afhandeling", departments, gemeente.closed_handlings()),
        },
    )


def _department_figures(
    frames: YearRows, year: int, departments: list[str], gemeente: Gemeente, rules: Regeling
) -> dict[str, Indicators]:
    """department_figures on the year's selected rows."""
    return _grouped(frames, "afdeling", year, {d: [d] for d in departments}, gemeente, rules)


def figures_from_rows(
    rows: pd.DataFrame, year: int, departments: list[str], gemeente: Gemeente, rules: Regeling, detail: bool = True
) -> Indicators:
    """All register-based indicators of one year; detail=False leaves out cross tables and the lead-day list."""
    return _year_figures(_year_rows(rows, year), year, departments, gemeente, rules, detail)


def department_figures(
    rows: pd.DataFrame, year: int, departments: list[str], gemeente: Gemeente, rules: Regeling
) -> dict[str, Indicators]:
    """figures_from_rows(detail=False) for every department at once: one groupby per measure, not per department."""
    return _department_figures(_year_rows(rows, year), year, departments, gemeente, rules)


def _compact(register: pd.DataFrame) -> pd.DataFrame:
    """Only the columns the indicators use, codes as categoricals: filters and counts then compare small ints."""
    codes = ["soort", "afdeling", "aard", "kanaal", "afhandeling", "oordeel"]
    columns = ["ontvangen_op", "afgehandeld_op", *codes, "verdaagd", "klachtadviescommissie"]
    return register[columns].astype(dict.fromkeys(codes, "category"))


def _relevant(register: pd.DataFrame, year: int) -> pd.Series:
    """Rows that can count in a year: received by its end and not closed before it began."""

    received, closed = register["ontvangen_op"], register["afgehandeld_op"]
    return (received <= pd.Timestamp(year=year, month=12, day=31)) & (
        closed.isna() | (closed >= pd.Timestamp(year=year, month=1, day=1))
    )


def _known(counts: dict[str, int] | None, keys: list[str]) -> dict[str, int] | None:
    """A published breakdown over the full key list (zeros included), or None when it was not registered."""
    return None if counts is None else {key: counts.get(key, 0) for key in keys}


def figures_from_totals(data: Dataset, year: int, departments: list[str]) -> Indicators:
    """The same indicators from a totals file: what was not registered stays None, never 0."""
    g = data.gemeente
    totals = data.years[year].totalen
    assert totals is not None, "figures_from_totals is only called for a year whose source is totals"
    awb, other = totals.awb, totals.andersoortig
    handling = _known(awb.afhandeling, g.closed_handlings())
    verdict = _known(awb.oordeel, g.codes("oordeel"))
    decided = None if handling is None else g.count_meaning("afhandeling", handling, "informeel", "formeel")
    per = {
        key: breakdown(
            getattr(awb, f"per_{key}"), keys, f"per_{key}" in awb.gedeeltelijk, breakdown_base(totals, f"per_{key}")[0]
        )
        for key, keys in (("afdeling", departments), ("aard", g.codes("aard")), ("kanaal", g.codes("kanaal")))
    }
    per["maand"] = None if awb.per_maand is None else {f"{m:02d}": awb.per_maand.get(m, 0) for m in MONTHS}
    other_per = (
        {}
        if other is None
        else {"afdeling": _known(other.per_afdeling, departments), "aard": _known(other.per_aard, g.codes("aard"))}
    )
    return Indicators(
        year=year,
        source="totalen",
        k1=awb.ontvangen,
        k2=awb.afgehandeld,
        k3=awb.open_31_12,
        k3_late=awb.open_31_12_buiten_termijn,
        **handling_ratios(handling, verdict, g),
        k9=None if awb.binnen_termijn is None or decided is None else Ratio(awb.binnen_termijn, decided),
        k10=None,
        per={k: v for k, v in per.items() if v is not None},
        afhandeling=handling,
        oordeel=verdict,
        k14=None if other is None else other.ontvangen,
        k14_per={k: v for k, v in other_per.items() if v is not None},
        published=published_values(totals, g),
        bases={name.removeprefix("per_"): (b.omschrijving, b.aantal) for name, b in sorted(awb.basis.items())},
        partial=frozenset(name.removeprefix("per_") for name in awb.gedeeltelijk),
    )


def aggregate(data: Dataset) -> dict[int, YearIndicators]:
    """Compute the indicators of every year, oldest first."""
    result: dict[int, YearIndicators] = {}
    previous: Indicators | None = None
    register = _compact(data.register)
    for year in sorted(data.years):
        departments = valid_departments(data.gemeente, year)
        rules = data.gemeente.rules(data.years[year].verslag)
        if data.years[year].source == "register":
            frames = _year_rows(register[_relevant(register, year)], year)
            figures = _year_figures(frames, year, departments, data.gemeente, rules, detail=True)
            per_department = _department_figures(frames, year, departments, data.gemeente, rules)
        else:
            figures = figures_from_totals(data, year, departments)
            per_department = {}
        inhabitants = data.gemeente.inwoners.get(year)
        k4 = round1(Decimal(figures.k1 * 1000) / Decimal(inhabitants)) if inhabitants else None
        prev_k1 = previous.k1 if previous is not None and previous.year == year - 1 else None
        result[year] = YearIndicators(figures, inhabitants, k4, Change(figures.k1, prev_k1), per_department)
        previous = figures
    return result
