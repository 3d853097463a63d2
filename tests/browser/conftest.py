"""Browser fixtures: the built example site over HTTP on 127.0.0.1, one Chromium per session."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import shutil
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import need

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietServer(ThreadingHTTPServer):
    """A browser that closes a connection early is normal here, not worth a traceback."""

    def handle_error(self, request, client_address) -> None:
        pass


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built site, served by a ThreadingHTTPServer on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def html_pages(built_site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ('' for the home page, '2020/' for a year)."""
    paths = []
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the whole session."""
    need(
        Path(CHROMIUM).is_file() or shutil.which("chromium") is not None,
        "Chromium ontbreekt: installeer het met 'apt-get install chromium'",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium"), args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def desktop(chromium):
    """A reusable desktop tab (1280 wide, light scheme, Dutch locale)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", color_scheme="light")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def phone(chromium):
    """A reusable phone tab (390 wide, dark scheme)."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", color_scheme="dark", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE_RUN = """opts => axe.run(document, opts).then(r => r.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help}\\n` + v.nodes.map(n => `    ${n.target.join(' ')}: ${n.failureSummary}`)
    .join('\\n')))"""


PROBE = Path(__file__).with_name("probe.js").read_text(encoding="utf-8")


def sweep(chromium, site_url: str, paths: list[str], axe_paths: list[str] | None = None, **context_args) -> dict:
    """Visit pages once in a fresh context: axe on axe_paths (default all), probe.js on every page."""
    context = chromium.new_context(locale="nl-NL", **context_args)
    # Preloading axe in every document is much faster than injecting it page by page.
    context.add_init_script(path=str(AXE_JS))
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    # Every page load rebuilds the search index in a worker; after the first page that only costs CPU
    # (the request itself is still recorded above, so the privacy check sees it).
    loaded = []
    context.route(
        "**/search/search_index.json", lambda route: route.abort() if loaded else (loaded.append(1), route.continue_())
    )
    page = context.new_page()
    violations, probes = {}, {}
    checked = set(paths if axe_paths is None else axe_paths)
    for path in paths:
        page.goto(site_url + path)
        found = page.evaluate(AXE_RUN, WCAG_AA) if path in checked else []
        if found:
            violations[path] = found
        # After axe: the probe opens every folded table and loads every chart.
        probes[path] = page.evaluate(PROBE)
        # Playwright's own accessible-name computation: what a screen reader would call each link.
        probes[path]["pilcrowLinks"] = page.get_by_role("link", name="¶", exact=True).count()
    page.wait_for_load_state("networkidle")
    context.close()
    return {
        "violations": violations,
        "requests": requests,
        "pages": len(paths),
        "axe_pages": len(checked),
        "probes": probes,
    }


def kinds_of(html_pages: list[str]) -> list[str]:
    """One page of every kind (home, year, chapter, department, ...), the first of each."""
    kinds: dict[str, str] = {}
    for path in html_pages:
        parts = path.strip("/").split("/")
        kind = "/".join("jaar" if p.isdigit() else ("h" if p[:2].isdigit() else p) for p in parts[:2])
        kinds.setdefault(kind, path)
    return sorted(kinds.values())


def shared(name: str, tmp_path_factory, worker_id: str, site_url: str, make: Callable[[], dict]) -> dict:
    """A sweep made once per test run: under xdist the first worker that needs it makes it under a lock and the
    others read it (with their own server's address in place of the maker's)."""
    if worker_id == "master":
        return make()
    folder = tmp_path_factory.getbasetemp().parent
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        saved = folder / f"{name}.json"
        if not saved.exists():
            saved.write_text(json.dumps(make()).replace(site_url, "{SITE}"), encoding="utf-8")
        return json.loads(saved.read_text(encoding="utf-8").replace("{SITE}", site_url))


@pytest.fixture(scope="session")
def desktop_sweep(chromium, site_url, html_pages, tmp_path_factory, worker_id):
    """Every page once at 1280 px in the light scheme."""
    return shared(
        "desktop_sweep",
        tmp_path_factory,
        worker_id,
        site_url,
        lambda: sweep(chromium, site_url, html_pages, viewport={"width": 1280, "height": 900}, color_scheme="light"),
    )


@pytest.fixture(scope="session")
def desktop_dark_sweep(chromium, site_url, html_pages, built_site, tmp_path_factory, worker_id):
    """At 1280 px in the dark scheme: every page with a chart, axe on every kind of page."""
    charts = [
        p
        for p in html_pages
        if not p.endswith(".html") and "#only-dark" in (built_site / p / "index.html").read_text(encoding="utf-8")
    ]
    sample = kinds_of(html_pages)
    return shared(
        "desktop_dark_sweep",
        tmp_path_factory,
        worker_id,
        site_url,
        lambda: sweep(
            chromium,
            site_url,
            sorted(set(charts) | set(sample)),
            axe_paths=sample,
            viewport={"width": 1280, "height": 900},
            color_scheme="dark",
        ),
    )


@pytest.fixture(scope="session")
def phone_sweep(chromium, site_url, html_pages, tmp_path_factory, worker_id):
    """Every page at 390 px in the dark scheme; axe on every kind of page."""
    return shared(
        "phone_sweep",
        tmp_path_factory,
        worker_id,
        site_url,
        lambda: sweep(
            chromium,
            site_url,
            html_pages,
            axe_paths=kinds_of(html_pages),
            viewport={"width": 390, "height": 844},
            color_scheme="dark",
            is_mobile=True,
            has_touch=True,
        ),
    )
