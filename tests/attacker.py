"""The reader who knows the rule: every published number about the cross tables, solved by HiGHS.

Independent of aggregate/disclosure.py: it reads only what the site publishes (HTML tables, the
"(a van b)" fractions on department pages, the trends and dashboard tables over all years with the
departments' former names, kruistabellen.csv), takes "< 5" as 1 to 4 and "×" as 0 or more, and asks
scipy's milp (whole numbers) for the least and greatest value of every hidden cell, and whether a
third value lies between. A cell is keyed (year, kind, department label, code label).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

Key = tuple[int, str, str, str]
MARKS = {"< 5": (1, 4), "×": (0, np.inf)}
CROSS = {
    "Ontvangen klachten per afdeling en aard": "aard",
    "Afgehandelde klachten per afdeling en wijze van afhandeling": "afhandeling",
}


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, spaces collapsed."""
    fragment = re.sub(r'<span class="voorlezen">[^<]*</span>', "", fragment)  # words for a screen reader only
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def tables_of(page: str) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
    """Every captioned table of a page: (caption without its number, column headers, [(row header, cells)])."""
    found = []
    for block in re.findall(r"(?s)<table[^>]*>(.*?)</table>", page):
        caption = re.search(r"(?s)<caption[^>]*>(.*?)</caption>", block)
        if not caption:
            continue
        title = re.sub(r"^(Tabel bij figuur|Tabel) [\w.]+:?\s*", "", text_of(caption.group(1)))
        head = [text_of(c) for c in re.findall(r"(?s)<th scope=\"col\"[^>]*>(.*?)</th>", block)]
        rows = []
        for row in re.findall(r"(?s)<tr[^>]*>(.*?)</tr>", block):
            header = re.search(r"(?s)<th scope=\"row\"[^>]*>(.*?)</th>", row)
            if header:
                rows.append(
                    (text_of(header.group(1)), [text_of(c) for c in re.findall(r"(?s)<td[^>]*>(.*?)</td>", row)])
                )
        found.append((title, head, rows))
    return found


def count(cell: str) -> int | None:
    """A published count, or None when it is not a plain count (a mark, 'n.v.t.', empty)."""
    return int(cell.replace(".", "")) if re.fullmatch(r"\d[\d.]*", cell.strip()) else None


class Published:
    """What the site says about the cross-table cells: shown values, marks, and sums."""

    def __init__(self) -> None:
        self.shown: dict[Key, int] = {}
        self.marks: dict[Key, str] = {}
        self.sums: list[tuple[frozenset[Key], int]] = []
        self.codes: dict[tuple[int, str], set[str]] = defaultdict(set)  # columns of each cross table
        self.departments: dict[tuple[int, str], set[str]] = defaultdict(set)
        self.conflicts: list[str] = []
        self.lineage: dict[str, list[str]] = {}  # a department's label -> its former names, as its page says

    def cell(self, key: Key, text: str) -> None:
        """One published cell: a count or a mark; two pages that disagree are a conflict."""
        value = count(text)
        if value is None:
            if text not in MARKS:
                self.conflicts.append(f"{key}: unreadable {text!r}")
                return
            if self.marks.setdefault(key, text) != text or key in self.shown:
                self.conflicts.append(f"{key}: {text} and {self.marks.get(key) or self.shown.get(key)}")
        elif self.shown.setdefault(key, value) != value or key in self.marks:
            self.conflicts.append(f"{key}: {value} and {self.shown.get(key) or self.marks.get(key)}")

    def total(self, keys, value: int | None) -> None:
        """A published sum of cells."""
        if value is not None:
            self.sums.append((frozenset(keys), value))

    def row(self, year: int, kind: str, department: str) -> list[Key]:
        return [(year, kind, department, c) for c in sorted(self.codes[(year, kind)])]

    def column(self, year: int, kind: str, code: str) -> list[Key]:
        return [(year, kind, d, code) for d in sorted(self.departments[(year, kind)])]


