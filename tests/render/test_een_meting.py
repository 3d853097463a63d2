"""One measure, one number: a count shown with two different percentages on one page names both bases."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import need

NUMBER = r"\d{1,3}(?:\.\d{3})*"
PERCENT = r"\d{1,3},\d"
# "69,4% (227 van 327)" or, with the base in words, "69,4% (227 van de 327 informeel ... klachten)".
TEXT_RATIO = re.compile(rf"({PERCENT})% \(({NUMBER}) van (de |alle )?({NUMBER})( [a-zà-ÿ(][^)]*)?\)")
# A base named in a caption or note: "van (de|alle) 397 afgehandelde klachten", or a figure's "n = 397".
NAMED_BASE = re.compile(rf"\bvan (?:de|alle) ({NUMBER}) [a-zà-ÿ]|\bn = ({NUMBER})\b")
TABLE = re.compile(r"<table\b.*?</table>(?:\s*</div>)?(?:\s*<p class=\"bron\">(.*?)</p>)?", re.S)
ROW = re.compile(r"<tr\b.*?</tr>", re.S)
CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)


@dataclass(frozen=True)
class Seen:
    """A count shown with a percentage: its base (when known), whether the base is named in words, where."""

    count: int
    percent: Decimal
    explained: bool
    where: str


def number(text: str) -> int:
    """A Dutch integer: 1.234 -> 1234."""
    return int(text.replace(".", ""))


def percent_of(count: int, base: int) -> Decimal:
    """The percentage as the site rounds it."""
    return (Decimal(100 * count) / Decimal(base)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def plain(fragment: str) -> str:
    """Text of an HTML fragment, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def text_seen(text: str, where: str) -> list[Seen]:
    """Every 'p% (a van b)' in running text; explained when the base is named in words, here or earlier."""
    named = {m.group(4) for m in TEXT_RATIO.finditer(text) if m.group(3) and m.group(5)}
    named |= {a or b for a, b in NAMED_BASE.findall(text)}
    return [
        Seen(
            number(m.group(2)),
            Decimal(m.group(1).replace(",", ".")),
            bool(m.group(3)) and (bool(m.group(5)) or m.group(4) in named),
            f"{where}: {m.group(0)!r}",
        )
        for m in TEXT_RATIO.finditer(text)
    ]


def table_seen(table: str, note: str, where: str) -> list[Seen]:
    """Every count beside a percentage in a table's rows, and every sum of two rows against the table's total.

    Explained when the caption or the note under the table names a base that gives that percentage."""
    caption = plain(m.group(1)) if (m := re.search(r"<caption\b.*?>(.*?)</caption>", table, re.S)) else ""
    bases = [number(a or b) for a, b in NAMED_BASE.findall(f"{caption} {plain(note or '')}")]
    title = f"{where}: {caption[:60]!r}"
    pairs: list[tuple[int, Decimal]] = []
    row_bases: dict[int, list[int]] = {}
    total = None
    head = [plain(c) for c in CELL.findall(ROW.findall(table)[0])] if ROW.search(table) else []
    seen: list[Seen] = []
    for row in ROW.findall(table):
        cells = [plain(c) for c in CELL.findall(row)]
        # A cell "69,4% (227 van de 327 ...)" counts as text; its row or column header may name the base.
        for i, c in enumerate(cells):
            if TEXT_RATIO.fullmatch(c):
                named = " ".join([cells[0], head[i] if i < len(head) else ""])
                seen += [
                    Seen(s.count, s.percent, s.explained or bool(NAMED_BASE.search(named)), s.where)
                    for s in text_seen(c, title)
                ]
        found = _count_and_percent(cells[1:])
        if found is None:
            continue
        # A share column "Aandeel van alle klachten" with the base as a count in the same row.
        if any(re.search(r"\bvan (?:de|alle)\b", h) for h in head):
            row_bases.setdefault(found[0], []).extend(number(c) for c in cells[1:] if re.fullmatch(NUMBER, c))
        if "<tfoot" in table and row in table[table.index("<tfoot") :]:
            total = found[0]
        else:
            pairs.append(found)
    sums = []
    if total:
        sums = [(a + b, percent_of(a + b, total)) for i, (a, _) in enumerate(pairs) for b, _ in pairs[i + 1 :]]
    return seen + [
        Seen(a, p, any(percent_of(a, b) == p for b in bases + row_bases.get(a, []) if b), f"{title} {a} – {p}%")
        for a, p in pairs + sums
    ]


