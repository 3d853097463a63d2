"""Reading the YAML files of data/: safe, bounded, duplicate keys refused, every key's line remembered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.problems import Report, shown
from .limits import MAX_NUMBER_CHARS, MAX_YAML_DEPTH, MAX_YAML_ITEMS, nl, read_text

# PyYAML's most common complaints, in the words a coordinator would use.
YAML_PROBLEMS = (
    ("found character '\\t'", "een tab", "Spring in met spaties, niet met tabs."),
    ("expected ',' or '}'", "een niet-gesloten { … }", "Sluit elke { met }."),
    ("expected ',' or ']'", "een niet-gesloten [ … ]", "Sluit elke [ met ]."),
    (
        "mapping values are not allowed",
        "een dubbele punt op een onverwachte plaats",
        "Zet tekst met een dubbele punt tussen aanhalingstekens.",
    ),
    ("could not find expected ':'", "een regel zonder dubbele punt", "Schrijf elk veld als 'naam: waarde'."),
    ("found unexpected end of stream", "een niet-gesloten aanhalingsteken", "Sluit elk aanhalingsteken."),
    ("expected <block end>", "een verkeerde inspringing", "Laat velden op hetzelfde niveau even ver inspringen."),
)


KeyPath = tuple[str | int, ...]  # a key's place in a YAML document: ('awb', 'per_aard', 'privacy')


@dataclass
class YamlDoc:
    """A parsed YAML document and the line of every key path in it."""

    file: str
    data: object
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """Line of the deepest known prefix of a key path (0 if unknown)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 0


class DuplicateKey(yaml.constructor.ConstructorError):
    """A key that a mapping already holds, or a merge key (<<) that would silently overwrite one."""

    def __init__(self, key: str, first: int, mark: yaml.Mark | None) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", mark)
        self.key, self.first = key, first


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses duplicate keys (and merge keys) instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A mapping whose keys are all different; a duplicate or a merge key raises DuplicateKey."""
        seen: dict[object, int] = {}
        for key_node, _ in node.value if isinstance(node, yaml.MappingNode) else ():
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DuplicateKey("<<", 0, key_node.start_mark)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            if key in seen:
                raise DuplicateKey(str(key), seen[key], key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml


def _check_duplicates(node: yaml.Node, file: str, report: Report) -> None:
    """Report duplicate and non-scalar mapping keys anywhere in a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                report.error(
                    file,
                    line,
                    expected="een eenvoudige sleutel (een naam of getal)",
                    found="een lijst of blok als sleutel",
                    hint="Haal het vraagteken (?) weg.",
                )
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge":
                report.error(
                    file,
                    line,
                    "<<",
                    "gewone sleutels",
                    "een samenvoegsleutel (<<)",
                    "Schrijf de velden voluit; << kan ongemerkt een veld overschrijven.",
                )
            elif key in seen:
                report.error(
                    file,
                    line,
                    str(key),
                    "elke sleutel één keer",
                    f"'{key}' ook op regel {seen[key]}",
                    "Verwijder of hernoem één van de twee.",
                )
            else:
                seen[key] = line
            _check_duplicates(value_node, file, report)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, file, report)


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}


