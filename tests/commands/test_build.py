"""End to end: the example builds strictly, and kerncijfers.csv agrees with an independent recount."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from pathlib import Path

import yaml

from conftest import EXAMPLE, build_into, run_cli

D = dt.date.fromisoformat


def read_registers() -> list[dict[str, str]]:
    """All rows of all bundled registers, read with the csv module only."""
    rows = []
    for path in sorted((EXAMPLE).glob("*/klachten.csv")):
        with path.open(encoding="utf-8-sig") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def recount(year: int) -> dict[str, str]:
    """K-values of one register year, recomputed with the csv module from the definitions in the indicator
    catalogue (model/indicator_catalogue.py, printed in the methodology annex)."""
    rows = [r for r in read_registers() if r["soort"] == "awb"]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    received = [r for r in rows if start <= D(r["ontvangen_op"]) <= end]
    closed = [r for r in rows if r["afgehandeld_op"] and start <= D(r["afgehandeld_op"]) <= end]
    still_open = [
        r for r in rows if D(r["ontvangen_op"]) <= end and (not r["afgehandeld_op"] or D(r["afgehandeld_op"]) > end)
    ]
    informal = sum(r["afhandeling"] == "informeel_opgelost" for r in closed)
    formal = [r for r in closed if r["afhandeling"] == "formeel_afgehandeld"]
    founded = sum(r["oordeel"] in ("gegrond", "deels_gegrond") for r in formal)
    unfounded = sum(r["oordeel"] == "ongegrond" for r in formal)

    def term(r):
        days = (70 if r["klachtadviescommissie"] == "ja" else 42) + (28 if r["verdaagd"] == "ja" else 0)
        return D(r["ontvangen_op"]) + dt.timedelta(days)

    decided = [r for r in closed if r["afhandeling"] in ("informeel_opgelost", "formeel_afgehandeld")]
    on_time = sum(D(r["afgehandeld_op"]) <= term(r) for r in decided)
    days = sorted((D(r["afgehandeld_op"]) - D(r["ontvangen_op"])).days for r in closed)
    pct = lambda t, n: f"{100 * t / n + 1e-9:.1f}"  # noqa: E731
    other = [r for r in read_registers() if r["soort"] == "andersoortig" and start <= D(r["ontvangen_op"]) <= end]
    return {
        "K1": str(len(received)),
        "K2": str(len(closed)),
        "K3": str(len(still_open)),
        "K6": pct(informal, informal + len(formal)),
        "K8": pct(founded, founded + unfounded),
        "K9": pct(on_time, len(decided)),
        "K10_mediaan": f"{statistics.median(days):.1f}",
        "K10_gemiddeld": f"{statistics.mean(days) + 1e-9:.1f}",
        "K14": str(len(other)),
    }


def kerncijfers(site: Path, year: int) -> dict[str, dict[str, str]]:
    """kerncijfers.csv of a year, keyed by code."""
    with (site / str(year) / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


def test_kerncijfers_match_recount(built_site):
    for year in (2019, 2020):
        published = kerncijfers(built_site, year)
        for code, value in recount(year).items():
            assert published[code]["waarde"] == value, (year, code)


def test_kerncijfers_columns_and_rows(built_site):
    with (built_site / "2020" / "data" / "kerncijfers.csv").open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert next(reader) == ["code", "indicator", "waarde", "teller", "noemer", "gepubliceerd"]
        codes = [row[0] for row in reader]
    assert codes == [
        "K1",
        "K2",
        "K3",
        "K4",
        "K5_absoluut",
        "K5_procent",
        "K6",
        "K7",
        "K8",
        "K9",
        "K10_mediaan",
        "K10_gemiddeld",
        "K10_p90",
        "K14",
    ]
    rows = kerncijfers(built_site, 2020)
    for code in ("K6", "K7", "K8", "K9", "K5_procent"):
        assert rows[code]["teller"] and rows[code]["noemer"], code


def test_totals_year_uses_totals_and_leaves_out_medians(built_site):
    totals = yaml.safe_load((EXAMPLE / "2018" / "totalen.yaml").read_text(encoding="utf-8"))
    rows = kerncijfers(built_site, 2018)
    assert rows["K1"]["waarde"] == str(totals["awb"]["ontvangen"])
    assert rows["K10_mediaan"]["waarde"] == ""
    assert rows["K5_absoluut"]["waarde"] == ""  # no 2017


def test_k5_links_years(built_site):
    rows19, rows20 = kerncijfers(built_site, 2019), kerncijfers(built_site, 2020)
    assert int(rows20["K5_absoluut"]["waarde"]) == int(rows20["K1"]["waarde"]) - int(rows19["K1"]["waarde"])


def test_pages_say_example_data_and_are_dutch(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in home
    assert "geen echte cijfers van de gemeente Haarlem" in home
    chapter = (built_site / "2020" / "04-ontvangen-klachten" / "index.html").read_text(encoding="utf-8")
    assert "geen echte cijfers van de gemeente Haarlem" in chapter
    k1 = kerncijfers(built_site, 2020)["K1"]["waarde"]
    assert f"ontving de gemeente {k1} klachten" in chapter


def test_no_request_to_other_hosts_in_html(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


def test_second_build_is_identical_and_summary_is_dutch(tmp_path):
    first = build_into(tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Klaar: 3 jaren (2018–2020), ")
    before = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    # A fresh work folder: no stamp to skip on and no figure or PDF cache, so everything is made again.
    second = run_cli(
        "bouw", "--data", str(EXAMPLE), "--site", str(tmp_path / "site"), "--werk", str(tmp_path / "work2")
    )
    assert second.returncode == 0, second.stderr
    assert "0 hergebruikt" in second.stdout
    after = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert sorted(before) == sorted(after)
    changed = [str(p) for p in before if before[p] != after[p]]
    assert changed == []


def test_a_broken_link_in_an_own_text_stops_as_a_site_build_error(tmp_path):
    """MkDocs' warning is no data-file error: it says where such a link can be and that site/ stays as it was."""
    from conftest import copy_example_data

    data = copy_example_data(tmp_path / "data")
    text = data / "2020" / "tekst" / "conclusies-en-aanbevelingen.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nZie [elders](bestaat-niet.md).\n", encoding="utf-8")
    result = build_into(tmp_path, data)
    assert result.returncode == 1 and not (tmp_path / "site").exists()
    assert "contains a link 'bestaat-niet.md'" in result.stderr
    assert "Gestopt: MkDocs gaf 1 waarschuwing over de pagina's" in result.stderr
    assert "eigen tekst (data/<jaar>/tekst/)" in result.stderr and "0 fouten" not in result.stderr
