"""Print edition: the element tree of a generated page written out as Typst markup, chapter by chapter."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from .pagetree import Node
from .typst_markup import column_weights, content, esc, label, numeric_column, plain_text, tstr

INLINE = {"a", "abbr", "strong", "em", "b", "i", "code", "span", "br", "img", "sup", "sub", "small", "kbd", "mark"}
SKIP_ADMONITIONS = {"Voorbeeldgegevens"}  # said once, on the cover
WIDE = 8  # columns from which a table gets a landscape page
LONG = 24  # body rows from which a table may split over pages (its header repeats)


@dataclass
class Chapter:
    """One chapter of the print edition: its page path, label prefix, parsed tree and whether its sections
    are listed in the contents (the one-page decision is listed by its title only)."""

    path: str
    prefix: str
    tree: Node
    sections_in_contents: bool = True


class Converter:
    """Writes the chapters of one year as Typst markup; figure tables are gathered for the appendix."""

    def __init__(self, chapters: list[Chapter], attached: set[str]) -> None:
        self.chapters = {c.path: c for c in chapters}
        self.attached = attached  # site paths of the CSV files inside the PDF
        self.labels = {c.prefix for c in chapters} | {
            label(c.prefix, n.attrs["id"]) for c in chapters for n in c.tree.with_ids()
        }
        self.figure_tables: list[str] = []  # markup of the tables behind the figures, for the appendix
        self.images: dict[str, str] = {}  # site path of an SVG -> its path inside the print folder
        self.page: Chapter | None = None
        self.level = 0  # level of the last heading written
        self.placed: set[str] = set()  # heading labels written so far

    def chapter(self, chapter: Chapter) -> str:
        """The markup of one chapter."""
        self.page = chapter
        return self.blocks(chapter.tree.children)

    @property
    def current(self) -> Chapter:
        """The chapter being written."""
        assert self.page is not None, "chapter() sets the page before any markup is written"
        return self.page

    # Blocks -------------------------------------------------------------------------------
    def blocks(self, children: Sequence[Node | str]) -> str:
        """Block-level children; a table's source line after it is taken into the table."""
        out: list[str] = []
        items: list[Node | list[Node | str]] = []
        for child in children:  # runs of inline content (loose text in a list item) become one paragraph
            if isinstance(child, str) or child.tag in INLINE:
                if items and isinstance(items[-1], list):
                    items[-1].append(child)
                else:
                    items.append([child])
            else:
                items.append(child)
        items = [
            i for i in items if not isinstance(i, list) or "".join(c if isinstance(c, str) else "x" for c in i).strip()
        ]
        index = 0
        while index < len(items):
            node = items[index]
            following = items[index + 1] if index + 1 < len(items) else None
            if isinstance(node, list):
                out.append(self.inline(node).strip() + "\n\n")
            elif node.tag == "div" and "tabel" in node.classes and (inner_table := node.find("table")):
                source = following if isinstance(following, Node) and "bron" in following.classes else None
                markup, wide = self.table(inner_table, source)
                if wide:  # a heading right before a landscape table goes onto its page, not onto a blank one
                    headings: list[str] = []
                    while out and (out[-1].startswith("#heading(") or not out[-1].strip()):
                        headings.insert(0, out.pop())
                    markup = f"#liggend[{''.join(headings)}{markup}]"
                out.append(markup + "\n")
                index += 1 if source is not None else 0
            else:
                out.append(self.block(node))
            index += 1
        return "".join(out)

    def block(self, node: Node) -> str:
        """One block-level element."""
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            ident = node.attrs.get("id", "") if tag != "h1" else ""
            name = label(self.current.prefix, ident)
            # One label per name: a second h1 (the checks refuse one in a text) or a repeated id gets none,
            # as Typst stops on a label it cannot resolve to one place.
            attach = f" <{name}>" if name not in self.placed else ""
            self.placed.add(name)
            # PDF/UA allows no skipped level (h2 then h4): a deeper heading becomes the next level down.
            self.level = min(int(tag[1]), self.level + 1)
            # The decision's own sections stay out of the contents: it is one page, listed once.
            outlined = "" if self.level == 1 or self.current.sections_in_contents else ", outlined: false"
            return f"#heading(level: {self.level}{outlined})[{self.inline(node.children)}]{attach}\n\n"
        if tag == "p":
            if "jaarkiezer" in node.classes:
                return ""
            if "bron" in node.classes:  # a table's CSV link is for the site: on paper it leads nowhere
                return f"#bron[{self.inline(_paper(node)).strip().removesuffix('·').strip()}]\n\n"
            return self.inline(node.children).strip() + "\n\n"
        if tag in ("ul", "ol"):
            if "tegels" in node.classes:
                return self.tiles(node)
            items = [
                self.blocks(li.children).strip() for li in node.children if isinstance(li, Node) and li.tag == "li"
            ]
            items = [i for i in items if i]  # an item with nothing printable is no bullet at all
            if not items:
                return ""
            return f"#{'list' if tag == 'ul' else 'enum'}(" + ", ".join(content(i) for i in items) + ")\n\n"
        if tag == "figure" and "figuur" in node.classes:
            return self.figure(node)
        if tag == "table":
            markup, wide = self.table(node, None)
            return (f"#liggend[{markup}]" if wide else markup) + "\n"
        if tag == "div" and "admonition" in node.classes:
            title_node = node.find("p", "admonition-title")
            title = title_node.text() if title_node else ""
            if title in SKIP_ADMONITIONS:
                return ""
            body = [c for c in node.children if c is not title_node]
            return f"#kader[{esc(title)}][{self.blocks(body).strip()}]\n\n"
        if tag == "details":
            return self.blocks([c for c in node.children if not (isinstance(c, Node) and c.tag == "summary")])
        if tag == "blockquote":
            return f"#quote(block: true)[{self.blocks(node.children).strip()}]\n\n"
        if tag == "hr":
            return "#line(length: 100%, stroke: lijn)\n\n"
        if tag == "pre":
            return f"#raw(block: true, {tstr(node.raw_text(), keep_lines=True)})\n\n"
        if tag in ("div", "section", "article", "dl", "dd", "dt"):
            return self.blocks(node.children)
        return self.inline([node]).strip() + "\n\n"

    def tiles(self, node: Node) -> str:
        """The dashboard's tiles (name, value, comparison) as one block of tiles."""
        tiles = []
        for li in node.find_all("li"):
            parts = [n for n in li.children if isinstance(n, Node)]
            texts = [self.inline(p.children) for p in parts] + ["", "", ""]
            tiles.append("(" + ", ".join(content(t) for t in texts[:3]) + ")")
        return "#tegels(" + ", ".join(tiles) + ")\n\n" if tiles else ""

    def figure(self, node: Node) -> str:
        """A figure: number, headline, subtitle, the SVG with its alt text and the source line.

        The figure's data table goes to the appendix, and the source line says on which page.
        """
        caption = node.find("figcaption")
        number_node = caption.find("span", "nummer") if caption is not None else None
        # figuur.md.j2 writes every figure with a caption that starts with its number.
        assert caption is not None and number_node is not None, "a figure without its numbered caption"
        number = number_node.text()
        title = caption.find("strong", "kop")
        subtitle = caption.find("span", "ondertitel")
        # Paper is light: the light chart (the web page also carries a dark one, marked #only-dark).
        image = next(i for i in node.find_all("img") if not i.attrs["src"].endswith("#only-dark"))
        src = image.attrs["src"].split("#", 1)[0]
        # Figure URLs are relative to the page's address (2020/04-x.md is served at 2020/04-x/), as
        # MkDocs does not rewrite <picture> sources.
        stem = self.current.path.removesuffix(".md")
        base = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
        svg = posixpath.normpath(posixpath.join(base, src))
        self.images[svg] = "figuren/" + posixpath.basename(svg)
        anchor = label(self.current.prefix, node.attrs.get("id", ""))
        table = node.find("table")
        parts = []
        if table is not None:
            markup, wide = self.table(table, None, anchor + "-tabel")
            self.figure_tables.append(f"#liggend[{markup}]\n" if wide else markup + "\n")
            parts.append(f"Tabel bij {esc(number.lower())}: pagina #context counter(page).at(<{anchor}-tabel>).first()")
        source = node.find("p", "bron")
        if source is not None:
            parts.insert(0, self.inline(_paper(source)).strip(" ·\\"))
        return (
            f"#figuur(nummer: {tstr(number)}, titel: [{self.inline(title.children) if title else ''}], "
            f"ondertitel: [{self.inline(subtitle.children) if subtitle else ''}], "
            f"bestand: {tstr(self.images[svg])}, alt: {tstr(image.attrs.get('alt', ''))}, "
            f"bron: [{' · '.join(parts)}]) <{anchor}>\n\n"
        )

    def table(self, table: Node, source: Node | None, name: str | None = None) -> tuple[str, bool]:
        """A captioned table (text columns left, number columns right) and whether it needs a landscape page."""
        caption = table.find("caption")
        number_node = caption.find("span", "nummer") if caption else None
        number = number_node.text() if number_node else ""
        title = [c for c in caption.children if c is not number_node] if caption else []
        name = name or (
            label(self.current.prefix, caption.attrs["id"]) if caption and caption.attrs.get("id") else None
        )
        rows = {
            part: [self.cells(tr) for tr in (table.find(part) or Node(part)).find_all("tr")]
            for part in ("thead", "tbody", "tfoot")
        }
        if not rows["thead"] and not rows["tbody"]:
            rows["tbody"] = [self.cells(tr) for tr in table.find_all("tr")]
        head = rows["thead"][0] if rows["thead"] else []
        body = rows["tbody"]
        columns = max([len(head)] + [len(r) for r in body])
        plain = [[plain_text(c) for c in r] for r in body]
        align = ["left"] + [
            "right" if numeric_column([r[i] for r in plain if i < len(r)]) else "left" for i in range(1, columns)
        ]
        foot = rows["tfoot"][0] if rows["tfoot"] else None
        wide = columns >= WIDE
        widths = ", ".join(f"{w}fr" for w in column_weights([plain_text(c) for c in head], plain, columns))
        args = ([f"nummer: {tstr(number)}", f"titel: [{self.inline(title).strip()}]"] if caption else []) + [
            f"kolommen: ({', '.join(align)},)",
            f"breedtes: ({widths},)",
            "kop: (" + "".join(content(c) + ", " for c in head) + ")",
            "rijen: (" + "".join("(" + "".join(content(c) + ", " for c in r) + "), " for r in body) + ")",
            f"lang: {'true' if len(body) >= LONG else 'false'}",
            f"grootte: {'7.5pt' if columns >= 6 else '8pt'}",
        ]
        if foot:
            args.append("voet: (" + "".join(content(c) + ", " for c in foot) + ")")
        if source is not None:
            args.append(f"bron: [{self.inline(_paper(source)).strip().removesuffix('·').strip()}]")
        return "#tabel(" + ", ".join(args) + ")" + (f" <{name}>" if name else ""), wide

    def cells(self, row: Node) -> list[str]:
        """A table row's header and data cells as markup."""
        return [self.inline(c.children).strip() for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]

    # Inline -------------------------------------------------------------------------------
    def inline(self, children: Sequence[Node | str]) -> str:
        """Inline content as markup."""
        out = []
        for child in children:
            if isinstance(child, str):
                out.append(esc(child))
                continue
            tag, inner = child.tag, partial(self.inline, child.children)  # called only where a tag shows its content
            if tag in ("strong", "b"):
                out.append(f"#strong[{inner()}]")
            elif tag in ("em", "i"):
                out.append(f"#emph[{inner()}]")
            elif tag == "code":
                out.append(f"#raw({tstr(child.text())})")
            elif tag == "br":
                out.append("#linebreak()")
            elif tag == "a":
                out.append(self.link(child))
            elif tag == "img":
                out.append(esc(child.attrs.get("alt", "")))
            elif tag in ("p", "div", "ul", "ol", "table", "figure"):
                out.append(self.block(child))
            else:  # abbr, span, sup, sub, small...: their text
                out.append(inner())
        return "".join(out)

    def link(self, node: Node) -> str:
        """A link: to the web (kept), to a chapter in this PDF (internal), to an attached CSV (named), else text."""
        text = self.inline(node.children)
        href = node.attrs.get("href", "")
        if re.match(r"^(https?|mailto):", href):
            return f"#link({tstr(href)})[{text}]"
        path, _, fragment = href.partition("#")
        target = (
            posixpath.normpath(posixpath.join(posixpath.dirname(self.current.path), path))
            if path
            else self.current.path
        )
        if target in self.attached:
            note = f"bijlage in dit PDF\\-bestand: {esc(posixpath.basename(target))}"
            # "Kerncijfers (CSV, bijlage ...)": one pair of brackets, never ") (".
            return f"{text[:-2]}, {note}\\)" if text.endswith("\\)") else f"{text} \\({note}\\)"
        chapter = self.chapters.get(target)
        if chapter is not None:
            name = label(chapter.prefix, fragment) if fragment else chapter.prefix
            if name in self.labels:
                return f"#link(<{name}>)[{text}]"
        return text

    def appendix(self) -> str:
        """The tables behind the figures, each with a link back to its figure."""
        if not self.figure_tables:
            return ""
        return "#heading(level: 1)[Tabellen bij de figuren] <tabellen-bij-figuren>\n\n" + "".join(self.figure_tables)


def _paper(source: Node) -> list[Node | str]:
    """A source line without its download link: on paper it leads nowhere (the PDF attaches the CSVs)."""
    return [c for c in source.children if not (isinstance(c, Node) and c.tag == "a" and "download" in c.attrs)]
