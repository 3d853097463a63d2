"""Chapter texts (tekst/*.md) are Markdown with named values: no template language, HTML, unsafe attributes or h1."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from ..load.limits import nl
from ..model.problems import Report, shown

MKDOCS_YML = Path(__file__).resolve().parents[3] / "mkdocs.yml"
# Jinja's own filters a text may use beside ours (render/comparisons.FILTERS): they change letters only.
SAFE_BUILTIN_FILTERS = frozenset({"lower", "upper", "capitalize"})
MAX_ARGUMENT_CHARS = 40  # a filter's text argument, as in aantal("klacht")
MAX_DEPTH = 12  # lists and quotes inside each other: Typst stops at its parsing depth, a reader much sooner
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "embed", "source", "track"}
MAX_BRACKETS = 100  # [ in one paragraph: a link takes one, an abbreviation or image one more
NAMED_VALUE_HINT = (
    "Schrijf alleen een naam, eventueel met een filter: {{ k9 }}, {{ k9 | procent_lang }}, "
    "{{ k6 | vergelijk(vorig.k6) }}."
)
# What a construct is, for the message that refuses it.
_WHAT = {
    nodes.For: "een herhaling ({% for %})",
    nodes.If: "een voorwaarde ({% if %})",
    nodes.CondExpr: "een voorwaarde (… if … else …)",
    nodes.BinExpr: "een berekening",
    nodes.UnaryExpr: "een berekening",
    nodes.Concat: "een samenvoeging (~)",
    nodes.Compare: "een vergelijking",
    nodes.Getattr: "een onderdeel van een waarde (.naam)",
    nodes.Getitem: "een onderdeel van een waarde ([…])",
    nodes.Call: "een aanroep (…)",
    nodes.Test: "een test (is …)",
    nodes.Assign: "een toewijzing ({% set %})",
    nodes.Macro: "een macro",
    nodes.Literal: "een letterlijke waarde",
}
_ATTR_LIST = re.compile(r"(?<!\\)\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}")
_SAFE_ATTR = re.compile(r"[#.][a-z0-9-]+")
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"<\s*(/?\s*[A-Za-z][\w-]*|!--)")
_ENTITY = re.compile(r"&#?\w+;")
_SAFE_HREF = re.compile(r"^(https?://|mailto:|#|[^:/?#]*($|[/?#]))", re.IGNORECASE)


def markdown_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The Markdown extensions of mkdocs.yml (one list for web, print and checks); no permalink signs."""
    return _extensions(MKDOCS_YML.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _extensions(config: str) -> tuple[list[str], dict[str, dict[str, object]]]:
    """markdown_extensions, cached by the file's text: an edited mkdocs.yml is never served from an earlier parse."""
    names: list[str] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in yaml.safe_load(config)["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = {k: v for k, v in (options or {}).items() if not k.startswith("permalink")}
    return names, configs


def _what(node: nodes.Node) -> str:
    """A construct of the template language in Dutch."""
    for kind, words in _WHAT.items():
        if isinstance(node, kind):
            return words
    return f"een uitdrukking ({type(node).__name__})"


def _allowed(node: nodes.Node, filters: Collection[str], argument: bool = False) -> nodes.Node | None:
    """The first node of an expression that is not a named value (or a short text as a filter argument)."""
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return None
    if (
        isinstance(node, nodes.Getattr)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "vorig"
        and re.fullmatch(r"[a-z][a-z0-9_]*", node.attr)
    ):
        return None  # vorig.k6: the same name for the year before, the one attribute a text may read
    if (
        argument
        and isinstance(node, nodes.Const)
        and isinstance(node.value, str)
        and len(node.value) <= MAX_ARGUMENT_CHARS
    ):
        return None
    if isinstance(node, nodes.Filter) and node.node is not None and node.name in filters:
        if node.kwargs or node.dyn_args or node.dyn_kwargs:
            return node
        for part in (node.node, *node.args):
            bad = _allowed(part, filters, argument=part is not node.node)
            if bad is not None:
                return bad
        return None
    return node


def check_named_values(file: str, text: str, filters: Collection[str], report: Report) -> jinja2.nodes.Template | None:
    """Parse a text with Jinja's own parser and refuse every node but named values and filters; the tree or None."""
    env = jinja2.Environment()
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        if (
            "comment" in (exc.message or "").lower()
        ):  # "{#" opens a Jinja comment: most often a heading id meant as "{#id}"
            report.error(
                file,
                exc.lineno,
                expected="een kop-id als {: #naam }, of {# … #} gesloten",
                found="{# zonder #}",
                hint="{# opent een opmerking die niet op de site komt. Schrijf een kop-id als {: #naam }.",
            )
            return None
        report.error(
            file,
            exc.lineno,
            expected="geldige verwijzingen als {{ naam }}",
            found="een niet-gesloten of onjuiste {{ … }} of {% … %}",
            hint="Elke {{ moet met }} gesloten worden; zet tekst met accolades tussen {% raw %} en {% endraw %}.",
        )
        return None
    except RecursionError:
        report.error(
            file, expected="geldige verwijzingen als {{ naam }}", found="diep geneste haakjes", hint=NAMED_VALUE_HINT
        )
        return None
    fine = True
    for statement in tree.body:
        children = statement.nodes if isinstance(statement, nodes.Output) else [statement]
        for child in children:
            if isinstance(child, nodes.TemplateData):
                continue
            bad = _allowed(child, filters)
            if bad is None:
                continue
            if isinstance(bad, nodes.Filter) and bad.name not in filters:
                continue  # an unknown filter: render.site names it with the list of known ones
            report.error(
                file,
                bad.lineno or child.lineno,
                expected="alleen een naam als {{ k9 }}",
                found=_what(bad),
                hint=NAMED_VALUE_HINT,
            )
            fine = False
    return tree if fine else None


def _line(text: str, needle: str, pattern: re.Pattern[str] | None = None) -> int:
    """Line of the first occurrence of needle (or else of pattern) in text; 0 when not found."""
    start = text.find(needle) if needle else -1
    if start < 0 and pattern is not None:
        match = pattern.search(text)
        start = match.start() if match else -1
    return text.count("\n", 0, start) + 1 if start >= 0 else 0


class _Elements(HTMLParser):
    """The (tag, attributes) of every element of converted Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.open: list[str] = []
        self.depth = 0  # the deepest nesting seen

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in _VOID:
            self.open.append(tag)
            self.depth = max(self.depth, len(self.open))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def blank_expressions(text: str) -> str:
    """The text with every {{ … }}, {% … %} and {# … #} replaced by a plain 0 (lines kept): what Markdown sees
    around the values, which are escaped when filled in."""
    return _EXPRESSION.sub(lambda m: "0" + "\n" * m.group().count("\n"), text)


def check_markdown(file: str, text: str, report: Report) -> bool:
    """Convert a text as the site does and refuse raw HTML, comments, unsafe links, unsafe attribute lists and h1."""
    import markdown

    before = len(report.errors)
    # Python-Markdown (and so MkDocs) takes time quadratic in the [ of one paragraph: 4.000 of them take
    # seconds, 90.000 an hour. A paragraph is refused before any conversion runs.
    start = 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if block.count("[") > MAX_BRACKETS:
            report.error(
                file,
                text.count("\n", 0, start) + 1,
                expected=f"hoogstens {MAX_BRACKETS} haken [ in één alinea",
                found=f"{nl(block.count('['))} haken",
                hint="Splits de alinea of haal de haken weg.",
            )
            return False
        start += len(block)
    for match in _ATTR_LIST.finditer(text):
        tokens = match.group(1).split()
        if not all(_SAFE_ATTR.fullmatch(t) for t in tokens):
            report.error(
                file,
                text.count("\n", 0, match.start()) + 1,
                expected="een attributenlijst met alleen #naam en .klasse (kleine letters, cijfers en -)",
                found=shown(match.group()),
                hint="Laat de lijst weg of schrijf bijvoorbeeld {: #mijn-kop .klasse}; een letterlijke accolade "
                "schrijft u als \\{.",
            )
    names, configs = markdown_extensions()
    converter = markdown.Markdown(extensions=names, extension_configs=configs)
    html = converter.convert(text)
    for raw in converter.htmlStash.rawHtmlBlocks:
        raw = str(raw)
        if _ENTITY.fullmatch(raw.strip()):
            continue  # &amp; and the like: Markdown keeps them as they are, and they are harmless
        comment = raw.lstrip().startswith("<!--")
        line = _line(text, raw.strip().split("\n")[0], _TAG)
        opening = _TAG.search(raw) or _TAG.search(text)
        found = (
            "een HTML-commentaar (<!-- … -->)"
            if comment
            else f"HTML-code ({shown('<' + (opening.group(1) if opening else '') + '>')})"
        )
        report.error(
            file,
            line,
            expected="Markdown zonder HTML",
            found=found,
            hint="Commentaar zou op de openbare pagina komen; haal het weg."
            if comment
            else "Schrijf Markdown: **vet**, *schuin*, [tekst](https://adres), - voor een opsomming. "
            "HTML uit een tekst wordt niet overgenomen.",
        )
        break  # one message per text: the rest of its HTML is usually the same paste
    parser = _Elements()
    parser.feed(html)
    if parser.depth > MAX_DEPTH:
        report.error(
            file,
            expected=f"hoogstens {MAX_DEPTH} niveaus van lijsten en citaten in elkaar",
            found=f"{nl(parser.depth)} niveaus",
            hint="Spring minder diep in of gebruik minder > aan het begin van een regel.",
        )
    for tag, _ in parser.elements:
        if tag == "h1":
            report.error(
                file,
                _line(text, "", re.compile(r"^#(?!#)|^=+[ \t]*$", re.MULTILINE)),
                expected="koppen vanaf niveau 2 (## Kop)",
                found="een kop van niveau 1 (# Kop)",
                hint="De titel van het hoofdstuk is de enige kop van niveau 1; schrijf ## voor een kop in de tekst.",
            )
            break
    for tag, attrs in parser.elements:
        href = attrs.get("href", "") if tag == "a" else attrs.get("src", "") if tag == "img" else ""
        unsafe = (tag == "a" and not _SAFE_HREF.match(href.strip())) or (tag == "img" and (":" in href or "//" in href))
        if unsafe:
            report.error(
                file,
                _line(text, href),
                expected="een link naar een webadres (https://…) of een pagina van deze site",
                found=shown(href),
                hint="Een afbeelding van een andere website of een link met 'javascript:' kan niet; "
                "de site laadt niets van een andere website.",
            )
    return len(report.errors) == before


def check_text(file: str, text: str, filters: Collection[str], report: Report) -> jinja2.nodes.Template | None:
    """A chapter text's named values and Markdown; the parsed template, or None (with the problems reported)."""
    tree = check_named_values(file, text, filters, report)
    fine = check_markdown(file, blank_expressions(text), report)
    return tree if fine else None
