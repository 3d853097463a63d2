"""Accessibility in Chromium: axe-core WCAG 2.1 A+AA on every page, keyboard use, table regions."""

from __future__ import annotations

import pytest

# Visible, enabled elements a keyboard user must be able to reach with Tab.
INTERACTIVE = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  return [...document.querySelectorAll(sel)].filter(el =>
      el.tabIndex >= 0 && !el.disabled && el.checkVisibility({visibilityProperty: true})
      && el.getBoundingClientRect().width > 0 && !el.closest('[inert], [hidden]'))
    .map((el, i) => { el.dataset.kbd = String(i); return i; });
}"""


def test_axe_every_page_desktop_light(desktop_sweep):
    """axe-core finds no WCAG 2.1 A/AA violation on any page at 1280 px in the light scheme."""
    assert desktop_sweep["pages"] > 0
    assert not desktop_sweep["violations"], "\n".join(
        f"{p}:\n" + "\n".join(v) for p, v in desktop_sweep["violations"].items()
    )


def test_axe_phone_dark(phone_sweep):
    """axe-core finds no violation on every kind of page at 390 px in the dark scheme."""
    assert not phone_sweep["violations"], "\n".join(
        f"{p}:\n" + "\n".join(v) for p, v in phone_sweep["violations"].items()
    )


def test_skip_link_is_first_and_visible(desktop, site_url):
    """The first Tab lands on a visible skip link that moves focus past the navigation."""
    desktop.goto(site_url + "2020/04-ontvangen-klachten/")
    desktop.keyboard.press("Tab")
    link = desktop.locator(":focus")
    assert "md-skip" in link.get_attribute("class").split()
    assert link.inner_text().strip() == "Ga naar inhoud"
    assert link.is_visible() and link.bounding_box()["height"] > 0
    desktop.keyboard.press("Enter")
    assert desktop.url.endswith("#4-ontvangen-klachten")


@pytest.mark.parametrize("path", ["", "2020/04-ontvangen-klachten/", "toegankelijkheid/"])
def test_every_interactive_element_reachable_with_visible_focus(desktop, site_url, path):
    """Tab reaches every visible interactive element, and each shows a focus indicator."""
    desktop.goto(site_url + path)
    wanted = set(desktop.evaluate(INTERACTIVE))
    reached, invisible = set(), []
    desktop.locator("body").focus()
    for _ in range(len(wanted) * 2 + 20):
        desktop.keyboard.press("Tab")
        info = desktop.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {kbd: el.dataset.kbd, label: el.outerHTML.slice(0, 80),
                    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                          || (s.boxShadow && s.boxShadow !== 'none')}; }""")
        if info["kbd"] is not None:
            reached.add(int(info["kbd"]))
            if not info["ring"]:
                invisible.append(info["label"])
        if reached >= wanted:
            break
    missing = desktop.evaluate(
        "ids => ids.map(i => document.querySelector(`[data-kbd='${i}']`).outerHTML.slice(0, 100))",
        sorted(wanted - reached),
    )
    assert not missing, f"niet met Tab bereikbaar: {missing}"
    assert not invisible, f"geen zichtbare focus: {invisible}"


def test_tables_are_focusable_labelled_regions(desktop, site_url):
    """Each scrollable table is a region named by its caption, reachable and visibly focused."""
    desktop.goto(site_url + "2020/04-ontvangen-klachten/")
    regions = desktop.locator("div.tabel")
    assert regions.count() >= 4
    for i in range(regions.count()):
        region = regions.nth(i)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        caption = desktop.locator(f"#{region.get_attribute('aria-labelledby')}")
        assert caption.evaluate("el => el.tagName") == "CAPTION"
        name = " ".join(caption.text_content().split())
        assert name.startswith("Tabel "), name
    first = desktop.locator("div.tabel:visible").first
    first.focus()
    desktop.keyboard.press("Tab")
    desktop.keyboard.press("Shift+Tab")
    assert first.evaluate("el => el === document.activeElement && el.matches(':focus-visible')")
    assert first.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_phone_table_scrolls_inside_its_region(phone, site_url):
    """On a phone a wide table scrolls inside its region; the page itself never scrolls sideways."""
    phone.goto(site_url + "2020/04-ontvangen-klachten/")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_no_link_is_named_pilcrow(desktop_sweep, desktop, site_url):
    """No page has a link a screen reader announces as '¶': heading anchors say where they lead, in Dutch."""
    named = {p: probe["pilcrowLinks"] for p, probe in desktop_sweep["probes"].items() if probe["pilcrowLinks"]}
    assert not named, f"links met de naam '¶': {named}"
    desktop.goto(site_url + "2020/04-ontvangen-klachten/")
    anchor = desktop.get_by_role("link", name="Link naar dit onderdeel: 4.1 Per afdeling", exact=True)
    assert anchor.count() == 1 and anchor.get_attribute("href") == "#per-afdeling"


def test_a_stacked_table_is_still_a_table_for_a_screen_reader(phone, site_url):
    """On a phone Tabel 5.4 is stacked, yet Chromium's accessibility tree keeps a named table with headers and cells
    whose text is the value alone (the column name shown before it is not read twice)."""
    phone.goto(site_url + "2020/05-afhandeling-en-doorlooptijd/")
    table = phone.locator("table:has(#tabel-5-4)")
    assert table.evaluate("t => t.classList.contains('stapel') && getComputedStyle(t).display === 'block'")
    assert table.evaluate("t => t.scrollWidth <= t.closest('div.tabel').clientWidth")
    cdp = phone.context.new_cdp_session(phone)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "table:has(#tabel-5-4)"})["nodeId"]
    tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
    assert tree[0]["role"]["value"] == "table"
    assert tree[0]["name"]["value"].startswith("Tabel 5.4")
    cells = {}
    for tag in ("thead th", "tbody th", "tbody td"):
        found = cdp.send("DOM.querySelectorAll", {"nodeId": node, "selector": tag})["nodeIds"]
        cells[tag] = [
            cdp.send("Accessibility.getPartialAXTree", {"nodeId": n, "fetchRelatives": False})["nodes"][0]
            for n in found
        ]
    assert {c["role"]["value"] for c in cells["thead th"]} == {"columnheader"}
    assert {c["role"]["value"] for c in cells["tbody th"]} == {"rowheader"}
    assert {c["role"]["value"] for c in cells["tbody td"]} == {"cell"}
    label, value = table.locator("tbody td").first.evaluate("td => [td.dataset.label, td.textContent.trim()]")
    assert label and cells["tbody td"][0]["name"]["value"] == value, (label, cells["tbody td"][0]["name"])
