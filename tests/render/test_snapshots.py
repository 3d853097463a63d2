"""Snapshots of the generated Markdown of one year: a change in the output shows as a reviewable diff.

Update after a deliberate change with: make snapshots
"""
from __future__ import annotations

import difflib
import re
import os
import shutil

from conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots"
YEAR = "2020"


def test_generated_markdown_matches_snapshots(built_site):
    generated = built_site.parent / "work" / "docs" / YEAR
    files = {p.relative_to(generated).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(generated.rglob("*.md"))}
    target = SNAPSHOTS / YEAR
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        shutil.rmtree(target, ignore_errors=True)
        for rel, text in files.items():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_text(text, encoding="utf-8")
    stored = {p.relative_to(target).as_posix(): p.read_text(encoding="utf-8") for p in sorted(target.rglob("*.md"))}
    assert sorted(stored) == sorted(files), "pages added or removed: run 'make snapshots' after review"
    diffs = []
    for rel in sorted(files):
        if files[rel] != stored[rel]:
            diffs.extend(difflib.unified_diff(stored[rel].splitlines(), files[rel].splitlines(),
                                              f"snapshot/{rel}", f"nu/{rel}", lineterm="", n=1))
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
    changed = sorted(p.relative_to(docs / YEAR).as_posix() for p in (docs / YEAR).rglob("*.md")
                     if p.read_text(encoding="utf-8") != (SNAPSHOTS / YEAR / p.relative_to(docs / YEAR)).read_text(
                         encoding="utf-8"))
    # Nature counts appear in chapter 4, the themes and dashboard of chapter 9, the cross table in the
    # annex and the page of the department; nothing else may move.
    assert changed == ["04-ontvangen-klachten.md", "09-leren-van-klachten.md", "11-bijlagen.md",
                       "afdelingen/belastingen.md"]
    chapter4 = (docs / YEAR / "04-ontvangen-klachten.md").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Privacy</th><td>12</td><td>3,1%</td></tr>' in chapter4
    assert "Het laagst: privacy met 12 klachten" in chapter4
    themes = (docs / YEAR / "09-leren-van-klachten.md").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Privacy</th><td>12</td><td>3,1%</td><td>5</td></tr>' in themes
    trends = (docs / "trends.md").read_text(encoding="utf-8")
    assert re.search(r'<tr><th scope="row">Privacy</th><td>9</td><td>5</td><td>12</td></tr>', trends)
