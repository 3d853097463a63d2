"""A coordinator's year, with only the make commands: new year, register, check, site, publish."""

from __future__ import annotations

import calendar
import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import yaml

from conftest import EXAMPLE, ROOT, build_into, copy_example_data, make

DEPTS = ["belastingen", "burgerzaken", "openbare_ruimte", "parkeren", "zorg_en_jeugd"]
AARD = ["bejegening", "behandelduur", "informatie", "uitvoering", "niet_reageren"]


def hand_made_register(rows: int = 30) -> str:
    """A small register as a coordinator might type it: ';' separated, Dutch dates, 'Ja'/'Nee'."""
    lines = [
        "id;ontvangen_op;afgehandeld_op;soort;afdeling;aard;kanaal;afhandeling;oordeel;verdaagd;klachtadviescommissie"
    ]
    for i in range(rows):
        month, day = 1 + i % 12, 1 + (i * 7) % 27
        formal = i % 3 == 0
        closed = "" if i in (28, 29) else f"{day:02d}-{month:02d}-2021" if i % 12 < 11 else f"{day:02d}-01-2022"
        how = "in_behandeling" if not closed else ("formeel_afgehandeld" if formal else "informeel_opgelost")
        lines.append(
            ";".join(
                [
                    f"K21-{i:04d}",
                    f"{day:02d}-{month:02d}-2021",
                    closed,
                    "awb" if i % 10 else "andersoortig",
                    DEPTS[i % len(DEPTS)],
                    AARD[i % len(AARD)],
                    "webformulier",
                    how,
                    "gegrond" if how == "formeel_afgehandeld" else "",
                    "Ja" if i == 3 else "Nee",
                    "Nee",
                ]
            )
        )
    return "\n".join(lines) + "\n"


def test_new_year_to_published_zip(tmp_path, built_site):
    copy_example_data(tmp_path / "data")
    first = make("nieuw-jaar", tmp_path, "JAAR=2021")
    assert first.returncode == 0, first.stderr
    assert "data/2021/ staat klaar" in first.stdout
    year = tmp_path / "data" / "2021"
    assert (year / "klachten.csv").read_text(encoding="utf-8").startswith("id,ontvangen_op,afgehandeld_op,")
    # Another year's own texts are never copied in as if written for this one; the command points at them.
    assert not (year / "tekst").exists() and "Eigen teksten zijn niet overgenomen" in first.stdout
    assert "# Datum waarop het college" in (year / "verslag.yaml").read_text(encoding="utf-8")
    again = make("nieuw-jaar", tmp_path, "JAAR=2021")
    assert again.returncode != 0 and "bestaande map" in again.stderr and "Traceback" not in again.stderr

    (year / "klachten.csv").write_text(hand_made_register(), encoding="utf-8")
    gemeente = tmp_path / "data" / "gemeente.yaml"
    check = make("check", tmp_path)
    assert check.returncode == 0, check.stderr
    assert "inwoners op 1 januari 2021" in check.stderr  # the missing inhabitants figure is flagged
    gemeente.write_text(
        gemeente.read_text(encoding="utf-8").replace("  2020: 162543\n", "  2020: 162543\n  2021: 163000\n"),
        encoding="utf-8",
    )
    check = make("check", tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("Gecontroleerd: 4 jaren (2018–2021), 0 fouten,")

    site = make("site", tmp_path)
    assert site.returncode == 0, site.stderr
    assert site.stdout.startswith("Klaar: 4 jaren (2018–2021)")
    kern = (tmp_path / "site" / "2021" / "data" / "kerncijfers.csv").read_text(encoding="utf-8")
    assert "perskit" not in (tmp_path / "site" / "2021" / "index.html").read_text(encoding="utf-8")
    assert "K1,Ontvangen klachten,27," in kern  # 30 rows, 3 andersoortig
    # Earlier years stay at the same addresses after a new year is added.
    before = {
        p.relative_to(built_site)
        for p in built_site.rglob("*.html")
        if "2018" in str(p) or "2019" in str(p) or "2020" in str(p)
    }
    after = {p.relative_to(tmp_path / "site") for p in (tmp_path / "site").rglob("*.html")}
    assert before and before <= after

    published = make("publish", tmp_path)
    assert published.returncode == 0, published.stderr
    archive = tmp_path / "dist" / "jaarverslag-klachten-2021.zip"
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        assert "site/2021/index.html" in zipped.namelist()
        # make publish adds each year's press kit, and only then does the year page link it (make site did not).
        assert "site/2021/perskit-klachten-2021.zip" in zipped.namelist()
        assert 'href="perskit-klachten-2021.zip"' in zipped.read("site/2021/index.html").decode("utf-8")
    hashes = manifest["invoer"]
    assert hashes["data/2021/klachten.csv"] == hashlib.sha256((year / "klachten.csv").read_bytes()).hexdigest()
    assert manifest["herkomst"] == {"2018": "totalen", "2019": "register", "2020": "register", "2021": "register"}
    assert "mkdocs" in manifest["versies"] and manifest["opdracht"] == "make publish"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, *args) -> None:
        pass


