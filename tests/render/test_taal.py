"""Text lint: every generated page, alt text and caption of a small fixture build against forbidden patterns."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import need
from jaarverslag.commands.build import prepare
from jaarverslag.render.chapter_contexts import labels_of

HERE = Path(__file__).parents[1]  # tests/: the corpus base and the taal fixture
NOUNS = "klachten|dagen|aanbevelingen|maatregelen|verzoeken|rapporten|onderzoeken|afdelingen|jaren|interventies"
# English a theme or a standard brings along; names of programs stay, as long as the sentence is Dutch.
INTERFACE_EN = (
    r"\b(?:Made with|Material for MkDocs|Data Package|Skip to content|Back to top|Table of contents|"
    r"Previous|Next|Search|Footer|Header|Copy to clipboard|Initializing search|Type to start searching)\b"
)
# (pattern, why) — checked on the visible Markdown of every page, tables included.
FORBIDDEN = [
    (rf"\b(?<![,.])1 ({NOUNS})\b", "enkelvoud na 1 (1 klacht, 1 dag)"),
    (r"\b0 al\b", "'0 al': schrijf dat er geen zijn"),
    (r"\b(\d{4})\s*(?:–|-|tot en met)\s*\1\b", "jaarbereik van één jaar (2018–2018)"),
    (r"\b\d+,(?!5 )\d+ dag", "hele dagen zonder decimalen (alleen een mediaan kan op ,5 eindigen)"),
    (r"Bron:[^\n<·\[]*\b[\w-]+\.(?:yaml|csv|md|j2)\b", "een bron is geen bestandsnaam"),
    (r"n\.v\.t\. \(geen vorig jaar\) tegenover", "een vergelijking zonder vorig jaar"),
    (r"\bVan (?:de )?1 \w+ (?:is|zijn) er\b", "'Van 1 aanbeveling is er 1'"),
    (r"\b(?:zijn|waren|werden|kwamen) (?:er )?1 \w", "werkwoord in het meervoud bij 1"),
    (r"\bgelijk gebleven tegenover\b", "'gelijk gebleven tegenover' is geen Nederlands"),
    (r"\bBij 0 \w+", "'bij 0 klachten': schrijf dat er geen zijn"),
    (r"\b(?:[02-9]|\d\d+) klachten was\b", "meervoud met 'was'"),
    (r"\w: \d[\d.]*(?:,\d+)?%?\.(?=\s|$)", "dubbele punt voor een kaal getal: schrijf een zin"),
    (r"\) \(", "twee haakjes na elkaar: ') ('"),
    (INTERFACE_EN, "Engels in de interface"),
    (r"\bonder de \d+ geen percentage\b", "gegenereerd telegramschrift: zeg het in een zin (formatting.PERCENT_RULE)"),
]
# Tags inside a sentence; every other tag (a cell, a paragraph, an item) ends a line of text.
INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|span|strong|sub|sup)\b[^>]*>")
KCODE = re.compile(r"\bK\d{1,2}\b")
KCODE_PAGES = ("11-bijlagen.md",)  # the methodology may name the codes
KCODE_BUILT = ("/11-bijlagen/index.html",)
# A column of department names: every cell is a name from the department list (or the whole organisation).
DEPARTMENT_COLUMN = re.compile(r"^Afdeling\b")
NOT_A_DEPARTMENT = {"Totaal", "Hele organisatie"}
LABEL_KINDS = ("aard", "kanaal", "afhandeling", "oordeel")


def visible(markdown: str) -> str:
    """The text a reader sees: comments and abbreviation lines gone, Markdown escapes undone."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"^\*\[[^\]]+\]:.*$", "", text, flags=re.M)
    return re.sub(r"\\([^\w\s])", r"\1", text)


def prose(text: str) -> str:
    """Visible text without tables and abbr elements (where codes and capitalised labels belong)."""
    text = re.sub(r"<table.*?</table>", "", text, flags=re.S)
    text = re.sub(r"<abbr[^>]*>.*?</abbr>", "", text, flags=re.S)
    return re.sub(r"^\{:.*\}$", "", text, flags=re.M)


