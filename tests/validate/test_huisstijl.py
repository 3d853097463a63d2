"""House style and contact in gemeente.yaml: a colour that keeps AA contrast, a logo that is really in data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jaarverslag.commands.build import prepare
from jaarverslag.model.colour import DEFAULT_COLOUR, MIN_TEXT_CONTRAST, WHITE, contrast, darker_suggestion, link_on_dark
from jaarverslag.model.problems import DataError, format_problems

BASE = Path(__file__).parents[1] / "corpus" / "_basis"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#fff"/></svg>\n'
)


def data_with(tmp_path: Path, extra: str, files: dict[str, bytes] | None = None) -> Path:
    """The valid base with YAML appended to its gemeente.yaml and extra files beside it."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    with (data / "gemeente.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + extra)
    for name, blob in (files or {}).items():
        (data / name).write_bytes(blob)
    return data


def problems(data: Path) -> list[str]:
    """The Dutch error lines of a check that must fail."""
    with pytest.raises(DataError) as caught:
        prepare(data)
    return format_problems(caught.value.problems)


def line_of(data: Path, text: str) -> int:
    """The line number of a text in gemeente.yaml."""
    lines = (data / "gemeente.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_a_light_colour_is_refused_with_a_darker_suggestion(tmp_path):
    data = data_with(tmp_path, 'huisstijl:\n  kleur: "#FFCC00"\n')
    suggestion = darker_suggestion("#ffcc00")
    assert contrast(WHITE, suggestion) >= MIN_TEXT_CONTRAST > contrast(WHITE, "#ffcc00")
    assert problems(data) == [
        f"data/gemeente.yaml, regel {line_of(data, 'kleur')}, veld 'huisstijl.kleur': verwacht een kleur waarop "
        "witte tekst een contrast van ten minste 4,5:1 heeft (WCAG AA), gevonden #ffcc00 (contrast 1,5:1). "
        f"Kies een donkerder tint, bijvoorbeeld {suggestion}: de kop van elke pagina heeft witte tekst op deze "
        "kleur, en links hebben deze kleur op wit."
    ]


@pytest.mark.parametrize("value", ["blauw", "#12345", "#gg0000"])
def test_a_colour_that_is_no_hex_colour_is_refused(tmp_path, value):
    data = data_with(tmp_path, f'huisstijl:\n  kleur: "{value}"\n')
    [line] = problems(data)
    assert line.startswith(
        f"data/gemeente.yaml, regel {line_of(data, 'kleur')}, veld 'huisstijl.kleur': verwacht "
        "een kleur als # met zes hexadecimale tekens (bijvoorbeeld #1f4e8c)"
    )


def test_a_missing_logo_is_an_error(tmp_path):
    data = data_with(tmp_path, "huisstijl:\n  logo: logo.svg\n")
    assert problems(data) == [
        f"data/gemeente.yaml, regel {line_of(data, 'logo')}, veld 'huisstijl.logo': verwacht het bestand "
        "data/logo.svg, gevonden geen bestand. Zet het logo naast gemeente.yaml of verbeter de naam "
        "(hoofdletters tellen mee)."
    ]


@pytest.mark.parametrize("name", ["../logo.svg", "map/logo.svg", "logo.gif", ".logo.svg"])
def test_a_logo_outside_data_or_of_another_kind_is_refused_by_name(tmp_path, name):
    data = data_with(tmp_path, f'huisstijl:\n  logo: "{name}"\n')
    [line] = problems(data)
    assert "veld 'huisstijl.logo': verwacht de naam van een .svg- of .png-bestand naast gemeente.yaml" in line


def test_a_logo_linked_from_elsewhere_is_refused(tmp_path):
    outside = tmp_path / "elders.svg"
    outside.write_bytes(SVG)
    data = data_with(tmp_path, "huisstijl:\n  logo: logo.svg\n")
    (data / "logo.svg").symlink_to(outside)
    [line] = problems(data)
    assert "verwacht een bestand in de map data/ zelf, gevonden logo.svg" in line


def test_a_logo_whose_content_is_not_its_kind_is_refused(tmp_path):
    data = data_with(tmp_path, "huisstijl:\n  logo: logo.png\n", {"logo.png": SVG})
    [line] = problems(data)
    assert "verwacht een echt PNG-bestand, gevonden logo.png met een andere inhoud" in line


def test_contact_fields_are_checked(tmp_path):
    data = data_with(tmp_path, 'contact:\n  telefoon: "bel ons"\n  privacy: http://voorbeeld.nl/privacy\n')
    lines = problems(data)
    assert len(lines) == 2
    assert any("veld 'contact.telefoon': verwacht een telefoonnummer van cijfers en spaties" in line for line in lines)
    assert any("veld 'contact.privacy': verwacht een webadres dat begint met https://" in line for line in lines)


def test_a_good_colour_and_logo_pass_and_the_logo_is_no_stray_file(tmp_path):
    data = data_with(tmp_path, 'huisstijl:\n  kleur: "#00695C"\n  logo: logo.svg\n', {"logo.svg": SVG})
    result = prepare(data)
    assert result.data.gemeente.huisstijl.kleur == "#00695c"
    assert result.data.logo == SVG
    assert not [w for w in result.report.warnings if "logo" in w.file]


def test_a_contrast_just_below_the_minimum_never_reads_as_passing(tmp_path):
    # White on #777777 is 4.48:1: rounded to one decimal that would read as a passing 4,5:1.
    data = data_with(tmp_path, 'huisstijl:\n  kleur: "#777777"\n')
    assert 4.45 < contrast(WHITE, "#777777") < 4.5
    [line] = problems(data)
    assert "gevonden #777777 (contrast 4,4:1)" in line


def test_dark_scheme_links_are_a_legible_tint_of_the_colour():
    for colour in (DEFAULT_COLOUR, "#1f4e8c", "#00695c", "#b71c1c", "#000000"):
        tint = link_on_dark(colour)
        assert contrast(tint, "#2e303e") >= 7.0, (colour, tint)


def test_a_png_logo_passes(tmp_path):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#8b1e3f").save(out, format="PNG")
    data = data_with(tmp_path, "huisstijl:\n  logo: logo.png\n", {"logo.png": out.getvalue()})
    result = prepare(data)
    assert result.data.logo == out.getvalue()
    assert result.site.config["theme"]["logo"] == "huisstijl/logo.png"
    assert result.site.files["huisstijl/logo.png"] == out.getvalue()
