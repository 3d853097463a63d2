"""Values at a touch: a mark per table row where the chart drew it, saying only what the table shows."""

from __future__ import annotations

import html
import json
import re

import pytest

from conftest import EXAMPLE
from jaarverslag.aggregate.indicators import aggregate
from jaarverslag.load.raw import load_data
from jaarverslag.model.indicators import Ratio
from jaarverslag.model.problems import Report
from jaarverslag.render.chapter_contexts import labels_of
from jaarverslag.render.figures import trend_figures, year_figures
from jaarverslag.render.figures.bundle import MARKS, Bundle, Column, render_variants
from jaarverslag.render.formatting import TOO_FEW
from jaarverslag.render.tables import Numbering
from jaarverslag.validate.dataset import validate

_NUMBER = r"-?[0-9.]+"
# The SVG shapes that carry a value: a bar is a path of four corners, a point a marker placed at x, y.
_BAR = re.compile(
    rf'<g id="balken">\s*<path d="M ({_NUMBER}) ({_NUMBER})\s*L ({_NUMBER}) ({_NUMBER})\s*L ({_NUMBER}) ({_NUMBER})'
)
_POINTS = re.compile(r'<g id="punt">(.*?)</g>', re.S)
_USE = re.compile(rf'<use [^>]*x="({_NUMBER})" y="({_NUMBER})"')


@pytest.fixture(scope="module")
def drawn():
    """Every kind of figure of the example's newest year and its trends, drawn once: (bundle, SVGs and marks)."""
    report = Report()
    data = validate(load_data(EXAMPLE, report), report)
    indicators, labels, rules = aggregate(data), labels_of(data), data.gemeente.rules()
    f = indicators[max(indicators)].figures
    found = list(year_figures.received_figures(f, labels, Numbering(4)).values())
    found += [year_figures.figure_lead_times(f, "5.1", rules), trend_figures.figure_trend(indicators, "1.1")]
    found += [trend_figures.figure_trend(indicators, "1.2", code="K8")]
    found += list(trend_figures.dashboard(indicators, labels, max(indicators), Numbering(9))["figuren"].values())
    assert {b.kind for b in found} == {"staven", "kolommen", "histogram", "trend", "kleine_veelvouden"}
    result = []
    for b in found:
        files = render_variants(b.kind, b.chart, b.width, b.height)
        result.append((b, files, json.loads(files[MARKS])))
    return result


def _drawn_centres(b: Bundle, svg: str) -> list[tuple[float, float]]:
    """The centre of every value the SVG shows, in its own px, in drawing order (read from the SVG, not matplotlib)."""
    if b.kind == "trend":
        return [(float(x), float(y)) for group in _POINTS.findall(svg) for x, y in _USE.findall(group)]
    corners = [[float(v) for v in m] for m in _BAR.findall(svg)]
    return [((c[0] + c[2]) / 2, (c[1] + c[5]) / 2) for c in corners]


def test_one_mark_per_table_row_inside_the_picture(drawn):
    for b, _files, boxes in drawn:
        assert len(b.mark_labels) == len(boxes["breed"]) == len(boxes["smal"]), b.name
        for layout, (width, height) in (("breed", (b.width, b.height)), ("smal", b.phone_size)):
            for left, top, w, h in boxes[layout]:
                assert left >= 0 and left + w <= width and top >= 0 and top + h <= height, (b.name, layout)
                assert w >= 24 and h >= 24, (b.name, layout)  # a fingertip's target
        if b.kind == "trend":  # a year without a value has no point and no mark; its table row says so
            assert len(boxes["breed"]) == sum(v is not None for v in b.chart["values"])
        else:
            assert len(boxes["breed"]) == len(b.rows)


