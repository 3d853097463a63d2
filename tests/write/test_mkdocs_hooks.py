"""The MkDocs hooks: heading anchors named in Dutch, wide tables stacked on a phone."""

from __future__ import annotations

from jaarverslag.write.mkdocs_hooks import PHONE_ROOM, name_heading_anchors, narrowest_width, stack_wide_tables

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
