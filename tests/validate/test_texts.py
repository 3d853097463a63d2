"""Chapter texts: named values only (checked on Jinja's parse tree) and Markdown without HTML."""

from __future__ import annotations

import pytest

from jaarverslag.model.problems import Report
from jaarverslag.render.site import TEXT_FILTERS
from jaarverslag.validate.texts import check_text


@pytest.mark.parametrize(
    "text",
    [
        'In {{ jaar }} kwamen {{ k1 | aantal("klacht") }} binnen, {{ k6 | vergelijk(vorig.k6) }}.',
        "{{ k9 | procent_lang }} en {{ k9 | norm(doel_k9) }}; {{ vorig.k9 | procent }}; {{ grootste_aard | lower }}",
        "## Kop {: #eigen-kop .nadruk }\n\nTekst met [een link](https://www.haarlem.nl) en [terug](../index.md#kop).",
        "{% raw %}{{ letterlijk }}{% endraw %} en `<code>` en a &amp; b",
    ],
)
def test_accepted(text):
    report = Report()
    assert check_text("data/2020/tekst/x.md", text, TEXT_FILTERS, report) is not None, report.errors


@pytest.mark.parametrize(
    "text, found",
    [
        ("{{ 9 ** 9 ** 9 }}", "een berekening"),
        ("{{ 'x' * 999999999 }}", "een berekening"),
        ("{{ k1 ~ k1 }}", "een samenvoeging (~)"),
        ("{% for i in range(9) %}x{% endfor %}", "een herhaling ({% for %})"),
        ("{% if k1 %}x{% endif %}", "een voorwaarde ({% if %})"),
        ("{{ vorig.__class__ }}", "een onderdeel van een waarde (.naam)"),
        ("{{ k1['x'] }}", "een onderdeel van een waarde ([…])"),
        ("{{ k1 | aantal(k1 * 2) }}", "een berekening"),
        ("{{ lipsum() }}", "een aanroep (…)"),
        ("{% set x = 1 %}", "een toewijzing ({% set %})"),
        ("{% include 'x' %}", "een uitdrukking (Include)"),
        ("<b>vet</b>", "HTML-code ('<b>')"),
        ("<!-- geheim -->", "een HTML-commentaar (<!-- … -->)"),
        ("# Kop", "een kop van niveau 1 (# Kop)"),
        ("Kop\n===", "een kop van niveau 1 (# Kop)"),
        ('Tekst\n{: onclick="x" }', "'{: onclick=\"x\" }'"),
        ("Tekst {: #Hoofdletter }", "'{: #Hoofdletter }'"),
        ("[x](javascript:alert(1))", "'javascript:alert(1)'"),
        ("[x](data:text/html,hallo)", "'data:text/html,hallo'"),
        ("![x](//elders.example/x.png)", "'//elders.example/x.png'"),
    ],
)
def test_refused(text, found):
    """Anything but a named value, and any HTML, is one Dutch error saying what was found."""
    report = Report()
    assert check_text("data/2020/tekst/x.md", text, TEXT_FILTERS, report) is None
    assert [p.found for p in report.errors] == [found]
