"""Disclosure over the whole built site, tested as a reader who knows the rule would attack it.

The reader (tests/attacker.py) reads only what is published, takes "< 5" as 1 to 4 and "×" as 0 or
more, and solves every published number of all years together with HiGHS: each hidden cell must keep
at least three possible values, and no label may be false. Exact elimination over the same equations
(tests/pinning.py) is the second check: no hidden cell is a linear function of published numbers.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attacker import Published, audit, false_labels, narrowed, read
from conftest import EXAMPLE, ROOT
from jaarverslag.commands.build import _data_stage, prepare
from jaarverslag.model.codes import CODES
from jaarverslag.model.problems import Report
from pinning import fixed_columns

LINDENWAARD = ROOT / "tests" / "fixtures" / "lindenwaard"
BASE = Path(__file__).parents[1] / "corpus" / "_basis"
DEPARTMENTS = {
    "belastingen": "Belastingen",
    "burgerzaken": "Burgerzaken",
    "parkeren": "Parkeren",
    "wonen": "Wonen",
    "sport": "Sport en cultuur",
    "groen": "Groen en water",
}
NATURES = CODES["aard"]  # the base code lists, as a register of the base gemeente has them
HANDLINGS = [h for h in CODES["afhandeling"] if h != "in_behandeling"]  # closed handlings only
YEARS = (2019, 2020)


def truth_of(data_dir: Path) -> dict[tuple, int]:
    """The true cross-table counts of a data folder, keyed as the reader keys them (labels)."""
    dataset, indicators, _ = _data_stage(data_dir, Report())
    g = dataset.gemeente
    return {
        (year, kind, g.afdelingen[d].label, g.labels[kind][c]): v
        for year, ind in indicators.items()
        for kind, matrix in ind.figures.cross.items()
        for d, cells in matrix.items()
        for c, v in cells.items()
    }


def site_files(site: Path) -> dict[str, str]:
    """The built pages and the open-data CSVs, by path under the site."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*"))
        if p.is_file() and (p.name == "index.html" or (p.suffix == ".csv" and p.parent.name == "data"))
    }


def prepared_files(data_dir: Path) -> dict[str, str]:
    """The generated pages and files of a data folder (no MkDocs): what the built site is made of."""
    site = prepare(data_dir).site
    files = dict(site.pages)
    files.update({p: b.decode("utf-8") for p, b in site.files.items() if p.endswith(".csv")})
    return files


def elimination_pinned(pub: Published) -> list:
    """Hidden cells that exact elimination over the published sums fixes (no bounds used)."""
    hidden = sorted(pub.marks)
    rows = [[1 if k in keys else 0 for k in hidden] for keys, _ in pub.sums if any(k in keys for k in hidden)]
    return [hidden[i] for i in sorted(fixed_columns(rows))]


def allowed(truth: dict[tuple, int], key: tuple) -> int:
    """Three, or as many values as the cell's row and column totals alone leave (a two-way table's bounds)."""
    year, kind, department, code = key
    table = {k: v for k, v in truth.items() if k[:2] == (year, kind)}
    row = sum(v for k, v in table.items() if k[2] == department)
    column = sum(v for k, v in table.items() if k[3] == code)
    return min(3, min(row, column) - max(0, row + column - sum(table.values())) + 1)


def check(files: dict[str, str], truth: dict[tuple, int], least_hidden: int, strict: bool = True) -> Published:
    """The attack and the label check (strict: three values for every hidden cell); returns what was read."""
    pub = read(files)
    assert len(pub.marks) >= least_hidden, "the site hides fewer cells than the data have small counts"
    if strict:
        assert narrowed(pub) == {}
    else:
        assert {k: v for k, v in narrowed(pub).items() if len(v) < allowed(truth, k)} == {}
    assert false_labels(pub, truth) == []
    # Every true 1 to 4 is hidden: the reader saw all cells (table or CSV), none of them shown as such.
    small = {k for k, v in truth.items() if 1 <= v <= 4}
    assert small <= set(pub.marks)
    assert elimination_pinned(pub) == []
    return pub


def test_the_built_example_site_keeps_every_hidden_count_open(built_site):
    truth = truth_of(EXAMPLE)
    pub = check(site_files(built_site), truth, least_hidden=sum(1 <= v <= 4 for v in truth.values()))
    assert {"< 5", "×"} <= set(pub.marks.values())
    # Department lineage between years: the reader learns former names from the department pages.
    gemeente = _data_stage(EXAMPLE, Report())[0].gemeente
    former = {a.label: [gemeente.afdelingen[a.voorganger].label] for a in gemeente.afdelingen.values() if a.voorganger}
    assert former and pub.lineage == former


def test_the_second_municipality_keeps_every_hidden_count_open():
    truth = truth_of(LINDENWAARD)
    check(prepared_files(LINDENWAARD), truth, least_hidden=sum(1 <= v <= 4 for v in truth.values()))


