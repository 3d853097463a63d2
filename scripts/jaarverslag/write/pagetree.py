"""The web's page model as an element tree: generated Markdown parsed with the site's own Markdown extensions."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

MKDOCS_YML = Path(__file__).resolve().parents[3] / "mkdocs.yml"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    """An HTML element of a rendered page: tag, attributes and children (nodes or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        """The class names."""
        return set((self.attrs.get("class") or "").split())

    def find(self, tag: str, cls: str | None = None) -> Node | None:
        """The first descendant with this tag (and class)."""
        return next(iter(self.find_all(tag, cls)), None)

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        """Every descendant with this tag (and class), in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.find_all(tag, cls)
        return found

    def text(self) -> str:
        """The text content with whitespace collapsed."""
        return " ".join("".join(c if isinstance(c, str) else c.text() for c in self.children).split())


class _TreeBuilder(HTMLParser):
    """Builds a Node tree from the HTML that python-markdown gives."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@lru_cache(maxsize=1)
def _extensions(config: str) -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of mkdocs.yml's text (one list for web and print); no permalink signs on paper.
    Cached by the text itself, so an edited mkdocs.yml is never served from an earlier build's parse."""
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in yaml.safe_load(config)["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = {k: v for k, v in (options or {}).items() if not k.startswith("permalink")}
    return names, configs


def parse_html(text: str) -> Node:
    """An HTML fragment as an element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def parse_page(text: str) -> Node:
    """A generated Markdown page as an element tree, with the site's own Markdown extensions."""
    names, configs = _extensions(MKDOCS_YML.read_text(encoding="utf-8"))
    return parse_html(markdown.Markdown(extensions=names, extension_configs=configs).convert(text))
