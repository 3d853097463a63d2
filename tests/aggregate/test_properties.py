"""Property-based tests: small-count protection and the indicators on random typed registers."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attacker import Published, narrowed
from jaarverslag.aggregate.disclosure import PRIMARY, SECONDARY, Unprotectable, protect
from jaarverslag.aggregate.indicators import figures_from_rows
from jaarverslag.model.codes import CODES, SMALL_COUNT
from pinning import fixed_columns


def context(departments: list[str]) -> tuple:
    """A gemeente with the base codes and its regulation (the law's terms)."""
    from conftest import base_gemeente

    g = base_gemeente(departments)
    return g, g.rules()


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEPARTMENTS = ["belastingen", "burgerzaken", "parkeren", "vergunningen"]
YEAR = 2020

matrices = st.integers(2, 6).flatmap(
    lambda n_rows: st.integers(2, 6).flatmap(
        lambda n_cols: st.lists(
            st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40)), min_size=n_cols, max_size=n_cols),
            min_size=n_rows,
            max_size=n_rows,
        )
    )
)


def _as_dict(rows: list[list[int]]) -> dict[str, dict[str, int]]:
    """A list matrix as the dict shape protect() takes."""
    return {f"r{i}": {f"c{j}": v for j, v in enumerate(row)} for i, row in enumerate(rows)}


def _lines(matrix: dict) -> list[list[tuple[str, str]]]:
    """Rows and columns: every one has a published total."""
    rows = sorted(matrix)
    cols = sorted({c for cells in matrix.values() for c in cells})
    return [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]


def _pinned(matrix: dict, hidden: set) -> list[tuple[str, str]]:
    """Hidden cells that the visible cells and the row and column totals fix, by exact elimination."""
    hidden = sorted(hidden)
    fixed = fixed_columns(
        [[1 if rc in line else 0 for rc in hidden] for line in _lines(matrix) if any(rc in line for rc in hidden)]
    )
    return [rc for i, rc in enumerate(hidden) if i in fixed]


def _published(matrix: dict, marks: dict) -> Published:
    """What the site would show of one table, as the reader of tests/attacker.py reads it."""
    pub = Published()
    for r, cells in matrix.items():
        for c, v in cells.items():
            pub.cell((YEAR, "aard", r, c), {PRIMARY: "< 5", SECONDARY: "×"}.get(marks.get((r, c)), str(v)))
    for line in _lines(matrix):
        pub.total([(YEAR, "aard", r, c) for r, c in line], sum(matrix[r][c] for r, c in line))
    return pub