def test_a_mark_means_the_same_on_every_page_and_in_the_csv(built_site):
    """The CSV gives a hidden cell an empty count and the reason; the pages show the same mark."""
    pub = read(site_files(built_site))
    assert pub.conflicts == []
    csv_text = (built_site / "2019" / "data" / "kruistabellen.csv").read_text(encoding="utf-8")
    assert ",,kleiner_dan_5\n" in csv_text and ",,ter_bescherming\n" in csv_text
    page = (built_site / "2019" / "11-bijlagen" / "index.html").read_text(encoding="utf-8")
    hidden = r'<td[^>]*><span aria-hidden="true">×</span><span class="voorlezen">verborgen</span></td>'
    assert re.search(hidden, page) and "het kan elke waarde hebben, ook 0" in page


def test_the_reader_finds_a_leak():
    """Four hidden cells of 1 to 4 whose column shows 84 of 100 are each exactly 4 (issue 21, Tabel 5.4)."""
    pub = Published()
    keys = [(2020, "afhandeling", f"afdeling {i}", "Formeel afgehandeld") for i in range(8)]
    for key in keys[:4]:
        pub.cell(key, "< 5")
    for key, value in zip(keys[4:], (30, 24, 20, 10), strict=True):
        pub.cell(key, str(value))
    pub.total(keys, 100)
    assert narrowed(pub) == {k: [4] for k in keys[:4]}
    # With one of them "×" (0 or more) instead, it takes up the slack: the others keep 1 to 4 again.
    pub.marks[keys[0]] = "×"
    assert narrowed(pub) == {}
    assert len(audit(pub)[keys[1]]) == 3


def test_the_reader_uses_the_department_fractions():
    """'(15 van 16)' on a department page pins informal + formal: the leak of issue 12."""
    row = [(2020, "afhandeling", "kcc", c) for c in ("Informeel opgelost", "Formeel afgehandeld", "Doorgestuurd")]
    pub = Published()
    pub.cell(row[0], "12")
    pub.cell(row[1], "< 5")
    pub.cell(row[2], "< 5")
    pub.total(row, 18)  # the two hidden cells add up to 6: each 2, 3 or 4
    assert narrowed(pub) == {}
    pub.total(row[:2], 16)
    assert set(narrowed(pub)) == {row[1], row[2]}
    assert elimination_pinned(pub) == sorted(row[1:])


def test_the_audit_catches_the_old_pattern():
    """The pattern of the old rule ("< 5" on a hidden 0, totals beside it) fails the reader's audit."""
    row = [(2019, "aard", "A", c) for c in ("x", "y")]
    column = [(2019, "aard", d, "x") for d in ("A", "B")]
    pub = Published()
    pub.cell(row[0], "< 5")
    pub.cell(row[1], "< 5")  # truly 0: a false label, and with the total of 3 both are narrowed
    pub.cell(column[1], "< 5")
    pub.total(row, 3)
    pub.total(column, 5)
    pub.total([(2019, "aard", "B", "x"), (2019, "aard", "B", "y")], 2)
    pub.cell((2019, "aard", "B", "y"), "0")
    assert narrowed(pub)
    assert false_labels(pub, {row[0]: 3, column[1]: 2}) == [f"{row[1]}: '< 5', is 0"]


def test_department_ratios_hidden_only_where_they_would_tell(built_site):
    """K6 and K9 stay on a department page whenever its informal and formal counts both show."""
    from attacker import tables_of, text_of

    seen = set()
    for page in sorted(built_site.glob("20*/afdelingen/*/index.html")):
        text = page.read_text(encoding="utf-8")
        tables = [
            rows for title, _, rows in tables_of(text) if title.startswith("Afgehandelde klachten naar afhandeling")
        ]
        if not tables:
            continue
        shown = {k: c[0] for k, c in tables[0]}
        both = all(shown.get(k, "0") not in ("< 5", "×") for k in ("Informeel opgelost", "Formeel afgehandeld"))
        visible = text_of(text)
        assert ("binnen de termijn:" in visible and "Informeel opgelost:" in visible) == both, page
        assert ("zou dat een verborgen aantal prijsgeven" in visible) == (not both), page
        seen.add(both)
    assert seen == {True, False}