def test_every_mark_sits_on_the_bar_or_point_the_svg_draws(drawn):
    checked = 0
    for b, files, boxes in drawn:
        for suffix, layout in (("", "breed"), ("-smal", "smal")):
            svg = files[suffix].decode("utf-8")
            if b.kind == "kleine_veelvouden":  # a panel's mark holds every point of that panel
                panels = [[(float(x), float(y)) for x, y in _USE.findall(g)] for g in _POINTS.findall(svg)]
                assert len(panels) == len(boxes[layout])
                for points, (left, top, w, h) in zip(panels, boxes[layout], strict=True):
                    assert points and all(left <= x <= left + w and top <= y <= top + h for x, y in points)
                checked += 1
                continue
            centres = _drawn_centres(b, svg)
            assert len(centres) == len(boxes[layout]), (b.name, layout)
            for (x, y), (left, top, w, h) in zip(centres, boxes[layout], strict=True):
                assert abs(left + w / 2 - x) < 0.2 and abs(top + h / 2 - y) < 0.2, (b.name, layout, x, y)
            checked += 1
    assert checked == 2 * len(drawn)


def test_a_mark_says_its_table_row_as_shown(drawn):
    b = next(b for b, _, _ in drawn if b.name == "ontvangen-afdeling")
    for label, row in zip(b.mark_labels, b.table_rows, strict=True):
        assert label == html.escape(f"{row[0]}: aantal {row[1]}, aandeel {row[2]}")
    trend = next(b for b, _, _ in drawn if b.name == "trend-ontvangen")
    shown = [row for row, v in zip(trend.table_rows, trend.chart["values"], strict=True) if v is not None]
    assert [str(label).split(":")[0] for label in trend.mark_labels] == [row[0] for row in shown]


def test_hidden_and_withheld_values_stay_hidden_in_the_marks():
    """Small counts: a mark says '< 5', '×' and 'too few for a percentage' where the table does, never the value."""
    small = Bundle(
        name="klein",
        folder="2020",
        number="4.1",
        title="Kleine aantallen",
        subtitle="Ontvangen klachten per afdeling",
        kind="staven",
        chart={"labels": ["Archief", "Bibliotheek <b>", "Cultuur"], "values": [3, 2, 4], "value_labels": ["", "", ""]},
        width=640,
        height=200,
        caption="Kleine aantallen",
        columns=[Column("Afdeling", "afdeling"), Column("Aantal", "aantal"), Column("Aandeel", "aandeel_procent")],
        rows=[["Archief", "< 5", Ratio(3, 9)], ["Bibliotheek <b>", "×", Ratio(2, 9)], ["Cultuur", 4, Ratio(4, 9)]],
        source="Bron: test.",
        alt="Test.",
    )
    said = [html.unescape(str(label)) for label in small.mark_labels]
    assert said == [
        f"Archief: aantal < 5, aandeel {TOO_FEW}",
        f"Bibliotheek <b>: aantal ×, aandeel {TOO_FEW}",
        f"Cultuur: aantal 4, aandeel {TOO_FEW}",
    ]
    assert "<b>" not in "".join(small.mark_labels)  # a name from the data is text, not markup
    assert not any(re.search(r"\b[23]\b|33|22", text) for text in said)


def test_the_stylesheet_places_every_mark_in_both_layouts(drawn):
    b, files, boxes = next(item for item in drawn if item[0].name == "ontvangen-maand")
    css = b.marks_css(files[MARKS]).decode("utf-8")
    wide, narrow = css.split("@media", 1)
    assert narrow.startswith(f" {b.phone_media}{{")
    for part, layout, (width, height) in ((wide, "breed", (b.width, b.height)), (narrow, "smal", b.phone_size)):
        rules = re.findall(rf"\.{b.marks_scope}>:nth-child\((\d+)\)\{{left:([0-9.]+)%;top:([0-9.]+)%", part)
        assert [int(n) for n, _, _ in rules] == list(range(1, len(boxes[layout]) + 1))
        for (_, left, top), box in zip(rules, boxes[layout], strict=True):
            assert abs(float(left) - 100 * box[0] / width) < 0.01 and abs(float(top) - 100 * box[1] / height) < 0.01
    with pytest.raises(ValueError, match="marks drawn"):
        b.marks_css(json.dumps({"breed": boxes["breed"][1:], "smal": boxes["smal"]}).encode())
