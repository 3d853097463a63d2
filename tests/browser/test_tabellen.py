"""Sortable tables and the department filter in Chromium: mouse and keyboard, aria-sort, the footer in place, Dutch
numbers in numeric order, tables of five rows or fewer left alone, the filter as you type, no other host, axe at 0."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .conftest import AXE_JS, AXE_RUN, WCAG_AA

CHAPTER = "2020/04-ontvangen-klachten/"  # Tabel bij figuur 4.1: ten departments, a total in the footer
APPENDIX = "2020/11-bijlagen/"  # Tabel 11.1: hidden counts ("< 5", "×"), stacked on a phone
DEPARTMENTS = "2020/afdelingen/"

# Per table: body rows, whether its headers are sort buttons, whether a header has role=columnheader.
TABLES = """() => [...document.querySelectorAll('article table')].map(t => ({
    rows: t.tBodies.length ? t.tBodies[0].rows.length : 0,
    buttons: t.querySelectorAll('thead button.sorteer').length,
    columnheaders: t.querySelectorAll('[role=columnheader]').length}))"""


def open_folded(page) -> None:
    """Open every folded part of the page (a chart's table sits in a details element under the chart)."""
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")


def column(table, index: int) -> list[str]:
    """The visible texts of one column of the table's body, top to bottom."""
    return table.evaluate(
        "(t, i) => [...t.tBodies[0].rows].map(r => [...r.cells[i].childNodes]"
        " .filter(n => !(n.classList && n.classList.contains('voorlezen'))).map(n => n.textContent).join('').trim())",
        index,
    )


def sort_values(table, index: int) -> list[str]:
    """The data-sort values of one column of the table's body, top to bottom."""
    return table.evaluate("(t, i) => [...t.tBodies[0].rows].map(r => r.cells[i].dataset.sort)", index)


def numbers(values: list[str]) -> list[float]:
    """Sort values as numbers; an unknown value ('') as minus infinity, as tabellen.js sorts it."""
    return [float(v) if v else float("-inf") for v in values]


@pytest.fixture
def local_only(chromium):
    """A fresh light-scheme tab that records every request."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme="light")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    yield page, requests
    context.close()
    away = sorted({u for u in requests if urlsplit(u).hostname != "127.0.0.1"})
    assert not away, f"verzoeken naar een andere host: {away}"


def test_click_and_keyboard_sort_a_table_with_aria_sort(local_only, site_url):
    """A click on 'Sorteer op Aantal' sorts up, Enter and Space on 'Sorteer op Afdeling' sort by name up and down;
    aria-sort is on the sorted header only, the status line says the order, the total stays in the footer."""
    page, _ = local_only
    page.goto(site_url + CHAPTER)
    open_folded(page)
    table = page.locator("table.sorteerbaar", has=page.get_by_text("Tabel bij figuur 4.1")).first
    original = column(table, 0)
    assert len(original) > 5
    count = table.get_by_role("button", name="Sorteer op Aantal")
    name = table.get_by_role("button", name="Sorteer op Afdeling")
    headers = table.locator("thead th")

    count.click()
    assert headers.nth(1).get_attribute("aria-sort") == "ascending"
    amounts = [int(v.replace(".", "")) for v in column(table, 1)]
    assert amounts == sorted(amounts) and amounts != sorted(amounts, reverse=True)
    assert table.locator(".sorteerstatus").count() == 0  # the status line is beside the table, not in it
    assert page.locator(".tabel .sorteerstatus").first.text_content() == "Gesorteerd op Aantal, oplopend."
    count.click()
    assert headers.nth(1).get_attribute("aria-sort") == "descending"
    assert [int(v.replace(".", "")) for v in column(table, 1)] == sorted(amounts, reverse=True)

    name.focus()
    page.keyboard.press("Enter")
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    assert headers.nth(1).get_attribute("aria-sort") is None
    assert column(table, 0) == sorted(original, key=str.lower)
    page.keyboard.press("Space")
    assert headers.nth(0).get_attribute("aria-sort") == "descending"
    assert column(table, 0) == sorted(original, key=str.lower, reverse=True)
    assert table.locator("tfoot th").text_content().strip() == "Totaal"
    assert table.locator("tbody").get_by_text("Totaal", exact=True).count() == 0
    # One Tab stop per header: the button, not also the th that tablesort makes focusable.
    assert table.locator("thead th[tabindex]").count() == 0


def test_dutch_numbers_and_hidden_counts_sort_numerically(local_only, site_url):
    """In Tabel 11.1 '< 5' sorts between 0 and 5 and '×' (unknown) below every number, in table order."""
    page, _ = local_only
    page.goto(site_url + APPENDIX)
    open_folded(page)
    table = page.locator("table.sorteerbaar", has=page.get_by_text("Tabel 11.1")).first
    headers = table.locator("thead th")
    names = [h.strip() for h in headers.all_text_contents()]
    mixed = next(
        i
        for i in range(1, len(names))
        if {"< 5", "×"} <= set(column(table, i)) and any(v.isdigit() for v in column(table, i))
    )
    order_before = column(table, 0)
    table.get_by_role("button", name=f"Sorteer op {names[mixed]}").click()
    values = sort_values(table, mixed)
    assert numbers(values) == sorted(numbers(values))
    texts = column(table, mixed)
    assert texts[0] == "×"
    # A screen reader hears "verborgen", not the mark ("maal").
    cell = table.locator("tbody tr").first.locator("td").nth(mixed - 1)
    assert "verborgen" in cell.aria_snapshot() and "×" not in cell.aria_snapshot()
    small = [i for i, t in enumerate(texts) if t == "< 5"]
    assert all(float(v) >= 5 for v in values[small[-1] + 1 :] if v)
    # Equal values keep the table's order (a stable sort).
    hidden_rows = [r for r, t in zip(column(table, 0), texts, strict=True) if t == "×"]
    assert hidden_rows == [r for r in order_before if r in hidden_rows]


def test_tables_of_five_rows_or_fewer_are_not_sortable(local_only, site_url):
    """Every table with more than five body rows has sort buttons, and no table with five or fewer has any."""
    page, _ = local_only
    seen = {"small": 0, "large": 0}
    for path in (CHAPTER, "2020/05-afhandeling-en-doorlooptijd/", "2020/", DEPARTMENTS + "parkeren/"):
        page.goto(site_url + path)
        for t in page.evaluate(TABLES):
            if t["rows"] > 5:
                seen["large"] += 1
                assert t["buttons"] > 0, (path, t)
            else:
                seen["small"] += 1
                assert t["buttons"] == 0 and t["columnheaders"] == 0, (path, t)
    assert seen["small"] and seen["large"]


def test_department_filter_narrows_the_list_as_you_type(local_only, site_url):
    """'Zoek een afdeling' keeps the departments whose name holds the text and says how many are shown."""
    page, _ = local_only
    page.goto(site_url + DEPARTMENTS)
    items = page.locator("#afdelingenlijst li")
    total = items.count()
    assert total > 5
    field = page.get_by_role("searchbox", name="Zoek een afdeling")
    count = page.locator("#afdelingenaantal")
    assert count.get_attribute("aria-live") == "polite"
    assert count.text_content() == f"Alle {total} afdelingen getoond."
    field.press_sequentially("parke", delay=20)
    visible = [t.strip() for t in page.locator("#afdelingenlijst li:visible").all_text_contents()]
    assert len(visible) == 1 and visible[0].startswith("Parkeren")
    assert count.text_content() == f"1 van {total} afdelingen getoond."
    field.fill("ZAKEN")  # case does not matter
    assert page.locator("#afdelingenlijst li:visible").count() >= 1
    assert all("zaken" in t.lower() for t in page.locator("#afdelingenlijst li:visible").all_text_contents())
    field.fill("geen afdeling heet zo")
    assert page.locator("#afdelingenlijst li:visible").count() == 0
    assert count.text_content() == f"0 van {total} afdelingen getoond."
    field.fill("")
    assert page.locator("#afdelingenlijst li:visible").count() == total
    page.locator("#afdelingenlijst li:visible a").first.click()
    assert page.url.startswith(site_url + DEPARTMENTS) and page.url != site_url + DEPARTMENTS


def test_without_javascript_everything_shows(chromium, site_url):
    """Without JavaScript the whole department list shows and no filter field that would do nothing; tables keep
    their own order with plain headers."""
    context = chromium.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + DEPARTMENTS)
    assert page.locator("#afdelingenlijst li:visible").count() == page.locator("#afdelingenlijst li").count() > 5
    assert not page.locator(".afdelingfilter").is_visible()
    page.goto(site_url + CHAPTER)
    assert page.locator("button.sorteer").count() == 0
    context.close()


def test_stacked_table_sorts_on_a_phone(chromium, site_url):
    """On a phone the stacked Tabel 11.1 hides its header row until a sort button has the keyboard focus."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", color_scheme="dark", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site_url + APPENDIX)
    open_folded(page)
    table = page.locator("table.stapel.sorteerbaar").first
    button = table.get_by_role("button", name="Sorteer op Afdeling")
    head = table.locator("thead")
    assert head.evaluate("h => getComputedStyle(h).clipPath") != "none"
    button.focus()
    assert head.evaluate("h => getComputedStyle(h).clipPath") == "none"
    box = button.bounding_box()
    assert box["width"] > 20 and box["height"] > 10
    # The focused button is what shows at its place (not covered, not clipped).
    assert button.evaluate(
        "b => { const r = b.getBoundingClientRect(); return b.contains(document.elementFromPoint(r.x + 5, r.y + 5)); }"
    )
    page.keyboard.press("Enter")
    assert table.locator("thead th").first.get_attribute("aria-sort") == "ascending"
    cells = table.locator("tbody td[data-label]")
    assert cells.count() > 0  # the column names for the stacked layout travel with their cells
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_sorting_and_filtering(chromium, site_url, scheme):
    """axe finds nothing on the affected pages in both schemes, also after a sort and with the filter in use."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme=scheme)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    found = {}
    for path in (CHAPTER, APPENDIX, DEPARTMENTS):
        page.goto(site_url + path)
        if path == DEPARTMENTS:
            page.get_by_role("searchbox", name="Zoek een afdeling").press_sequentially("zaken", delay=10)
        else:
            open_folded(page)
            page.locator("button.sorteer").nth(1).click()
            page.locator("button.sorteer").nth(1).focus()
        # Scrolling (the click scrolls the table into view) fades Material's tabs out: let that end first.
        page.wait_for_timeout(600)
        if violations := page.evaluate(AXE_RUN, WCAG_AA):
            found[path] = violations
    context.close()
    assert not found, "\n".join(f"{p}:\n" + "\n".join(v) for p, v in found.items())
