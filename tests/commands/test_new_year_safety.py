"""make nieuw-jaar copies nothing a build would refuse: no text from outside data/, no HTML, no template code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jaarverslag.commands.new_year import scaffold_year
from jaarverslag.model.problems import DataError

BASE = Path(__file__).parents[1] / "corpus" / "_basis"


def test_new_year_copies_no_text_and_nothing_from_outside_data(tmp_path):
    """Texts of another year are never copied (issue 22), so no unsafe or linked text reaches the new year."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    texts = data / "2020" / "tekst"
    texts.mkdir()
    (texts / "samenvatting.md").write_text(
        "## Kort\n\nIn {{ jaar }} kwamen {{ k1 }} klachten binnen.\n", encoding="utf-8"
    )
    (texts / "inleiding.md").write_text("Tekst.\n\n<script>alert(1)</script>\n", encoding="utf-8")
    (texts / "conclusies-en-aanbevelingen.md").write_text("{{ 9 ** 9 ** 9 }}\n", encoding="utf-8")
    secret = tmp_path / "geheim.md"
    secret.write_text("Wachtwoord: hunter2\n", encoding="utf-8")
    (texts / "ontvangen-klachten.md").symlink_to(secret)
    written = scaffold_year(data, "2021")
    assert written and not [p for p in written if p.parent.name == "tekst"]
    assert not [p for p in (data / "2021").rglob("*") if p.is_symlink()]
    scaffolded = "".join(p.read_text(encoding="utf-8") for p in (data / "2021").rglob("*") if p.is_file())
    for leaked in ("hunter2", "alert(1)", "9 ** 9", "kwamen {{ k1 }}"):
        assert leaked not in scaffolded


@pytest.mark.parametrize("year", ["2021\n", "\uff12\uff10\uff12\uff11", "2021 "])
def test_new_year_refuses_a_name_that_is_not_four_digits(tmp_path, year):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    with pytest.raises(DataError):
        scaffold_year(data, year)
    assert sorted(p.name for p in data.iterdir()) == ["2018", "2019", "2020", "gemeente.yaml"]
