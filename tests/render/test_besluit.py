"""The collegebesluit as a decision, and the citizen's links (complain, Nationale ombudsman)."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import EXAMPLE
from jaarverslag.commands.build import prepare
from jaarverslag.model.problems import DataError, format_problems


def _copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    return data


def test_missed_target_with_no_risks_warns_the_coordinator(tmp_path):
    data = _copy(tmp_path)
    verslag = data / "2020" / "verslag.yaml"
    text = re.sub(
        r"risicos: >-\n(  .*\n)+",
        "risicos: Er zijn geen risico's of kanttekeningen.\n",
        verslag.read_text(encoding="utf-8"),
    )
    verslag.write_text(text, encoding="utf-8")
    result = prepare(data)
    lines = format_problems(result.report.warnings)
    assert any(
        "data/2020/verslag.yaml" in line and "risicos" in line and "onder de norm van 90%" in line for line in lines
    ), lines
    assert not any("data/2018/verslag.yaml" in line and "risicos" in line for line in lines)  # 2018 met the norm
    page = result.site.pages["2020/collegebesluit.md"]
    assert "Niet gehaald in 2020:" in page and "onder de norm van 90%" in page


def test_the_decision_shows_owner_deadline_and_status_and_refers_to_3_4(built_site):
    page = (built_site / "2020" / "collegebesluit" / "index.html").read_text(encoding="utf-8")
    # A wide table's cells carry their column name for the phone layout (data-label).
    assert re.search(r"<td[^>]*>klachtencoördinator</td><td[^>]*>1 oktober 2021</td><td[^>]*>In uitvoering</td>", page)
    assert 'href="../03-klachtbehandeling/#verbetering"' in page
    chapter3 = (built_site / "2020" / "03-klachtbehandeling" / "index.html").read_text(encoding="utf-8")
    first = re.search(r"<li>(.{30,}?)</li>", chapter3[chapter3.index('id="verbetering"') :]).group(1)
    assert first not in page  # referred to, not repeated


def test_every_page_links_to_complain_and_home_to_the_ombudsman(built_site):
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'href="https://haarlem\.nl/node/292"[^>]*>\s*Een klacht indienen', html), page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.nationaleombudsman.nl">Nationale ombudsman</a>' in home


def test_a_web_address_must_be_https(tmp_path):
    data = _copy(tmp_path)
    gemeente = data / "gemeente.yaml"
    gemeente.write_text(
        gemeente.read_text(encoding="utf-8").replace(
            "klacht_indienen: https://haarlem.nl/node/292", "klacht_indienen: haarlem.nl/klacht"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        prepare(data)
    assert any(
        "klacht_indienen" in line and "een webadres dat begint met https://" in line
        for line in format_problems(caught.value.problems)
    ), format_problems(caught.value.problems)
