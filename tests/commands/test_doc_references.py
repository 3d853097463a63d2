"""Every project document that code or tests cite exists, and so does every section they cite in it."""

from __future__ import annotations

import re

from conftest import ROOT

CITED = re.compile(r"\b([A-Z][A-Z_]*\.md)\b(?:,? (?:section|sectie|paragraaf|§) ?(\d+(?:\.\d+)*))?")


def _sections(document: str) -> set[str]:
    """The section numbers of a Markdown document: its numbered headings, or its second-level headings counted."""
    headings = re.findall(r"^(#{2,}) (.*)$", document, re.M)
    numbered = {m.group(1) for _, text in headings if (m := re.match(r"(\d+(?:\.\d+)*)\.? ", text))}
    return numbered | {str(i) for i in range(1, 1 + sum(len(level) == 2 for level, _ in headings))}


def test_cited_documents_and_sections_exist():
    sources = [
        p
        for folder in ("scripts", "tests")
        for p in sorted((ROOT / folder).rglob("*"))
        if p.suffix in (".py", ".j2", ".typ") and "__pycache__" not in p.parts
    ]
    cited = {
        (p.relative_to(ROOT).as_posix(), name, section)
        for p in sources
        for name, section in CITED.findall(p.read_text(encoding="utf-8"))
    }
    assert cited, "no citation found: the pattern no longer matches how documents are named"
    missing = [(source, name) for source, name, _ in sorted(cited) if not (ROOT / name).is_file()]
    assert not missing, f"cited documents that do not exist: {missing}"
    bad = [
        (source, name, section)
        for source, name, section in sorted(cited)
        if section and section not in _sections((ROOT / name).read_text(encoding="utf-8"))
    ]
    assert not bad, f"cited sections that do not exist: {bad}"
