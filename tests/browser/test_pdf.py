"""The PDF edition read back with poppler, built from the canary data (hostile labels): complete, tagged, repeatable."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from canary_site import ADOPTED, HOSTILE_LABELS, canary_build
from jaarverslag.render.formatting import datum
from jaarverslag.write.pagetree import parse_html

from .conftest import need


def run(*args: str) -> str:
    """Run a poppler tool and return its output."""
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def flat(text: str) -> str:
    """Text with whitespace collapsed, soft hyphens and word joiners dropped."""
    return " ".join(text.replace("\u00ad", "").replace("\u2060", "").split())


@pytest.fixture(scope="module")
def canary(tmp_path_factory) -> tuple[Path, Path]:
    """The canary data and its built site."""
    need(shutil.which("pdftotext") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    data, site, _ = canary_build(tmp_path_factory)
    return data, site


@pytest.fixture(scope="module")
def years(canary) -> list[str]:
    """The years that have numbered chapters."""
    _, site = canary
    found = sorted(
        p.name
        for p in site.iterdir()
        if re.fullmatch(r"\d{4}", p.name) and any(re.match(r"\d\d-", c.name) for c in p.iterdir())
    )
    assert found
    return found


def pdf_of(site: Path, year: str) -> Path:
    """The PDF edition of a year."""
    return site / year / f"jaarverslag-klachten-{year}.pdf"


def page_count(pdf: Path) -> int:
    """Number of pages."""
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))


def chapters(site: Path, year: str) -> list:
    """The <article> of every numbered chapter page of a year, as element trees, in order."""
    trees = []
    for page in sorted((site / year).glob("[0-9][0-9]-*/index.html")):
        # Words for a screen reader only ("verborgen" beside a "×") are not on paper.
        html = re.sub(r'<span class="voorlezen">[^<]*</span>', "", page.read_text(encoding="utf-8"))
        trees.append(parse_html(html[html.index("<article") : html.index("</article>")]))
    return trees


def test_one_pdf_per_year(canary, years):
    """Every year has its PDF: A4, tagged, titled, more than a cover and contents, 'Pagina x van y' footers."""
    _, site = canary
    for year in years:
        pdf = pdf_of(site, year)
        info = run("pdfinfo", str(pdf))
        pages = page_count(pdf)
        assert pages > 4
        assert "(A4)" in info and re.search(r"Tagged:\s+yes", info)
        assert re.search(rf"Title:\s+Jaarverslag klachten {year} gemeente ", info)
        for number in (3, pages):
            text = run("pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-")
            assert f"Pagina {number} van {pages}" in text


def test_cover_from_the_data(canary, years):
    """The cover names the gemeente, the year and the adoption date as verslag.yaml gives it."""
    data, site = canary
    gemeente = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))["naam"]
    for year in years:
        cover = flat(run("pdftotext", "-f", "1", "-l", "1", str(pdf_of(site, year)), "-"))
        assert f"Gemeente {gemeente}" in cover and f"Jaarverslag klachten {year}" in cover
        adopted = yaml.safe_load((data / year / "verslag.yaml").read_text(encoding="utf-8"))["vastgesteld_college"]
        assert adopted == dt.date.fromisoformat(ADOPTED[year])  # the canary data gives every year one
        assert f"op {datum(adopted)}" in cover and f"op {adopted.day} " in cover, cover
        assert ".csv" not in cover


def test_decision_comes_first(canary, years):
    """The college's decision is part of the edition, before chapter 1, with every decision point."""
    data, site = canary
    for year in years:
        verslag = yaml.safe_load((data / year / "verslag.yaml").read_text(encoding="utf-8"))
        text = run("pdftotext", "-layout", str(pdf_of(site, year)), "-")
        body = "\n".join(line for line in text.splitlines() if ". . ." not in line)  # contents lines left out
        decision = re.search(r"^Collegebesluit jaarverslag klachten " + year + r"$", body, re.M)
        chapter_one = re.search(r"^1\. Samenvatting en kerncijfers$", body, re.M)
        assert decision and chapter_one and decision.start() < chapter_one.start(), year
        for point in verslag["besluitpunten"]:
            assert flat(point) in flat(body[decision.start() : chapter_one.start()]), (year, point)


