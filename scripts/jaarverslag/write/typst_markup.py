"""Typst markup pieces: escaped text, string literals, content blocks, labels, column widths and alignment."""

from __future__ import annotations

import re

# Every character Typst markup could read as syntax is escaped; a backslash before punctuation is always literal.
_SPECIAL = re.compile(r"([\\#$*_`<>@\[\](){}~/=+\-'\".:!|;,?%&^])")
_UNSAFE_LABEL = re.compile(r"[^A-Za-z0-9_-]")
_NUMERIC = re.compile(r"^([−+<–-]\s?)?\d|^n\.v\.t\.$|^niet bekend$|^–$|^−$")


def esc(text: str) -> str:
    """A data string as literal Typst markup (whitespace collapsed to single spaces)."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def tstr(text: str, keep_lines: bool = False) -> str:
    """A Typst string literal (whitespace collapsed, or line breaks kept for a code block)."""
    text = text.rstrip("\n") if keep_lines else " ".join(text.split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def content(markup: str) -> str:
    """A Typst content block."""
    return f"[{markup}]"


def label(prefix: str, ident: str = "") -> str:
    """The Typst label of a chapter (h04) or of an anchor in it (h04-figuur-4-1), in label characters only."""
    # An id comes from a page (a heading's attribute list, a slug): anything but letters, digits, - and _
    # could close the <label> and reach Typst as code.
    return _UNSAFE_LABEL.sub("-", f"{prefix}-{ident}" if ident else prefix)


def plain_text(markup: str) -> str:
    """Markup back to plain text, for deciding a column's alignment."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"#\w+\[|\]", "", markup)).strip()


def column_weights(head: list[str], rows: list[list[str]], columns: int) -> list[int]:
    """Relative column widths: the longest cell (capped, long text wraps) or the longest header word."""
    weights = []
    for i in range(columns):
        word = max((len(w) for w in (head[i] if i < len(head) else "").split()), default=0)
        cell = max((len(r[i]) for r in rows if i < len(r)), default=0)
        weights.append(max(4, word + 2, min(cell, 40)))  # a header word never needs hyphenating
    return weights


def numeric_column(cells: list[str]) -> bool:
    """A column of numbers: every filled cell starts with a number (or says n.v.t. or niet bekend)."""
    filled = [c for c in cells if c]
    return bool(filled) and all(_NUMERIC.match(c) for c in filled)
