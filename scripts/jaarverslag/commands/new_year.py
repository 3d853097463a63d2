"""A new year in one step: data/<jaar>/ with every file to fill in, for a register or for totals only."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..load.raw import YEAR_DIR
from ..model.codes import COLUMNS
from ..model.problems import DataError, Problem
from ..model.totalen import TotalenAndersoortig, TotalenAwb
from ..write.files import write_file

SOURCES = ("register", "totalen")

VERSLAG = """\
# Het verslagjaar {jaar}. Vul elk veld in; de uitleg staat erboven. Zie HANDLEIDING.md in het project.

# Het jaar van dit verslag (niet wijzigen).
jaar: {jaar}
# true zolang de cijfers voorbeeldgegevens zijn; bij echte cijfers: false.
voorbeeldgegevens: false
# De klachtenregeling staat in gemeente.yaml. Gold in {jaar} een andere, zet die dan hier:
# regeling: {{naam: ..., sinds: JJJJ-MM-DD}}
# Datum waarop het college het verslag vaststelt (JJJJ-MM-DD); leeg laten zolang het niet bekend is.
vastgesteld_college: null
# Datum waarop de raadscommissie het verslag bespreekt (JJJJ-MM-DD); leeg laten zolang onbekend.
commissie_bestuur: null
# De besluitpunten van het collegebesluit, elk op een eigen regel met een streepje, zodra het college
# besloten heeft. Zolang dit leeg is ([]), verschijnt er geen collegebesluit op de site.
besluitpunten: []
# Wat het besluit moet opleveren (beoogd resultaat).
beoogd_resultaat: ""
# De argumenten van het collegebesluit, elk op een eigen regel met een streepje.
argumenten: []
# Wat er dit jaar is gedaan om de klachtbehandeling te verbeteren (mag leeg blijven: []).
verbeterprogramma: []
# Risico's en kanttekeningen van het besluit.
risicos: ""
# Uitvoering: wat er na het besluit gebeurt.
uitvoering: ""
# Verschillen met vorig jaar die u heeft bekeken: sleutel uit de waarschuwing, dan de reden.
bekende_verschillen: {{}}
"""

# Counts are left empty, never 0: an empty file is 'nog niet ingevuld', a 0 says there were none.
EMPTY = {
    "ombudsman.yaml": """\
# Verzoeken over de gemeente bij de ombudsman in {jaar}, zoals de ombudsman ze publiceert.
# Vul in wat bekend is; laat leeg wat niet gepubliceerd is (op de site: niet bekend). Vul 0 in als er
# echt geen waren. Zolang alles leeg is, meldt 'make check' dit bestand als nog niet ingevuld.
# Het aantal verzoeken (klachten) over de gemeente.
verzoeken:
# Daarvan teruggestuurd omdat de gemeente de klacht eerst zelf moet behandelen (Awb 9:20).
teruggestuurd:
# Buiten de bevoegdheid van de ombudsman.
buiten_bevoegdheid:
# Opgelost met een interventie.
interventies:
# Onderzocht.
onderzoeken:
# Op een andere manier afgedaan.
overig_afgedaan:
# Op 31 december nog in behandeling bij de ombudsman.
in_behandeling:
# Rapporten over de gemeente, en hun oordelen: {{gegrond: 0, deels_gegrond: 0, ongegrond: 0}}.
rapporten:
oordelen:
# Aanbevelingen van de ombudsman, en hoeveel daarvan zijn opgevolgd.
aanbevelingen:
aanbevelingen_opgevolgd:
# Geanonimiseerde voorbeelden: - {{titel: ..., tekst: ...}}
casussen: []
""",
    "partners.yaml": """\