TOP = 45 / 25.4 * 72  # pt: a chapter title this close to the page's top edge opens the page (as in print.typ)
ZOOM = 1.5  # pdftohtml's default: its coordinates are points times 1.5


def pdf_pages(pdf: Path) -> list[tuple[int, str, list[tuple[float, str]]]]:
    """Per page after the contents: its number, its running head and its chapter titles (17 pt) with their
    distance from the top edge in pt."""
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf))
    sizes = dict(re.findall(r'<fontspec id="(\d+)" size="([\d.]+)"', xml))
    found = []
    for number, page in re.findall(r'<page number="(\d+)"[^>]*>(.*?)</page>', xml, re.S):
        items = [
            (int(top), float(sizes[font]), flat(html.unescape(re.sub("<[^>]+>", "", t))))
            for top, font, t in re.findall(
                r'<text top="(\d+)" left="\d+" width="\d+" height="\d+" '
                r'font="(\d+)">(.*?)</text>',
                page,
                re.S,
            )
        ]
        items = [i for i in items if i[2]]
        if int(number) < 3 or not items:
            continue
        band = min(top for top, _, _ in items)
        head = " ".join(t for top, _, t in items if top <= band + 2 and not t.startswith("Jaarverslag klachten"))
        titles = [
            (top / ZOOM, t)
            for top, size, t in sorted(items)
            if top > band + 12 and size >= 20 and re.match(r"^(\d+\. \S|Collegebesluit|Tabellen bij)", t)
        ]
        found.append((int(number), head, titles))
    return found


