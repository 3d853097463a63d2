"""MkDocs hooks (loaded by path via write_config): the theme's texts from data escaped once, heading anchors named
in Dutch, wide tables stacked on a phone."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

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
    return stack_wide_tables(name_heading_anchors(content))


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
