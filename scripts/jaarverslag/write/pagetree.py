"""The web's page model as an element tree: generated Markdown parsed with the site's own Markdown extensions."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

from ..validate.texts import markdown_extensions

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

    def with_ids(self) -> list[Node]:
        """Elements that become labels in print: headings (not h1), figures and table captions with an id."""
        return [n for tag in ("h2", "h3", "h4", "figure", "caption") for n in self.find_all(tag) if n.attrs.get("id")]

    def raw_text(self) -> str:
        """Every text of the node as written, whitespace kept (for code blocks)."""
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

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


def parse_html(text: str) -> Node:
    """An HTML fragment as an element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def parse_page(text: str) -> Node:
    """A generated Markdown page as an element tree, with the site's own Markdown extensions."""
    names, configs = markdown_extensions()
    return parse_html(markdown.Markdown(extensions=names, extension_configs=configs).convert(text))
