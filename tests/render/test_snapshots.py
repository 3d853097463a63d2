"""Snapshots of the generated Markdown of one year: a change in the output shows as a reviewable diff.

The test only compares. After a deliberate change, accept the new output with: make snapshots
(scripts/update_snapshots.py, which builds the example itself and writes tests/snapshots/).
"""

from __future__ import annotations

import difflib
import re

from update_snapshots import SNAPSHOTS, YEAR, generated_pages, stored_pages


def test_generated_markdown_matches_snapshots(built_site):
    files = generated_pages(built_site.parent / "work" / "docs")
    stored = stored_pages()
    assert stored and sorted(stored) == sorted(files), "pages added or removed: run 'make snapshots' after review"
    diffs = []
    for rel in sorted(files):
        if files[rel] != stored[rel]:
            diffs.extend(
                difflib.unified_diff(
                    stored[rel].splitlines(), files[rel].splitlines(), f"snapshot/{rel}", f"nu/{rel}", lineterm="", n=1
                )
            )
    assert not diffs, "generated Markdown changed (run 'make snapshots' if intended):\n" + "\n".join(diffs[:80])


def test_one_changed_row_changes_text_tables_and_trends_consistently(tmp_path):
    from conftest import build_into, copy_example_data

    data = copy_example_data(tmp_path / "data")
    register = data / YEAR / "klachten.csv"
    text = register.read_text(encoding="utf-8")
    row = "K20-DF21BE,2020-01-02,2020-02-19,awb,belastingen,bejegening,"
    assert row in text
    register.write_text(text.replace(row, row.replace(",bejegening,", ",privacy,")), encoding="utf-8")
    result = build_into(tmp_path, data)
    assert result.returncode == 0, result.stderr
    docs = tmp_path / "work" / "docs"
    changed = sorted(
        p.relative_to(docs / YEAR).as_posix()
        for p in (docs / YEAR).rglob("*.md")
        if p.read_text(encoding="utf-8") != (SNAPSHOTS / YEAR / p.relative_to(docs / YEAR)).read_text(encoding="utf-8")
    )
    # Nature counts appear in chapter 4, the themes and dashboard of chapter 9, the cross table in the
    # annex and the page of the department; nothing else may move.
    assert changed == [
        "04-ontvangen-klachten.md",
        "09-leren-van-klachten.md",
        "11-bijlagen.md",
        "afdelingen/belastingen.md",
    ]
    chapter4 = (docs / YEAR / "04-ontvangen-klachten.md").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Privacy</th><td>12</td><td>3,1%</td></tr>' in chapter4
    assert "Het laagst: privacy met 12 klachten" in chapter4
    themes = (docs / YEAR / "09-leren-van-klachten.md").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Privacy</th><td>12</td><td>3,1%</td><td>5</td></tr>' in themes
    trends = (docs / "trends.md").read_text(encoding="utf-8")
    assert re.search(r'<tr><th scope="row">Privacy</th><td>9</td><td>5</td><td>12</td></tr>', trends)


def test_make_snapshots_writes_what_the_build_generates(built_site, tmp_path, monkeypatch, capsys):
    """The separate update command writes exactly the pages the test compares, and says how many changed."""
    import update_snapshots

    monkeypatch.setattr(update_snapshots, "SNAPSHOTS", tmp_path)
    assert update_snapshots.main() == 0
    assert update_snapshots.stored_pages() == generated_pages(built_site.parent / "work" / "docs")
    assert "gewijzigd: " in capsys.readouterr().out  # every page is new in an empty folder
