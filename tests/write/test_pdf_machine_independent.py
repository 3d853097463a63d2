"""The PDF is the same on every machine: its fonts come from the repository, and a Typst warning stops the build."""

from __future__ import annotations

import re

import pytest

from jaarverslag.model.problems import DataError
from jaarverslag.write.pdf import FONTS, MAIN, TEMPLATE, compile_pdf
from jaarverslag.write.typst_markup import label

typst = pytest.importorskip("typst")


def test_fonts_of_the_template_are_in_the_repository():
    """Every font family print.typ names is a file under fonts/ with its licence beside it."""
    families = set(
        typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]).families()
    )
    named = set(re.findall(r'font: "([^"]+)"', TEMPLATE.read_text(encoding="utf-8")))
    assert named and named <= families, named - families
    assert "DejaVu Sans Mono" in families  # code (raw) in a chapter text
    assert "Bitstream Vera" in (FONTS / "LICENSE").read_text(encoding="utf-8")


def test_a_typst_warning_stops_the_build(tmp_path):
    """A font that is not in the repository is a Dutch error, not a silent fallback to what this machine has."""
    source = '#set document(title: "Proef")\n#set text(font: "Liberation Serif")\nHallo.\n'
    (tmp_path / MAIN).write_text(source, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        compile_pdf(tmp_path, 2020)
    line = caught.value.problems[0].format()
    assert line.startswith(
        "PDF-editie 2020: verwacht een PDF die Typst zonder waarschuwingen zet, gevonden "
        "'unknown font family: liberation serif'"
    )


def test_the_built_pdf_uses_only_repository_fonts(built_site):
    """Every font embedded in the PDF is one of the repository's."""
    ours = {path.stem for path in FONTS.glob("*.ttf")}
    for pdf in sorted(built_site.glob("*/jaarverslag-klachten-*.pdf")):
        embedded = {
            name.split("+", 1)[-1]
            for name in re.findall(r"/BaseFont\s*/([A-Za-z0-9+-]+)", pdf.read_bytes().decode("latin-1"))
        }
        assert embedded and embedded <= ours, embedded - ours


@pytest.mark.parametrize("ident", ["x> #while true {}", "a> #range(999999999)", "kop met spatie", "x]\n#panic()"])
def test_a_label_never_carries_code(ident):
    """An id from a page becomes a Typst label of label characters only, whatever it holds."""
    assert re.fullmatch(r"[A-Za-z0-9_-]+", label("h04", ident))