def test_chapters_print_in_their_numbered_order(canary, years):
    """On paper: the decision (with the conclusions the commissie decides on), then chapters 1 to 11 in the order
    their numbers, the contents and section 2.3 give (never 1, 10, 2), then the tables of the figures."""
    need(shutil.which("pdftohtml") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    _, site = canary
    for year in years:
        titles = [t for _, _, found in pdf_pages(pdf_of(site, year)) for _, t in found]
        numbers = [int(t.split(".")[0]) for t in titles if t[0].isdigit()]
        assert titles[0].startswith("Collegebesluit") and titles[-1].startswith("Tabellen bij"), (year, titles)
        assert numbers == sorted(numbers) and numbers[0] == 1 and 10 in numbers, (year, titles)


def test_running_head_names_the_chapter_at_the_top_of_the_page(canary, years):
    """The running head is the chapter the page opens with, not one that only starts lower down."""
    need(shutil.which("pdftohtml") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    _, site = canary
    for year in years:
        open_chapter, wrong, pages = None, [], pdf_pages(pdf_of(site, year))
        for number, head, titles in pages:
            at_top = titles[0][1] if titles and titles[0][0] < TOP else open_chapter
            if head != at_top:
                wrong.append((number, head, at_top))
            open_chapter = titles[-1][1] if titles else open_chapter
        assert len(pages) >= 8 and not wrong, (year, wrong)


def test_contents_with_page_numbers(canary, years):
    """Every chapter title of the web is in the contents with a page number, that page starts the chapter,
    and the PDF's bookmarks lead there too."""
    _, site = canary
    need(shutil.which("pdftohtml") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    for year in years:
        pdf = pdf_of(site, year)
        contents = flat(run("pdftotext", "-f", "2", "-l", "2", str(pdf), "-"))
        bookmarks = {
            (flat(t), p)
            for p, t in re.findall(
                r'<item page="(\d+)">(.*?)</item>', run("pdftohtml", "-stdout", "-xml", "-i", "-q", str(pdf))
            )
        }
        for tree in chapters(site, year):
            h1 = tree.find("h1")
            title = " ".join(
                "".join(
                    c if isinstance(c, str) else c.text()
                    for c in h1.children
                    if isinstance(c, str) or "headerlink" not in c.classes
                ).split()
            )
            match = re.search(re.escape(title) + r" ?(?:\. ?){3,}(\d+)", contents)
            assert match, (year, title)
            page = flat(run("pdftotext", "-f", match.group(1), "-l", match.group(1), str(pdf), "-"))
            assert title in page, (year, title, match.group(1))
            assert (html.escape(title, quote=False), match.group(1)) in bookmarks, (year, title)


def test_every_table_whole_and_every_number(canary, years):
    """Every figure and table number of the web chapters is in the PDF; every body cell of every captioned
    table appears between that table's caption and the next caption (nothing cut off)."""
    _, site = canary
    for year in years:
        text = flat(run("pdftotext", "-raw", str(pdf_of(site, year)), "-"))
        tables, numbers = [], []
        for tree in chapters(site, year):
            numbers += [n.text() for n in tree.find_all("span", "nummer")]
            for table in tree.find_all("table"):
                caption = table.find("caption")
                if caption is None:
                    continue
                cells = [
                    c.text()
                    for part in ("tbody", "tfoot")
                    if table.find(part)
                    for c in table.find(part).find_all("td") + table.find(part).find_all("th")
                ]
                tables.append((flat(caption.text()), [c for c in cells if c]))
        assert len(numbers) > 5 and tables
        for number in numbers:
            assert re.search(re.escape(number) + r"\b", text), (year, number)
        starts = sorted(text.index(caption) for caption, _ in tables if caption in text)
        for caption, cells in tables:
            assert caption in text, (year, caption)
            start = text.index(caption)
            end = next((s for s in starts if s > start), len(text))
            # A cell may wrap inside its column (also after a "/"): compare without whitespace.
            segment = re.sub(r"\s", "", text[start:end])
            missing = [c for c in cells if re.sub(r"\s", "", c) not in segment]
            assert not missing, (year, caption, missing)


def test_data_attached(canary, years):
    """Every CSV of the year's data folder is inside its PDF."""
    _, site = canary
    for year in years:
        listing = run("pdfdetach", "-list", str(pdf_of(site, year)))
        attached = set(re.findall(r"^\d+: (.+)$", listing, re.M))
        assert attached == {p.name for p in (site / year / "data").glob("*.csv")}


def test_data_strings_printed_literally(canary, years):
    """Labels with markup, links, template syntax and formulas show literally; no empty bullets."""
    _, site = canary
    text = flat(run("pdftotext", "-raw", str(pdf_of(site, years[-1])), "-"))
    for label in HOSTILE_LABELS.values():
        assert flat(label) in text, label
    lines = run("pdftotext", "-raw", str(pdf_of(site, years[-1])), "-").splitlines()
    assert not [line for line in lines if line.strip() == "•"]  # a list marker with nothing after it


def test_same_input_same_bytes(canary, years, tmp_path):
    """Typesetting the same pages again, elsewhere and without the cache, gives the same bytes."""
    from jaarverslag.commands.build import prepare
    from jaarverslag.write.code_key import code_key
    from jaarverslag.write.pdf import render_pdfs

    data, site = canary
    built = prepare(data, work=tmp_path / "a").site
    code = code_key()
    first, typeset = render_pdfs(built, tmp_path / "a", code)
    second, _ = render_pdfs(built, tmp_path / "b", code)
    assert typeset == len(years) and first == second
    for year in years:
        assert first[f"{year}/jaarverslag-klachten-{year}.pdf"] == pdf_of(site, year).read_bytes()
    again, reused = render_pdfs(built, tmp_path / "a", code)
    assert reused == 0 and again == first


def test_no_mostly_blank_pages(canary, years):
    """Every portrait page but the cover and the last is filled to 40% of its height (footer not counted);
    a landscape page holds one wide table, however short, so the page before it may end early."""
    _, site = canary
    for year in years:
        pdf = pdf_of(site, year)
        html = run("pdftotext", "-bbox", str(pdf), "-")
        pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
        assert len(pages) == page_count(pdf)
        for number, (width, height, words) in enumerate(pages[1:-1], start=2):
            height = float(height)
            next_width, next_height, _ = pages[number]
            if float(width) > height or float(next_width) > float(next_height):
                continue
            bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', words) if float(y) < 0.9 * height]
            assert bottoms and max(bottoms) >= 0.4 * height, (year, number, max(bottoms, default=0) / height)


def test_source_lines_stay_with_their_table(canary, years):
    """No page opens with a source line: it stays on the page of its table or figure."""
    _, site = canary
    for year in years:
        pages = run("pdftotext", "-layout", str(pdf_of(site, year)), "-").split("\f")
        for number, page in enumerate(pages[1:], start=2):
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            # lines[0] is the running header (chapter, report title)
            assert len(lines) < 2 or not lines[1].startswith("Bron"), (year, number, lines[1])
