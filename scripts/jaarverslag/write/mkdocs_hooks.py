"""MkDocs hooks of the site (loaded by path through write_config): heading anchors named in Dutch."""
from __future__ import annotations

import html
import re

# What the toc extension writes (mkdocs.yml: permalink, permalink_title): the pilcrow link at the heading's end.
_HEADING = re.compile(r'(<h[1-6][^>]*\sid="(?P<id>[^"]+)"[^>]*>)(?P<text>.*?)'
                      r'<a class="headerlink" href="#(?P=id)" title="(?P<title>[^"]*)">', re.S)
_TAG = re.compile(r"<[^>]+>")


def anchor_label(title: str, heading_html: str) -> str:
    """The anchor's accessible name: the permalink title and the heading's visible text."""
    text = " ".join(html.unescape(_TAG.sub("", heading_html)).split())
    return f"{html.unescape(title)}: {text}" if text else html.unescape(title)


def name_heading_anchors(content: str) -> str:
    """Give every heading anchor a Dutch name ('Link naar dit onderdeel: 4.1 Per afdeling') instead of '¶'."""
    def named(match: re.Match[str]) -> str:
        label = html.escape(anchor_label(match["title"], match["text"]), quote=True)
        return (f'{match.group(1)}{match["text"]}<a class="headerlink" href="#{match["id"]}" '
                f'title="{label}" aria-label="{label}">')
    return _HEADING.sub(named, content)


def on_page_content(content: str, **kwargs: object) -> str:
    """MkDocs event (with page, config and files): the page's HTML after Markdown, before the theme."""
    return name_heading_anchors(content)