def test_pinned_finds_a_bridge():
    """The independent check does find a cell that the totals fix (so the property below can fail)."""
    matrix = {"a": {"x": 3, "y": 10}, "b": {"x": 8, "y": 12}}
    assert _pinned(matrix, {("a", "x")}) == [("a", "x")]
    assert ("b", "x") in _pinned(matrix, {("a", "x"), ("a", "y"), ("b", "x")})  # row b fixes b.x
    assert _pinned(matrix, {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")}) == []


def test_protect_example():
    """A hand-checked table: the 3 is hidden, and the smallest cells that close a cycle around it."""
    matrix = {"a": {"x": 3, "y": 10, "z": 20}, "b": {"x": 8, "y": 12, "z": 30}}
    # a.x in 1..4 moves with a.y, b.x and b.y around one cycle: a.x + t, a.y - t, b.x - t, b.y + t.
    assert protect(matrix) == {("a", "x"): PRIMARY, ("a", "y"): SECONDARY, ("b", "x"): SECONDARY, ("b", "y"): SECONDARY}


def test_protect_leaves_a_safe_table_alone():
    """No small counts: nothing hidden."""
    assert protect({"a": {"x": 0, "y": 10}, "b": {"x": 5, "y": 7}}) == {}


def test_a_line_of_ones_is_marked_whole():
    """A column of 1 + 1 + 1 with total 3: "< 5" would pin every one to 1, so the column shows "×"."""
    matrix = {"a": {"x": 1, "y": 20, "z": 30}, "b": {"x": 1, "y": 25, "z": 11}, "c": {"x": 1, "y": 9, "z": 14}}
    marks = protect(matrix)
    assert {cell for cell, mark in marks.items() if cell[1] == "x"} == {("a", "x"), ("b", "x"), ("c", "x")}
    assert all(marks[(r, "x")] == SECONDARY for r in "abc")
    assert narrowed(_published(matrix, marks)) == {}


@FAST
@given(matrices)
def test_protect_keeps_every_hidden_cell_open(rows):
    """Small cells are hidden, "< 5" only on 1 to 4, and the reader's LP audit and exact elimination
    (both independent of protect) find no hidden cell with fewer than three possible values (or fewer
    than the totals alone leave). When protect gives up, not even hiding every cell as "×" would help."""
    matrix = _as_dict(rows)
    try:
        marks = protect(matrix)
    except Unprotectable as stuck:
        everything = {(r, c): SECONDARY for r, cells in matrix.items() for c in cells}
        assert (YEAR, "aard", *stuck.cell) in narrowed(_published(matrix, everything))
        return
    for r, cells in matrix.items():
        for c, v in cells.items():
            if 0 < v < SMALL_COUNT:
                assert (r, c) in marks
            if marks.get((r, c)) == PRIMARY:
                assert 0 < v < SMALL_COUNT
    left = narrowed(_published(matrix, marks))
    assert {k: v for k, v in left.items() if len(v) < _allowed(matrix, k[2:])} == {}
    if all(_allowed(matrix, cell) == 3 for cell in marks):
        assert _pinned(matrix, set(marks)) == []


def _allowed(matrix: dict, cell: tuple[str, str]) -> int:
    """Three, or as many values as the row and column totals alone leave (a two-way table's bounds)."""
    row, column = sum(matrix[cell[0]].values()), sum(cells[cell[1]] for cells in matrix.values())
    grand = sum(sum(cells.values()) for cells in matrix.values())
    return min(3, min(row, column) - max(0, row + column - grand) + 1)


def _register(rows: list[tuple]) -> pd.DataFrame:
    """A typed register frame as validate() hands it on."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "soort",
            "afdeling",
            "aard",
            "kanaal",
            "afhandeling",
            "oordeel",
            "received",
            "days",
            "verdaagd",
            "klachtadviescommissie",
        ],
    )
    received = pd.Timestamp(YEAR - 1, 11, 1) + pd.to_timedelta(frame["received"], unit="D")
    closed = received + pd.to_timedelta(frame["days"], unit="D")
    closed[frame["afhandeling"] == "in_behandeling"] = pd.NaT
    return pd.DataFrame(
        {
            "id": [f"K{i}" for i in range(len(frame))],
            "jaar": YEAR,
            "rij": range(2, len(frame) + 2),
            "ontvangen_op": received.astype("datetime64[s]"),
            "afgehandeld_op": closed.astype("datetime64[s]"),
            "soort": frame["soort"],
            "afdeling": frame["afdeling"],
            "aard": frame["aard"],
            "kanaal": frame["kanaal"],
            "afhandeling": frame["afhandeling"],
            "oordeel": frame["oordeel"].where(frame["afhandeling"] == "formeel_afgehandeld", ""),
            "verdaagd": frame["verdaagd"],
            "klachtadviescommissie": frame["klachtadviescommissie"],
        }
    )


register_rows = st.lists(
    st.tuples(
        st.sampled_from(CODES["soort"]),
        st.sampled_from(DEPARTMENTS),
        st.sampled_from(CODES["aard"]),
        st.sampled_from(CODES["kanaal"]),
        st.sampled_from(CODES["afhandeling"]),
        st.sampled_from(CODES["oordeel"]),
        st.integers(0, 420),
        st.integers(0, 150),
        st.booleans(),
        st.booleans(),
    ),
    max_size=60,
)


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
    assert (
        figures_from_rows(register.loc[order].reset_index(drop=True), YEAR, DEPARTMENTS, *context(DEPARTMENTS))
        == figures
    )