def crawl(base_url: str) -> tuple[int, list[str]]:
    """Follow every local link and asset from the home page; return pages seen and broken links."""
    seen, broken, queue = set(), [], [base_url]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError:
            broken.append(url)
            continue
        if "html" not in kind:
            continue
        for link in re.findall(r'(?:href|src)="([^"#]+)', body.decode("utf-8")):
            target = urllib.parse.urljoin(url, link)
            if target.startswith(base_url):
                queue.append(target.split("?")[0])
            elif target.startswith("http://127.0.0.1"):
                broken.append(f"{url} -> {link} (buiten de submap)")
    return len(seen), broken


def test_site_works_from_a_sub_path(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "bouw",
            "--data",
            str(EXAMPLE),
            "--site",
            str(tmp_path / "srv" / "jaarverslag-klachten"),
            "--werk",
            str(tmp_path / "werk"),
            "--site-url",
            "https://www.gemeente.example/jaarverslag-klachten/",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "srv" / "jaarverslag-klachten" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://www.gemeente.example/jaarverslag-klachten/2020/" in sitemap
    # Dated by the newest report's adoption, not by the day of the build: same data, same bytes.
    adopted = yaml.safe_load((EXAMPLE / "2020" / "verslag.yaml").read_text(encoding="utf-8"))["vastgesteld_college"]
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {adopted.isoformat()}
    packed = (tmp_path / "srv" / "jaarverslag-klachten" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed[4:8], "little") == calendar.timegm(adopted.timetuple())
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "srv"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        pages, broken = crawl(f"http://127.0.0.1:{server.server_port}/jaarverslag-klachten/")
    finally:
        server.shutdown()
    assert broken == []
    assert pages > 80


def test_year_over_year_difference_is_acknowledged_in_methodology(built_site):
    text = (built_site / "2019" / "11-bijlagen" / "index.html").read_text(encoding="utf-8")
    assert "Reden: Sinds 2019 registreert het klantcontactcentrum ook telefonische klachten." in text


def test_unacknowledged_difference_warns(tmp_path):
    data = copy_example_data(tmp_path / "data")
    verslag = data / "2019" / "verslag.yaml"
    verslag.write_text(verslag.read_text(encoding="utf-8").split("# Verschillen met vorig jaar")[0], encoding="utf-8")
    result = build_into(tmp_path, data)
    assert result.returncode == 0, result.stderr
    assert (
        "waarschuwing: data/2019/verslag.yaml, veld 'bekende_verschillen': verwacht een verklaring voor dit "
        "verschil met vorig jaar, gevonden Afdeling 'Vergunningen' ging van 19 naar 31 klachten (meer dan de "
        "helft verschil). Klopt het? Zet dan onder bekende_verschillen: "
        "'afdeling-verandering:vergunningen: <reden>'."
    ) in result.stderr
    assert "4 waarschuwingen" in result.stdout  # three departments and one nature changed by more than half
    shutil.rmtree(tmp_path / "site")
