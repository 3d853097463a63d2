"""Benchmark (not a test): the aggregation of 1,000,000 register rows in pandas, pyarrow.compute and DuckDB.

Prints one table. The same core counts are computed by each engine from the same typed register, and
the script checks that they agree before it reports a time: K1 per department, nature, channel and
month, K2 per handling, the department x nature cross table and K9's on-time count. The full pandas
aggregation (every indicator, every department) is timed beside it. DuckDB is measured only when it
is installed (it is not a dependency): pip install duckdb.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # make_example_data and the jaarverslag package
YEAR = 2020


def _typed_register(root: Path):
    """The validated data of 10 generated years x 100,000 complaints (the bench's large data set)."""
    from jaarverslag.load.raw import load_data
    from jaarverslag.model.problems import Report
    from jaarverslag.validate.dataset import validate
    from make_example_data import generate_scaled

    data = generate_scaled(root, HERE.parent / "tests" / "fixtures" / "voorbeeld", list(range(2011, 2021)), 100_000, 12)
    report = Report()
    return validate(load_data(data, report), report)


def core_pandas(register, rules) -> dict:
    """The core counts with pandas, as aggregate/indicators.py does them."""
    from jaarverslag.aggregate.indicators import _compact, term_end

    rows = _compact(register)
    awb = rows[rows["soort"] == "awb"]
    received = awb[awb["ontvangen_op"].dt.year == YEAR]
    closed = awb[awb["afgehandeld_op"].dt.year == YEAR]
    decided = closed[closed["afhandeling"].isin(["informeel_opgelost", "formeel_afgehandeld"])]
    counts = {
        key: {str(k): int(v) for k, v in received[key].value_counts().items() if v}
        for key in ("afdeling", "aard", "kanaal")
    }
    counts["maand"] = {str(k): int(v) for k, v in received["ontvangen_op"].dt.month.value_counts().items()}
    counts["afhandeling"] = {str(k): int(v) for k, v in closed["afhandeling"].value_counts().items() if v}
    cross = received.groupby(["afdeling", "aard"], observed=True).size()
    counts["kruis"] = {f"{a}|{b}": int(v) for (a, b), v in cross.items() if v}
    counts["op_tijd"] = int((decided["afgehandeld_op"] <= term_end(decided, rules)).sum())
    return counts


def core_arrow(table, rules) -> dict:
    """The same counts with pyarrow.compute on an Arrow table of the register."""
    import pyarrow as pa
    import pyarrow.compute as pc

    awb = table.filter(pc.equal(table["soort"], "awb"))
    received = awb.filter(pc.equal(pc.year(awb["ontvangen_op"]), YEAR))
    closed = awb.filter(pc.equal(pc.year(awb["afgehandeld_op"]), YEAR))

    def tally(array) -> dict:
        result = pc.value_counts(array)
        values, counts = result.field("values").to_pylist(), result.field("counts").to_pylist()
        return {str(v): int(c) for v, c in zip(values, counts, strict=True)}

    counts = {key: tally(received[key]) for key in ("afdeling", "aard", "kanaal")}
    counts["maand"] = tally(pc.month(received["ontvangen_op"]))
    counts["afhandeling"] = tally(closed["afhandeling"])
    grouped = received.group_by(["afdeling", "aard"]).aggregate([([], "count_all")])
    counts["kruis"] = {
        f"{a}|{b}": int(n)
        for a, b, n in zip(
            grouped["afdeling"].to_pylist(), grouped["aard"].to_pylist(), grouped["count_all"].to_pylist(), strict=True
        )
    }
    decided = closed.filter(pc.is_in(closed["afhandeling"], pa.array(["informeel_opgelost", "formeel_afgehandeld"])))
    days = pc.add(
        pc.if_else(decided["klachtadviescommissie"], rules.termijn_dagen_commissie, rules.termijn_dagen),
        pc.if_else(decided["verdaagd"], rules.verdaging_dagen, 0),
    )
    taken = pc.days_between(decided["ontvangen_op"], decided["afgehandeld_op"])
    counts["op_tijd"] = int(pc.sum(pc.less_equal(taken, days)).as_py() or 0)
    return counts


def core_duckdb(connection, rules) -> dict:
    """The same counts as SQL in DuckDB over the Arrow table registered as 'r'."""

    def pairs(sql: str) -> dict:
        return {str(k): int(v) for k, v in connection.execute(sql).fetchall()}

    base = f"FROM r WHERE soort = 'awb' AND year(ontvangen_op) = {YEAR}"
    counts = {key: pairs(f"SELECT {key}, count(*) {base} GROUP BY 1") for key in ("afdeling", "aard", "kanaal")}
    counts["maand"] = pairs(f"SELECT month(ontvangen_op), count(*) {base} GROUP BY 1")
    closed = f"FROM r WHERE soort = 'awb' AND year(afgehandeld_op) = {YEAR}"
    counts["afhandeling"] = pairs(f"SELECT afhandeling, count(*) {closed} GROUP BY 1")
    counts["kruis"] = pairs(f"SELECT afdeling || '|' || aard, count(*) {base} GROUP BY 1")
    counts["op_tijd"] = int(
        connection.execute(
            f"SELECT count(*) {closed} AND afhandeling IN ('informeel_opgelost', 'formeel_afgehandeld') AND "
            f"date_diff('day', ontvangen_op, afgehandeld_op) <= CASE WHEN klachtadviescommissie THEN "
            f"{rules.termijn_dagen_commissie} ELSE {rules.termijn_dagen} END + CASE WHEN verdaagd THEN "
            f"{rules.verdaging_dagen} ELSE 0 END"
        ).fetchone()[0]
    )
    return counts


def timed(function, *args, runs: int = 5) -> tuple[float, object]:
    """Median seconds of runs calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    """Measure and print the comparison."""
    import pyarrow as pa

    from jaarverslag.aggregate.indicators import aggregate

    with tempfile.TemporaryDirectory() as tmp:
        print("Gegevens maken en controleren (1.000.000 rijen) …", file=sys.stderr)
        data = _typed_register(Path(tmp) / "groot")
    rules = data.gemeente.rules()
    register = data.register
    columns = [
        "soort",
        "afdeling",
        "aard",
        "kanaal",
        "afhandeling",
        "ontvangen_op",
        "afgehandeld_op",
        "verdaagd",
        "klachtadviescommissie",
    ]
    convert, table = timed(lambda: pa.Table.from_pandas(register[columns], preserve_index=False), runs=3)
    full, _ = timed(aggregate, data, runs=3)
    rows = [("pandas, alle indicatoren en afdelingen (aggregate)", full)]
    pandas_s, expected = timed(core_pandas, register, rules)
    rows.append(("pandas, kerntellingen", pandas_s))
    arrow_s, found = timed(core_arrow, table, rules)
    assert found == expected, "pyarrow.compute telt anders dan pandas"
    rows.append(("pyarrow.compute, kerntellingen", arrow_s))
    try:
        import duckdb
    except ImportError:
        rows.append(("DuckDB, kerntellingen", None))
    else:
        connection = duckdb.connect()
        connection.register("r", table)
        duck_s, found = timed(core_duckdb, connection, rules)
        assert found == expected, "DuckDB telt anders dan pandas"
        rows.append((f"DuckDB {duckdb.__version__}, kerntellingen", duck_s))
    print(f"| aggregatie van {len(register):_} rijen, mediaan | s |".replace("_", "."))
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {'niet geïnstalleerd' if seconds is None else f'{seconds:.3f}'.replace('.', ',')} |")
    print(f"| (omzetten pandas → Arrow, eenmalig) | {f'{convert:.3f}'.replace('.', ',')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
