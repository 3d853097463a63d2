"""Every configured string is escaped in every context: a hostile name in every text field of every YAML file
builds a site with no live markup, valid JSON, CSV, SVG and XML, and a PDF that shows it literally."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, need, run_cli
from jaarverslag.model.codes import LICENCES

# Pieces that mean something to HTML, Markdown, attr_list, Jinja, Typst, CSV or a PDF string.
FRAGMENTS = [
    '<xss-tag onmouseover="alert(1)">',
    "</title><script>alert(2)</script>",
    '"',
    "'",
    "&amp;",
    "&",
    "<!--",
    "-->",
    "{{ 7*7 }}",
    "{% raw %}",
    "#set text(red)",
    "#{",
    "]",
    "[",
    "](javascript:alert(3))",
    "*",
    "_",
    "`",
    "$",
    "@",
    "\\",
    "<",
    ">",
    "{: onclick=x}",
    "|",
    "%",
    "~",
    "/*",
    "<img src=x onerror=alert(4)>",
    "é",
    "#panic()",
    "<",
    "\\n",
]
HOSTILE = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map(
    lambda parts: "Naam " + "".join(parts) + " eind"
)
PHONE = re.compile(r"\+?[0-9][0-9 -]{1,18}[0-9]")


def free_text(value: object) -> bool:
    """A string a reader sees (a name, label or sentence), not a code, licence, address, colour or phone number."""
    return (
        isinstance(value, str)
        and not value.startswith(("https://", "#"))
        and not PHONE.fullmatch(value)
        and value not in LICENCES  # a licence is one of a fixed list of ids
        and (" " in value or value != value.lower())
    )


def hostile_copy(source: Path, target: Path, evil: str) -> int:
    """Copy a data folder with every free-text string in every YAML file replaced; returns how many."""
    shutil.copytree(source, target)
    count = 0

    def walk(node, key=None):
        nonlocal count
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if free_text(node) and key != "id":
            count += 1
            return evil
        return node

    for path in sorted(target.rglob("*.yaml")):
        path.write_text(
            yaml.safe_dump(walk(yaml.safe_load(path.read_text(encoding="utf-8"))), allow_unicode=True), encoding="utf-8"
        )
    return count


class _Scan(HTMLParser):
    """Live markup from the data: elements, event handlers, script URLs, comments; and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag in ("script", "style")
        if "xss" in tag or (tag == "img" and dict(attrs).get("src") == "x"):
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("7*7", "{{", "{:") or re.match(r"\s*javascript:", value or "", re.I):
                self.live.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_comment(self, data):
        if "xss" in data or "alert" in data:
            self.live.append(f"<!--{data[:40]}-->")

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.live.append(f"<script>{data[:40]}")
        elif not self.in_script:
            self.text.append(data)


def plain(text: str) -> str:
    """Whitespace collapsed: the PDF and HTML break lines where they like."""
    return " ".join(text.split())


def check_site(site: Path, evil: str) -> None:
    """No live markup anywhere, every data format valid, the string shown literally on the page and in the PDF."""
    shown = 0
    for page in sorted(site.rglob("*.html")):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        assert not scan.live, (page.relative_to(site).as_posix(), scan.live[:5])
        shown += plain(evil) in plain("".join(scan.text))
    assert shown > 20, "the name is shown literally on the pages"
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(site.rglob("*.svg")) + sorted(site.rglob("*.xml")):
        tags = {str(e.tag).rsplit("}", 1)[-1] for e in ET.parse(path).iter()}
        assert not {t for t in tags if "script" in t or "xss" in t}, path
    cells = []
    for path in sorted(site.rglob("*.csv")):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert len({len(r) for r in rows}) == 1, path  # a name never adds or splits a column
        cells += [c for r in rows for c in r]
    assert evil in cells, "the name survives a CSV round trip"
    need(shutil.which("pdftotext") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    for pdf in sorted(site.glob("*/jaarverslag-klachten-*.pdf")):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert plain(evil) in plain(text), pdf.name


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
@example("Naam " + "".join(FRAGMENTS) + " eind")
def test_hostile_string_in_every_field(evil):
    """Whatever a name holds, the site shows it as text and the PDF prints it literally."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        assert hostile_copy(EXAMPLE, tmp / "data", evil) >= 50
        result = run_cli("bouw", "--data", str(tmp / "data"), "--site", str(tmp / "site"), "--werk", str(tmp / "werk"))
        assert result.returncode == 0, result.stderr[-3000:]
        check_site(tmp / "site", evil)
