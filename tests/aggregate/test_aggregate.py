"""Indicators K1-K14 on small registers computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from jaarverslag.aggregate.indicators import figures_from_rows
from jaarverslag.model.indicators import Change, Ratio


def context(departments: list[str]) -> tuple:
    """A gemeente with the base codes and its regulation (the law's terms)."""
    from conftest import base_gemeente

    g = base_gemeente(departments)
    return g, g.rules()


DEPTS = ["a", "b"]


def register(rows: list[tuple]) -> pd.DataFrame:
    """Typed register rows: (id, received, closed, soort, afdeling, aard, handling, oordeel, verdaagd, kac)."""
    records = []
    for i, (rid, rec, clo, soort, afd, aard, how, oordeel, verdaagd, kac) in enumerate(rows):
        records.append(
            {
                "id": rid,
                "jaar": 2020,
                "rij": i + 2,
                "ontvangen_op": pd.Timestamp(rec),
                "afgehandeld_op": pd.Timestamp(clo) if clo else pd.NaT,
                "soort": soort,
                "afdeling": afd,
                "aard": aard,
                "kanaal": "email",
                "afhandeling": how,
                "oordeel": oordeel,
                "verdaagd": verdaagd,
                "klachtadviescommissie": kac,
            }
        )
    frame = pd.DataFrame(records)
    for column in ("ontvangen_op", "afgehandeld_op"):
        frame[column] = frame[column].astype("datetime64[s]")
    return frame


ROWS = [
    # received 2019, closed 2020 (counts in K2 of 2020, not in K1)
    ("r1", "2019-12-20", "2020-01-10", "awb", "a", "bejegening", "informeel_opgelost", "", False, False),
    # informal, on time (10 days)
    ("r2", "2020-01-01", "2020-01-11", "awb", "a", "bejegening", "informeel_opgelost", "", False, False),
    # formal, 50 days, not postponed: late (term 42)
    ("r3", "2020-02-01", "2020-03-22", "awb", "a", "informatie", "formeel_afgehandeld", "gegrond", False, False),
    # formal, 50 days, postponed: on time (term 70)
    ("r4", "2020-02-01", "2020-03-22", "awb", "b", "informatie", "formeel_afgehandeld", "ongegrond", True, False),
    # formal, 80 days with advisory committee: late (term 70); with committee + postponed it would be 98
    ("r5", "2020-03-01", "2020-05-20", "awb", "b", "overig", "formeel_afgehandeld", "deels_gegrond", False, True),
    # formal, 90 days, committee and postponed: on time (term 98)
    ("r6", "2020-03-01", "2020-05-30", "awb", "b", "overig", "formeel_afgehandeld", "geen_oordeel", True, True),
    # forwarded: closed, but not in K6-K9 denominators
    ("r7", "2020-04-01", "2020-04-03", "awb", "a", "overig", "doorgestuurd", "", False, False),
    # received 2020, closed 2021: open on 31-12-2020, within term (received 1 Dec)
    ("r8", "2020-12-01", "2021-01-05", "awb", "a", "bejegening", "informeel_opgelost", "", False, False),
    # still open, received in October: past its 42-day term by 31-12
    ("r9", "2020-10-01", "", "awb", "b", "bejegening", "in_behandeling", "", False, False),
    # andersoortig: never in K1
    ("r10", "2020-05-01", "2020-05-02", "andersoortig", "a", "overig", "informeel_opgelost", "", False, False),
]


def test_counts_k1_k2_k3_k14():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    assert f.k1 == 8  # r2..r9
    assert f.k2 == 7  # r1..r7 closed in 2020
    assert f.k3 == 2  # r8 (closed 2021) and r9 (open)
    assert f.k3_late == 1  # r9 only
    assert f.k14 == 1


def test_breakdowns_add_up_to_k1():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    for key in ("afdeling", "aard", "kanaal", "maand"):
        assert sum(f.per[key].values()) == f.k1
    assert f.per["afdeling"] == {"a": 4, "b": 4}
    assert f.per["maand"]["02"] == 2 and f.per["maand"]["12"] == 1


def test_informal_formal_and_founded():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    assert (f.k6.teller, f.k6.noemer) == (2, 6)  # r1, r2 informal; r3-r6 formal
    assert (f.k7.teller, f.k7.noemer) == (4, 6)
    assert f.k6.procent is None and f.k7.procent is None  # denominator under 10
    assert (f.k8.teller, f.k8.noemer) == (2, 3)  # gegrond + deels / + ongegrond
    assert f.geen_oordeel == 1


def test_timeliness_with_postponement_and_committee():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    # on time: r1 (21 d), r2 (10 d), r4 (50 d, postponed), r6 (90 d, committee + postponed)
    assert (f.k9.teller, f.k9.noemer) == (4, 6)


def test_lead_times():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    # closed in 2020: r1 21, r2 10, r3 50, r4 50, r5 80, r6 90, r7 2 days
    assert f.lead_days == (2, 10, 21, 50, 50, 80, 90)
    assert f.k10["alle"].mediaan == Decimal("50.0")
    assert f.k10["alle"].gemiddeld == Decimal("43.3")  # 303 / 7
    assert f.k10["alle"].p90 == Decimal("84.0")  # numpy linear: 80 + 0.4 * 10
    assert f.k10["informeel"].mediaan == Decimal("15.5")
    assert f.k10["formeel"].mediaan == Decimal("65.0")


def test_percentage_from_ten_rows_and_rounding():
    rows = [
        (
            f"x{i}",
            "2020-01-01",
            "2020-01-05",
            "awb",
            "a",
            "overig",
            "informeel_opgelost" if i < 2 else "formeel_afgehandeld",
            "" if i < 2 else "ongegrond",
            False,
            False,
        )
        for i in range(12)
    ]
    f = figures_from_rows(register(rows), 2020, DEPTS, *context(DEPTS))
    assert f.k6.procent == Decimal("16.7")  # 2/12, half up
    assert f.k7.procent == Decimal("83.3")  # 100 - K6
    assert f.k6.procent + f.k7.procent == 100


def test_change_and_small_denominator():
    assert Change(110, 100).ratio.procent == Decimal("10.0")
    assert Change(110, 100).absoluut == 10
    assert Change(5, None).ratio is None and Change(5, None).absoluut is None
    assert Change(12, 8).ratio.procent is None  # previous year under 10: no percentage
    assert Ratio(1, 8).procent is None and Ratio(5, 10).procent == Decimal("50.0")


def test_cross_tables():
    f = figures_from_rows(register(ROWS), 2020, DEPTS, *context(DEPTS))
    assert f.cross["aard"]["a"]["bejegening"] == 2  # r2, r8
    assert sum(sum(v.values()) for v in f.cross["aard"].values()) == f.k1


def test_department_figures_equal_one_department_at_a_time():
    """Grouped by department (one groupby per measure) and the whole-year path on one department's rows agree."""
    from conftest import EXAMPLE
    from jaarverslag.aggregate.indicators import _compact, _relevant, department_figures
    from jaarverslag.load.raw import load_data
    from jaarverslag.model.problems import Report
    from jaarverslag.validate.dataset import validate
    from jaarverslag.validate.documents import valid_departments

    report = Report()
    data = validate(load_data(EXAMPLE, report), report)
    register = _compact(data.register)
    for year in (2019, 2020):
        rows = register[_relevant(register, year)]
        departments = valid_departments(data.gemeente, year)
        together = department_figures(rows, year, departments, data.gemeente, data.gemeente.rules())
        for department in departments:
            alone = figures_from_rows(
                rows[rows["afdeling"] == department],
                year,
                [department],
                data.gemeente,
                data.gemeente.rules(),
                detail=False,
            )
            assert together[department] == alone, (year, department)


def test_department_figures_on_hand_computed_rows():
    from jaarverslag.aggregate.indicators import _compact, department_figures

    rows = _compact(register(ROWS))
    together = department_figures(rows, 2020, DEPTS, *context(DEPTS))
    for department in DEPTS:
        alone = figures_from_rows(
            rows[rows["afdeling"] == department], 2020, [department], *context([department]), detail=False
        )
        assert together[department] == alone, department
    assert together["b"].k3_late == 1 and together["a"].k3 == 1
