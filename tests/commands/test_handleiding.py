"""The coordinator's manual lives in the repository (HANDLEIDING.md), matches its template, and is not on the site."""

from __future__ import annotations

from conftest import ROOT
from jaarverslag.commands.manual import render_manual
from jaarverslag.model.codes import CODES
from jaarverslag.model.schema_doc import FILES, fields_of


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


def test_the_manual_documents_every_field_of_every_file():
    """gemeente.yaml, verslag.yaml and totalen.yaml field by field, from the schemas, with a description each."""
    manual = render_manual()
    for name, model in FILES.items():
        assert f"### `data/{name}`" in manual
        for field in fields_of(model):
            assert field.description, f"{name}: {field.path} has no description"
            assert f"| `{field.path}` | {field.default.replace('<', '&lt;').replace('>', '&gt;')} |" in manual, (
                field.path
            )
    # A nested field appears under its parent, so a new sub-field cannot be forgotten.
    assert any(f.path == "regeling.termijn_dagen" for f in fields_of(FILES["gemeente.yaml"]))
