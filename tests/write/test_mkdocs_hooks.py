"""The MkDocs hooks: heading anchors named in Dutch, tables of more than five rows sortable, wide tables stacked on a
phone."""

from __future__ import annotations

import re

import pytest

from jaarverslag.write.mkdocs_hooks import (
    PHONE_ROOM,
    SORTABLE_ROWS,
    name_heading_anchors,
    name_hidden_marks,
    narrowest_width,
    on_page_content,
    sort_value,
    sortable_tables,
    stack_wide_tables,
)

TOC = '<a class="headerlink" href="#{id}" title="Link naar dit onderdeel">&para;</a>'


def test_each_anchor_is_named_after_its_heading():
    """The name is the title plus the heading's visible text, tags stripped, entities kept escaped."""
    page = (
        f'<h1 id="a">4. Ontvangen <abbr title="Algemene wet bestuursrecht">Awb</abbr>{TOC.format(id="a")}</h1>'
        f'<p>tekst</p><h3 class="x" id="b">Risico&#x27;s &amp; kansen{TOC.format(id="b")}</h3>'
    )
    out = name_heading_anchors(page)
    assert 'aria-label="Link naar dit onderdeel: 4. Ontvangen Awb"' in out
    assert 'aria-label="Link naar dit onderdeel: Risico&#x27;s &amp; kansen"' in out
    assert out.count("aria-label=") == 2 and out.count("&para;</a>") == 2


def test_an_anchor_of_another_heading_is_left_alone():
    """Only the anchor that points at its own heading is named (no name borrowed from another heading)."""
    page = f'<h2 id="a">Kop{TOC.format(id="b")}</h2>'
    assert name_heading_anchors(page) == page


def table(head: list[str], row: list[str], attrs: str = "") -> str:
    """A table as the templates write it: a caption, one header row and one body row."""
    return (
        f"<table{attrs}>\n<caption>Tabel 1.1 x</caption>\n<thead>\n<tr>"
        + "".join(f'<th scope="col">{h}</th>' for h in head)
        + "</tr>\n</thead>\n<tbody>\n<tr>"
        + f'<th scope="row">{row[0]}</th>'
        + "".join(f"<td>{v}</td>" for v in row[1:])
        + "</tr>\n</tbody>\n</table>"
    )


def test_a_wide_table_is_stacked_with_its_column_names():
    """Too wide for a phone: class 'stapel' beside its own, every body cell its escaped column name."""
    wide = table(
        [
            "Afdeling",
            "Informeel opgelost",
            "Niet in behandeling genomen",
            "Doorgestuurd",
            "Ingetrokken",
            "Klachtadviescommissie &amp; co",
        ],
        ["Beheer en onderhoud openbare ruimte", "46", "5", "6", "5", "1"],
        ' class="kerncijfers"',
    )
    out = stack_wide_tables(wide)
    assert '<table class="kerncijfers stapel">' in out
    assert '<td data-label="Klachtadviescommissie &amp; co">1</td>' in out
    assert '<th scope="row" data-label="Afdeling">Beheer en onderhoud openbare ruimte</th>' in out
    assert out.count("data-label=") == 6 and '<th scope="col">Afdeling</th>' in out  # the header row as it was


def test_a_narrow_table_stays_a_table():
    """A table that fits a phone is left as it was; so is a long hash in code (it breaks anywhere)."""
    narrow = table(["Aard", "Aantal", "Aandeel"], ["Bejegening", "12", "8,0%"])
    hashes = table(["Bestand", "SHA-256"], ["2020/klachten.csv", f"<code>{'a' * 64}</code>"])
    assert stack_wide_tables(narrow) == narrow and stack_wide_tables(hashes) == hashes
    assert narrowest_width([["Aard", "Aantal"]]) < PHONE_ROOM < narrowest_width([["x" * 60]])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", "1234"),
        ("12,5%", "12.5"),
        ("12,5% (50 van 400)", "12.5"),
        ("0", "0"),
        ("−3", "-3"),
        ("+12", "12"),
        ("12,5 dagen", "12.5"),
        ("1 dag", "1"),
        ("3 maart 2021", "20210303"),
        ("< 5", "4.5"),
        ("×", ""),
        ("n.v.t.", ""),
        ("niet bekend", ""),
        ("te weinig om een percentage te geven", ""),
        ("Burgerzaken", None),
        ("1.5", None),
    ],
)
def test_dutch_numbers_sort_as_numbers(text, value):
    """A Dutch number's sort value is a plain number; "< 5" sorts between 0 and 5, an unknown value is ''."""
    assert sort_value(text) == value