def _count_and_percent(cells: list[str]) -> tuple[int, Decimal] | None:
    """The first whole count and the first bare percentage after it in a row, if the row has both."""
    for i, c in enumerate(cells):
        if re.fullmatch(NUMBER, c):
            for later in cells[i + 1 :]:
                if m := re.fullmatch(rf"({PERCENT})%", later):
                    return number(c), Decimal(m.group(1).replace(",", "."))
            return None
    return None


def page_seen(page: str, where: str) -> list[Seen]:
    """Every count shown with a percentage on a built HTML page: its tables, its text and its alt texts."""
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    seen: list[Seen] = []
    figures = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"<figure\b.*?</figure>", page, re.S)]
    for m in TABLE.finditer(page):
        note = m.group(1) or ""
        for start, end, figure in figures:  # a figure's table: its headline, subtitle and source line
            if start < m.start() < end:
                note = " ".join(re.findall(r"<figcaption\b.*?</figcaption>|<p class=\"bron\".*?</p>", figure, re.S))
        seen += table_seen(m.group(0), note, where)
    rest = re.sub(r"<table\b.*?</table>", " ", page, flags=re.S)
    alts = " ".join(html.unescape(a) for a in re.findall(r'\balt="([^"]*)"', rest))
    return seen + text_seen(plain(rest) + " " + alts, where)


def unexplained(seen: list[Seen]) -> list[str]:
    """Pairs of one count with two percentages where a base is not named."""
    found = set()
    for i, a in enumerate(seen):
        for b in seen[i + 1 :]:
            if a.count == b.count and a.percent != b.percent and not (a.explained and b.explained):
                found.add(" ⟷ ".join(sorted((a.where, b.where))))
    return sorted(found)


def site_pairs(site: Path) -> list[str]:
    """The unexplained pairs of every built page and every PDF page (text only) of a site."""
    found = []
    for path in sorted(site.rglob("*.html")):
        found += unexplained(page_seen(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix()))
    for pdf in sorted(site.glob("*/jaarverslag-klachten-*.pdf")):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for n, page in enumerate(out.replace("\u00ad\n", "").split("\f"), start=1):
            found += unexplained(text_seen(" ".join(page.split()), f"{pdf.name} p. {n}"))
    return found


def test_every_count_has_one_percentage_per_page_or_names_its_bases(built_site):
    need(shutil.which("pdftotext") is not None, "pdftotext ontbreekt: apt-get install poppler-utils")
    found = site_pairs(built_site)
    assert not found, f"{len(found)} paren zonder genoemde basis:\n" + "\n".join(found[:30])


TABLE_5_1 = """<table><caption>Tabel 5.1 Afgehandelde klachten{note}</caption><tbody>
<tr><th>Informeel opgelost</th><td>227</td><td>57,2%</td></tr><tr><th>Formeel</th><td>100</td><td>25,2%</td></tr>
<tr><th>Overig</th><td>70</td><td>17,6%</td></tr></tbody><tfoot><tr><th>Totaal</th><td>397</td><td>100,0%</td></tr>
</tfoot></table>"""


def test_the_scan_finds_each_known_kind_of_pair():
    text = "<p>Van de klachten is 69,4% (227 van 327) informeel opgelost.</p>"
    assert len(unexplained(page_seen(text + TABLE_5_1.format(note=""), "p"))) == 1
    # The base in words on both sides: explained.
    named = "<p>Het is 69,4% (227 van de 327 informeel of formeel afgehandelde klachten).</p>"
    note = "; het aandeel is van alle 397 afgehandelde klachten"
    assert unexplained(page_seen(named + TABLE_5_1.format(note=note), "p")) == []
    # Only one side named is not enough.
    assert len(unexplained(page_seen(named + TABLE_5_1.format(note=""), "p"))) == 1
    # A sum of two rows against the text: 24 + 22 = 46 of 100 beside 46 of 90.
    verdicts = (
        "<p>Was 51,1% (46 van 90) gegrond.</p><table><tbody><tr><th>G</th><td>24</td><td>24,0%</td></tr>"
        "<tr><th>D</th><td>22</td><td>22,0%</td></tr><tr><th>O</th><td>54</td><td>54,0%</td></tr></tbody>"
        "<tfoot><tr><th>T</th><td>100</td><td>100,0%</td></tr></tfoot></table>"
    )
    assert len(unexplained(page_seen(verdicts, "p"))) == 1
    # An alt text counts as text on the page.
    alt = '<img alt="Het was 84,9% (227 van 267) binnen 42 dagen."><p>Het was 69,4% (227 van 327).</p>'
    assert len(unexplained(page_seen(alt, "p"))) == 1
