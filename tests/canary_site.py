"""One shared build of the canary data: personal data in extra columns, hostile labels; used by several test files."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import run_cli

BASE = Path(__file__).parent / "corpus" / "_basis"

# Values that must never reach the site: each one sits in a column the register does not know.
SECRETS = {
    "naam_klager": [
        "Hendrika Zwanenburg-Oortwijn",
        "Bartholomeus van Ittersum",
        "Quirijn Vlasbloem",
        "Wilhelmina Ruijgrok",
        "Ezechiël Tjallingii",
        "Geertruida Pannekoek",
        "Joost Kwakernaak",
    ],
    "e-mail": [
        "h.zwanenburg@voorbeeld-mail.nl",
        "bart.ittersum@example.org",
        "quirijn@vlasbloem.example",
        "w.ruijgrok@mail.example",
        "ezechiel@tjallingii.example",
        "g.pannekoek@example.net",
        "joost.kwak@example.com",
    ],
    "telefoonnummer": [
        "06-98765432",
        "023-5551234",
        "+31 6 1122 3344",
        "0612345678",
        "023-5119988",
        "06-55443322",
        "+31235550199",
    ],
    "bsn": ["123456782", "987654329", "111222333", "999990019", "732105794", "246813579", "135792468"],
    "omschrijving": [
        "Mijn buurman Pietersen parkeert al maanden op de stoep",
        "De ambtenaar aan de balie was onbeschoft tegen mijn moeder",
        "Geen reactie op mijn brief over de kwijtschelding van Kerkstraat 17",
        "Vuilnis ligt al drie weken naast de container aan de Zijlweg",
        "Mijn WOZ-bezwaar over Spaarnwouderstraat 88 is nooit behandeld",
        "Het loket sloot tien minuten te vroeg, zeer vervelend",
        "Mijn uitkering kwam weer te laat, ik heb rood gestaan",
    ],
}
# Labels that must show literally: markup, a link, a template expression and spreadsheet formulas.
HOSTILE_LABELS = {
    ("afdelingen", "belastingen"): "<script>alert(1)</script>",
    ("afdelingen", "burgerzaken"): "**vet** [x](javascript:alert(1))",
    ("afdelingen", "parkeren"): "{{ 7*7 }}",
    ("aard", "bejegening"): '=HYPERLINK("http://example.invalid")',
    ("aard", "niet_reageren"): "+31 plus",
    ("aard", "behandelduur"): "-min",
    ("aard", "overig"): "@SUM(A1)",
}
# The college's adoption date of each year, which the PDF cover prints.
ADOPTED = {"2018": "2019-03-05", "2019": "2020-03-03", "2020": "2021-03-02"}
_CACHE: dict[str, Path] = {}


def make_canary_data(target: Path) -> Path:
    """The corpus base with personal-data columns in every register and hostile labels."""
    data = target / "data"
    shutil.copytree(BASE, data)
    gemeente = (data / "gemeente.yaml").read_text(encoding="utf-8")
    gemeente = gemeente.replace(
        "{label: Belastingen,", "{label: " + _quote(HOSTILE_LABELS[("afdelingen", "belastingen")]) + ","
    )
    gemeente = gemeente.replace(
        "{label: Burgerzaken,", "{label: " + _quote(HOSTILE_LABELS[("afdelingen", "burgerzaken")]) + ","
    )
    gemeente = gemeente.replace(
        "{label: Parkeren,", "{label: " + _quote(HOSTILE_LABELS[("afdelingen", "parkeren")]) + ","
    )
    gemeente = gemeente.replace(
        "bejegening: Bejegening,", "bejegening: " + _quote(HOSTILE_LABELS[("aard", "bejegening")]) + ","
    )
    gemeente = gemeente.replace(
        "niet_reageren: Niet reageren,", "niet_reageren: " + _quote(HOSTILE_LABELS[("aard", "niet_reageren")]) + ","
    )
    gemeente = gemeente.replace(
        "behandelduur: Behandelduur,", "behandelduur: " + _quote(HOSTILE_LABELS[("aard", "behandelduur")]) + ","
    )
    gemeente = gemeente.replace(
        "overig: Overig}\n  kanaal", "overig: " + _quote(HOSTILE_LABELS[("aard", "overig")]) + "}\n  kanaal"
    )
    (data / "gemeente.yaml").write_text(gemeente, encoding="utf-8")
    for year, adopted in ADOPTED.items():  # the cover's adoption date: a single-digit day, as a reader writes it
        verslag = data / year / "verslag.yaml"
        verslag.write_text(verslag.read_text(encoding="utf-8") + f"vastgesteld_college: {adopted}\n", encoding="utf-8")
    for year in ("2019", "2020"):
        path = data / year / "klachten.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        columns = list(SECRETS)
        out = [lines[0] + "," + ",".join(columns)]
        for index, line in enumerate(lines[1:]):
            out.append(line + "," + ",".join(_csv(SECRETS[c][index % len(SECRETS[c])]) for c in columns))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return data


def _quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _csv(text: str) -> str:
    """A CSV cell, quoted when needed."""
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def canary_build(tmp_path_factory) -> tuple[Path, Path, object]:
    """Build the canary data once per session; returns (data folder, site folder, completed process)."""
    if "site" not in _CACHE:
        tmp = tmp_path_factory.mktemp("kanarie")
        data = make_canary_data(tmp)
        result = run_cli("bouw", "--data", str(data), "--site", str(tmp / "site"), "--werk", str(tmp / "work"))
        assert result.returncode == 0, result.stderr
        _CACHE.update(data=data, site=tmp / "site", result=result)
    return _CACHE["data"], _CACHE["site"], _CACHE["result"]


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under a folder with the SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