def _scan(text: str, file: str, report: Report, loader: type[yaml.SafeLoader]) -> bool:
    """Read the event stream (no tree yet) and refuse aliases, deep nesting and huge numbers; True when fine.

    An alias can multiply a file a billionfold, deep nesting exhausts the recursive composer, and a number
    of thousands of digits takes Python seconds to convert.
    """
    depth, fine, resolver = 0, True, yaml.resolver.Resolver()
    counts: list[list[int]] = []  # per open collection: [nodes in it, 2 for a mapping (key and value) else 1, line]
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if counts and isinstance(event, (yaml.NodeEvent)):
            counts[-1][0] += 1
            if counts[-1][0] == MAX_YAML_ITEMS * counts[-1][1] + 1:  # every item is a page, row or line somewhere
                report.error(
                    file,
                    counts[-1][2],
                    expected=f"hoogstens {MAX_YAML_ITEMS} onderdelen in één lijst of blok",
                    found=f"meer dan {MAX_YAML_ITEMS}",
                    hint="Zo veel onderdelen heeft geen veld van dit bestand.",
                )
                fine = False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            counts.append([0, 2 if isinstance(event, yaml.MappingStartEvent) else 1, line])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            counts.pop()
        if isinstance(event, yaml.AliasEvent):
            report.error(
                file,
                line,
                expected="gewone YAML zonder verwijzingen (*naam)",
                found="een verwijzing naar een anker (&naam)",
                hint="Schrijf de waarde voluit.",
            )
            return False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                report.error(
                    file,
                    line,
                    expected=f"hoogstens {MAX_YAML_DEPTH} niveaus van lijsten en blokken in elkaar",
                    found="dieper geneste gegevens",
                    hint="Zo diep gaat geen veld van dit bestand; kijk de inspringing na.",
                )
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif (
            isinstance(event, yaml.ScalarEvent)
            and not event.style
            and len(event.value) > MAX_NUMBER_CHARS
            # types-PyYAML leaves Resolver.resolve unannotated
            and resolver.resolve(yaml.ScalarNode, event.value, (True, False)) in _NUMBER_TAGS  # type: ignore[no-untyped-call]
        ):
            report.error(
                file,
                line,
                expected=f"een getal van hoogstens {MAX_NUMBER_CHARS} tekens",
                found=f"een getal van {nl(len(event.value))} tekens",
                hint="Geen veld vraagt zo'n groot getal.",
            )
            fine = False
    return fine


def _compose(text: str, file: str, report: Report) -> tuple[bool, yaml.Node | None]:
    """(fine, tree) of a YAML text: libyaml when present (several times faster); on a syntax error the
    pure-Python parser reads it again, whose messages are the ones YAML_PROBLEMS words."""
    if _FAST_LOADER is not None:
        try:
            if not _scan(text, file, report, _FAST_LOADER):
                return False, None
            return True, yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    if not _scan(text, file, report, _UniqueKeyLoader):
        return False, None
    return True, yaml.compose(text, Loader=_UniqueKeyLoader)


def _yaml_problem(exc: yaml.YAMLError) -> tuple[str, str]:
    """A PyYAML syntax error as Dutch 'found' and hint."""
    problem = getattr(exc, "problem", None) or ""
    for needle, found, hint in YAML_PROBLEMS:
        if needle in problem:
            return found, hint
    return (
        f"onleesbare YAML ({shown(problem)})" if problem else "onleesbare YAML",
        "Controleer inspringing, dubbele punten en aanhalingstekens.",
    )


def _key_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    """Record the line of each key path of a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            # Keys that YAML turns into ints (years, months) are looked up as ints too.
            sub = (*path, int(key) if re.fullmatch(r"\d+", str(key)) else key)
            lines[sub] = key_node.start_mark.line + 1
            _key_lines(value_node, sub, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            _key_lines(item, (*path, index), lines)


def load_yaml(path: Path, file: str, report: Report) -> YamlDoc | None:
    """Parse one YAML file with the safe loader, reporting syntax errors, aliases and duplicate keys."""
    text = read_text(path, file, report)
    if text is None:
        return None
    try:
        fine, node = _compose(text, file, report)
        if not fine:
            return None
        if node is None:
            report.error(file, expected="YAML-inhoud", found="alleen commentaar")
            return None
        before = len(report.errors)
        _check_duplicates(node, file, report)
        if len(report.errors) > before:
            return None
        data = _UniqueKeyLoader("").construct_document(node)  # from the tree: no third parse
    except DuplicateKey as exc:
        report.error(
            file,
            exc.problem_mark.line + 1 if exc.problem_mark else 0,
            exc.key,
            "elke sleutel één keer",
            f"'{exc.key}' ook op regel {exc.first}" if exc.first else "een samenvoegsleutel (<<)",
            "Verwijder of hernoem één van de twee." if exc.first else "Schrijf de velden voluit.",
        )
        return None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        tag = re.search(r"tag '([^']*)'", exc.problem or "")
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else (exc.problem or "")
        report.error(
            file,
            line,
            expected="gewone YAML (tekst, getallen, lijsten)",
            found=f"de onveilige of onbekende tag {shown(name)}",
            hint="Tags als !!python/... worden nooit uitgevoerd; verwijder de tag.",
        )
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        found, hint = _yaml_problem(exc)
        report.error(file, mark.line + 1 if mark else 0, expected="geldige YAML", found=found, hint=hint)
        return None
    lines: dict[KeyPath, int] = {}
    _key_lines(node, (), lines)
    return YamlDoc(file, data, lines)
