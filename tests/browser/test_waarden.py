"""Values at a touch in Chromium: each chart's marks say their table row on hover, tap and keyboard focus, over the
bar or point they belong to, named for a screen reader, without JavaScript too; Escape hides one; axe at 0."""

from __future__ import annotations

import pytest

from .conftest import AXE_JS, AXE_RUN, WCAG_AA

CHAPTER = "2020/04-ontvangen-klachten/"  # figuur 4.1: ten departments as bars

# The visible value of a mark: its span's box, and whether its text is clipped away.
SHOWN = """b => { const span = b.firstElementChild; const r = span.getBoundingClientRect();
    return {w: r.width, h: r.height, left: r.left, right: r.right,
            clipped: getComputedStyle(span).clipPath !== 'none'}; }"""
# The figure's table as a reader sees it: per body row its header and cells, with the column headers.
TABLE = """f => { const t = f.querySelector('table'); const text = c => c.textContent.trim();
    const heads = [...t.tHead.rows[0].cells].map(text);
    return [...t.tBodies[0].rows].map(r => ({cells: [...r.cells].map(text), heads})); }"""


def page_in(chromium, site_url: str, width: int, scheme: str, javascript: bool = True):
    """A fresh tab at this width and colour scheme (a phone below 500 px: touch), on the chapter with figuur 4.1."""
    phone = width < 500
    context = chromium.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        locale="nl-NL",
        java_script_enabled=javascript,
        **({"is_mobile": True, "has_touch": True} if phone else {}),
    )
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.goto(site_url + CHAPTER)
    page.wait_for_load_state("networkidle")
    return page


def expected_labels(figure) -> list[str]:
    """What each mark must say, read from the figure's own table: 'row: column value, column value'."""
    said = []
    for row in figure.evaluate(TABLE):
        heads, cells = row["heads"], row["cells"]
        parts = [
            f"{h[:1].lower() + h[1:] if h[1:2].islower() else h} {c}" for h, c in zip(heads[1:], cells[1:], strict=True)
        ]
        said.append(f"{cells[0]}: {', '.join(parts)}")
    return said


def test_every_mark_is_named_by_its_table_row_for_a_screen_reader(chromium, site_url):
    page = page_in(chromium, site_url, 1280, "light")
    figure = page.locator("#figuur-4-1")
    group = page.get_by_role("group", name="Waarden in figuur 4.1", exact=True)
    assert group.count() == 1
    names = [b.evaluate("b => b.textContent") for b in group.get_by_role("button").all()]
    assert names == expected_labels(figure) and len(names) == 10
    first = group.get_by_role("button", name=names[0], exact=True)
    assert first.count() == 1  # the visually hidden value is the button's accessible name
    page.context.close()


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")])
def test_each_mark_lies_over_its_own_bar(chromium, site_url, width, scheme):
    """Every mark is inside the shown picture, one under the other like the bars, and the picture shows a bar there."""
    page = page_in(chromium, site_url, width, scheme)
    figure = page.locator("#figuur-4-1")
    image = figure.locator("img:visible")
    assert image.count() == 1
    box = image.bounding_box()
    marks = figure.locator(".waarde")
    tops = []
    for i in range(marks.count()):
        mark = marks.nth(i).bounding_box()
        assert box["x"] - 1 <= mark["x"] and mark["x"] + mark["width"] <= box["x"] + box["width"] + 1, i
        assert box["y"] - 1 <= mark["y"] and mark["y"] + mark["height"] <= box["y"] + box["height"] + 1, i
        tops.append(mark["y"])
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # The first bar is the longest: its mark is the widest, as wide as the bar it covers.
    widths = [marks.nth(i).bounding_box()["width"] for i in range(marks.count())]
    assert widths[0] == max(widths) and widths[-1] == min(widths)
    page.context.close()