# Klachten bij samenwerkingspartners in {jaar}, door de partners zelf gerapporteerd.
# Per partner (code uit gemeente.yaml): - {{partner: code, klachten: 0, afgehandeld: 0, binnen_termijn: 0}};
# laat een getal weg dat de partner niet meldde. Meldde geen enkele partner iets: partners: [].
# Zolang hier niets staat, meldt 'make check' dit bestand als nog niet ingevuld.
partners:
""",
    "maatregelen.yaml": "# Verbetermaatregelen in {jaar}. Per maatregel: id, titel, status (gepland, in_uitvoering,\n"
    "# gereed, vervallen) en eventueel afdeling, thema (een aard) en toelichting.\nmaatregelen: []\n",
    "aanbevelingen.yaml": "# Aanbevelingen in het verslag over {jaar} (id, tekst) en de stand van die van vorig jaar\n"
    "# (id, status: nieuw, in_uitvoering, uitgevoerd, niet_overgenomen; toelichting).\n"
    "aanbevelingen: []\nstand_vorig_jaar: []\n",
}


def _fields(model: type[BaseModel], indent: str, prefix: str = "") -> list[str]:
    """One empty field per schema field, each under its Dutch description (the schema is the source)."""
    lines: list[str] = []
    for name, field in model.model_fields.items():
        lines.append(f"{prefix}{indent}# {field.description}")
        lines.append(f"{prefix}{indent}{name}:")
    return lines


def totals_file(year: int) -> str:
    """totalen.yaml for a year of which only published totals exist, every field explained."""
    head = [
        f"# De totalen over {year}, zoals de gemeente ze publiceerde (er is geen register van dit jaar).",
        "# Vul alleen in wat gepubliceerd is. Een leeg veld betekent: niet geregistreerd (op de site: niet",
        "# bekend), nooit 0. Een uitsplitsing schrijft u als {code: aantal, ...} met codes uit gemeente.yaml.",
        "# Zolang awb.ontvangen leeg is, meldt 'make check' dit bestand als nog niet ingevuld.",
        "awb:",
    ]
    other = [
        "# Andersoortige klachten (geen klacht in de zin van de Awb). Zijn ze gepubliceerd, haal dan",
        "# het # weg voor de regels hieronder en vul ze in; anders blijft dit weg (niet geregistreerd).",
        "# andersoortig:",
    ]
    published = [
        "# Cijfers die de gemeente alleen als percentage, gemiddelde of in woorden publiceerde (zonder de",
        "# aantallen erachter). Per code: waarde, bron, en waar nodig eenheid, bewoording (ruim, bijna,",
        "# ongeveer), tekst ('de helft', 'dertig meer') en basis (waarover het getal gaat). De site toont ze",
        "# zoals gepubliceerd, met 'gepubliceerd' erbij, en vergelijkt ze nooit met een berekend cijfer.",
        "# Codes: K2, K3, K5_absoluut, K5_procent, K6 tot en met K9, K10_mediaan, K10_gemiddeld, K14, of een",
        "# eigen indicator uit gemeente.yaml (eigen_indicatoren). Bijvoorbeeld:",
        "# gepubliceerd:",
        "#   K9: {waarde: 91, bewoording: ruim, bron: 'Jaarverslag klachten, paragraaf 3'}",
        "gepubliceerd:",
    ]
    return (
        "\n".join(head + _fields(TotalenAwb, "  ") + other + _fields(TotalenAndersoortig, "  ", "# ") + published)
        + "\n"
    )


def scaffold_year(data_dir: Path, year_text: str, source: str = "register") -> list[Path]:
    """Create data/<jaar>/ for a new year; refuse an existing or malformed year or an unknown source."""
    folder = data_dir / year_text
    if not YEAR_DIR.match(year_text):
        raise DataError(
            [Problem(f"data/{year_text}", expected="een jaartal van vier cijfers, zoals 2021", found=f"'{year_text}'")]
        )
    if source not in SOURCES:
        raise DataError(
            [
                Problem(
                    "BRON",
                    expected="register of totalen",
                    found=f"'{source}'",
                    hint="Bijvoorbeeld: make nieuw-jaar JAAR=2021 BRON=totalen",
                )
            ]
        )
    if folder.exists():
        raise DataError(
            [
                Problem(
                    f"data/{year_text}",
                    expected="een jaar dat nog niet bestaat",
                    found="een bestaande map",
                    hint="Er is niets overschreven. Verwijder de map eerst als u opnieuw wilt beginnen.",
                )
            ]
        )
    year = int(year_text)
    files = {"verslag.yaml": VERSLAG.format(jaar=year)}
    if source == "register":
        files["klachten.csv"] = ",".join(COLUMNS) + "\n"
    else:
        files["totalen.yaml"] = totals_file(year)
    files.update((name, text.format(jaar=year)) for name, text in EMPTY.items())
    # The own texts of another year are not copied: they would be published as if written for this one.
    for rel, text in files.items():
        write_file(folder, rel, text.encode("utf-8"))
    return [folder / rel for rel in files]


def other_texts(data_dir: Path, year_text: str) -> Path | None:
    """The tekst/ folder of the nearest other year that has own texts, to name as an example."""
    years = sorted(
        (
            p
            for p in data_dir.iterdir()
            if p.is_dir() and YEAR_DIR.match(p.name) and p.name != year_text and any((p / "tekst").glob("*.md"))
        ),
        key=lambda p: abs(int(p.name) - int(year_text)),
    )
    return years[0] / "tekst" if years else None
