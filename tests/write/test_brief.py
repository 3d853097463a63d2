"""'In één oogopslag': one tagged A4 per year whose numbers are the indicators', also with a long decision."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, copy_example_data, need
from jaarverslag.commands.build import prepare
from jaarverslag.model.indicator_catalogue import CATALOGUE
from jaarverslag.render.brief import BUDGETS, brief_path
from jaarverslag.render.comparisons import MEASURES
from jaarverslag.render.formatting import dagen, getal, procent
from jaarverslag.write.brief import page_count, typeset_brief


def run(*args: str) -> str:
    """A poppler tool's output."""
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def poppler() -> None:
    """pdfinfo and pdftotext are there."""
    need(shutil.which("pdftotext") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")


def printed(ind, code: str) -> str:
    """A headline indicator as the brief must print it, formatted straight from the indicators."""
    f = ind.figures
    value = {
        "K1": f.k1,
        "K3": f.k3,
        "K6": f.k6,
        "K8": f.k8,
        "K9": f.k9,
        "K10": f.k10["alle"].mediaan if f.k10 else None,
        "K14": f.k14,
    }[code]
    if value is None:
        return "n.v.t."
    return str({"procent": procent, "dagen": dagen}.get(MEASURES[code].unit, getal)(value))


def test_every_year_is_one_tagged_dutch_page_with_the_indicators(built_site, poppler):
    """Each year's brief: one A4 page, tagged, titled, in Dutch; every headline indicator's row holds this year's
    and last year's value as the indicators give them."""
    result = prepare(EXAMPLE)
    assert set(result.site.briefs) == set(result.indicators)
    for year, ind in sorted(result.indicators.items()):
        pdf = built_site / brief_path(year)
        info = run("pdfinfo", str(pdf))
        assert re.search(r"Pages:\s+1\n", info) and re.search(r"Tagged:\s+yes", info), info
        assert re.search(rf"Title:\s+Jaarverslag klachten {year} gemeente .+ in één oogopslag", info), info
        assert re.search(rb"/Lang\s*\(nl", pdf.read_bytes())
        text = run("pdftotext", "-layout", str(pdf), "-")
        before = result.indicators.get(year - 1)
        for code in MEASURES:
            now, then = printed(ind, code), printed(before, code) if before else "n.v.t."
            # The first word of each value (a cell may wrap '12 dagen' over two lines).
            row = (
                rf"^\s*{re.escape(CATALOGUE[code].name)}\s+{re.escape(now.split()[0])}\s+{re.escape(then.split()[0])}\s"
            )
            assert re.search(row, text, re.M), (year, code, now, then, text)
        # The page links the report: the built year page links the brief.
        assert f'href="{Path(brief_path(year)).name}"' in (built_site / str(year) / "index.html").read_text("utf-8")


def test_a_long_decision_gives_way_and_says_how_much(tmp_path, poppler):
    """Twelve long recommendations and ten long decision points still give one page; the rest is counted."""
    data = copy_example_data(tmp_path / "data")
    year = data / "2020"
    advice = yaml.safe_load((year / "aanbevelingen.yaml").read_text(encoding="utf-8"))
    long = "Verbeter de klachtbehandeling bij de afdeling met de langste naam van de gemeente " * 5
    advice["aanbevelingen"] = [
        {
            "id": f"A2020-{i}",
            "tekst": f"{i}. {long}",
            "eigenaar": "de directeur " * 8,
            "gereed_voor": dt.date(2021, 12, 31),
        }
        for i in range(1, 13)
    ]
    (year / "aanbevelingen.yaml").write_text(yaml.safe_dump(advice, allow_unicode=True), encoding="utf-8")
    verslag = yaml.safe_load((year / "verslag.yaml").read_text(encoding="utf-8"))
    verslag["besluitpunten"] = [f"Besluitpunt {i}: {long}" for i in range(1, 11)]
    (year / "verslag.yaml").write_text(yaml.safe_dump(verslag, allow_unicode=True), encoding="utf-8")

    site = prepare(data).site
    assert len(site.briefs[2020]) == len(BUDGETS)
    pdf = tmp_path / "oogopslag.pdf"
    pdf.write_bytes(typeset_brief(site, 2020, tmp_path / "bron", "https://klachten.example.nl/"))
    assert page_count(pdf.read_bytes()) == 1
    assert re.search(r"Pages:\s+1\n", run("pdfinfo", str(pdf)))
    text = " ".join(run("pdftotext", str(pdf), "-").split())
    shown = len(re.findall(r"Gereed vóór:", text))
    points = len(re.findall(r"Besluitpunt \d+:", text))
    assert 1 <= shown < 12 and 1 <= points < 10
    left = f"En nog {10 - points} besluitpunten en {12 - shown} aanbevelingen: zie het collegebesluit in het verslag"
    assert left in text, text
    assert "Het hele verslag: https://klachten.example.nl/2020/" in text
    for code in MEASURES:  # the key figures never give way
        assert CATALOGUE[code].name in text
