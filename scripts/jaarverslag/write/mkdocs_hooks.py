"""MkDocs hooks (loaded by path via write_config): the theme's texts from data escaped once, heading anchors named
in Dutch, tables of more than five rows sortable, wide tables stacked on a phone, "×" read as "verborgen"."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from babel.dates import get_month_names
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

# What the toc extension writes (mkdocs.yml: permalink, permalink_title): the pilcrow link at the heading's end.
_HEADING = re.compile(
    r'(<h[1-6][^>]*\sid="(?P<id>[^"]+)"[^>]*>)(?P<text>.*?)'
    r'<a class="headerlink" href="#(?P=id)" title="(?P<title>[^"]*)">',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"<code>.*?</code>", re.S)


def anchor_label(title: str, heading_html: str) -> str:
    """The anchor's accessible name: the permalink title and the heading's visible text."""
    text = _text(heading_html)
    return f"{html.unescape(title)}: {text}" if text else html.unescape(title)


def name_heading_anchors(content: str) -> str:
    """Give every heading anchor a Dutch name ('Link naar dit onderdeel: 4.1 Per afdeling') instead of '¶'."""

    def named(match: re.Match[str]) -> str:
        label = html.escape(anchor_label(match["title"], match["text"]), quote=True)
        return (
            f'{match.group(1)}{match["text"]}<a class="headerlink" href="#{match["id"]}" '
            f'title="{label}" aria-label="{label}">'
        )

    return _HEADING.sub(named, content)


def on_page_content(content: str, **kwargs: object) -> str:
    """MkDocs event (with page, config and files): the page's HTML after Markdown, before the theme."""
    return name_hidden_marks(stack_wide_tables(sortable_tables(name_heading_anchors(content))))


# A cell hidden to protect another shows "×", which a screen reader reads as "maal": it hears "verborgen" instead.
_HIDDEN_CELL = re.compile(r"<td(?P<attrs>[^>]*)>\s*×\s*</td>")


def name_hidden_marks(content: str) -> str:
    """Table cells that are only "×" show the mark and give a screen reader the word 'verborgen'."""
    return _HIDDEN_CELL.sub(
        r'<td\g<attrs>><span aria-hidden="true">×</span><span class="voorlezen">verborgen</span></td>', content
    )


# A table whose narrowest layout (every column as wide as its longest word) is wider than a 375 px phone's
# column (less Material's 16 px margins) is stacked there. Per character 0.5em of the phone's 15 px table text,
# per cell 20 px of padding: on the example site every table that scrolled at 390 px estimates 358 or more.
PHONE_ROOM = 343
_CHAR = 7.5
_CELL_PADDING = 20.0
_TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(?P<tag>t[hd])(?P<attrs>[^>]*)>(?P<text>.*?)</(?P=tag)>", re.S)


def narrowest_width(rows: list[list[str]]) -> float:
    """Estimated width in px of a table laid out as narrow as it goes: each column as wide as its longest word."""
    # Code (hashes, file names) breaks anywhere (Material: word-break), so it does not set a column's width.
    rows = [[_CODE.sub("", cell) for cell in row] for row in rows]
    columns = max((len(row) for row in rows), default=0)
    longest = [
        max((len(word) for row in rows if i < len(row) for word in _text(row[i]).split()), default=0)
        for i in range(columns)
    ]
    return sum(n * _CHAR + _CELL_PADDING for n in longest)


def stack_wide_tables(content: str) -> str:
    """Tables too wide for a phone get class 'stapel' and every cell its column name (data-label) for the CSS."""

    def stacked(match: re.Match[str]) -> str:
        body = match["body"]
        head = re.search(r"<thead>.*?</thead>", body, re.S)
        rows = [[c["text"] for c in _CELL.finditer(r)] for r in _ROW.findall(body)]
        if head is None or narrowest_width(rows) <= PHONE_ROOM:
            return match.group(0)
        names = [_text(c["text"]) for c in _CELL.finditer(head.group(0))]

        def labelled(row: re.Match[str]) -> str:
            cells = list(_CELL.finditer(row.group(1)))
            out = [
                f'<{c["tag"]}{c["attrs"]} data-label="{html.escape(names[i], quote=True)}">{c["text"]}</{c["tag"]}>'
                if i < len(names)
                else c.group(0)
                for i, c in enumerate(cells)
            ]
            return "<tr>" + "".join(out) + "</tr>"

        rest = body[head.end() :]
        attrs = match["attrs"]
        classes = re.search(r'class="([^"]*)"', attrs)
        attrs = (
            attrs.replace(classes.group(0), f'class="{classes.group(1)} stapel"')
            if classes
            else f'{attrs} class="stapel"'
        )
        return f"<table{attrs}>{body[: head.end()]}{_ROW.sub(labelled, rest)}</table>"

    return _TABLE.sub(stacked, content)


