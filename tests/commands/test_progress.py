"""Progress of a build: a bar on a terminal only, ending on its own line."""
from __future__ import annotations

import io

from conftest import ROOT  # noqa: F401  (puts scripts/ on the path)
from jaarverslag.model import progress


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bar_redraws_on_a_terminal_and_ends_its_line(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setattr(progress, "_ENABLED", [True])
    for done in range(1, 5):
        progress.bar("Figuren", done, 4)
    text = screen.getvalue()
    assert text.count("\r") == 4 and text.endswith("] 4/4\n")
    assert "[" + "#" * 12 + "-" * 12 + "] 2/4" in text


def test_no_bar_when_not_a_terminal_or_not_enabled(monkeypatch):
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    monkeypatch.setattr(progress, "_ENABLED", [True])
    progress.bar("Figuren", 1, 4)
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setattr(progress, "_ENABLED", [False])
    progress.bar("Figuren", 1, 4)
    assert plain.getvalue() == ""
