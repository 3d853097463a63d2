"""The coordinator's manual lives in the repository (HANDLEIDING.md), matches its template, and is not on the site."""
from __future__ import annotations

from conftest import ROOT
from jaarverslag.commands.manual import render_manual
from jaarverslag.model.schema import CODES


def test_handleiding_md_is_up_to_date():
    stored = (ROOT / "HANDLEIDING.md").read_text(encoding="utf-8")
    assert stored == render_manual(), "HANDLEIDING.md is verouderd: draai 'make handleiding'"


def test_the_manual_lists_every_code_as_a_list_item():
    lines = render_manual().splitlines()
    for kind, codes in CODES.items():
        line = next(line for line in lines if line.startswith(f"- `{kind}`: "))
        assert all(f"`{code}`" in line for code in codes), kind
    assert "{:" not in render_manual()  # no MkDocs-only syntax in a file read on GitHub


def test_the_manual_is_not_on_the_public_site(built_site):
    assert not (built_site / "handleiding").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "handleiding/" not in home and ">Handleiding<" not in home