def body_rows(n: int) -> list[list[str]]:
    """n rows of a department table: a name, a count with a thousands separator or hidden, a percentage."""
    counts = ["1.234", "&lt; 5", "×", "17", "0", "250"]
    return [[f"Afdeling {chr(65 + i)}", counts[i % len(counts)], f"{i},5%"] for i in range(n)]


def html_table(rows: list[list[str]], footer: bool = True) -> str:
    """A table as the table macro writes it (thead, tbody with row headers, tfoot)."""
    body = "".join(
        f'\n<tr><th scope="row">{r[0]}</th>' + "".join(f"<td>{c}</td>" for c in r[1:]) + "</tr>" for r in rows
    )
    foot = '<tfoot>\n<tr><th scope="row">Totaal</th><td>1.500</td><td>100,0%</td></tr>\n</tfoot>' if footer else ""
    return (
        '<table>\n<caption id="t">Tabel 1.1 Klachten</caption>\n<thead>\n<tr><th scope="col">Afdeling</th>'
        '<th scope="col">Aantal</th><th scope="col">Aandeel</th></tr>\n</thead>\n'
        f"<tbody>{body}\n</tbody>\n{foot}</table>"
    )


def test_a_table_of_more_than_five_rows_gets_sort_values():
    """Class sorteerbaar, number columns marked "getal", every number cell its plain value; the footer untouched."""
    out = sortable_tables(html_table(body_rows(SORTABLE_ROWS + 1)))
    assert '<table class="sorteerbaar">' in out
    head = re.search(r"<thead>.*?</thead>", out, re.S).group(0)
    assert head.count('data-sort-method="getal"') == 2 and "Afdeling</th>" in head
    assert '<td data-sort="1234">1.234</td>' in out
    assert '<td data-sort="4.5">&lt; 5</td>' in out
    assert '<td data-sort="">×</td>' in out
    assert '<td data-sort="5.5">5,5%</td>' in out
    assert '<th scope="row">Afdeling A</th>' in out  # text sorts by its own text
    assert re.search(r"<tfoot>.*?</tfoot>", out, re.S).group(0).count("data-sort") == 0
    assert out.count("<tr>") == SORTABLE_ROWS + 3


def test_a_table_of_five_rows_or_fewer_is_left_alone():
    """Five body rows is not enough to sort: the table comes out as it went in."""
    page = html_table(body_rows(SORTABLE_ROWS))
    assert sortable_tables(page) == page


def test_a_column_with_text_is_not_sorted_as_numbers():
    """One cell that is not a number makes the column text; codes like K10 sort after K2."""
    rows = [[f"K{i}", "12" if i != 3 else "zie toelichting", "1"] for i in range(1, 12)]
    out = sortable_tables(html_table(rows, footer=False))
    head = re.search(r"<thead>.*?</thead>", out, re.S).group(0)
    assert head.count('data-sort-method="getal"') == 1
    assert '<th scope="row" data-sort="K000010">K10</th>' in out
    assert "<td>zie toelichting</td>" in out


def test_sortable_and_stacked_together():
    """A wide sortable table also gets its stacked layout: data-label beside data-sort on every cell."""
    rows = [[f"Afdeling met een heel lange naam {i}", "1.234", "12,5%"] for i in range(8)]
    page = html_table(rows).replace("Aandeel", "Gemiddeldedoorlooptijdindagenvoordeafhandeling")
    out = on_page_content(page)
    assert 'class="sorteerbaar stapel"' in out
    assert '<td data-sort="1234" data-label="Aantal">1.234</td>' in out


def test_a_hidden_cell_is_read_as_verborgen_and_nothing_else_changes():
    """A cell that is only "×" keeps the mark for the eye and says "verborgen" to a screen reader; "< 5", a number
    or a "×" inside a sentence stay as they are."""
    page = (
        '<table><tbody><tr><th scope="row">Parkeren</th><td data-sort="">×</td><td>< 5</td><td>12</td>'
        "<td>3 × 4</td></tr></tbody></table>"
    )
    out = name_hidden_marks(page)
    assert '<td data-sort=""><span aria-hidden="true">×</span><span class="voorlezen">verborgen</span></td>' in out
    assert out.count("verborgen") == 1
    assert out.replace('<span aria-hidden="true">×</span><span class="voorlezen">verborgen</span>', "×") == page
