"""Privacy and search in Chromium: no request leaves 127.0.0.1, Dutch search finds the right pages."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest


@pytest.mark.parametrize("sweep", ["desktop_sweep", "phone_sweep"])
def test_no_request_to_another_host(sweep, site_url, request):
    """Loading every page (and the search index) requests nothing but the local server, on a desktop and a phone."""
    local = urlsplit(site_url).netloc
    visit = request.getfixturevalue(sweep)
    requests = visit["requests"]
    elsewhere = sorted(
        {u for u in requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != local}
    )
    assert len(requests) > visit["pages"]
    assert any(u.endswith("search_index.json") for u in requests)
    assert not elsewhere, f"verzoeken naar andere hosts: {elsewhere}"


@pytest.mark.parametrize(
    "word, pages",
    [
        ("bejegening", ["Ontvangen klachten", "Leren van klachten"]),
        ("ombudsman", ["Nationale ombudsman", "Toegankelijkheid"]),
    ],
)
def test_dutch_search_finds(desktop, site_url, word, pages):
    """Typing a word into the search box lists matching pages, with Dutch result texts."""
    desktop.goto(site_url)
    box = desktop.get_by_role("textbox", name="Zoeken")
    box.press_sequentially(word, delay=30)
    desktop.locator(".md-search-result__item").first.wait_for()
    meta = desktop.locator(".md-search-result__meta").inner_text()
    assert "overeenkomende" in meta or "overeenkomend" in meta, meta
    titles = desktop.locator(".md-search-result__item h1").all_inner_texts()
    assert titles, meta
    count = int(meta.split()[0])  # "12 overeenkomende documenten"
    assert count >= 1 and len(titles) >= 1, meta
    assert any(page in t for t in titles for page in pages), titles
    assert desktop.locator(".md-search-result mark").first.inner_text().lower().startswith(word[:6])


def test_print_shows_only_the_content(desktop, site_url):
    """Printing a chapter hides header, navigation and footer and writes link targets out."""
    desktop.goto(site_url + "2020/04-ontvangen-klachten/")
    desktop.emulate_media(media="print")
    try:
        for selector in (
            ".md-header",
            ".md-tabs",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
            ".md-search",
            ".jaarkiezer",
            ".headerlink",
        ):
            hidden = desktop.locator(selector).evaluate_all("els => els.every(e => !e.checkVisibility())")
            assert hidden, f"{selector} staat op de afdruk"
        assert desktop.locator("article h1").is_visible()
        assert desktop.locator("article table").evaluate_all("els => els.some(e => e.checkVisibility())")
    finally:
        desktop.emulate_media(media="screen")


def test_every_year_page_links_its_pdf(built_site, site_url, html_pages):
    """Every page of a year links that year's PDF edition, and the PDF is served."""
    year_pages = [p for p in html_pages if p[:4].isdigit()]
    assert year_pages
    for path in year_pages:
        year = path[:4]
        text = (built_site / path / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a class="pdf-editie" href="([^"]+)"', text)
        assert len(links) == 1, path
        assert urljoin(site_url + path, links[0]) == f"{site_url}{year}/jaarverslag-klachten-{year}.pdf"
    for year in sorted({p[:4] for p in year_pages}):
        with urlopen(f"{site_url}{year}/jaarverslag-klachten-{year}.pdf") as response:
            assert response.read(5) == b"%PDF-"