def department_columns(text: str, departments: set[str]) -> list[str]:
    """Cells of a column headed 'Afdeling…' that are not a name from the department list."""
    found = []
    for table in re.findall(r"<table\b.*?</table>", text, flags=re.S):
        rows = [
            [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, flags=re.S)]
            for row in re.findall(r"<tr\b.*?</tr>", table, flags=re.S)
        ]
        if not rows:
            continue
        for col, head in enumerate(rows[0]):
            if DEPARTMENT_COLUMN.match(head):
                found += [
                    f"afdelingsnaam die niet in de lijst van afdelingen staat: {row[col]!r}"
                    for row in rows[1:]
                    if col < len(row)
                    and row[col]
                    and row[col].removesuffix(" (voorganger)") not in departments
                    and row[col] not in NOT_A_DEPARTMENT
                ]
    return found


def lint(pages: dict[str, str], labels: dict[str, dict[str, str]]) -> list[str]:
    """All findings as 'page: why: excerpt'."""
    found = []
    departments = set(labels.get("afdeling", {}).values())
    capitals = [label for kind in LABEL_KINDS for label in labels[kind].values() if label[:1].isupper()]
    mid = re.compile(
        r"(?<=[a-zà-ÿ0-9,:;] )(" + "|".join(map(re.escape, sorted(capitals, key=len, reverse=True))) + r")\b"
    )
    for path, markdown in sorted(pages.items()):
        text = visible(markdown)
        for pattern, why in FORBIDDEN:
            found += [f"{path}: {why}: {m.group(0)!r}" for m in re.finditer(pattern, text)]
        body = prose(text)
        if not path.endswith(KCODE_PAGES):
            # Codes only in the definitions: not in prose, tables, captions or alt texts either.
            found += [
                f"{path}: K-code buiten de definities: {text[max(0, m.start() - 40) : m.end() + 10]!r}"
                for m in KCODE.finditer(re.sub(r"<abbr[^>]*>.*?</abbr>", "", text, flags=re.S))
            ]
        found += [f"{path}: {f}" for f in department_columns(text, departments)]
        found += [
            f"{path}: label met hoofdletter midden in een zin: {body[max(0, m.start() - 30) : m.end()]!r}"
            for m in mid.finditer(body)
        ]
    return found


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    data = tmp_path_factory.mktemp("taal") / "data"
    shutil.copytree(HERE / "corpus" / "_basis", data)
    shutil.copytree(HERE / "taal", data, dirs_exist_ok=True)
    return prepare(data)


def test_generated_text_has_no_forbidden_patterns(fixture_site):
    labels = {**fixture_site.data.gemeente.labels, "afdeling": labels_of(fixture_site.data)["afdeling"]}
    findings = lint(fixture_site.site.pages, labels)
    assert not findings, "\n".join(findings[:40])


def built_text(page: Path) -> str:
    """The text a reader sees on a built HTML page, theme included: no scripts, styles, drawings or tags."""
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    text = INLINE_TAG.sub("", text)
    return "\n".join(" ".join(line.split()) for line in html.unescape(re.sub(r"<[^>]+>", "\n", text)).splitlines())


def test_every_built_page_and_pdf_has_no_forbidden_patterns(built_site):
    """The same patterns on every page as built (the theme's words too) and on the text of every PDF edition."""
    texts = {p.relative_to(built_site).as_posix(): built_text(p) for p in sorted(built_site.rglob("*.html"))}
    pdfs = sorted(built_site.glob("*/jaarverslag-klachten-*.pdf"))
    need(shutil.which("pdftotext") is not None and len(pdfs) >= 2, "pdftotext ontbreekt: apt-get install poppler-utils")
    for pdf in pdfs:
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        texts[pdf.name] = "\n".join(" ".join(line.split()) for line in out.replace("\u00ad\n", "").splitlines())
    assert len(texts) > 50
    found = [
        f"{path}: {why}: {m.group(0)!r}"
        for path, text in texts.items()
        for pattern, why in FORBIDDEN
        for m in re.finditer(pattern, text)
    ]
    assert not found, "\n".join(found[:40])


