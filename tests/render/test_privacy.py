"""The site holds only aggregates and shows data strings literally: canary columns and hostile labels."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from canary_site import HOSTILE_LABELS, SECRETS, canary_build
from conftest import need
from jaarverslag.render.tables import safe_cell, to_csv

# chapters.navigation() puts raw department labels into the MkDocs nav, which the theme renders
# unescaped in every page's sidebar and in the search index title (reported; fix: escape with fmt.h).


@pytest.fixture(scope="module")
def canary(tmp_path_factory):
    """The canary data built once: (data, site, completed process)."""
    return canary_build(tmp_path_factory)


def _site_texts(site: Path) -> dict[str, str]:
    """Every text file of the site, plus the text of every PDF, by path."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            need(
                shutil.which("pdftotext") is not None,
                "pdftotext ontbreekt, dus de PDF's zijn niet doorzocht: installeer 'apt-get install poppler-utils'",
            )
            texts[path.as_posix()] = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
        elif path.suffix in (".html", ".json", ".svg", ".csv", ".xml", ".txt", ".js", ".md"):
            texts[path.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def test_personal_columns_are_named_in_one_warning(canary):
    """Each register's extra columns are dropped and named together in one loud warning."""
    _, _, result = canary
    for year in ("2019", "2020"):
        lines = [line for line in result.stderr.splitlines() if f"data/{year}/klachten.csv" in line]
        assert lines == [
            f"waarschuwing: data/{year}/klachten.csv: verwacht alleen de kolommen van het register, gevonden de "
            "extra kolommen 'bsn', 'e-mail', 'naam_klager', 'omschrijving', 'telefoonnummer'. Ze worden "
            "genegeerd en nooit gepubliceerd. LET OP: 'bsn', 'e-mail', 'naam_klager', 'omschrijving', "
            "'telefoonnummer' lijken persoonsgegevens te bevatten; haal die kolommen ook uit de export "
            "voordat u die deelt."
        ]


def test_no_personal_value_anywhere_on_the_site(canary):
    """No name, e-mail, phone number, BSN, free text or complaint id appears in any file, PDF text included."""
    data, site, _ = canary
    texts = _site_texts(site)
    assert any(p.endswith("search/search_index.json") for p in texts)
    assert any(p.endswith(".pdf") and "Jaarverslag klachten" in t for p, t in texts.items())  # PDFs searched too
    assert any(p.endswith(".svg") for p in texts) and any(p.endswith(".csv") for p in texts)
    ids = [
        line.split(",", 1)[0]
        for year in ("2019", "2020")
        for line in (data / year / "klachten.csv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    needles = [v for values in SECRETS.values() for v in values] + ids
    # Distinctive parts of the free text too: a sentence must not leak even cut up by a template.
    needles += ["Pietersen", "Kerkstraat 17", "Zijlweg", "Spaarnwouderstraat", "onbeschoft", "rood gestaan"]
    for path, text in texts.items():
        flat = html.unescape(text)
        for needle in needles:
            assert needle not in flat, f"{needle!r} staat in {path}"


def _visible_html(text: str) -> str:
    """The text a reader sees: scripts, styles and tags removed, entities decoded."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", text))


def test_hostile_labels_are_inert_in_html(canary):
    """Labels show literally and never run: no script from data, no javascript: link, no bold, no evaluated template."""
    _, site, _ = canary
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    seen = set()
    for path, text in pages.items():
        assert "<script>alert(1)</script>" not in text, path
        assert not re.search(r"(?i)href\s*=\s*[\"']?\s*javascript:", text), path
        assert "<strong>vet</strong>" not in text, path
        visible = _visible_html(text)
        for label in HOSTILE_LABELS.values():
            if label in visible:
                seen.add(label)
    # Seeing "{{ 7*7 }}" literally is the proof it was never evaluated (a 49 may be a real count).
    assert seen >= {HOSTILE_LABELS[("afdelingen", k)] for k in ("belastingen", "burgerzaken", "parkeren")}


def test_hostile_labels_are_inert_in_search_index_and_svg(canary):
    """The search index holds the labels as escaped text; every SVG is well-formed with no script."""
    _, site, _ = canary
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    blob = json.dumps(index, ensure_ascii=False)
    assert "<script>alert(1)</script>" not in blob
    assert "<strong>vet</strong>" not in blob
    assert not re.search(r"(?i)href=\\?\"javascript:", blob)
    assert any("alert(1)" in html.unescape(doc["text"]) for doc in index["docs"])
    for svg in site.rglob("*.svg"):
        root = ET.fromstring(svg.read_bytes())  # well-formed: every data string was escaped
        assert not any(el.tag.endswith("script") for el in root.iter()), svg
        assert not any(v.strip().lower().startswith("javascript:") for el in root.iter() for v in el.attrib.values()), (
            svg
        )


def test_csv_downloads_neutralise_formulas(canary):
    """No cell of any CSV on the site starts with =, +, - or @ unless it is a plain number."""
    _, site, _ = canary
    cells = [
        c
        for path in site.rglob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        for c in row
    ]
    assert cells
    for value in cells:
        if value[:1] in ("=", "+", "-", "@"):
            float(value.replace(",", "."))  # only numbers may start like a formula
    # The hostile label does reach the downloads (the aard tables), neutralised.
    assert any(c.startswith("'=HYPERLINK") for c in cells), "the formula label never reached a CSV"
    assert not any(c.startswith("=HYPERLINK") for c in cells)


@pytest.mark.parametrize(
    "value, shown",
    [
        ("=1+2", "'=1+2"),
        ("+31 6", "'+31 6"),
        ("-min", "'-min"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-3", "-3"),
        ("-1.5", "-1.5"),
        ("Parkeren", "Parkeren"),
        (None, ""),
        (7, "7"),
    ],
)
def test_safe_cell(value, shown):
    """Formula-like text gets a leading quote; numbers and plain text stay as they are."""
    assert safe_cell(value) == shown


def test_to_csv_quotes_every_cell():
    """Header and body cells are both neutralised."""
    assert to_csv(["=kop", "b"], [["@x", 1]]) == "'=kop,b\n'@x,1\n"
