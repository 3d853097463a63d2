"""Static checks of the built site: Nu Html Checker on every page, and no broken link or anchor."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import urlopen

from .conftest import need

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Messages caused by Material's own templates, matched exactly, nothing broader: autocomplete="off" on the
# two toggle checkboxes of base.html, tabindex="" on section labels in partials/nav-item.html, and the
# label for="__toc" that partials/toc.html writes on pages without a table of contents.
THEME_ONLY = {
    "Attribute \u201cautocomplete\u201d is only allowed when the input type is \u201ccolor\u201d, \u201cdate\u201d, "
    "\u201cdatetime-local\u201d, \u201cemail\u201d, \u201chidden\u201d, \u201cmonth\u201d, \u201cnumber\u201d, "
    "\u201cpassword\u201d, \u201crange\u201d, \u201csearch\u201d, \u201ctel\u201d, \u201ctext\u201d, \u201ctime\u201d, "
    "\u201curl\u201d, or \u201cweek\u201d.",
    "Bad value \u201c\u201d for attribute \u201ctabindex\u201d on element \u201clabel\u201d: "
    "The empty string is not a valid integer.",
    "The value of the \u201cfor\u201d attribute of the \u201clabel\u201d element must be the ID of a non-hidden "
    "form control.",
}
THEME_EXTRACTS = ('type="checkbox"', 'tabindex=""', 'for="__toc"')


def test_nu_html_checker_finds_no_errors(built_site):
    """vnu (the W3C Nu Html Checker) reports zero errors on every HTML page."""
    need(shutil.which("java") is not None, "Java ontbreekt: installeer het met 'apt-get install default-jre-headless'")
    need(VNU.is_file(), "De Nu Html Checker ontbreekt: installeer hem met 'npm ci --omit=dev'")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(built_site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report on stderr and exits 1 when it found errors; no report means it did not run.
    report = json.loads(result.stderr)["messages"]
    assert result.returncode == (1 if any(m.get("type") == "error" for m in report) else 0), result.stderr[-2000:]
    messages = [
        m for m in report if not (m["message"] in THEME_ONLY and any(e in m.get("extract", "") for e in THEME_EXTRACTS))
    ]
    assert not messages, "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages)


class _Links(HTMLParser):
    """Collects ids and the URLs in href/src/srcset of one page."""

    def __init__(self, is_html: bool = True) -> None:
        super().__init__()
        self.is_html = is_html
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and value and tag not in ("base",):
                self.urls.append(value)
            elif name == "srcset" and value:
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def test_no_broken_links_or_anchors(site_url, html_pages):
    """Crawl every page over HTTP: every href/src resolves, every #fragment exists on its page."""
    pages: dict[str, _Links] = {}

    def fetch(url: str) -> _Links | None:
        url = url.split("#")[0]
        if url not in pages:
            try:
                with urlopen(url) as response:
                    body = response.read()
                    is_html = response.headers.get_content_type() == "text/html"
            except HTTPError:
                pages[url] = None
                return None
            parser = _Links(is_html)
            if is_html:
                parser.feed(body.decode("utf-8"))
            pages[url] = parser
        return pages[url]

    broken: list[str] = []
    checked = 0
    for path in html_pages:
        source = site_url + path
        for link in fetch(source).urls:
            target = urljoin(source, link)
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if not target.startswith(site_url):
                continue  # other hosts are not reachable from CI; only our own site is checked
            checked += 1
            page = fetch(target)
            if page is None:
                broken.append(f"{path}: {link} bestaat niet")
            # A fragment on an image (chart.svg#only-dark) selects a colour scheme, not an anchor.
            elif parts.fragment and page.is_html and unquote(parts.fragment) not in page.ids:
                broken.append(f"{path}: anker {link} bestaat niet")
    assert checked > len(html_pages)
    assert not broken, "\n".join(sorted(set(broken)))
