"""One comparison layer: a value against an explicit baseline, its direction, and all its Dutch wording."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup

from ..model.indicator_catalogue import CATALOGUE, Better
from ..model.indicators import Change, LeadTime, Ratio, round1
from ..model.published import REST_LABEL, Published
from . import formatting
from .formatting import Dagen, Md, aantal, dagen, getal, procent

# A change smaller than 1% of the baseline reads as "vrijwel gelijk gebleven"; the same rule for
# counts, percentages and days, so no two sentences can disagree about the same pair of numbers.
THRESHOLD = Decimal("0.01")
UP, DOWN, SAME, NEARLY = "hoger", "lager", "gelijk", "vrijwel gelijk"
# What can be compared: a count, a number, a percentage or a lead time; None when not known.
Value = int | float | Decimal | Ratio | LeadTime | Published | None
# Said where a published figure meets a computed one: the two are not compared (a published share may round, say
# "ruim" or count another base), so no direction, headline or judgement comes from such a pair.
NOT_COMPARED = "berekend; niet vergeleken met het gepubliceerde cijfer"


@dataclass(frozen=True)
class Measure:
    """What is compared: its unit, which way is better (the catalogue's higher, lower or None), and its phrases."""

    unit: str  # aantal, procent, dagen, getal
    better: Better
    more: str
    less: str
    same: str
    plain: str  # the phrase without a direction, when there is nothing to compare with


def _measure(code: str, more: str, less: str, same: str) -> Measure:
    """A headline indicator's measure: unit, subject and better direction from the catalogue, the phrases here."""
    i = CATALOGUE[code]
    return Measure(i.unit, i.better, more, less, same, i.plain)


# The headline indicators, with the phrase a key point opens with when the value rose, fell or stayed.
MEASURES: dict[str, Measure] = {
    "K1": _measure("K1", "Meer klachten ontvangen", "Minder klachten ontvangen", "Evenveel klachten ontvangen"),
    "K3": _measure(
        "K3",
        "Meer klachten nog open op 31 december",
        "Minder klachten nog open op 31 december",
        "Evenveel klachten nog open op 31 december",
    ),
    "K6": _measure(
        "K6",
        "Meer klachten informeel opgelost",
        "Minder klachten informeel opgelost",
        "Even vaak informeel opgelost",
    ),
    "K8": _measure(
        "K8", "Meer klachten (deels) gegrond", "Minder klachten (deels) gegrond", "Even vaak (deels) gegrond"
    ),
    "K9": _measure(
        "K9",
        "Meer klachten op tijd afgehandeld",
        "Minder klachten op tijd afgehandeld",
        "Even vaak op tijd afgehandeld",
    ),
    "K10": _measure(
        "K10",
        "Langere doorlooptijd (mediaan)",
        "Kortere doorlooptijd (mediaan)",
        "Even lange doorlooptijd (mediaan)",
    ),
    "K14": _measure(
        "K14", "Meer andersoortige klachten", "Minder andersoortige klachten", "Evenveel andersoortige klachten"
    ),
}


def shown(value: Value, unit: str) -> Decimal | None:
    """The value exactly as a reader sees it (rounded as printed), so words follow the printed numbers."""
    if value is None:
        return None
    if isinstance(value, Published):
        return value.waarde
    if isinstance(value, Ratio):
        return value.procent
    if isinstance(value, LeadTime):
        value = value.mediaan
        if value is None:
            return None
    if unit == "aantal":
        return Decimal(int(value))
    if unit == "dagen":  # whole days, or a median halfway between two days, as formatting.dagen prints them
        d = round1(value)
        return d if d * 2 == (d * 2).to_integral_value() else d.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return round1(value)


def unit_of(value: object) -> str:
    """The unit of a named value: a Ratio is a percentage, Dagen are days, an int a count."""
    if isinstance(value, Ratio):
        return "procent"
    if isinstance(value, Published):
        return value.unit
    if isinstance(value, (Dagen, LeadTime)):
        return "dagen"
    if isinstance(value, int):
        return "aantal"
    return "getal"


@dataclass(frozen=True)
class Comparison:
    """A value now against a baseline value, both as printed, with the baseline's name (a year or a period)."""

    now: Decimal | None
    then: Decimal | None
    unit: str
    baseline: str
    # The published figure on either side (now, then), printed as published; a pair of one published and one
    # computed value is not compared.
    published: tuple[Published | None, Published | None] = (None, None)

    @property
    def mixed(self) -> bool:
        """True when one side is published and the other computed: such values are never compared."""
        now, then = self.published
        return self.now is not None and self.then is not None and (now is None) != (then is None)

    @property
    def direction(self) -> str | None:
        """hoger, lager, gelijk or vrijwel gelijk; None when one side is unknown or only one is published."""
        if self.now is None or self.then is None or self.mixed:
            return None
        diff = self.now - self.then
        if diff == 0:
            return SAME
        if self.then != 0 and abs(diff) / abs(self.then) < THRESHOLD:
            return NEARLY
        return UP if diff > 0 else DOWN

    @property
    def relative(self) -> Decimal:
        """Size of the change against the baseline (for ranking); 0 when unknown or equal."""
        if self.now is None or self.then is None or self.direction in (SAME, NEARLY):
            return Decimal(0)
        return abs(self.now - self.then) / abs(self.then) if self.then else Decimal(1)


def compare(now: Value, then: Value, baseline: object, unit: str | None = None) -> Comparison:
    """Compare a value with its baseline value (the previous year unless the caller names another period)."""
    unit = unit or unit_of(now if now is not None else then)
    published = (now if isinstance(now, Published) else None, then if isinstance(then, Published) else None)
    return Comparison(shown(now, unit), shown(then, unit), unit, str(baseline), published)


def side(c: Comparison, which: int) -> Md:
    """One side of a comparison as printed: a published figure as published, a computed one marked as such
    when it stands beside a published one."""
    p, v = c.published[which], (c.now, c.then)[which]
    if p is not None:
        return formatting.gepubliceerd(p)
    return Md(f"{value(v, c.unit)} ({NOT_COMPARED})") if c.mixed else value(v, c.unit)


def value(v: Decimal | None, unit: str) -> Md:
    """A compared value as printed: 391, 83,8%, 12 dagen."""
    if v is None:
        return Md(formatting.NOT_APPLICABLE)
    if unit == "aantal":
        return getal(int(v))
    if unit == "procent":
        return procent(v)
    if unit == "dagen":
        return dagen(v)
    return getal(v, 1)


def zin(c: Comparison) -> Md:
    """A participle phrase: gestegen van 70,7% naar 72,0%; gedaald …; gelijk gebleven op 38."""
    d, a, b = c.direction, side(c, 1), side(c, 0)
    if d is None:
        return Md(f"{b} ({c.baseline}: {a})" if c.then is not None else f"{b} (geen cijfer over {c.baseline})")
    if d == SAME:
        return Md(f"gelijk gebleven op {b}")
    if d == NEARLY:
        return Md(f"vrijwel gelijk gebleven (van {a} naar {b})")
    return Md(f"{'gestegen' if d == UP else 'gedaald'} van {a} naar {b}")


def tegel(c: Comparison) -> str:
    """A tile's comparison line: lager dan in 2019 (436)."""
    d, a = c.direction, side(c, 1)
    if d is None:
        return f"{c.baseline}: {a}" if c.then is not None else f"geen cijfer over {c.baseline}"
    word = {UP: "hoger dan", DOWN: "lager dan", SAME: "gelijk aan", NEARLY: "vrijwel gelijk aan"}[d]
    return f"{word} in {c.baseline} ({a})" if d in (UP, DOWN) else f"{word} {c.baseline} ({a})"


def heading(code: str, c: Comparison) -> str:
    """The opening phrase of a key point: Minder klachten op tijd afgehandeld."""
    m = MEASURES[code]
    phrases: dict[str | None, str] = {
        UP: m.more,
        DOWN: m.less,
        SAME: m.same,
        NEARLY: "Vrijwel " + m.same[0].lower() + m.same[1:],
    }
    return phrases[c.direction]


def norm_text(target: float) -> str:
    """A target as printed: 90%, 92,5%."""
    t = Decimal(str(target))
    return f"{getal(int(t))}%" if t == t.to_integral_value() else str(procent(t))


def target_phrase(now: Decimal | None, target: float | None) -> str:
    """Against a target: 'onder de norm van 90%', 'boven …', 'op de norm van 90%'; empty without one."""
    if target is None or now is None:
        return ""
    t, norm = Decimal(str(target)), norm_text(target)
    if now == t:
        return f"op de norm van {norm}"
    return f"{'boven' if now > t else 'onder'} de norm van {norm}"


def target_missed(code: str, now: Decimal | None, target: float | None) -> bool:
    """True when a target exists and the value is on its wrong side (a minimum, or a maximum where lower is better)."""
    if target is None or now is None:
        return False
    t = Decimal(str(target))
    return now > t if MEASURES[code].better == "lower" else now < t


def punt(code: str, c: Comparison, target: float | None = None) -> Md:
    """A key point: Minder klachten op tijd afgehandeld: 83,8% (2019: 89,7%), onder de norm van 90%."""
    now = side(c, 0)
    base = f"{c.baseline}: {side(c, 1)}" if c.then is not None else f"geen cijfer over {c.baseline}"
    head = heading(code, c) if c.direction else MEASURES[code].plain
    norm = target_phrase(c.now, target)
    return Md(f"{head}: {now} ({base})" + (f", {norm}" if norm else ""))


BETTER, WORSE = "beter", "slechter"
# The sign beside the word: a shape, not a colour, and hidden from a screen reader, which reads the word.
SIGNS = {BETTER: "▲", WORSE: "▼", SAME: "=", NEARLY: "="}


def judgement(code: str, c: Comparison) -> str | None:
    """beter, slechter, gelijk or vrijwel gelijk against c's baseline, by the catalogue's better direction.

    None when the indicator has no better direction (then only meer or minder is said) or a side is unknown.
    """
    better, d = MEASURES[code].better, c.direction
    if better is None or d is None:
        return None
    if d in (SAME, NEARLY):
        return d
    return BETTER if (d == UP) == (better == "higher") else WORSE


def _signed_word(kind: str, words: str) -> str:
    """A judgement in words with its sign: the sign aria-hidden, the words read aloud; a no-break space between."""
    return f'<span class="oordeel"><span aria-hidden="true">{SIGNS[kind]}</span>\u00a0{words}</span>'  # never apart


def verdict(code: str, c: Comparison, target: float | None = None) -> Md:
    """Better or worse against the baseline and the norm: ▼ slechter dan in 2019, ▼ norm niet gehaald.

    Empty when the indicator has no better direction and no norm: its key point then only says meer or minder.
    """
    parts = []
    j = judgement(code, c)
    if j in (BETTER, WORSE):
        parts.append(_signed_word(j, f"{j} dan in {c.baseline}"))
    elif j is not None:
        parts.append(_signed_word(j, f"{j} aan {c.baseline}"))
    if target is not None and c.now is not None:
        missed = target_missed(code, c.now, target)
        parts.append(_signed_word(WORSE if missed else BETTER, "norm niet gehaald" if missed else "norm gehaald"))
    return Md(", ".join(parts))


def key_point(code: str, c: Comparison, target: float | None = None) -> Md:
    """A key point with its judgement: Minder klachten op tijd afgehandeld: 83,8% (2019: 89,7%), onder de norm
    van 90%; ▼ slechter dan in 2019, ▼ norm niet gehaald."""
    judged = verdict(code, c, target)
    return Md(f"{punt(code, c, target)}" + (f"; {judged}" if judged else ""))


def change_phrase(change: Change | None, baseline: object = None) -> Md:
    """K1 against last year as a noun phrase: een daling van 10,3% (45 klachten minder); geen verandering."""
    if change is None or change.previous is None:
        return Md(f"{formatting.NOT_APPLICABLE} (geen vorig jaar)")
    c = compare(change.current, change.previous, baseline or "", "aantal")
    diff, ratio = _known(change)
    count = aantal(abs(diff), "klacht")
    more = "meer" if diff > 0 else "minder"
    if c.direction == SAME:
        return Md("geen verandering")
    if c.direction == NEARLY:
        return Md(f"vrijwel geen verandering ({count} {more})")
    word = "een stijging" if c.direction == UP else "een daling"
    if ratio.procent is None:
        return Md(f"{word} van {count}")
    return Md(f"{word} van {getal(abs(ratio.procent), 1)}% ({count} {more})")


def _known(change: Change) -> tuple[int, Ratio]:
    """The difference and its ratio of a change whose previous year is known."""
    diff, ratio = change.absoluut, change.ratio
    # Both are None only without a previous year, which every caller has ruled out.
    assert diff is not None and ratio is not None
    return diff, ratio


def published_change(p: Published, baseline: object) -> Md:
    """A change the gemeente published without last year's count: dertig meer, een stijging van 22,5%."""
    if p.tekst:
        return Md(f"{p.tekst} dan in {baseline} ({formatting.PUBLISHED})")
    if p.waarde == 0:
        return Md(f"evenveel als in {baseline} ({formatting.PUBLISHED})")
    more = "meer" if p.waarde > 0 else "minder"
    size = f"{getal(abs(p.waarde), 0 if p.unit == 'aantal' else 1)}{'%' if p.unit == 'procent' else ''}"
    wording = f"{p.bewoording} " if p.bewoording else ""
    return Md(f"{wording}{size} {more} dan in {baseline} ({formatting.PUBLISHED})")


def change_sentence(change: Change | Published | None, baseline: object) -> Md:
    """K1 against the named year as a whole sentence; says so when that year has no figures."""
    if isinstance(change, Published):
        return Md(f"Volgens de gemeente waren dat er {published_change(change, baseline)}.")
    if change is None or change.previous is None:
        return Md(f"Over {baseline} zijn geen cijfers om mee te vergelijken.")
    phrase = change_phrase(change, baseline)
    if phrase == "geen verandering":
        return Md(f"Dat zijn er evenveel als in {baseline}.")
    return Md(f"Dat is {phrase} tegenover {baseline}.")


def signed(change: Change | Published | None) -> Md:
    """A signed change for a table cell: +32 (+8,0%); a published one as published."""
    if isinstance(change, Published):
        return formatting.gepubliceerd(change)
    if change is None or change.previous is None:
        return Md(formatting.NOT_APPLICABLE)
    diff, ratio = _known(change)
    sign = "+" if diff > 0 else ("−" if diff < 0 else "±")
    pct = "" if ratio.procent is None else f" ({sign}{getal(abs(ratio.procent), 1)}%)"
    return Md(f"{sign}{getal(abs(diff))}{pct}")


def most_changed(
    series: dict[str, tuple[int | None, int | None]], baseline: object, direction: str = UP
) -> tuple[str, Comparison] | None:
    """The name whose count (then, now) moved most in `direction` against the baseline; ties by name.

    A category not known in one of the years, and the rest of a partial breakdown, are never compared."""
    pairs = [(name, compare(now, then, baseline, "aantal")) for name, (then, now) in sorted(comparable(series).items())]
    moved = [(n, c) for n, c in pairs if c.direction == direction]
    if not moved:
        return None
    return max(moved, key=lambda nc: _size(nc[1]))  # max keeps the first of equals, by name


def _size(c: Comparison) -> Decimal:
    """How far a value moved; 0 when a side is unknown (such a comparison has no direction to rank by)."""
    return abs(c.now - c.then) if c.now is not None and c.then is not None else Decimal(0)


def largest_move(name: str, c: Comparison) -> str:
    """An alt-text sentence: Grootste stijging tegenover 2019: Burgerzaken (van 38 naar 47)."""
    word = "stijging" if c.direction == UP else "daling"
    return f"Grootste {word} tegenover {c.baseline}: {name} (van {value(c.then, c.unit)} naar {value(c.now, c.unit)})."


def rose_most(subject: str, c: Comparison) -> str:
    """A headline: Bij Burgerzaken nam het aantal klachten het meest toe tegenover 2019 (van 38 naar 47)."""
    return (
        f"Bij {subject} nam het aantal klachten het meest toe tegenover {c.baseline} "
        f"(van {value(c.then, c.unit)} naar {value(c.now, c.unit)})"
    )


def comparable(series: dict[str, tuple[int | None, int | None]]) -> dict[str, tuple[int, int]]:
    """The categories known in both years, without the rest of a partial breakdown."""
    return {
        name: (then, now)
        for name, (then, now) in series.items()
        if then is not None and now is not None and name != REST_LABEL
    }


def none_rose(kind: str, baseline: object, series: dict[str, tuple[int | None, int | None]] | None = None) -> str:
    """The headline when no department or nature rose: Geen afdeling met meer klachten dan in 2019; when no
    category is known in both years (given `series`), says there is nothing to compare."""
    if series is not None and not comparable(series):
        return f"Per {kind} geen cijfers om met {baseline} te vergelijken"
    return f"Geen {kind} met meer klachten dan in {baseline}"


def over_period(c: Comparison, last: object, noun: str = "het aantal klachten") -> str:
    """A change from the baseline year to `last`: Het aantal klachten daalde van 436 in 2018 naar 391 in 2020."""
    a, b, first = side(c, 1), side(c, 0), c.baseline
    if c.direction is None:  # a published figure against a computed one: both shown, not compared
        return f"{noun.capitalize()}: {a} in {first} en {b} in {last}"
    if c.direction in (SAME, NEARLY):
        verb = "bleef gelijk" if c.direction == SAME else "bleef vrijwel gelijk"
        return f"{noun.capitalize()} {verb}: {a} in {first} en {b} in {last}"
    return f"{noun.capitalize()} {'steeg' if c.direction == UP else 'daalde'} van {a} in {first} naar {b} in {last}"


def vergelijk(now: Ratio | Decimal | int | None, then: Ratio | Decimal | int | None) -> Md:
    """Template filter: {{ k6 | vergelijk(vorig.k6) }} → gedaald van 70,7% naar 69,4%."""
    if any(isinstance(v, Ratio) and v.procent is None for v in (now, then)):
        return Md(f"{formatting.procent(now)}; te weinig klachten om percentages te vergelijken")
    return zin(compare(now, then, "het jaar ervoor"))


def norm(now: Value, target: float | None) -> Md:
    """Template filter: {{ k9 | norm(doel_k9) }} → onder de norm van 90%; empty without a target."""
    return Md(target_phrase(shown(now, unit_of(now)), target))


def auto(v: object) -> object:
    """formatting.auto, with a K1 change written through this layer."""
    if isinstance(v, Change) and not isinstance(v, Markup):
        return change_phrase(v)
    return formatting.auto(v)


FILTERS = {
    **formatting.FILTERS,
    "stijging_daling": change_phrase,
    "verschil": signed,
    "vergelijk": vergelijk,
    "verandering_zin": change_sentence,
    "norm": norm,
}
