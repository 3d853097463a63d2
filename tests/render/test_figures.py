"""Figures checked on their data, not pixels: bars against tables, alt text, CSV, bytes, contrast, escaping."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from itertools import pairwise

import markdown
import pytest
from matplotlib import rc_context
from matplotlib.text import Text

from conftest import EXAMPLE
from jaarverslag.aggregate.indicators import aggregate
from jaarverslag.load.raw import load_data
from jaarverslag.model.indicators import Ratio
from jaarverslag.model.problems import Report
from jaarverslag.render.chapter_contexts import labels_of
from jaarverslag.render.figures import alt_text, bundle, charts, style, trend_figures, year_figures
from jaarverslag.render.figures.bundle import Bundle, Column, render_svg
from jaarverslag.render.site import Site, make_env
from jaarverslag.render.tables import Numbering
from jaarverslag.validate.dataset import validate
from jaarverslag.write import figure_cache
from jaarverslag.write.figure_cache import render_all


@pytest.fixture(scope="module")
def example():
    """Indicators and labels of the bundled example data."""
    report = Report()
    data = validate(load_data(EXAMPLE, report), report)
    return aggregate(data), labels_of(data), data.gemeente.rules()


@pytest.fixture(scope="module")
def bundles(example):
    """Every kind of figure for the newest year, plus the trend and the dashboard."""
    indicators, labels, rules = example
    f = indicators[max(indicators)].figures
    found = list(year_figures.received_figures(f, labels, Numbering(4)).values())
    found += [
        year_figures.figure_lead_times(f, "5.1", rules),
        trend_figures.figure_trend(indicators, "1.1", folder="trends"),
    ]
    found += list(trend_figures.dashboard(indicators, labels, max(indicators), Numbering(9))["figuren"].values())
    return {b.name: b for b in found}


def draw(b: Bundle):
    """The matplotlib Figure of a bundle, drawn with the house style."""
    with rc_context(style.RC):
        return charts.CHARTS[b.kind](**b.chart, width=b.width, height=b.height)


def test_every_kind_has_a_chart_and_a_name():
    assert set(charts.CHARTS) == set(bundle.KINDS)


@pytest.mark.parametrize("name", ["ontvangen-afdeling", "ontvangen-aard"])
def test_bar_lengths_equal_the_table(bundles, name):
    b = bundles[name]
    bars = draw(b).axes[0].patches
    # Bars run top to bottom in table order.
    ordered = sorted(bars, key=lambda p: -p.get_y())
    assert [p.get_width() for p in ordered] == [row[1] for row in b.rows]
    assert sum(row[1] for row in b.rows) == b.footer[1]


def test_month_columns_and_histogram_heights_equal_the_table(bundles):
    for name in ("ontvangen-maand", "doorlooptijd"):
        b = bundles[name]
        bars = sorted(draw(b).axes[0].patches, key=lambda p: p.get_x())
        assert [p.get_height() for p in bars] == [row[1] for row in b.rows], name


def test_histogram_counts_every_lead_time_once_and_splits_at_the_term(example, bundles):
    indicators, _, _ = example
    f = indicators[max(indicators)].figures
    b = bundles["doorlooptijd"]
    assert sum(row[1] for row in b.rows) == len(f.lead_days)
    within = sum(row[1] for row in b.rows if int(row[0].split("–")[1].split()[0]) <= 42)
    assert within == sum(1 for d in f.lead_days if d <= 42)
    lines = {line.get_gid() for line in draw(b).axes[0].lines}
    assert {"termijn-42", "termijn-70"} <= lines


def test_trend_marks_a_totals_only_year_hollow(example, bundles):
    indicators, _, _ = example
    b = bundles["trend-ontvangen"]
    totals = [y for y in indicators if indicators[y].figures.source == "totalen"]
    assert totals, "the example data should hold a totals-only year"
    assert [y for y, h in zip(b.chart["years"], b.chart["hollow"], strict=True) if h] == totals
    assert b.chart["values"] == [indicators[y].figures.k1 for y in sorted(indicators)]


def test_k9_trend_draws_its_norm_and_no_label_crosses_it(example):
    """The K9 trend has a dashed norm line at the target, labelled in words, and no value label on that line."""
    indicators, _, _ = example
    b = trend_figures.figure_trend(indicators, "T.4", folder="trends", code="K9", target=90.0)
    fig = draw(b)
    ax = fig.axes[0]
    norm = [line for line in ax.lines if line.get_gid() == "norm"]
    assert len(norm) == 1 and list(norm[0].get_ydata()) == [90.0, 90.0]
    texts = {t.get_text(): t for t in ax.texts}
    assert "norm 90%" in texts and "de norm is 90%" in b.subtitle
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    line_y = ax.transData.transform((0, 90.0))[1]
    for label in b.chart["value_labels"]:
        box = texts[label].get_window_extent(renderer)
        assert not box.y0 < line_y < box.y1, label


def test_alt_text_names_kind_period_largest_and_smallest(bundles):
    b = bundles["ontvangen-afdeling"]
    largest = max(b.rows, key=lambda r: r[1])
    smallest = min(b.rows, key=lambda r: r[1])
    assert b.alt_text.startswith("Staafdiagram van het aantal ontvangen klachten per afdeling")
    assert f"Het hoogst: {largest[0]} met {largest[1]} klachten" in b.alt_text
    assert f"Het laagst: {smallest[0]}" in b.alt_text
    assert "steeg" in bundles["trend-ontvangen"].alt_text or "daalde" in bundles["trend-ontvangen"].alt_text
    assert replace(b, alt_override="Eigen tekst.").alt_text == "Eigen tekst."


def test_csv_equals_the_table(bundles):
    for b in bundles.values():
        rows = list(csv.reader(io.StringIO(b.csv_bytes.decode("utf-8"))))
        assert rows[0] == [c.csv for c in b.columns]
        assert len(rows) - 1 == len(b.rows)
        for written, row in zip(rows[1:], b.rows, strict=True):
            for cell, value in zip(written, row, strict=True):
                if isinstance(value, Ratio):
                    assert cell == ("" if value.procent is None else str(value.procent))
                else:
                    assert cell == ("" if value is None else str(value))
        assert b.csv_label.startswith("CSV, ") and b.csv_label.endswith(" kB")


def test_two_renders_give_identical_bytes_and_the_cache_reuses(bundles, tmp_path):
    b = bundles["ontvangen-afdeling"]
    first = render_svg(b.kind, b.chart, b.width, b.height)
    assert first == render_svg(b.kind, b.chart, b.width, b.height)
    assert f'width="{b.width}" height="{b.height}"'.encode() in first[:600]
    assert b"<text" in first and b"Date" not in first  # text kept as text, no timestamp
    chosen = [bundles["ontvangen-afdeling"], bundles["ontvangen-maand"]]
    files, stats = render_all(chosen, tmp_path, "code", workers=1)
    assert (stats.rendered, stats.reused) == (2, 0)
    again, stats = render_all(chosen, tmp_path, "code", workers=1)
    assert (stats.rendered, stats.reused) == (0, 2) and again == files
    assert sorted(files) == sorted(
        [b.variant_path(v) for b in chosen for v in bundle.VARIANTS]
        + [b.csv_path for b in chosen]
        + [b.marks_path for b in chosen]
    )


def test_parallel_render_gives_the_same_bytes(bundles):
    chosen = list(bundles.values())
    assert len(chosen) >= figure_cache.PARALLEL_MIN
    serial, _ = render_all(chosen, None, "code", workers=1)
    parallel, stats = render_all(chosen, None, "code", workers=2)
    assert serial == parallel and stats.rendered == len(chosen)


def test_palette_has_3_to_1_against_the_background_and_its_neighbours():
    for colour in [*style.PALETTE, style.MAIN]:
        assert style.contrast(colour, style.BACKGROUND) >= 3, colour
    for a, b in pairwise(style.PALETTE):
        assert style.contrast(a, b) >= 3, (a, b)
    assert style.contrast(style.TEXT, style.BACKGROUND) >= 4.5
    assert style.contrast(style.MUTED, style.BACKGROUND) >= 4.5


def hostile() -> Bundle:
    """A bundle whose data labels try to inject markup."""
    labels = ["<script>alert(1)</script>", "**vet**", "=SOM(A1)"]
    values = [5, 3, 1]
    return Bundle(
        name="test",
        folder="2020",
        number="4.1",
        title="Meeste klachten bij <script>alert(1)</script>",
        subtitle="Aantal, **vet**",
        kind="staven",
        width=400,
        height=160,
        chart={"labels": labels, "values": values, "value_labels": ["5", "3", "1"], "xlabel": "Aantal"},
        caption="Per <b>afdeling</b>",
        columns=[Column("Afdeling", "afdeling"), Column("Aantal", "aantal")],
        rows=[[label, v] for label, v in zip(labels, values, strict=True)],
        source="Bron: **test**.",
        alt=alt_text.describe("staven", "het aantal", "2020", list(zip(labels, values, strict=True))),
    )


def test_data_labels_are_escaped_in_svg_html_and_csv():
    b = hostile()
    svg = render_svg(b.kind, b.chart, b.width, b.height).decode("utf-8")
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "**vet**" in svg
    env = make_env()
    md_text = env.from_string('{% import "figuur.md.j2" as fig %}{{ fig.figuur(f, "2020/04-x.md") }}').render(f=b)
    html = markdown.markdown(md_text, extensions=["md_in_html", "attr_list"])
    assert "<script" not in html and "<b>" not in html and "<strong>vet</strong>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # title, alt text, table
    assert "**vet**" in html
    assert 'id="figuur-4-1"' in html and "Toon de tabel bij figuur 4.1" in html
    assert '<th scope="col">' in html and '<th scope="row">' in html
    # Raw HTML: URLs relative to the page's URL (2020/04-x/), one <picture> per colour scheme.
    assert 'src="../figuren/test.svg#only-light"' in html and 'src="../figuren/test-donker.svg#only-dark"' in html
    assert 'srcset="../figuren/test-smal.svg"' in html and 'srcset="../figuren/test-smal-donker.svg"' in html
    assert f'media="{bundle.PHONE_MEDIA}"' in html and html.count("<picture>") == 2
    assert 'width="400"' in html and 'height="160"' in html and "(CSV, " in html
    assert f'width="{style.PHONE_WIDTH}" height="{b.phone_size[1]}"' in html
    assert "<details" in html and '<details class="figuur-tabel" open' not in html
    opened = env.from_string('{% import "figuur.md.j2" as fig %}{{ fig.figuur(f, "2020/04-x.md", open=true) }}')
    assert '<details class="figuur-tabel" open>' in opened.render(f=b)
    assert "'=SOM(A1)" in b.csv_bytes.decode("utf-8")


def test_an_incomplete_bundle_is_a_bug():
    with pytest.raises(ValueError, match="alt"):
        replace(hostile(), alt="")
    with pytest.raises(ValueError, match="source"):
        replace(hostile(), source=" ")
    with pytest.raises(ValueError):
        replace(hostile(), kind="taart")


def test_a_figure_in_the_context_must_be_placed_on_its_page():
    site = Site()
    with pytest.raises(ValueError, match="not placed"):
        bundle.collect(site, "2020/04-x.md", "geen figuur hier", {"a": hostile()})
    bundle.collect(site, "2020/04-x.md", '<figure id="figuur-4-1">', {"a": hostile()})
    assert list(site.bundles) == ["2020/figuren/test.svg"]


COLOUR = re.compile(r"(?:fill|stroke)(?::\s*|=\")(#[0-9a-f]{6})")


def test_dark_palette_keeps_the_contrast_of_the_light_one():
    assert style.contrast(style.TEXT_DARK, style.BACKGROUND_DARK) >= 4.5
    assert style.contrast(style.MUTED_DARK, style.BACKGROUND_DARK) >= 4.5
    for colour in style.PALETTE_DARK:
        assert style.contrast(colour, style.BACKGROUND_DARK) >= 3, colour
    for a, b in pairwise(style.PALETTE_DARK):
        assert style.contrast(a, b) >= 3, (a, b)
    assert len(set(style.DARK.values())) == len(style.DARK)  # no two colours merge


@pytest.fixture(scope="module")
def variants(bundles):
    """Every variant of every example figure, drawn once."""
    return {b.name: bundle.render_variants(b.kind, b.chart, b.width, b.height) for b in bundles.values()}


def test_dark_variant_uses_only_dark_colours_and_keeps_the_text(variants):
    allowed = set(style.DARK.values()) | {"#000000"}
    for figure, svgs in variants.items():
        for name in ("-donker", "-smal-donker"):
            svg = svgs[name].decode("utf-8")
            light = svgs[name.replace("-donker", "")].decode("utf-8")
            assert set(COLOUR.findall(svg)) <= allowed, (figure, set(COLOUR.findall(svg)) - allowed)
            assert style.BACKGROUND_DARK in svg
            assert re.findall(r"<text[^>]*>([^<]*)<", svg) == re.findall(r"<text[^>]*>([^<]*)<", light)


def test_every_colour_of_a_light_variant_has_a_dark_twin_and_none_stays(variants):
    light_colours = set(style.DARK)
    for figure, svgs in variants.items():
        for name in ("", "-smal"):
            used = set(COLOUR.findall(svgs[name].decode("utf-8")))
            assert used <= light_colours | {"#000000"}, (figure, name, used - light_colours)
            dark = set(COLOUR.findall(svgs[name + "-donker"].decode("utf-8")))
            assert not dark & light_colours, (figure, name, dark & light_colours)


_IDS = re.compile(r'(?: id="[^"]*"| xlink:href="#[^"]*"| clip-path="url\(#[^)]*\)")')


def _dark_draw(monkeypatch, b: Bundle, phone: bool) -> bytes:
    """A full dark draw: the chart drawn with every house colour swapped for its dark twin beforehand."""
    with monkeypatch.context() as m:
        for name in ("BACKGROUND", "TEXT", "MUTED", "GRID", "MAIN"):
            m.setattr(style, name, style.DARK[getattr(style, name)])
        m.setattr(style, "PALETTE", [style.DARK[c] for c in style.PALETTE])
        m.setattr(style, "RC", {k: style.DARK.get(v, v) if isinstance(v, str) else v for k, v in style.RC.items()})
        if phone:
            return render_svg(b.kind, b.chart, style.PHONE_WIDTH, b.phone_size[1], phone=True)
        return render_svg(b.kind, b.chart, b.width, b.height)


@pytest.mark.parametrize("phone", [False, True])
def test_the_recoloured_variant_equals_a_full_dark_draw(bundles, variants, monkeypatch, phone):
    """Element by element the same colours (ids aside: matplotlib hashes a marker's colour into its id)."""
    for b in bundles.values():
        derived = variants[b.name]["-smal-donker" if phone else "-donker"].decode("utf-8")
        drawn = _dark_draw(monkeypatch, b, phone).decode("utf-8")
        assert derived != variants[b.name]["-smal" if phone else ""].decode("utf-8")
        assert _IDS.sub("", derived) == _IDS.sub("", drawn), b.name


def test_every_variant_is_the_same_bytes_whatever_was_drawn_before(bundles, variants):
    b = bundles["ontvangen-maand"]
    for other in bundles.values():  # state a worker might carry over from the charts it drew before
        bundle.render_variants(other.kind, other.chart, other.width, other.height)
    assert bundle.render_variants(b.kind, b.chart, b.width, b.height) == variants[b.name]


def test_a_data_label_that_looks_like_a_colour_stays_as_it_is():
    svg = b'<text style="fill: #1f1f1f">#ffffff</text><rect style="fill: #ffffff"/>'
    assert (
        style.darken(svg)
        == (
            f'<text style="fill: {style.TEXT_DARK}">#ffffff</text><rect style="fill: {style.BACKGROUND_DARK}"/>'
        ).encode()
    )


@pytest.mark.parametrize("phone", [False, True])
def test_every_text_lies_on_the_chart(bundles, phone):
    """No label runs off the card: wrapped, shifted or shortened where the chart is narrow."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for b in bundles.values():
        width, height = b.phone_size if phone else (b.width, b.height)
        with rc_context({**style.RC, "font.size": style.PHONE_FONT} if phone else style.RC):
            fig = charts.CHARTS[b.kind](**b.chart, width=width, height=height, **({"phone": True} if phone else {}))
            canvas = FigureCanvasAgg(fig)
            canvas.draw()  # places the axis labels
            # Everything drawn (tick labels in view, labels, titles, legend), in pixels from the bottom left.
            box = fig.get_tightbbox(canvas.get_renderer()).transformed(fig.dpi_scale_trans)
            assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, (
                b.name,
                phone,
                box.bounds,
            )


def test_wide_variant_text_is_at_least_the_desktop_minimum(variants):
    """The wide variant is shown at its own width on a desktop: no text in it below DESKTOP_FONT_MIN px."""
    assert style.DESKTOP_FONT_MIN >= 12
    for name, svgs in variants.items():
        for variant in ("", "-donker"):
            sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svgs[variant].decode("utf-8"))]
            assert sizes and min(sizes) >= style.DESKTOP_FONT_MIN, (name, variant, min(sizes))


@pytest.mark.parametrize("phone", [False, True])
def test_panel_titles_do_not_run_into_each_other(bundles, phone):
    """In a small multiple every panel title, wrapped where needed, keeps clear of the next panel's title."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    b = bundles["dashboard-afdeling"]
    width, height = b.phone_size if phone else (b.width, b.height)
    with rc_context({**style.RC, "font.size": style.PHONE_FONT} if phone else style.RC):
        fig = charts.CHARTS[b.kind](**b.chart, width=width, height=height, **({"phone": True} if phone else {}))
        renderer = FigureCanvasAgg(fig).get_renderer()
        titles = [
            t for ax in fig.axes for t in ax.get_children() if isinstance(t, Text) and t.get_gid() == "paneeltitel"
        ]
        boxes = [t.get_window_extent(renderer) for t in titles]
    assert len(titles) == len(b.chart["panels"]) > 3
    assert any("\n" in t.get_text() for t in titles)  # the fixture has a name that must wrap
    overlaps = [
        (titles[i].get_text(), titles[j].get_text())
        for i, a in enumerate(boxes)
        for j, c in enumerate(boxes)
        if i < j and a.overlaps(c)
    ]
    assert not overlaps


def test_phone_variant_is_narrow_tall_and_its_text_large_enough(bundles, variants):
    for b in bundles.values():
        svg = variants[b.name]["-smal"].decode("utf-8")
        width, height = b.phone_size
        assert f'width="{width}" height="{height}" viewBox="0 0 {width} {height}"' in svg
        sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svg)]
        assert sizes and min(sizes) >= style.PHONE_FONT_MIN, (b.name, min(sizes))
    # Twelve months become twelve rows on a phone: taller than wide.
    assert bundles["ontvangen-maand"].phone_size[1] > style.PHONE_WIDTH
    panels = len(bundles["dashboard-afdeling"].chart["panels"])
    assert bundles["dashboard-afdeling"].phone_size[1] >= 140 * -(-panels // 2)


LONG = "Bejegening door medewerkers van het Klant Contact Centrum en de balie Burgerzaken"


@pytest.mark.parametrize("phone", [False, True])
def test_long_labels_wrap_and_never_overlap_or_leave_the_chart(example, phone):
    """A long category name wraps: every text stays on the card and no two texts touch."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    indicators, labels, _ = example
    labels = {**labels, "aard": {**labels["aard"], "bejegening": LONG}}
    f = indicators[max(indicators)].figures
    found = [year_figures.received_figures(f, labels, Numbering(4))["aard"]]
    found += [trend_figures.dashboard(indicators, labels, max(indicators), Numbering(9))["figuren"]["aard"]]
    for b in found:
        width, height = b.phone_size if phone else (b.width, b.height)
        with rc_context({**style.RC, "font.size": style.PHONE_FONT} if phone else style.RC):
            fig = charts.CHARTS[b.kind](**b.chart, width=width, height=height, **({"phone": True} if phone else {}))
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            renderer = canvas.get_renderer()
            box = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
            assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1, (
                b.name,
                phone,
                box.bounds,
            )
            texts = [
                t
                for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent"))
                if t.get_visible() and t.get_text().strip()
            ]
            assert any(LONG.split()[0] in t.get_text() and "\n" in t.get_text() for t in texts), b.name
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
            for i, (a, box_a) in enumerate(boxes):
                for b_text, box_b in boxes[i + 1 :]:
                    assert not box_a.overlaps(box_b), (b.name, phone, a, b_text)