def read(files: dict[str, str]) -> Published:
    """Every equation the files publish (HTML or generated Markdown pages, and CSVs), all years together."""
    pub = Published()
    pages = {p: t for p, t in sorted(files.items()) if not p.endswith(".csv")}
    later = []  # tables that need the cross tables' rows and columns first
    for path, page in pages.items():
        for title, head, rows in tables_of(page):
            match = re.fullmatch(r"(.+), (\d{4})", title)
            if match and match.group(1) in CROSS:
                year, kind = int(match.group(2)), CROSS[match.group(1)]
                codes = [h for h in head[1:] if h != "Totaal"]
                pub.codes[(year, kind)].update(codes)
                pub.departments[(year, kind)].update(d for d, _ in rows if d != "Totaal")
            later.append((path, page, title, head, rows))
    lineage = pub.lineage
    for _path, page, *_ in later:
        former = re.search(r"heette eerder: ([^.]+)\.", text_of(page))
        name = re.search(r"<h1[^>]*>([^<]*?) \(\d{4}\)|^# (.+) \(\d{4}\)$", page, re.MULTILINE)
        if former and name:
            lineage[text_of(name.group(1) or name.group(2))] = former.group(1).split(", ")
    for path, page, title, head, rows in later:
        _equations(pub, path, page, title, head, rows, lineage)
    for path, text in sorted(files.items()):
        if path.endswith("kruistabellen.csv"):
            year = int(path.split("/")[0])
            for r in csv.DictReader(io.StringIO(text)):
                key = (year, r["kruistabel"].removeprefix("afdeling_x_"), r["afdeling"], r["kenmerk"])
                pub.cell(key, r["aantal"] if r["aantal"] else {"kleiner_dan_5": "< 5"}.get(r["verborgen"], "×"))
    return pub


def _equations(pub: Published, path: str, page: str, title: str, head: list[str], rows, lineage) -> None:
    """The equations of one table (and, on a department page, its fractions)."""
    match = re.fullmatch(r"(.+?), (?:(.+), )?(\d{4})", title)
    year = int(match.group(3)) if match else None
    name = match.group(1) if match else title
    if match and name in CROSS and match.group(2) is None:
        kind = CROSS[name]
        codes = [h for h in head[1:] if h != "Totaal"]
        for department, cells in rows:
            values = dict(zip(head[1:], cells, strict=True))
            if department == "Totaal":
                for code in codes:
                    pub.total(pub.column(year, kind, code), count(values[code]))
                pub.total(
                    [k for d in pub.departments[(year, kind)] for k in pub.row(year, kind, d)],
                    count(values.get("Totaal", "")),
                )
                continue
            for code in codes:
                pub.cell((year, kind, department, code), values[code])
            pub.total(pub.row(year, kind, department), count(values.get("Totaal", "")))
    elif (
        match and match.group(2) and name in ("Ontvangen klachten naar aard", "Afgehandelde klachten naar afhandeling")
    ):
        kind, department = ("aard" if "aard" in name else "afhandeling"), match.group(2)
        listed = {code for code, _ in rows if code != "Totaal"}
        for code, cells in rows:
            if code == "Totaal":
                pub.total(pub.row(year, kind, department), count(cells[0]))
            else:
                pub.cell((year, kind, department, code), cells[0])
        for code in pub.codes[(year, kind)] - listed:  # a code without a row is published as 0
            pub.cell((year, kind, department, code), "0")
        _fractions(pub, page, year, department)
    elif match and name in ("Ontvangen klachten naar aard", "Afgehandelde klachten naar wijze van afhandeling"):
        kind = "aard" if "aard" in name else "afhandeling"
        for code, cells in rows:
            if code in pub.codes[(year, kind)]:
                pub.total(pub.column(year, kind, code), count(cells[0]))
    elif match and name == "Ontvangen klachten per afdeling":
        for department, cells in rows:
            if department in pub.departments[(year, "aard")]:
                pub.total(pub.row(year, "aard", department), count(cells[0]))
    elif re.fullmatch(r"Ontvangen klachten (per afdeling|naar aard) per jaar(, .*)?", title):
        by_department = "per afdeling" in title
        years = {i: int(h) for i, h in enumerate(head[1:]) if h.isdigit()}
        for label, cells in rows:
            for i, y in years.items():
                if i >= len(cells) or count(cells[i]) is None:
                    continue
                if by_department:  # under its newest name, with its former names' counts (lineage)
                    names = [d for d in [label, *lineage.get(label, [])] if d in pub.departments[(y, "aard")]]
                    keys = [k for d in names for k in pub.row(y, "aard", d)]
                else:
                    keys = pub.column(y, "aard", label) if label in pub.codes[(y, "aard")] else []
                if keys:
                    pub.total(keys, count(cells[i]))


