"""Disclosure over the whole built site: no hidden count of 1–4 can be worked out from what any page shows.

Independent of the generator's method: the test reads the built HTML (every captioned table, every
"(a van b)" on a department page), writes down every published equation about the cells of the
afdeling × aard and afdeling × afhandeling tables, and asks linear algebra whether a hidden cell is
determined.
"""
from __future__ import annotations

import html
import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from pinning import fixed_columns

from jaarverslag.commands.build import prepare

BASE = Path(__file__).parents[1] / "corpus" / "_basis"
DEPARTMENTS = {"belastingen": "Belastingen", "burgerzaken": "Burgerzaken", "parkeren": "Parkeren",
               "wonen": "Wonen", "sport": "Sport en cultuur", "groen": "Groen en water"}
NATURES = ["bejegening", "niet_reageren", "behandelduur", "informatie", "bereikbaarheid", "uitvoering",
           "toezegging", "privacy", "overig"]
HANDLINGS = ["informeel_opgelost", "formeel_afgehandeld", "doorgestuurd", "ingetrokken", "niet_in_behandeling"]
YEARS = (2019, 2020)


def write_fixture(data: Path, seed: int) -> None:
    """Six departments of very different size, two register years with many small cells."""
    shutil.copytree(BASE, data)
    shutil.rmtree(data / "2018")
    gemeente = (BASE / "gemeente.yaml").read_text(encoding="utf-8")
    start, end = gemeente.index("afdelingen:"), gemeente.index("labels:")
    departments = "".join(f"  {c}: {{label: {label}, geldig_van: 2018}}\n" for c, label in DEPARTMENTS.items())
    (data / "gemeente.yaml").write_text(gemeente[:start] + "afdelingen:\n" + departments + gemeente[end:],
                                        encoding="utf-8")
    rng = random.Random(seed)
    weights = {c: w * rng.uniform(0.5, 1.5) for c, w in
               {"belastingen": 40, "burgerzaken": 25, "parkeren": 12, "wonen": 8, "sport": 4, "groen": 3}.items()}
    size = rng.randint(120, 320)
    for year in YEARS:
        lines = ["id,ontvangen_op,afgehandeld_op,soort,afdeling,aard,kanaal,afhandeling,oordeel,verdaagd,"
                 "klachtadviescommissie"]
        for i in range(size):
            dept = rng.choices(list(weights), list(weights.values()))[0]
            nature = rng.choices(NATURES, [30, 15, 20, 12, 8, 10, 3, 1, 1])[0]
            how = rng.choices(HANDLINGS + ["in_behandeling"], [55, 30, 5, 4, 3, 3])[0]
            month, day = rng.randint(1, 11), rng.randint(1, 28)
            closed = "" if how == "in_behandeling" else f"{year}-{month + 1:02d}-{day:02d}"
            verdict = rng.choice(["gegrond", "ongegrond", "deels_gegrond"]) if how == "formeel_afgehandeld" else ""
            lines.append(f"D{year}-{i:04d},{year}-{month:02d}-{day:02d},{closed},awb,{dept},{nature},email,"
                         f"{how},{verdict},nee,nee")
        (data / str(year) / "klachten.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def tables_of(page: str) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
    """Every captioned table of a page: (caption, column headers, [(row header, cells)]), footer rows included."""
    found = []
    for block in re.findall(r"(?s)<table>(.*?)</table>", page):
        caption = re.search(r"(?s)<caption[^>]*>(.*?)</caption>", block)
        if not caption:
            continue
        text = lambda s: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", s)).split())  # noqa: E731
        head = [text(c) for c in re.findall(r"(?s)<th scope=\"col\"[^>]*>(.*?)</th>", block)]
        rows = []
        for row in re.findall(r"(?s)<tr>(.*?)</tr>", block):
            header = re.search(r"(?s)<th scope=\"row\"[^>]*>(.*?)</th>", row)
            if header:
                rows.append((text(header.group(1)), [text(c) for c in re.findall(r"(?s)<td[^>]*>(.*?)</td>", row)]))
        found.append((text(caption.group(1)), head, rows))
    return found


def number(cell: str) -> int | None:
    """A published count, or None for a hidden one."""
    return None if cell.strip() == "< 5" else int(cell.replace(".", ""))


class Equations:
    """Linear equations over the cells (department, code) of one table kind in one year."""

    def __init__(self) -> None:
        self.rows: list[tuple[dict[tuple[str, str], int], int]] = []
        self.hidden: set[tuple[str, str]] = set()

    def cell(self, key: tuple[str, str], shown: int | None) -> None:
        if shown is None:
            self.hidden.add(key)
        else:
            self.rows.append(({key: 1}, shown))

    def total(self, keys: list[tuple[str, str]], value: int) -> None:
        self.rows.append(({k: 1 for k in keys}, value))

    def derivable(self) -> list[tuple[str, str]]:
        """Hidden cells that the published equations pin down exactly."""
        hidden = sorted(self.hidden)
        fixed = fixed_columns([[coeffs.get(k, 0) for k in hidden] for coeffs, _ in self.rows
                               if any(k in coeffs for k in hidden)])
        return [key for i, key in enumerate(hidden) if i in fixed]


def equations_of_site(site: Path, year: int, departments: dict[str, str] | None = None,
                      labels: dict[str, list[str]] | None = None) -> dict[str, Equations]:
    """Every equation the built year publishes about its department cross tables."""
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((site / str(year)).rglob("index.html"))}
    return equations_of_pages(pages, year, departments, labels)