# Tables with more than this many body rows sort by any column (docs/javascripts/tabellen.js, with tablesort).
SORTABLE_ROWS = 5
# What stands for a value that is not known: hidden (privacy), not applicable, not registered. It sorts below every
# number, so first going up and last going down, in the order of the table.
UNKNOWN = {"", "×", "n.v.t.", "niet bekend", "nog niet bekend", "te weinig om een percentage te geven", "–", "—", "-"}
_SMALL = re.compile(r"<\s*(\d+)")  # "< 5": a count of 1 to 4, sorted between 0 and 5
# A Dutch number at the start of a cell: 1.234, -3, +12, −0,5, 12,5%, 12,5 dagen, 12,5% (50 van 400).
_NUMBER = re.compile(r"(?P<sign>[-+−]?)\s*(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?(?=$|[\s%])")
_MONTHS = list(get_month_names("wide", locale="nl").values())  # januari … december, as the site writes them
_DATE = re.compile(r"(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})")
_CODE_NUMBER = re.compile(r"([A-Za-z]+)(\d+)")  # K1 … K14: in the order of their numbers


def sort_value(text: str) -> str | None:
    """A cell's value for sorting as a plain number ('1234', '-0.5'; '' when not known), or None for text."""
    text = text.strip()
    if text in UNKNOWN:
        return ""
    if small := _SMALL.fullmatch(text):
        return f"{int(small[1]) - 0.5:g}"
    if date := _DATE.fullmatch(text):
        return f"{int(date[3]):04d}{_MONTHS.index(date[2]) + 1:02d}{int(date[1]):02d}"
    if number := _NUMBER.match(text):
        sign = "-" if number["sign"] in ("-", "−") else ""
        whole = str(int(number["whole"].replace(".", "")))
        return f"{sign}{whole}.{number['fraction']}" if number["fraction"] else f"{sign}{whole}"
    return None


def text_sort_value(text: str) -> str | None:
    """A text cell's value for sorting when its visible text would sort wrongly (K10 before K2), else None."""
    if code := _CODE_NUMBER.fullmatch(text.strip()):
        return f"{code[1].upper()}{int(code[2]):06d}"
    return None


def sortable_tables(content: str) -> str:
    """Tables with a header row and more than SORTABLE_ROWS body rows get class 'sorteerbaar' for tabellen.js; a
    column of numbers gets data-sort-method="getal" on its header and every cell its value as a plain number in
    data-sort. The footer (totals) is not sorted: tablesort sorts only the body."""

    def sortable(match: re.Match[str]) -> str:
        body = match["body"]
        head = re.search(r"<thead>.*?</thead>", body, re.S)
        tbody = re.search(r"<tbody>(?P<rows>.*?)</tbody>", body, re.S)
        if head is None or tbody is None or "rowspan" in body or "colspan" in body:
            return match.group(0)
        header_rows = _ROW.findall(head.group(0))
        rows = [list(_CELL.finditer(r)) for r in _ROW.findall(tbody["rows"])]
        if len(header_rows) != 1 or len(rows) <= SORTABLE_ROWS or tbody["rows"].count("<tr") != len(rows):
            return match.group(0)
        headers = list(_CELL.finditer(header_rows[0]))
        if any(len(row) != len(headers) for row in rows):
            return match.group(0)
        values = [[sort_value(_text(c["text"])) for c in row] for row in rows]
        numeric = {
            i for i in range(len(headers)) if all(v[i] is not None for v in values) and any(v[i] for v in values)
        }

        def cell(c: re.Match[str], value: str | None) -> str:
            if value is None or "data-sort=" in c["attrs"]:
                return c.group(0)
            return f'<{c["tag"]}{c["attrs"]} data-sort="{value}">{c["text"]}</{c["tag"]}>'

        head_html = (
            "<tr>"
            + "".join(
                cell(c, None)
                if i not in numeric or "data-sort-method=" in c["attrs"]
                else f'<{c["tag"]}{c["attrs"]} data-sort-method="getal">{c["text"]}</{c["tag"]}>'
                for i, c in enumerate(headers)
            )
            + "</tr>"
        )
        body_html = "".join(
            "\n<tr>"
            + "".join(
                cell(c, value if i in numeric else text_sort_value(_text(c["text"])))
                for i, (c, value) in enumerate(zip(row, row_values, strict=True))
            )
            + "</tr>"
            for row, row_values in zip(rows, values, strict=True)
        )
        attrs = match["attrs"]
        classes = re.search(r'class="([^"]*)"', attrs)
        attrs = (
            attrs.replace(classes.group(0), f'class="{classes.group(1)} sorteerbaar"')
            if classes
            else f'{attrs} class="sorteerbaar"'
        )
        new_head = head.group(0).replace(f"<tr>{header_rows[0]}</tr>", head_html)
        new_body = f"<tbody>{body_html}\n</tbody>"
        return (
            f"<table{attrs}>{body[: head.start()]}{new_head}{body[head.end() : tbody.start()]}"
            f"{new_body}{body[tbody.end() :]}</table>"
        )

    return _TABLE.sub(sortable, content)


def _text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


# Material prints these as they are in some places (<meta content>, aria-label, the header) and escapes them in
# others (title="…"): as Markup they come out escaped exactly once in both.
PLAIN_SETTINGS = ("site_name", "site_description", "site_author")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Escape the site's name, description and author (from gemeente.yaml) once, as Markup."""
    for key in PLAIN_SETTINGS:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = escape(value)
    return config


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Mark the nav's titles as the escaped HTML they are (render.chapters.navigation escapes them), so a
    template's | e does not escape them a second time."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if isinstance(getattr(item, "title", None), str) and not isinstance(item.title, Markup):
            item.title = Markup(item.title)
        stack.extend(getattr(item, "children", None) or [])
    return nav
