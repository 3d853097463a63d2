"""Published figures against computed ones, and partial breakdowns: the comparison layer's rules."""

from __future__ import annotations

from decimal import Decimal

from jaarverslag.aggregate.published import breakdown
from jaarverslag.model.indicators import Ratio
from jaarverslag.model.published import REST, REST_LABEL, Published
from jaarverslag.render import comparisons as cmp
from jaarverslag.render.formatting import gepubliceerd, procent_lang


def share(value: str, bewoording: str | None = None, tekst: str | None = None) -> Published:
    """A published K9 as a report prints it."""
    return Published("K9", "Binnen de termijn afgehandeld", Decimal(value), "procent", bewoording, tekst, None, "bron")


def test_a_published_value_shows_with_its_words_and_mark():
    assert gepubliceerd(share("91", "ruim")) == "ruim 91% (gepubliceerd)"
    assert gepubliceerd(share("91.5")) == "91,5% (gepubliceerd)"
    assert procent_lang(share("50", tekst="de helft")) == "de helft (gepubliceerd)"


def test_published_and_computed_are_never_compared():
    computed = Ratio(897, 1000)  # 89,7%
    for now, then in ((share("91", "ruim"), computed), (computed, share("91", "ruim"))):
        c = cmp.compare(now, then, 2019, "procent")
        assert c.mixed and c.direction is None and cmp.judgement("K9", c) is None
        assert cmp.verdict("K9", c) == ""
        point = cmp.punt("K9", c)
        assert "ruim 91% (gepubliceerd)" in point and cmp.NOT_COMPARED in point
        assert "Meer" not in point and "Minder" not in point


def test_two_published_values_are_compared_as_published():
    c = cmp.compare(share("91", "ruim"), share("94", "bijna"), 2019, "procent")
    assert not c.mixed and c.direction == cmp.DOWN
    assert cmp.zin(c) == "gedaald van bijna 94% (gepubliceerd) naar ruim 91% (gepubliceerd)"


def test_a_partial_breakdown_keeps_unknown_categories_out_and_names_the_rest():
    keys = ["bejegening", "informatie", "overig"]
    assert breakdown({"bejegening": 4}, keys, True, 6) == {"bejegening": 4, REST: 2}
    assert breakdown({"bejegening": 6}, keys, True, 6) == {"bejegening": 6}
    assert breakdown({"bejegening": 4}, keys, False, 6) == {"bejegening": 4, "informatie": 0, "overig": 0}
    assert breakdown(None, keys, True, 6) is None


def test_no_headline_from_an_unknown_year_or_the_rest():
    series = {"bejegening": (None, 63), REST_LABEL: (1, 9)}
    assert cmp.most_changed(series, 2019) is None
    assert cmp.none_rose("aard", 2019, series) == "Per aard geen cijfers om met 2019 te vergelijken"
    known = {"bejegening": (5, 4), REST_LABEL: (1, 9)}
    assert cmp.most_changed(known, 2019) is None
    assert cmp.none_rose("aard", 2019, known) == "Geen aard met meer klachten dan in 2019"