def department_of(rel: str) -> str | None:
    """The department code of a department page (built 2020/afdelingen/x/index.html or generated x.md)."""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[1] == "afdelingen" and parts[2] not in ("index.html", "index.md"):
        return parts[2].removesuffix(".md")
    return None


def equations_of_pages(pages: dict[str, str], year: int, departments: dict[str, str] | None = None,
                       labels: dict[str, list[str]] | None = None) -> dict[str, Equations]:
    """Every equation the pages of one year publish about its department cross tables."""
    departments, labels = departments or DEPARTMENTS, labels or ALL_LABELS
    kinds = {"aard": Equations(), "afhandeling": Equations()}
    by_label = {v: k for k, v in departments.items()}
    for rel, text in sorted(pages.items()):
        if not rel.startswith(f"{year}/"):
            continue
        for caption, head, rows in tables_of(text):
            if re.search(r"per afdeling en (aard|wijze van afhandeling)", caption):
                kind = "aard" if caption.split(" per afdeling en ")[1].startswith("aard") else "afhandeling"
                codes = [h for h in head[1:] if h != "Totaal"]
                depts = [by_label[d] for d, _ in rows if d != "Totaal"]
                for dept_label, cells in rows:
                    values = dict(zip(head[1:], cells))
                    if dept_label == "Totaal":  # column totals, and the grand total
                        for code_label in codes:
                            kinds[kind].total([(d, code_label) for d in depts], number(values[code_label]))
                        if "Totaal" in values:
                            kinds[kind].total([(d, c) for d in depts for c in codes], number(values["Totaal"]))
                        continue
                    dept = by_label[dept_label]
                    for code_label in codes:
                        kinds[kind].cell((dept, code_label), number(values[code_label]))
                    if "Totaal" in values:  # the row total
                        kinds[kind].total([(dept, c) for c in codes], number(values["Totaal"]))
            column = re.search(r"^(?:Tabel bij figuur [\d.]+: )?(Ontvangen klachten naar aard|Afgehandelde klachten "
                               r"naar wijze van afhandeling), " + str(year) + "$", caption)
            if column:  # the municipality's totals per code: column sums of the cross table
                kind = "aard" if "aard" in column.group(1) else "afhandeling"
                for code_label, cells in rows:
                    if code_label in labels[kind]:
                        kinds[kind].total([(d, code_label) for d in departments], number(cells[0]))
            match = re.search(r"(Ontvangen klachten naar aard|Afgehandelde klachten naar afhandeling), (.+), "
                              + str(year) + "$", caption)
            if match and match.group(2) in by_label:
                kind = "aard" if "aard" in match.group(1) else "afhandeling"
                dept = by_label[match.group(2)]
                body = [(k, c) for k, c in rows if k != "Totaal"]
                for code_label, cells in body:
                    kinds[kind].cell((dept, code_label), number(cells[0]))
                total = next(int(c[0].replace(".", "")) for k, c in rows if k == "Totaal")
                kinds[kind].total([(dept, k) for k, _ in body], total)
                # A code without a row is published as 0.
                kinds[kind].rows.extend(({(dept, code): 1}, 0) for code in labels[kind]
                                        if code not in {k for k, _ in body})
        dept = department_of(rel)
        if dept is not None:
            visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
            fractions = re.findall(r"\((\d+) van (\d+)\)", visible)
            named = 0
            for which, teller, noemer in re.findall(
                    r"(?i)(binnen de termijn|informeel opgelost)[^()]*?\((\d+) van (\d+)\)", visible):
                named += 1
                decided = [(dept, "Informeel opgelost"), (dept, "Formeel afgehandeld")]
                kinds["afhandeling"].total(decided, int(noemer))
                if which.lower() == "informeel opgelost":
                    kinds["afhandeling"].total(decided[:1], int(teller))
            assert named == len(fractions), f"{rel}: a fraction the test cannot read: {fractions}"
    return kinds