def test_hover_shows_the_value_and_tab_focuses_the_first_mark(chromium, site_url):
    page = page_in(chromium, site_url, 1280, "light")
    figure = page.locator("#figuur-4-1")
    marks = figure.locator(".waarde")
    labels = expected_labels(figure)
    assert marks.nth(3).evaluate(SHOWN)["clipped"]  # hidden until asked for
    marks.nth(3).hover()
    shown = marks.nth(3).evaluate(SHOWN)
    assert not shown["clipped"] and shown["w"] > 100 and shown["h"] > 10
    assert marks.nth(3).inner_text() == labels[3]
    # Keyboard: from the figure's caption the next Tab is the first mark, with a ring and its value.
    page.mouse.move(0, 0)
    figure.locator("figcaption .nummer").click()
    page.keyboard.press("Tab")
    assert marks.nth(0).evaluate("b => b === document.activeElement && b.matches(':focus-visible')")
    assert marks.nth(0).evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    shown = marks.nth(0).evaluate(SHOWN)
    assert not shown["clipped"] and shown["w"] > 100
    assert shown["left"] >= 0 and shown["right"] <= 1280  # the value stays on the screen
    # Escape hides the value (WCAG 1.4.13) while the focus stays; the next mark shows its own.
    page.keyboard.press("Escape")
    assert marks.nth(0).evaluate(SHOWN)["clipped"]
    assert marks.nth(0).evaluate("b => b === document.activeElement")
    page.keyboard.press("Tab")
    assert not marks.nth(1).evaluate(SHOWN)["clipped"]
    page.keyboard.press("Shift+Tab")
    assert not marks.nth(0).evaluate(SHOWN)["clipped"]  # back again: shown again
    page.context.close()


def test_a_tap_shows_the_value_on_a_phone(chromium, site_url):
    page = page_in(chromium, site_url, 390, "dark")
    marks = page.locator("#figuur-4-1 .waarde")
    marks.nth(2).tap()
    shown = marks.nth(2).evaluate(SHOWN)
    assert not shown["clipped"] and shown["w"] > 100
    assert shown["left"] >= 0 and shown["right"] <= 390
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", [CHAPTER, "2020/09-leren-van-klachten/", "trends/"])
def test_every_value_stays_on_the_picture(chromium, site_url, width, path):
    """Every chart's every value, once focused, shows within the picture's width (a little slack: a border)."""
    page = page_in(chromium, site_url, width, "light")
    page.goto(site_url + path)
    figures = page.locator("figure.figuur:has(.waarde)")
    assert figures.count() >= 2
    off = []
    for f in range(figures.count()):
        image = figures.nth(f).locator("img:visible").bounding_box()
        marks = figures.nth(f).locator(".waarde")
        for i in range(marks.count()):
            marks.nth(i).focus()
            shown = marks.nth(i).evaluate(SHOWN)
            assert not shown["clipped"]
            if shown["left"] < image["x"] - 2 or shown["right"] > image["x"] + image["width"] + 2:
                off.append((f, i, marks.nth(i).inner_text(), round(shown["left"]), round(shown["right"])))
    assert off == [], (image, off)
    page.context.close()


def test_the_values_show_without_javascript(chromium, site_url):
    page = page_in(chromium, site_url, 1280, "dark", javascript=False)
    marks = page.locator("#figuur-4-1 .waarde")
    marks.nth(0).hover()
    assert not marks.nth(0).evaluate(SHOWN)["clipped"]
    marks.nth(1).focus()
    assert not marks.nth(1).evaluate(SHOWN)["clipped"]
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_value_shown(chromium, site_url, scheme):
    """axe (WCAG 2.1 A and AA, colour contrast of the shown value too) with one mark focused and another hovered."""
    page = page_in(chromium, site_url, 1280, scheme)
    marks = page.locator("#figuur-4-1 .waarde")
    marks.nth(0).focus()
    marks.nth(5).hover()
    page.wait_for_timeout(600)  # Material fades its tabs out once the page has scrolled: axe checks the end state
    violations = page.evaluate(AXE_RUN, WCAG_AA)
    assert violations == [], "\n".join(violations)
    page.context.close()
