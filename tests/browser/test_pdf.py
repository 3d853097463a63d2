"""The PDF edition read back with poppler: A4, tagged, Dutch, cover, contents, chapters, K1, data attached."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import need


def run(*args: str) -> str:
    """Run a poppler tool and return its output."""
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def years(built_site: Path) -> list[str]:
    """The years that have numbered chapters."""
    need(shutil.which("pdftotext") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    return sorted(p.name for p in built_site.iterdir() if re.fullmatch(r"\d{4}", p.name)
                  and any(re.match(r"\d\d-", c.name) for c in p.iterdir()))


def test_one_pdf_per_year(built_site, years):
    """Every year has its PDF: A4, tagged, with a title and Dutch page footers."""
    assert years
    for year in years:
        pdf = built_site / year / f"jaarverslag-klachten-{year}.pdf"
        info = run("pdfinfo", str(pdf))
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert pages >= 5
        assert "(A4)" in info and re.search(r"Tagged:\s+yes", info)
        assert f"Title:           Jaarverslag klachten {year} gemeente Haarlem" in info
        last = run("pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-")
        assert f"Pagina {pages} van {pages}" in last


def test_cover_contents_chapters_and_k1(built_site, years):
    """Cover with date of adoption, contents with page numbers, chapter titles as online, K1 from the CSV."""
    year = years[-1]
    pdf = built_site / year / f"jaarverslag-klachten-{year}.pdf"
    text = run("pdftotext", "-layout", str(pdf), "-")
    cover = run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-")
    assert "Gemeente Haarlem" in cover and f"Jaarverslag klachten {year}" in cover
    assert re.search(r"Vastgesteld door het college .* op \d{1,2} [a-z]+ \d{4}", cover)
    titles = sorted((p.parent.name, re.search(r"<h1[^>]*>(.*?)<a", p.read_text(encoding="utf-8")).group(1))
                    for p in (built_site / year).glob("[0-9][0-9]-*/index.html"))
    for _, title in titles:
        assert re.search(re.escape(title.replace("&#39;", "'")) + r"\s*\.{3,}\s*\d+", text), title
    rows = list(csv.reader((built_site / year / "data" / "kerncijfers.csv").read_text(encoding="utf-8")
                           .splitlines()))
    k1 = next(r for r in rows if r and r[0] == "K1")
    assert any(v and v in text for v in k1[2:3]), k1
    assert "Tabel 4.1" in text


def test_data_attached(built_site, years):
    """kerncijfers.csv is inside the PDF."""
    for year in years:
        listing = run("pdfdetach", "-list", str(built_site / year / f"jaarverslag-klachten-{year}.pdf"))
        assert "kerncijfers.csv" in listing
