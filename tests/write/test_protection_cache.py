"""The protection cache: a table whose counts did not change keeps its pattern without a programme solved."""

from __future__ import annotations

from conftest import EXAMPLE
from jaarverslag.aggregate import disclosure
from jaarverslag.commands.build import _data_stage
from jaarverslag.model.problems import Report
from jaarverslag.write import protection_cache


def test_an_unchanged_table_is_not_solved_again(tmp_path, monkeypatch):
    known: dict = {}
    _, first, _ = _data_stage(EXAMPLE, Report(), known=known)
    assert len(known) == sum(len(i.figures.cross) for i in first.values()) > 0
    protection_cache.save(tmp_path, known, "code-1")
    again = protection_cache.load(tmp_path, "code-1")
    assert again == known
    assert protection_cache.load(tmp_path, "code-2") == {}  # other code: every table protected anew

    def no_programme(matrix):
        raise AssertionError("solved again")

    monkeypatch.setattr(disclosure, "protect", no_programme)
    _, second, _ = _data_stage(EXAMPLE, Report(), known=again)
    assert {y: i.figures.hidden for y, i in second.items()} == {y: i.figures.hidden for y, i in first.items()}


def test_a_pattern_that_does_not_fit_is_solved_again(tmp_path, monkeypatch):
    """A cache that leaves a small count visible (or is not JSON at all) never reaches the site."""
    known: dict = {}
    _, first, _ = _data_stage(EXAMPLE, Report(), known=known)
    key = next(iter(known))
    known[key] = [row for row in known[key] if row[2] != disclosure.PRIMARY][:1]
    _, second, _ = _data_stage(EXAMPLE, Report(), known=known)
    assert {y: i.figures.hidden for y, i in second.items()} == {y: i.figures.hidden for y, i in first.items()}
    (tmp_path / protection_cache.CACHE).write_text("{niet: json", encoding="utf-8")
    assert protection_cache.load(tmp_path, "code-1") == {}