ALL_LABELS = {"aard": ["Bejegening", "Niet reageren", "Behandelduur", "Informatie", "Bereikbaarheid",
                       "Uitvoering", "Toezegging", "Privacy", "Overig"],
              "afhandeling": ["Informeel opgelost", "Formeel afgehandeld", "Doorgestuurd", "Ingetrokken",
                              "Niet in behandeling"]}


@pytest.fixture(scope="module", params=[11, 23])
def disclosure_site(request, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp(f"onthulling-{request.param}")
    write_fixture(tmp / "data", request.param)
    result = run_cli("bouw", "--data", str(tmp / "data"), "--site", str(tmp / "site"), "--werk", str(tmp / "werk"))
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_no_hidden_count_is_derivable_anywhere(disclosure_site):
    checked = 0
    for year in YEARS:
        for kind, equations in equations_of_site(disclosure_site, year).items():
            assert equations.hidden, (year, kind)  # the fixture does produce small cells
            checked += len(equations.hidden)
            assert equations.derivable() == [], (year, kind)
    assert checked >= 20


def test_department_ratios_hidden_only_where_they_would_tell(disclosure_site):
    """Hiding is per case: K6 and K9 stay on a department page whenever its informal and formal counts show."""
    seen = set()
    for page in sorted(disclosure_site.glob("20*/afdelingen/*/index.html")):
        text = page.read_text(encoding="utf-8")
        handling = next(rows for caption, _, rows in tables_of(text) if "naar afhandeling" in caption)
        shown = dict((k, c[0]) for k, c in handling)
        both = all(shown.get(k, "0") != "< 5" for k in ("Informeel opgelost", "Formeel afgehandeld"))
        visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
        has_ratio = re.search(r"binnen de termijn: [^.]*\. Informeel opgelost:", visible) is not None
        assert has_ratio == both, page
        assert ("zou dat een aantal van minder dan 5 prijsgeven" in visible) == (not both), page
        seen.add(both)
    assert seen == {True, False}


def test_the_check_finds_a_leak():
    """The equations pin a hidden cell when a fraction gives it away (the leak of issue 12)."""
    eq = Equations()
    eq.cell(("kcc", "Informeel opgelost"), 12)
    eq.cell(("kcc", "Formeel afgehandeld"), None)
    eq.cell(("kcc", "Doorgestuurd"), None)
    eq.total([("kcc", "Informeel opgelost"), ("kcc", "Formeel afgehandeld"), ("kcc", "Doorgestuurd")], 19)
    assert eq.derivable() == []
    eq.total([("kcc", "Informeel opgelost"), ("kcc", "Formeel afgehandeld")], 16)  # "(15 van 16)"
    assert eq.derivable() == [("kcc", "Doorgestuurd"), ("kcc", "Formeel afgehandeld")]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10_000))
def test_random_registers_publish_no_derivable_count(tmp_path_factory, seed):
    """Property: for random registers the generated pages (no MkDocs needed) pin no hidden count."""
    data = tmp_path_factory.mktemp("willekeurig") / "data"
    write_fixture(data, seed)
    pages = prepare(data).site.pages
    for year in YEARS:
        for kind, equations in equations_of_pages(pages, year).items():
            assert equations.derivable() == [], (seed, year, kind)
