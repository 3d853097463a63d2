"""A real municipality's published figures (De Fryske Marren, totals only) built end to end."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_into

FRYSKE_MARREN = ROOT / "tests" / "fixtures" / "de_fryske_marren"
# Sentences the standard text would say of any gemeente, which this source does not support.
UNSUPPORTED = [
    "klachtencoördinator",
    "triage",
    "klachtadviescommissie",
    "sociale media",
    "webformulier",
    "geen samenwerkingspartners",
    "geen verzoeken",
    "overgetypt",
    "typt een getal over",
    "bewaard",
    "Collegebesluit",
    "geen nieuwe aanbevelingen",
    "registreert de gemeente ook ander ongenoegen",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture's site, built once with MkDocs and the PDF edition, as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("fryske_marren")
    result = build_into(tmp, FRYSKE_MARREN)
    assert result.returncode == 0, result.stdout + result.stderr
    # The only warnings are the inhabitants the source does not give (acknowledged, yet said in the check).
    warnings = [line for line in result.stderr.splitlines() if line.startswith("waarschuwing")]
    assert len(warnings) == 3 and all("inwoners" in w for w in warnings), warnings
    return tmp / "site"


def article(page: Path) -> str:
    """The visible article text of a built page."""
    html = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("<article") : html.index("</article>")]))


def test_every_entered_figure_is_quoted_in_the_readme():
    """Each count in the fixture comes from a sentence the README quotes with its source."""
    readme = (FRYSKE_MARREN / "README.md").read_text(encoding="utf-8")
    assert "https://sneekernieuwsblad.nl/fzh/2018/05/05/een-klacht-aan-adres-burgemeester-fred-veenstra" in readme
    for path in sorted(FRYSKE_MARREN.glob("20*/*.yaml")):
        if path.name == "verslag.yaml":
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        flat = doc.get("awb", doc)
        for key, value in flat.items():
            assert f"`{path.relative_to(FRYSKE_MARREN).as_posix()}`" in readme, path
            assert f"{key}: {value}" in readme, (path, key)


def test_published_counts_appear_and_nothing_else_is_counted(site):
    for year, received in ((2015, 46), (2016, 53), (2017, 30)):
        with (site / str(year) / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
            rows = {r["code"]: r["waarde"] for r in csv.DictReader(handle)}
        assert rows.pop("K1") == str(received)
        # K5 is the change against last year's K1; everything else is not known (K4: no inhabitants), never 0.
        for change in ("K5", "K5_absoluut", "K5_procent"):
            rows.pop(change, None)
        assert {code: value for code, value in rows.items() if value != ""} == {}, (year, rows)
    ombudsman = article(site / "2017" / "08-nationale-ombudsman" / "index.html")
    assert "In 2017 kreeg de ombudsman 32 verzoeken over de gemeente De Fryske Marren" in ombudsman
    assert "Onderzocht 0" in ombudsman and ombudsman.count("niet bekend") == 5
    assert "rapport" not in ombudsman


def test_no_sentence_claims_what_the_data_does_not_say(site):
    pages = [p for p in sorted(site.rglob("index.html")) if "<article" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        shown = article(page)
        for claim in UNSUPPORTED:
            assert claim.lower() not in shown.lower(), (page.relative_to(site), claim)
    assert not list(site.glob("*/afdelingen")) and not list(site.glob("*/collegebesluit"))
    received = article(site / "2017" / "04-ontvangen-klachten" / "index.html")
    assert "Per afdeling" not in received and "4.1 Naar aard" in received
    process = article(site / "2017" / "03-klachtbehandeling" / "index.html")
    assert "Awb 9:1" in process and "Met advies van de klachtadviescommissie" not in process