def _fractions(pub: Published, page: str, year: int, department: str) -> None:
    """The '(a van b)' of a department page: informal + formal, and informal alone."""
    visible = text_of(page)
    fractions = re.findall(r"\((\d+) van (\d+)\)", visible)
    named = re.findall(r"(?i)(binnen de termijn|informeel opgelost)[^()]*?\((\d+) van (\d+)\)", visible)
    assert len(named) == len(fractions), f"{department} {year}: a fraction the reader cannot place: {fractions}"
    decided = [(year, "afhandeling", department, c) for c in ("Informeel opgelost", "Formeel afgehandeld")]
    for which, part, whole in named:
        pub.total(decided, int(whole))
        if which.lower() == "informeel opgelost":
            pub.total(decided[:1], int(part))


def audit(pub: Published) -> dict[Key, list[int]]:
    """Per hidden cell up to three whole values a reader cannot rule out (fewer: narrowed; none: labels contradict)."""
    unknown = sorted({k for keys, _ in pub.sums for k in keys if k not in pub.shown} | set(pub.marks))
    index = {k: i for i, k in enumerate(unknown)}
    rows = []
    for keys, value in pub.sums:
        free = [k for k in keys if k in index]
        if free:
            rows.append((free, value - sum(pub.shown[k] for k in keys if k in pub.shown)))
    found: dict[Key, list[int]] = {}
    for component in _components(unknown, [free for free, _ in rows]):
        comp_index = {k: i for i, k in enumerate(component)}
        members = set(component)
        a = np.array([[1.0 if k in free else 0.0 for k in component] for free, _ in rows if free[0] in members])
        b = np.array([float(v) for free, v in rows if free[0] in members])
        low = np.array([MARKS[pub.marks[k]][0] if k in pub.marks else 0 for k in component], dtype=float)
        high = np.array([MARKS[pub.marks[k]][1] if k in pub.marks else np.inf for k in component])
        seen: dict[Key, set[int]] = {k: set() for k in component}
        solve = _solver(component, a, b, seen)
        for key in (k for k in component if k in pub.marks):
            i = comp_index[key]
            for sign in (1, -1):
                if len(seen[key]) < 3:
                    solve(np.eye(len(component))[i] * sign, low, high)
            if not seen[key]:  # no table fits what is published: some label is false
                found[key] = []
                continue
            least, most = min(seen[key]), max(seen[key])
            for middle in range(least + 1, most):  # a third value strictly between, if the two ends are all
                if len(seen[key]) >= 3:
                    break
                lo, hi = low.copy(), high.copy()
                lo[i] = hi[i] = middle
                solve(np.zeros(len(component)), lo, hi)
            found[key] = sorted(seen[key])[:3]
    return found


def _solver(component: list[Key], a, b, seen: dict[Key, set[int]]):
    """Minimise an objective over whole-number tables within bounds; every solution found is remembered in seen."""

    def solve(objective, low, high):
        constraints = [LinearConstraint(a, b, b)] if len(a) else []
        result = milp(objective, constraints=constraints, bounds=Bounds(low, high), integrality=np.ones(len(component)))
        if result.x is not None:
            for k, v in zip(component, result.x, strict=True):
                seen[k].add(round(v))
        return result

    return solve


def _components(keys: list[Key], groups: list[list[Key]]) -> list[list[Key]]:
    """Unknowns that share an equation, directly or through others (the programme splits into these)."""
    parent = {k: k for k in keys}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for group in groups:
        for other in group[1:]:
            parent[root(other)] = root(group[0])
    parts: dict[Key, list[Key]] = defaultdict(list)
    for k in keys:
        parts[root(k)].append(k)
    return [sorted(p) for _, p in sorted(parts.items())]


def narrowed(pub: Published) -> dict[Key, list[int]]:
    """Hidden cells with fewer than three possible values, and the values left."""
    return {k: v for k, v in audit(pub).items() if len(v) < 3}


def false_labels(pub: Published, truth: dict[Key, int]) -> list[str]:
    """Cells whose published value or mark does not fit the true count; any true 1 to 4 shown as a number."""
    wrong = [f"{k}: shown {v}, is {truth.get(k, 0)}" for k, v in pub.shown.items() if truth.get(k, 0) != v]
    wrong += [
        f"{k}: '< 5', is {truth.get(k, 0)}"
        for k, m in pub.marks.items()
        if m == "< 5" and not 1 <= truth.get(k, 0) <= 4
    ]
    return wrong + pub.conflicts
