"""The comparison layer: on random values and random multi-year data, every direction word agrees with its numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaarverslag.model.indicators import Change, Indicators, LeadTime, Ratio, YearIndicators
from jaarverslag.model.schema import Gemeente
from jaarverslag.render import comparisons as cmp
from jaarverslag.render.figures.trend_figures import dashboard, figure_small_multiples
from jaarverslag.render.formatting import dagen
from jaarverslag.render.key_points import MAX_POINTS, MIN_POINTS, key_points
from jaarverslag.render.tables import Numbering

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NUMBER = r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?"


def num(text: str) -> Decimal:
    """A Dutch number as printed (1.234,5) back to a Decimal."""
    return Decimal(text.replace(".", "").replace(",", "."))


def nearly(a: Decimal, b: Decimal) -> bool:
    return a != b and a != 0 and abs(b - a) / abs(a) < cmp.THRESHOLD


def check_from_to(word: str, a: Decimal, b: Decimal) -> None:
    """A direction word about a change from a to b."""
    if word in ("gestegen", "steeg", "toe", "stijging", "hoger", "meer", "langere"):
        assert b > a and not nearly(a, b), (word, a, b)
    elif word in ("gedaald", "daalde", "af", "daling", "lager", "minder", "kortere"):
        assert b < a and not nearly(a, b), (word, a, b)
    elif word in ("vrijwel",):
        assert nearly(a, b), (word, a, b)
    elif word in ("gelijk", "evenveel", "even"):
        assert a == b, (word, a, b)
    else:
        raise AssertionError(f"unknown direction word {word!r}")


def check_text(text: str, now: Decimal | None = None, then: Decimal | None = None) -> int:
    """Check every direction phrase in a generated text against its numbers (and the values compared, where the
    phrase names only one); returns how many it checked."""
    checked = 0
    for word, a, b in re.findall(
        rf"\b(gestegen|gedaald|vrijwel|steeg|daalde|toe)\b[^()]*?\(?van ({NUMBER})%?(?: dagen| dag)?"
        rf"(?: in \d{{4}})? naar ({NUMBER})",
        text,
    ):
        check_from_to(word, num(a), num(b))
        checked += 1
    for word, a, b in re.findall(
        rf"Grootste (stijging|daling) tegenover \d{{4}}: [^(]*\(van ({NUMBER}) naar ({NUMBER})\)", text
    ):
        check_from_to(word, num(a), num(b))
        checked += 1
    for b in re.findall(rf"gelijk gebleven op ({NUMBER})", text):
        assert now is not None and then is not None and then == now == num(b), (text, then, now)
        checked += 1
    for word, a in re.findall(rf"\b(hoger|lager|vrijwel gelijk|gelijk) (?:dan in|aan) \d{{4}} \(({NUMBER})", text):
        assert now is not None
        check_from_to(word.split()[0], num(a), now)
        checked += 1
    m = re.match(
        rf"(Meer|Minder|Evenveel|Even|Vrijwel|Langere|Kortere)\b[^:]*: ({NUMBER})[^(]*\(\d{{4}}: ({NUMBER})", text
    )
    if m:
        check_from_to(m.group(1).lower(), num(m.group(3)), num(m.group(2)))
        checked += 1
    m = re.search(rf"(?:: |naar )({NUMBER})%.*?\b(onder|boven|op) de norm van ({NUMBER})%", text)
    if m:
        value, target = num(m.group(1)), num(m.group(3))
        assert {"onder": value < target, "boven": value > target, "op": value == target}[m.group(2)], text
        checked += 1
    m = re.match(rf"een (stijging|daling) van (?:{NUMBER}% \()?({NUMBER}) klachte?n? (meer|minder)", text)
    if m:
        assert (m.group(1) == "stijging") == (m.group(3) == "meer"), text
        checked += 1
    return checked


counts = st.integers(0, 3000)
ratios = st.integers(10, 400).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
days = st.integers(0, 400).map(lambda v: Decimal(v) / 2)


@FAST
@given(counts, counts)
def test_count_wording_agrees(now, then):
    c = cmp.compare(now, then, 2019, "aantal")
    assert check_text(str(cmp.zin(c)), Decimal(now), Decimal(then)) == 1
    assert check_text(cmp.tegel(c), Decimal(now)) == 1
    assert check_text(str(cmp.punt("K1", c))) == 1
    phrase = str(cmp.change_phrase(Change(now, then)))
    assert phrase.startswith("geen verandering") == (now == then), phrase
    assert phrase.startswith("vrijwel geen verandering") == nearly(Decimal(then), Decimal(now)), phrase
    m = re.match(
        rf"(?:vrijwel geen verandering \(|een (stijging|daling) van (?:{NUMBER}% \()?)({NUMBER}) klachte?n?"
        rf"(?: (meer|minder))?",
        phrase,
    )
    if now != then:
        assert m and num(m.group(2)) == abs(now - then), phrase
        word = m.group(1) or {"meer": "stijging", "minder": "daling"}[m.group(3)]
        assert (word == "stijging") == (now > then), phrase


@FAST
@given(ratios, ratios, st.sampled_from([None, 50, 90, 90.5]))
def test_percentage_wording_agrees(now, then, target):
    c = cmp.compare(Ratio(*now), Ratio(*then), 2019)
    assert c.unit == "procent"
    assert check_text(str(cmp.zin(c)), Ratio(*now).procent, Ratio(*then).procent) == 1
    point = str(cmp.punt("K9", c, target))
    assert check_text(point) == (1 if target is None else 2), point


@FAST
@given(days, days)
def test_day_wording_agrees_and_whole_days_have_no_decimals(now, then):
    c = cmp.compare(now, then, 2019, "dagen")
    assert check_text(str(cmp.zin(c)), now, then) == 1
    assert check_text(str(cmp.punt("K10", c))) == 1
    text = str(dagen(now))
    assert not re.search(r",0 dag", text) and (now == 1) == text.endswith(" dag")


@FAST
@given(counts, counts, st.integers(2000, 2030))
def test_period_headline_agrees(first, last, year):
    text = cmp.over_period(cmp.compare(last, first, year - 3, "aantal"), year)
    assert check_text(text) == (0 if "gelijk" in text else 1)
    assert ("gelijk" in text) == (first == last or nearly(Decimal(first), Decimal(last)))


# Random multi-year data: departments a, b, c; b is renamed to d in the third year.
GEMEENTE = Gemeente(
    naam="Proefstad",
    afdelingen={
        "a": {"label": "Alfa", "geldig_van": 2000},
        "b": {"label": "Beta", "geldig_van": 2000, "geldig_tot": 2002},
        "c": {"label": "Gamma", "geldig_van": 2000},
        "d": {"label": "Delta", "geldig_van": 2003, "voorganger": "b"},
    },
    labels={"aard": {"x": "Xeno", "y": "Ypsilon"}},
    inwoners={},
    doelen={"K9": 90},
)


@st.composite
def year_figures(draw, year: int) -> YearIndicators:
    departments = ["a", "b", "c"] if year <= 2002 else ["a", "c", "d"]
    per_dep = {d: draw(st.integers(0, 80)) for d in departments}
    k1 = sum(per_dep.values())
    closed = draw(st.integers(0, 300))
    informal = draw(st.integers(0, closed))
    timely = draw(st.integers(0, closed))
    founded = draw(st.integers(0, closed - informal))
    median = Decimal(draw(st.integers(0, 120))) / 2
    f = Indicators(
        year=year,
        source="register",
        k1=k1,
        k2=closed,
        k3=draw(st.integers(0, 50)),
        k3_late=0,
        k6=Ratio(informal, closed),
        k7=Ratio(closed - informal, closed),
        k8=Ratio(founded, closed - informal),
        geen_oordeel=0,
        k9=Ratio(timely, closed),
        k10={"alle": LeadTime(closed, median, median, median)},
        per={
            "afdeling": per_dep,
            "aard": {"x": draw(st.integers(0, 50)), "y": draw(st.integers(0, 50))},
            "kanaal": {},
            "maand": {},
        },
        afhandeling={},
        oordeel={},
        k14=draw(st.integers(0, 60)),
        k14_per={},
    )
    return YearIndicators(figures=f, inhabitants=None, k4=None, k5=Change(k1, None), departments={})


@st.composite
def histories(draw) -> dict[int, YearIndicators]:
    n = draw(st.integers(2, 5))
    return {y: draw(year_figures(y)) for y in range(2001, 2001 + n)}


@FAST
@given(histories())
def test_key_points_agree_with_their_numbers(indicators):
    data = SimpleNamespace(gemeente=GEMEENTE)
    for year in indicators:
        points = key_points(data, indicators, year)
        assert MIN_POINTS <= len(points) <= MAX_POINTS
        assert str(points[0]).split(":")[0] in {
            "Meer klachten ontvangen",
            "Minder klachten ontvangen",
            "Evenveel klachten ontvangen",
            "Vrijwel evenveel klachten ontvangen",
            "Ontvangen klachten",
        }
        for p in points:
            text = str(p)
            if text.startswith("Afdeling Beta heet nu Delta"):
                assert year == 2003
                continue
            if text.startswith(tuple(m.plain + ":" for m in cmp.MEASURES.values())):
                assert not re.search(r"\b(meer|minder|even|hoger|lager|gestegen|gedaald)\b", text, re.I), text
            elif not text.startswith(("Nieuwe afdeling", "Afdeling")):
                assert check_text(text) >= 1, text
        k9 = indicators[year].figures.k9.procent
        if k9 is not None and k9 < 90:
            assert any("onder de norm van 90%" in str(p) for p in points), points


@FAST
@given(histories())
def test_dashboard_compares_with_the_year_before_and_follows_renames(indicators):
    labels = {"afdeling": {c: a.label for c, a in GEMEENTE.afdelingen.items()}, "aard": GEMEENTE.labels["aard"]}
    year = max(indicators)
    bundle = figure_small_multiples(indicators, "afdeling", labels, year, "9.1", {"b": "d"})
    rows = {r[0]: r[1:] for r in bundle.rows}
    assert "Beta" not in rows and "Delta" in rows  # one line under the newest name
    assert rows["Delta"][0] == indicators[2001].figures.per["afdeling"]["b"]
    rises = {name: values[-1] - values[-2] for name, values in rows.items()}
    m = re.fullmatch(
        rf"Bij (\w+) nam het aantal klachten het meest toe tegenover {year - 1} "
        rf"\(van ({NUMBER}) naar ({NUMBER})\)",
        bundle.title,
    )
    if m:
        name = m.group(1)
        assert (num(m.group(2)), num(m.group(3))) == tuple(map(Decimal, rows[name][-2:]))
        assert rises[name] == max(rises.values()) > 0
    else:
        assert bundle.title == f"Geen afdeling met meer klachten dan in {year - 1}"
        assert max(rises.values()) <= 0 or all(
            cmp.compare(v[-1], v[-2], 0, "aantal").direction != cmp.UP for v in rows.values()
        )
    assert check_text(bundle.alt) == bundle.alt.count("Grootste ")
    moved = [cmp.compare(v[-1], v[-2], 0, "aantal").direction for v in rows.values()]
    assert ("Grootste stijging" in bundle.alt) == (cmp.UP in moved)
    assert ("Grootste daling" in bundle.alt) == (cmp.DOWN in moved)
    tiles = dashboard(indicators, labels, year, Numbering(9), {"b": "d"})["tegels"]
    before = indicators[year - 1].figures
    then = {
        "K1": before.k1,
        "K6": before.k6.procent,
        "K8": before.k8.procent,
        "K9": before.k9.procent,
        "K10": before.k10["alle"].mediaan,
    }
    for t in tiles:
        if t.toelichting == f"geen cijfer over {year - 1}":
            assert then[t.code] is None, t
        elif t.waarde == "n.v.t.":
            assert t.toelichting.startswith(f"{year - 1}: ")
        else:
            assert check_text(t.toelichting, num(re.match(NUMBER, t.waarde).group(0))) == 1, t


def test_monthly_alt_text_names_peak_and_low_not_a_trend():
    from jaarverslag.render.figures.year_figures import figure_per_month

    f = SimpleNamespace(
        year=2020,
        k1=62,
        source="register",
        per={"maand": {f"{m:02d}": v for m, v in enumerate([33] + [0] * 10 + [29], start=1)}},
    )
    labels = {"maand": {f"{m:02d}": n for m, n in enumerate(["januari"] + ["x"] * 10 + ["december"], start=1)}}
    alt = figure_per_month(f, labels, "4.3").alt
    assert "Het hoogst: januari met 33 klachten" in alt
    assert not re.search(r"\b(daalde|steeg|van januari tot)\b", alt, re.I)


@FAST
@given(histories())
def test_trend_headlines_agree_with_first_and_last_year(indicators):
    from jaarverslag.render.figures.trend_figures import TRENDS, figure_trend

    for code in TRENDS:
        b = figure_trend(indicators, "T.1", code=code, target=90 if code == "K9" else None)
        known = [(row[0], row[1]) for row in b.rows if row[-1] != "geen gegevens"]
        if len(known) < 2:
            continue
        m = re.search(rf"bleef (vrijwel )?gelijk: ({NUMBER})%?(?: dagen| dag)? in \d{{4}} en ({NUMBER})", b.title)
        if m:
            a, z = num(m.group(2)), num(m.group(3))
            assert nearly(a, z) if m.group(1) else a == z, b.title
        else:
            assert check_text(b.title) == (2 if code == "K9" else 1), b.title
        assert b.title + "." in b.alt
