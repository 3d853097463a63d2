"""The decision first (issue 23, item 2): the newest year opens with the key points, then what the college decides;
key points judge better or worse by the indicator's direction, in words and with a sign; events stand apart;
department pages give each percentage against its norm."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from jaarverslag.commands.build import prepare
from jaarverslag.model.indicator_catalogue import CATALOGUE
from jaarverslag.render import comparisons as cmp

NUMBER = r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?"
SIGN = r"<span class=\"oordeel\"><span aria-hidden=\"true\">([▲▼=])</span>\u00a0([^<]+)</span>"


def num(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("decision") / "data"
    shutil.copytree(EXAMPLE, data)
    return prepare(data).site.pages


def test_every_headline_indicator_has_its_better_direction_in_the_catalogue():
    assert {code: m.better for code, m in cmp.MEASURES.items()} == {
        "K1": None,
        "K3": "lower",
        "K6": "higher",
        "K8": "lower",
        "K9": "higher",
        "K10": "lower",
        "K14": None,
    }
    assert all(m.better == CATALOGUE[code].better for code, m in cmp.MEASURES.items())


def test_fewer_received_is_not_called_better_and_a_longer_lead_time_is_worse():
    fewer = cmp.compare(391, 436, 2019, "aantal")
    assert cmp.judgement("K1", fewer) is None and cmp.verdict("K1", fewer) == ""
    longer = cmp.compare(Decimal(30), Decimal(20), 2019, "dagen")
    assert cmp.judgement("K10", longer) == "slechter"
    assert cmp.judgement("K9", cmp.compare(Decimal("83.8"), Decimal("89.7"), 2019, "procent")) == "slechter"
    assert cmp.judgement("K8", cmp.compare(Decimal("40.0"), Decimal("45.3"), 2019, "procent")) == "beter"


def check_key_point(code: str, text: str) -> None:
    """A key point's judgements hold to the numbers it names: now, the baseline's value and the norm."""
    m = re.search(rf": ({NUMBER})%?(?: dagen| dag)? \((\d{{4}}): ({NUMBER})", text)
    signs = re.findall(SIGN, text)
    better = CATALOGUE[code].better
    if better is None:
        assert not re.search(r"beter|slechter|gelijk aan", text), text
    if m is None:  # nothing to compare with
        assert not any("dan in" in w or "gelijk aan" in w for _, w in signs), text
        return
    now, year, then = num(m.group(1)), m.group(2), num(m.group(3))
    for sign, words in signs:
        if words.startswith("norm"):
            target = Decimal(re.search(rf"norm van ({NUMBER})%", text).group(1).replace(",", "."))
            met = now <= target if better == "lower" else now >= target
            assert (sign, words) == (("▲", "norm gehaald") if met else ("▼", "norm niet gehaald")), text
            continue
        assert better is not None, text
        if now == then:
            assert (sign, words) == ("=", f"gelijk aan {year}"), text
        elif then != 0 and abs(now - then) / abs(then) < cmp.THRESHOLD:
            assert (sign, words) == ("=", f"vrijwel gelijk aan {year}"), text
        else:
            good = (now > then) == (better == "higher")
            assert (sign, words) == (("▲", f"beter dan in {year}") if good else ("▼", f"slechter dan in {year}")), text
    assert len([w for _, w in signs if not w.startswith("norm")]) == (0 if better is None else 1), text


@settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(sorted(cmp.MEASURES)),
    now=st.integers(0, 2000),
    then=st.integers(0, 2000) | st.none(),
    target=st.sampled_from([None, 50.0, 90.0]),
)
def test_a_key_point_judges_by_the_numbers_it_names(code, now, then, target):
    unit = cmp.MEASURES[code].unit
    scale = Decimal(10) if unit in ("procent", "dagen") else Decimal(1)
    c = cmp.compare(Decimal(now) / scale, None if then is None else Decimal(then) / scale, 2019, unit)
    check_key_point(code, cmp.key_point(code, c, target if unit == "procent" else None))


def _code_of(point: str) -> str:
    head = point.split(":")[0]
    return next(
        code
        for code, m in cmp.MEASURES.items()
        if head in (m.more, m.less, m.same, m.plain, "Vrijwel " + m.same[0].lower() + m.same[1:])
    )


def _key_points(page: str) -> list[str]:
    part = page[page.index("## Belangrijkste punten") :]
    return re.findall(r"^- (.*)$", part[: part.index("\n\n", part.index("\n- "))], re.M)


def test_the_2020_key_points_judge_against_2019_and_the_norm(pages):
    points = _key_points(pages["2020/index.md"])
    assert 3 <= len(points) <= 6
    for p in points:
        check_key_point(_code_of(p), p)
    on_time = next(p for p in points if p.startswith("Minder klachten op tijd afgehandeld"))
    assert re.findall(SIGN, on_time) == [("▼", "slechter dan in 2019"), ("▼", "norm niet gehaald")]
    received = next(p for p in points if p.startswith(("Minder klachten ontvangen", "Meer klachten ontvangen")))
    assert "oordeel" not in received


def test_a_renamed_department_is_an_event_not_a_key_point(pages):
    for rel in ("2020/index.md", "index.md", "2020/01-samenvatting.md"):
        page = pages[rel]
        assert not any("heet nu" in p for p in _key_points(page)), rel
        assert re.search(r"\*\*Gebeurtenissen\.\*\* Afdeling Ruimtelijke ontwikkeling heet nu Stedelijke", page), rel


def test_the_newest_year_opens_with_key_points_then_the_decision(pages):
    for rel, folder in (("2020/index.md", ""), ("index.md", "2020/")):
        page = pages[rel]
        order = [
            page.index("## Belangrijkste punten"),
            page.index("## Wat het college besluit over 2020 "),
            page.index("## Kerncijfers"),
        ]
        assert order == sorted(order), rel
        decision = page[order[1] : order[2]]
        assert "Het college van burgemeester en wethouders besloot op 13 april 2021:" in decision
        assert re.search(r"\n\n1\. Het Jaarverslag klachten 2020 vast te stellen\\?\.\n", decision), rel
        assert "**Wie:** klachtencoördinator. **Gereed vóór:** 1 oktober 2021." in decision, rel
        assert "**Wie:** accounthouders van de partners. **Gereed vóór:** 31 december 2021." in decision
        assert f"]({folder}collegebesluit.md)" in decision, rel


def test_the_collegebesluit_is_in_the_chapter_list(pages):
    page = pages["2020/index.md"]
    chapters = page[page.index("## Hoofdstukken") :]
    items = re.findall(r"^- \[(.*?)\]\((.*?)\)$", chapters, re.M)
    assert items[0] == ("Collegebesluit", "collegebesluit.md")
    assert items[1] == ("1. Samenvatting en kerncijfers", "01-samenvatting.md")


def test_the_collegebesluit_heads_the_years_side_menu():
    """The side menu has the order of the year page and the PDF: the decision, then chapters 1 to 11."""
    nav = prepare(EXAMPLE).site.nav
    year = next(item["2020"] for item in nav if "2020" in item)
    titles = [next(iter(entry)) for entry in year]
    assert titles[:3] == ["Jaarverslag 2020", "Collegebesluit", "1. Samenvatting en kerncijfers"]


def test_a_year_without_decision_points_has_no_decision_and_no_collegebesluit(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    verslag = data / "2020" / "verslag.yaml"
    text = re.sub(r"besluitpunten:\n(  - .*\n)+", "besluitpunten: []\n", verslag.read_text(encoding="utf-8"))
    verslag.write_text(text, encoding="utf-8")
    built = prepare(data).site.pages
    assert "2020/collegebesluit.md" not in built
    page = built["2020/index.md"]
    assert "collegebesluit.md" not in page and "besloot op" not in page
    assert "**Wie:** klachtencoördinator." in page  # the recommendations still have their owner and deadline


def test_department_percentages_stand_against_their_norm(pages):
    shown = {
        rel: re.search(r"binnen de termijn: ([\d,]+)% \([^)]*\)(, (?:boven|onder|op) de norm van 90%)?", page)
        for rel, page in pages.items()
        if rel.startswith("2020/afdelingen/") and not rel.endswith("index.md")
    }
    with_ratio = {rel: m for rel, m in shown.items() if m}
    assert with_ratio, shown
    for rel, m in with_ratio.items():
        assert m.group(2), (rel, m.group(0))
        value = num(m.group(1))
        assert ("onder" in m.group(2)) == (value < 90) and ("boven" in m.group(2)) == (value > 90), (rel, m.group(0))
