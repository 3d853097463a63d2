"""Property-based tests: small-count suppression and the indicators on random typed registers."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pinning import fixed_columns
from jaarverslag.aggregate.indicators import figures_from_rows


def context(departments: list[str]) -> tuple:
    """A gemeente with the base codes and its regulation (the law's terms)."""
    from conftest import base_gemeente
    g = base_gemeente(departments)
    return g, g.rules()
from jaarverslag.model.schema import CODES, SMALL_COUNT
from jaarverslag.render.tables import suppress

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEPARTMENTS = ["belastingen", "burgerzaken", "parkeren", "vergunningen"]
YEAR = 2020

matrices = st.integers(1, 5).flatmap(lambda n_rows: st.integers(1, 5).flatmap(
    lambda n_cols: st.lists(st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40)),
                                     min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows)))


def _as_dict(rows: list[list[int]]) -> dict[str, dict[str, int]]:
    """A list matrix as the dict shape suppress() takes."""
    return {f"r{i}": {f"c{j}": v for j, v in enumerate(row)} for i, row in enumerate(rows)}


def _lines(matrix: dict) -> list[list[tuple[str, str]]]:
    """Rows and columns of more than one cell (a one-cell line has no separate total)."""
    rows = sorted(matrix)
    cols = sorted({c for cells in matrix.values() for c in cells})
    lines = [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]
    return [line for line in lines if len(line) > 1]


def _pinned(matrix: dict, result: dict) -> list[tuple[str, str]]:
    """Hidden cells that the visible cells and the row and column totals fix, by exact elimination.

    Independent of tables.suppress (which looks for bridges in a graph): exact elimination.
    """
    hidden = sorted((r, c) for r in result for c in result[r] if result[r][c] is None)
    fixed = fixed_columns([[1 if rc in line else 0 for rc in hidden] for line in _lines(matrix)
                           if any(rc in line for rc in hidden)])
    return [rc for i, rc in enumerate(hidden) if i in fixed]


def test_pinned_finds_a_bridge():
    """The independent check does find a cell that the totals fix (so the property above can fail)."""
    matrix = {"a": {"x": 3, "y": 10}, "b": {"x": 8, "y": 12}}
    only_one = {"a": {"x": None, "y": 10}, "b": {"x": 8, "y": 12}}
    assert _pinned(matrix, only_one) == [("a", "x")]
    bridge = {"a": {"x": None, "y": None}, "b": {"x": None, "y": 12}}  # row b fixes b.x
    assert ("b", "x") in _pinned(matrix, bridge)
    assert _pinned(matrix, {"a": {"x": None, "y": None}, "b": {"x": None, "y": None}}) == []


def test_suppress_example():
    """A hand-checked table: the 3 is hidden, and so are the cells that would give it away."""
    result = suppress({"a": {"x": 3, "y": 10, "z": 20}, "b": {"x": 8, "y": 12, "z": 30}})
    assert result == {"a": {"x": None, "y": None, "z": 20}, "b": {"x": None, "y": None, "z": 30}}


def test_suppress_leaves_a_safe_table_alone():
    """No small counts: nothing hidden."""
    table = {"a": {"x": 0, "y": 10}, "b": {"x": 5, "y": 7}}
    assert suppress(table) == table


@FAST
@given(matrices)
def test_suppress_protects_every_small_cell(rows):
    """Small cells are hidden, visible cells keep their value, no line has one lonely hidden cell,
    and no hidden cell can be worked back from the totals."""
    matrix = _as_dict(rows)
    result = suppress(matrix)
    for r, cells in matrix.items():
        for c, v in cells.items():
            if 0 < v < SMALL_COUNT:
                assert result[r][c] is None
            elif result[r][c] is not None:
                assert result[r][c] == v
    for line in _lines(matrix):
        hidden = [rc for rc in line if result[rc[0]][rc[1]] is None]
        assert len(hidden) != 1, (line, result)
    if len(matrix) > 1 and len(next(iter(matrix.values()))) > 1:
        assert _pinned(matrix, result) == []


def _register(rows: list[tuple]) -> pd.DataFrame:
    """A typed register frame as validate() hands it on."""
    frame = pd.DataFrame(rows, columns=["soort", "afdeling", "aard", "kanaal", "afhandeling", "oordeel",
                                        "received", "days", "verdaagd", "klachtadviescommissie"])
    received = pd.Timestamp(YEAR - 1, 11, 1) + pd.to_timedelta(frame["received"], unit="D")
    closed = received + pd.to_timedelta(frame["days"], unit="D")
    closed[frame["afhandeling"] == "in_behandeling"] = pd.NaT
    return pd.DataFrame({
        "id": [f"K{i}" for i in range(len(frame))], "jaar": YEAR, "rij": range(2, len(frame) + 2),
        "ontvangen_op": received.astype("datetime64[s]"), "afgehandeld_op": closed.astype("datetime64[s]"),
        "soort": frame["soort"], "afdeling": frame["afdeling"], "aard": frame["aard"],
        "kanaal": frame["kanaal"], "afhandeling": frame["afhandeling"],
        "oordeel": frame["oordeel"].where(frame["afhandeling"] == "formeel_afgehandeld", ""),
        "verdaagd": frame["verdaagd"], "klachtadviescommissie": frame["klachtadviescommissie"]})


register_rows = st.lists(st.tuples(
    st.sampled_from(CODES["soort"]), st.sampled_from(DEPARTMENTS), st.sampled_from(CODES["aard"]),
    st.sampled_from(CODES["kanaal"]), st.sampled_from(CODES["afhandeling"]), st.sampled_from(CODES["oordeel"]),
    st.integers(0, 420), st.integers(0, 150), st.booleans(), st.booleans()), max_size=60)


@FAST
@given(register_rows, st.randoms(use_true_random=False))
def test_indicators_hold_together(rows, random):
    """Breakdowns add up to K1, K6 + K7 = 100, K9's numerator within its denominator, row order irrelevant."""
    register = _register(rows)
    figures = figures_from_rows(register, YEAR, DEPARTMENTS, *context(DEPARTMENTS))
    for key in ("afdeling", "aard", "kanaal", "maand"):
        assert sum(figures.per[key].values()) == figures.k1, key
    assert sum(figures.k14_per["afdeling"].values()) == figures.k14
    assert sum(figures.afhandeling.values()) == figures.k2
    if figures.k6.procent is not None:
        assert figures.k6.procent + figures.k7.procent == 100
    assert figures.k6.noemer == figures.k7.noemer and figures.k6.teller + figures.k7.teller == figures.k6.noemer
    assert 0 <= figures.k9.teller <= figures.k9.noemer
    assert 0 <= figures.k8.teller <= figures.k8.noemer
    order = list(register.index)
    random.shuffle(order)
    assert figures_from_rows(register.loc[order].reset_index(drop=True), YEAR, DEPARTMENTS, *context(DEPARTMENTS)) == figures
