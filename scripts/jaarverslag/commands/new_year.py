"""A new year in one step: data/<jaar>/ with every file to fill in, and the texts of the newest year."""
from __future__ import annotations

from pathlib import Path

from ..load.limits import MAX_TEXT_BYTES, check_inside
from ..load.raw import YEAR_DIR, namer, read_text
from ..model.problems import DataError, Problem, Report
from ..render.site import TEXT_FILTERS
from ..validate.texts import check_text
from ..model.schema import COLUMNS
from ..write.files import write_file

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
# De besluitpunten van het collegebesluit: wat het college besluit, elk op een eigen regel met een streepje.
besluitpunten:
  - Het Jaarverslag klachten {jaar} vast te stellen.
  - Het jaarverslag ter kennisname te sturen aan de raadscommissie.
# Wat het besluit moet opleveren (beoogd resultaat).
beoogd_resultaat: ""
# De argumenten van het collegebesluit, elk op een eigen regel met een streepje.
argumenten: []
# Wat er dit jaar is gedaan om de klachtbehandeling te verbeteren (mag leeg blijven: []).
verbeterprogramma: []
# Risico's en kanttekeningen van het besluit.
risicos: ""
# Uitvoering: wat er na het besluit gebeurt.
uitvoering: Het college stuurt het jaarverslag ter kennisname naar de raadscommissie.
# Verschillen met vorig jaar die u heeft bekeken: sleutel uit de waarschuwing, dan de reden.
bekende_verschillen: {{}}
"""

EMPTY = {
    "ombudsman.yaml": "# Verzoeken over de gemeente bij de Nationale ombudsman in {jaar}.\n"
                      "verzoeken: 0\nteruggestuurd: 0\nbuiten_bevoegdheid: 0\ninterventies: 0\nonderzoeken: 0\n"
                      "overig_afgedaan: 0\nrapporten: 0\noordelen: {{gegrond: 0, deels_gegrond: 0, ongegrond: 0}}\n"
                      "aanbevelingen: 0\naanbevelingen_opgevolgd: 0\ncasussen: []\n",
    "partners.yaml": "# Klachten bij samenwerkingspartners in {jaar}, door de partners zelf gerapporteerd.\n"
                     "# Per partner (code uit gemeente.yaml): - {{partner: code, klachten: 0, afgehandeld: 0, binnen_termijn: 0}}\n"
                     "partners: []\n",
    "maatregelen.yaml": "# Verbetermaatregelen in {jaar}. Per maatregel: id, titel, status (gepland, in_uitvoering,\n"
                        "# gereed, vervallen) en eventueel afdeling, thema (een aard) en toelichting.\nmaatregelen: []\n",
    "aanbevelingen.yaml": "# Aanbevelingen in het verslag over {jaar} (id, tekst) en de stand van die van vorig jaar\n"
                          "# (id, status: nieuw, in_uitvoering, uitgevoerd, niet_overgenomen; toelichting).\n"
                          "aanbevelingen: []\nstand_vorig_jaar: []\n",
}


def carried_texts(data_dir: Path, source: Path, report: Report) -> dict[str, str]:
    """The newest year's chapter texts that a build would accept (inside data/, bounded, safe Markdown and named
    values); the others are reported as warnings and not copied."""
    rel = namer(data_dir)
    texts = {}
    for path in sorted(source.glob("*.md")):
        if not check_inside(data_dir, path, rel(path), report):
            continue
        text = read_text(path, rel(path), report, MAX_TEXT_BYTES, "een tekst")
        if text is not None and check_text(rel(path), text, TEXT_FILTERS, report) is not None:
            texts[f"tekst/{path.name}"] = text  # named values stay as they are
    return texts


def scaffold_year(data_dir: Path, year_text: str, report: Report | None = None) -> list[Path]:
    """Create data/<jaar>/ for a new year; refuse an existing or malformed year. A text of the newest year that
    a build would refuse is not copied: its problem goes into the report's warnings."""
    folder = data_dir / year_text
    if not YEAR_DIR.match(year_text):
        raise DataError([Problem(f"data/{year_text}", expected="een jaartal van vier cijfers, zoals 2021",
                                 found=f"'{year_text}'")])
    if folder.exists():
        raise DataError([Problem(f"data/{year_text}", expected="een jaar dat nog niet bestaat",
                                 found="een bestaande map",
                                 hint="Er is niets overschreven. Verwijder de map eerst als u opnieuw wilt beginnen.")])
    year = int(year_text)
    existing = sorted(int(p.name) for p in data_dir.iterdir() if p.is_dir() and YEAR_DIR.match(p.name))
    files = {"verslag.yaml": VERSLAG.format(jaar=year),
             "klachten.csv": ",".join(COLUMNS) + "\n"}
    files.update((name, text.format(jaar=year)) for name, text in EMPTY.items())
    if existing and check_inside(data_dir, data_dir / str(existing[-1]), f"data/{existing[-1]}", Report()):
        refused = Report()
        files.update(carried_texts(data_dir, data_dir / str(existing[-1]) / "tekst", refused))
        if report is not None:
            report.warnings.extend(refused.errors)
    for rel, text in files.items():
        write_file(folder, rel, text.encode("utf-8"))
    return [folder / rel for rel in files]