def write_fixture(data: Path, seed: int) -> None:
    """Six departments of very different size and two register years with many small cells.

    The first 45 complaints of a year go round every department, nature and handling, so each has a few:
    a nature with a single complaint in a year cannot be protected at all (the build says so).
    """
    shutil.copytree(BASE, data)
    shutil.rmtree(data / "2018")
    gemeente = (BASE / "gemeente.yaml").read_text(encoding="utf-8")
    start, end = gemeente.index("afdelingen:"), gemeente.index("labels:")
    departments = "".join(f"  {c}: {{label: {label}, geldig_van: 2018}}\n" for c, label in DEPARTMENTS.items())
    (data / "gemeente.yaml").write_text(
        gemeente[:start] + "afdelingen:\n" + departments + gemeente[end:], encoding="utf-8"
    )
    rng = random.Random(seed)
    weights = {
        c: w * rng.uniform(0.5, 1.5)
        for c, w in {"belastingen": 40, "burgerzaken": 25, "parkeren": 12, "wonen": 8, "sport": 4, "groen": 3}.items()
    }
    size = rng.randint(120, 320)
    for year in YEARS:
        lines = [
            "id,ontvangen_op,afgehandeld_op,soort,afdeling,aard,kanaal,afhandeling,oordeel,verdaagd,"
            "klachtadviescommissie"
        ]
        for i in range(size):
            if i < 45:
                dept, nature, how = list(DEPARTMENTS)[i % 6], NATURES[i % 9], HANDLINGS[i % 5]
            else:
                dept = rng.choices(list(weights), list(weights.values()))[0]
                nature = rng.choices(NATURES, [30, 15, 20, 12, 8, 10, 3, 1, 1])[0]
                how = rng.choices([*HANDLINGS, "in_behandeling"], [55, 30, 5, 4, 3, 3])[0]
            month, day = rng.randint(1, 11), rng.randint(1, 28)
            closed = "" if how == "in_behandeling" else f"{year}-{month + 1:02d}-{day:02d}"
            verdict = rng.choice(["gegrond", "ongegrond", "deels_gegrond"]) if how == "formeel_afgehandeld" else ""
            lines.append(
                f"D{year}-{i:04d},{year}-{month:02d}-{day:02d},{closed},awb,{dept},{nature},email,"
                f"{how},{verdict},nee,nee"
            )
        (data / str(year) / "klachten.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 10_000))
def test_random_registers_keep_every_hidden_count_open(tmp_path_factory, seed):
    """Property: for random registers the generated pages and CSVs (no MkDocs needed) pass the reader's audit."""
    data = tmp_path_factory.mktemp("willekeurig") / "data"
    write_fixture(data, seed)
    truth = truth_of(data)
    check(prepared_files(data), truth, least_hidden=sum(1 <= v <= 4 for v in truth.values()), strict=False)


def test_a_nature_with_one_complaint_is_hidden_as_far_as_its_total_allows(tmp_path):
    """Privacy once in a year: every department's cell is 0 or 1 by the published totals alone; the column is "×"."""
    data = tmp_path / "data"
    write_fixture(data, 5)
    register = data / "2020" / "klachten.csv"
    lines = [line for line in register.read_text(encoding="utf-8").splitlines() if ",privacy," not in line]
    lines.append("D2020-9999,2020-03-03,2020-03-20,awb,wonen,privacy,email,informeel_opgelost,,nee,nee")
    register.write_text("\n".join(lines) + "\n", encoding="utf-8")
    truth = truth_of(data)
    pub = check(prepared_files(data), truth, least_hidden=sum(1 <= v <= 4 for v in truth.values()), strict=False)
    column = {k: m for k, m in pub.marks.items() if k[:2] == (2020, "aard") and k[3] == "Privacy"}
    assert len(column) == len(DEPARTMENTS) and set(column.values()) == {"×"}
    assert {len(audit(pub)[k]) for k in column} == {2}


def test_an_unprotectable_table_is_a_dutch_error():
    """The guard's message: file, column, the cell, its range and what to do (no traceback: a DataError)."""
    from jaarverslag.aggregate.disclosure import Unprotectable
    from jaarverslag.aggregate.protection import report_unprotectable
    from jaarverslag.model.problems import DataError

    dataset = _data_stage(EXAMPLE, Report())[0]
    report = Report()
    matrix = {"parkeren": {"privacy": 1, "overig": 20}, "burgerzaken": {"privacy": 0, "overig": 30}}
    report_unprotectable(dataset, 2020, "aard", matrix, Unprotectable(("parkeren", "privacy"), 0, 1), report)
    with pytest.raises(DataError) as error:
        report.raise_if_errors()
    text = error.value.problems[0].format()
    assert text.startswith("data/2020/klachten.csv, kolom 'aard': verwacht een tabel afdeling × aard waarin elk")
    assert "Parkeren × privacy" in text and "tussen 0 en 1" in text and "functionaris gegevensbescherming" in text


@pytest.mark.parametrize("path", ["README.md"])
def test_the_rule_reads_the_same_on_the_method_page_and_in_the_readme(path):
    """The README states the disclosure rule in exactly the words of the method page."""
    rule = (ROOT / "scripts" / "jaarverslag" / "render" / "templates" / "kleine-aantallen.md.j2").read_text(
        encoding="utf-8"
    )
    assert "{{" not in rule and "{%" not in rule
    assert " ".join(rule.split()) in " ".join((ROOT / path).read_text(encoding="utf-8").split())
