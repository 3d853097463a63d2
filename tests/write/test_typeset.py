"""Print markup: data strings reach the PDF literally; empty list items give no bullet; numbers align right."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess

from conftest import need
from jaarverslag.model.colour import DEFAULT_COLOUR
from jaarverslag.write.pagetree import parse_page
from jaarverslag.write.pdf import STYLE, TEMPLATE, style_source
from jaarverslag.write.typeset import Chapter, Converter
from jaarverslag.write.typst_markup import esc, tstr

HOSTILE = [
    "*vet* _schuin_ `code` $x$ #let a = 1 @ref <label> [link](x) // geen commentaar",
    "= Kop? - lijst + telling / term: 1. begin \\ slash ~ tilde \"quote\" 'apos' -- ---",
    '{{ 7*7 }} =HYPERLINK("http://example.invalid") @SUM(A1) <script>alert(1)</script>',
]


def _typst():
    """The typst module; missing, it skips the test (and under CI=true fails it, like every missing tool)."""
    need(importlib.util.find_spec("typst") is not None, "typst ontbreekt: 'make test' installeert het")
    return importlib.import_module("typst")


def typeset(tmp_path, markup: str) -> str:
    """Compile a small document and return its text as poppler reads it."""
    typst = _typst()
    need(shutil.which("pdftotext") is not None, "poppler-utils ontbreekt: 'apt-get install poppler-utils'")
    source = tmp_path / "doc.typ"
    source.write_text('#set document(title: "t", date: none)\n#set text(lang: "nl")\n' + markup, encoding="utf-8")
    (tmp_path / "doc.pdf").write_bytes(typst.compile(str(source), root=str(tmp_path)))
    return subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "doc.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_data_strings_are_literal(tmp_path):
    """Every character Typst could read as syntax prints as itself, in markup and in string literals."""
    text = typeset(tmp_path, "".join(f"{esc(s)}\n\n#text({tstr(s)})\n\n" for s in HOSTILE))
    lines = [line for line in text.splitlines() if line.strip()]
    for s in HOSTILE:
        assert lines.count(s) == 2, (s, lines)


def test_lists_tables_and_links(tmp_path):
    """No bullet for an empty item; a number column aligned right; a link to an attached CSV is named."""
    page = "\n".join(
        [
            "# 4. Hoofdstuk",
            "",
            "- eerste",
            "- [](elders.md)",
            "- [Gegevens](data/k.csv)",
            "",
            '<div class="tabel"><table><caption id="tabel-4-1"><span class="nummer">Tabel 4.1</span> Titel</caption>',
            "<thead><tr><th>Afdeling</th><th>Aantal</th></tr></thead>",
            "<tbody><tr><th>Parkeren</th><td>1.234</td></tr><tr><th>Burgerzaken</th><td>&lt; 5</td></tr></tbody>",
            "</table></div>",
            '<p class="bron">Bron: register.</p>',
            "",
        ]
    )
    converter = Converter([Chapter("2020/04-h.md", "h04", parse_page(page))], {"2020/data/k.csv"})
    markup = converter.chapter(converter.chapters["2020/04-h.md"])
    bullets = markup[markup.index("#list(") :].split("\n")[0]
    assert bullets.startswith("#list([eerste], [Gegevens ") and bullets.count("], [") == 1  # empty item dropped
    assert "bijlage in dit PDF" in bullets
    assert "kolommen: (left, right,)" in markup and "bron: [Bron\\: register\\.]" in markup
    shutil.copy(TEMPLATE, tmp_path / "print.typ")  # the layout functions the markup calls
    (tmp_path / STYLE).write_text(style_source(DEFAULT_COLOUR, None), encoding="utf-8")
    text = typeset(tmp_path, '#import "print.typ": *\n' + markup)
    assert "eerste" in text and "Parkeren 1.234" in text and "Bron: register." in text
    assert "•\n" not in text.replace("• eerste", "")


def test_coordinator_markdown_typesets_as_pdf_ua(tmp_path):
    """What a coordinator may write in a chapter text (nested lists, a skipped heading level, a quote, a pipe
    table, a code block, a note, an image) typesets as PDF/UA-1."""
    typst = _typst()
    page = "\n".join(
        [
            "# 1. Hoofdstuk",
            "",
            "Zie [het kopje](#kopje) en [de site](https://example.org).",
            "",
            "## 1.1 Kopje {: #kopje }",
            "",
            "#### Diepe kop",
            "",
            "1. een",
            "    - genest",
            "2. twee",
            "",
            "> Een citaat.",
            "",
            "| Kolom | Getal |",
            "|---|---:|",
            "| a | 1 |",
            "",
            "    regel 1",
            "    regel 2",
            "",
            '!!! note "Let op"',
            "    Een opmerking.",
            "",
            "![Een plaatje](elders.png)",
            "",
        ]
    )
    converter = Converter([Chapter("2020/01-h.md", "h01", parse_page(page))], set())
    markup = converter.chapter(converter.chapters["2020/01-h.md"])
    assert "#heading(level: 3)[Diepe kop]" in markup and '"regel 1\\nregel 2"' in markup
    shutil.copy(TEMPLATE, tmp_path / "print.typ")
    (tmp_path / STYLE).write_text(style_source(DEFAULT_COLOUR, None), encoding="utf-8")
    (tmp_path / "doc.typ").write_text(
        '#import "print.typ": *\n'
        '#show: verslag.with(gemeente: "X", jaar: "2020", titel: "Jaarverslag 2020")\n' + markup,
        encoding="utf-8",
    )
    assert typst.compile(str(tmp_path / "doc.typ"), root=str(tmp_path), pdf_standards=["ua-1"]).startswith(b"%PDF")
