"""Every indicator's name is written once, in the catalogue: templates take it from there."""

from __future__ import annotations

import dataclasses

from conftest import EXAMPLE
from jaarverslag.model import indicator_catalogue
from jaarverslag.model.codes import CODES
from jaarverslag.render.site import TEMPLATES

# A base code's label may equal an indicator's name (informeel_opgelost, K6): there it names the code.
CODE_LABELS = {code.replace("_", " ").capitalize() for codes in CODES.values() for code in codes}


def test_no_template_writes_an_indicator_name():
    found = []
    for path in sorted(TEMPLATES.rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for indicator in indicator_catalogue.CATALOGUE.values():
            names = {indicator.name, indicator.label, indicator.trend, indicator.plain} - CODE_LABELS
            found += [(path.name, indicator.code, name) for name in sorted(names) if name in text]
    assert not found


def test_the_pages_name_k9_as_the_catalogue_does(monkeypatch):
    from jaarverslag.commands.build import prepare

    k9 = indicator_catalogue.CATALOGUE["K9"]
    renamed = dataclasses.replace(k9, name="Tijdig beantwoord", label="Tijdig", plain="Tijdig", trend="Tijdig")
    monkeypatch.setitem(indicator_catalogue.CATALOGUE, "K9", renamed)
    pages = prepare(EXAMPLE).site.pages
    for page in (
        "2019/01-samenvatting.md",
        "2019/05-afhandeling-en-doorlooptijd.md",
        "2019/10-conclusies-en-aanbevelingen.md",
    ):
        assert "Tijdig beantwoord: " in pages[page] and f"{k9.name}:" not in pages[page], page
    department = pages["2019/afdelingen/parkeren.md"]
    assert "; tijdig: " in department and f"; {k9.label.lower()}: " not in department