def test_indicator_codes_only_in_the_definitions(built_site):
    """K1…K14 nowhere a public reader sees them (page text, tables, alt texts, PDF) but the definitions."""
    need(shutil.which("pdftotext") is not None, "pdftotext ontbreekt: apt-get install poppler-utils")
    found = []
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        if rel.endswith(KCODE_BUILT):
            continue
        alts = " ".join(re.findall(r'\balt="([^"]*)"', page.read_text(encoding="utf-8")))
        found += [f"{rel}: {m.group(0)}" for m in KCODE.finditer(built_text(page) + " " + html.unescape(alts))]
    for pdf in sorted(built_site.glob("*/jaarverslag-klachten-*.pdf")):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        found += [
            f"{pdf.name} p. {n}: {m.group(0)}"
            for n, text in enumerate(out.split("\f"), start=1)
            if "Definities" not in text
            for m in KCODE.finditer(text)
        ]
    assert not found, f"{len(found)} keer een indicatorcode buiten de definities:\n" + "\n".join(found[:30])


def test_the_pdf_breaks_no_column_name_of_a_cross_table(built_site):
    """Typst sets Dutch (lang: "nl"), but its patterns split compounds wrongly ('Behandeld-uur'): the names of a
    wide cross table are written upwards and whole, without a hyphen."""
    need(shutil.which("pdftotext") is not None, "pdftotext ontbreekt: apt-get install poppler-utils")
    out = subprocess.run(
        ["pdftotext", str(built_site / "2020" / "jaarverslag-klachten-2020.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page = next(p for p in out.split("\f") if "Tabel 11.1 Ontvangen klachten per afdeling en aard" in p)
    names = ["Bejegening", "Behandelduur", "Informatieverstrekking", "Bereikbaarheid", "Uitvoering van beleid of werk"]
    assert all(name in page for name in names), page[:600]
    assert "\u00ad" not in page and "Behandeld-" not in page


def test_the_fixture_reaches_the_singular_forms(fixture_site):
    pages = {p: visible(t) for p, t in fixture_site.site.pages.items()}
    assert "Hij deed 1 aanbeveling; die is opgevolgd." in pages["2020/08-nationale-ombudsman.md"]
    assert "De enige verbetermaatregel is gereed." in pages["2020/09-leren-van-klachten.md"]
    assert "De ene andersoortige klacht telt hier niet mee." in pages["2020/04-ontvangen-klachten.md"]
    assert "te weinig klachten om percentages te vergelijken" in pages["2020/01-samenvatting.md"]


@pytest.mark.parametrize(
    "text, why",
    [
        ("met 1 klachten", "enkelvoud"),
        ("waarvan 0 al buiten", "0 al"),
        ("2018–2018", "jaarbereik"),
        ("12,0 dagen", "hele dagen"),
        ("Bron: maatregelen.yaml van de klachtencoördinator.", "bestandsnaam"),
        ("Van 1 aanbeveling is er 1 opgevolgd", "Van 1"),
        ("De klachten (K1) stegen.", "K-code"),
        ("waren: Uitvoering, Bejegening", "hoofdletter"),
        ("Het aantal klachten: 436.", "dubbele punt"),
        ("89,7% (312 van 348) (doel: 90%).", "twee haakjes"),
        ("gemiddeld 55,8 dagen", "hele dagen"),
        ("Gemaakt met Material for MkDocs", "Engels"),
        ("een Data Package volgens de standaard", "Engels"),
        ("Percentages met teller en noemer; onder de 10 geen percentage.", "telegramschrift"),
        ("<table><tr><th>Afdeling</th></tr><tr><td>afdeling Openbare ruimte</td></tr></table>", "afdelingsnaam"),
        ("<table><tr><td>K9</td><td>83,8%</td></tr></table>", "K-code"),
    ],
)
def test_the_lint_catches_each_known_mistake(text, why):
    labels = {kind: {"a": "Uitvoering", "b": "Bejegening"} for kind in LABEL_KINDS}
    findings = lint({"2020/x.md": text + "\n"}, labels)
    assert any(why in f for f in findings), (text, findings)
