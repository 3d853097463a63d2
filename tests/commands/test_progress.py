"""Progress of a build: a bar on a terminal only, ending on its own line; nothing at all when not shown."""

from __future__ import annotations

import io
import re

from conftest import EXAMPLE
from jaarverslag.model.progress import SHOWN, SILENT


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bar_redraws_on_a_terminal_and_ends_its_line(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    for done in range(1, 5):
        SHOWN.bar("Figuren", done, 4)
    text = screen.getvalue()
    assert text.count("\r") == 4 and text.endswith("] 4/4\n")
    assert "[" + "#" * 12 + "-" * 12 + "] 2/4" in text


def test_no_bar_when_not_a_terminal(monkeypatch):
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    SHOWN.bar("Figuren", 1, 4)
    assert plain.getvalue() == ""


def test_nothing_on_a_terminal_when_not_shown(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    SILENT.bar("Figuren", 1, 4)
    SILENT.start("gegevens")
    SILENT.note("PDF-edities klaar")
    assert screen.getvalue() == ""


def test_a_build_after_a_shown_one_stays_silent(tmp_path, monkeypatch):
    """The preview builds after the command line's shown build, in the same process: it must print nothing."""
    from jaarverslag.commands.build import prepare

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    prepare(EXAMPLE, work=tmp_path / "werk", parallel=False, progress=SHOWN)
    assert "Gegevens lezen" in screen.getvalue() and re.search(r"\] (\d+)/\1\n", screen.getvalue())
    screen.seek(0)
    screen.truncate()
    prepare(EXAMPLE, work=tmp_path / "werk", parallel=False)
    assert screen.getvalue() == ""
