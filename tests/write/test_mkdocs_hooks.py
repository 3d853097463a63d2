"""The MkDocs hook that names heading anchors in Dutch."""
from __future__ import annotations

from jaarverslag.write.mkdocs_hooks import name_heading_anchors

TOC = '<a class="headerlink" href="#{id}" title="Link naar dit onderdeel">&para;</a>'


def test_each_anchor_is_named_after_its_heading():
    """The name is the title plus the heading's visible text, tags stripped, entities kept escaped."""
    page = (f'<h1 id="a">4. Ontvangen <abbr title="Algemene wet bestuursrecht">Awb</abbr>{TOC.format(id="a")}</h1>'
            f'<p>tekst</p><h3 class="x" id="b">Risico&#x27;s &amp; kansen{TOC.format(id="b")}</h3>')
    out = name_heading_anchors(page)
    assert 'aria-label="Link naar dit onderdeel: 4. Ontvangen Awb"' in out
    assert 'aria-label="Link naar dit onderdeel: Risico&#x27;s &amp; kansen"' in out
    assert out.count("aria-label=") == 2 and out.count("&para;</a>") == 2


def test_an_anchor_of_another_heading_is_left_alone():
    """Only the anchor that points at its own heading is named (no name borrowed from another heading)."""
    page = f'<h2 id="a">Kop{TOC.format(id="b")}</h2>'
    assert name_heading_anchors(page) == page
