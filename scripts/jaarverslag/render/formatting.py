"""Dutch formatting of numbers, percentages, dates and changes (Babel), and escaping of data strings."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup

from ..model.codes import MIN_DENOMINATOR
from ..model.indicators import LeadTime, Ratio
from ..model.published import Published

LOCALE = "nl_NL"
_PLURAL = Locale.parse(LOCALE).plural_form
TOO_FEW = "te weinig om een percentage te geven"
NOT_APPLICABLE = "n.v.t."
# How percentages are shown, said once: under every key-figure table and in the methodology.
PERCENT_RULE = (
    "Bij elk percentage staat om hoeveel klachten het gaat. Gaat het om minder dan "
    f"{MIN_DENOMINATOR} klachten, dan geven we geen percentage: dat zegt dan te weinig."
)
NOUNS = {
    "klacht": "klachten",
    "invoerbestand": "invoerbestanden",
    "fout": "fouten",
    "waarschuwing": "waarschuwingen",
    "dag": "dagen",
    "inwoner": "inwoners",
    "verzoek": "verzoeken",
    "afdeling": "afdelingen",
    "maatregel": "maatregelen",
    "aanbeveling": "aanbevelingen",
    "rapport": "rapporten",
    "onderzoek": "onderzoeken",
    "interventie": "interventies",
    "pagina": "pagina's",
    "figuur": "figuren",
    "tabel": "tabellen",
    "jaar": "jaren",
}


class Md(Markup):
    """Text that is already safe Markdown/HTML (produced by our own code, not by data)."""


class Jaar(int):
    """A year: printed as 2020, never with a thousands separator."""


# Characters that Markdown, attr_list or abbr would interpret; data strings get them escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|.-])")


def md(value: object) -> Markup:
    """Escape a data string so it shows literally in Markdown and in HTML."""
    if isinstance(value, Markup):
        return value
    text = html.escape(str(value), quote=True)
    return Md(_MD_SPECIAL.sub(r"\\\1", text))


def h(value: object) -> Markup:
    """Escape a data string for a raw HTML block (Markdown is not parsed there)."""
    if isinstance(value, Markup):
        return value
    return Md(html.escape(str(value), quote=True))


# A site formats a few hundred distinct numbers some 3,000 times: Babel once per number (the key is the
# exact value as written, so 0 and -0, 1 and 1.0 stay apart).
_NUMBERS: dict[tuple[type, str, int], str] = {}


def getal(value: int | Decimal | float | None, decimals: int | None = None) -> Md:
    """A Dutch number: 1.234 or 12,5."""
    if value is None:
        return Md(NOT_APPLICABLE)
    if decimals is None:
        decimals = 0 if isinstance(value, int) else 1
    key = (type(value), str(value), decimals)
    if key not in _NUMBERS:
        if len(_NUMBERS) > 100_000:  # a long-running preview
            _NUMBERS.clear()
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        _NUMBERS[key] = format_decimal(value, format=pattern, locale=LOCALE)
    return Md(_NUMBERS[key])


PUBLISHED = "gepubliceerd"


def published_number(p: Published) -> Md:
    """A published figure's words as printed: ruim 91%, 18 dagen, de helft (its words are letters and digits only)."""
    if p.tekst:
        return Md(p.tekst)
    decimals = 0 if p.waarde == p.waarde.to_integral_value() else 1
    number = getal(p.waarde, decimals)
    shown = {"procent": f"{number}%", "dagen": f"{number} dagen" if p.waarde != 1 else "1 dag"}.get(p.unit, number)
    return Md(f"{p.bewoording} {shown}" if p.bewoording else shown)


def gepubliceerd(p: Published) -> Md:
    """A published figure marked as such wherever it shows: ruim 91% (gepubliceerd)."""
    return Md(f"{published_number(p)} ({PUBLISHED})")


def procent(value: Ratio | Published | Decimal | int | None) -> Md:
    """A Dutch percentage (12,5%), or the sentence for a too small denominator."""
    if value is None:
        return Md(NOT_APPLICABLE)
    if isinstance(value, Published):
        return gepubliceerd(value)
    if isinstance(value, Ratio):
        if value.procent is None:
            return Md(TOO_FEW)
        value = value.procent
    return Md(f"{getal(Decimal(value), 1)}%")


def procent_lang(ratio: Ratio | Published | None, base: str = "") -> Md:
    """A percentage with its numerator and denominator: 12,5% (50 van 400), or with the base named in words:
    12,5% (50 van de 400 formeel afgehandelde klachten); a published one as published."""
    if ratio is None:
        return Md(NOT_APPLICABLE)
    if isinstance(ratio, Published):
        return gepubliceerd(ratio)
    base = base or ratio.base
    whole = f"{getal(ratio.teller)} van {getal(ratio.noemer)}"
    of = f"{getal(ratio.teller)} van de {getal(ratio.noemer)} {md(base)}" if base else whole
    if ratio.procent is None:
        return Md(f"{of} ({TOO_FEW})")
    return Md(f"{procent(ratio)} ({of})")


def aantal(n: int | None, noun: str) -> Md:
    """A count with the right Dutch noun form: 1 klacht, 2 klachten."""
    if n is None:
        return Md(NOT_APPLICABLE)
    word = noun if _PLURAL(abs(n)) == "one" else NOUNS.get(noun, noun + "en")
    return Md(f"{getal(n)} {word}")


def datum(value: dt.date | None) -> Md:
    """A Dutch long date: 3 maart 2021."""
    if value is None:
        return Md("nog niet bekend")
    return Md(format_date(value, format="d MMMM y", locale=LOCALE))


class Dagen(Decimal):
    """A number of calendar days (a lead time): printed by `dagen`."""


def dagen(value: Decimal | Published | None) -> Md:
    """Days: whole days (1 dag), a median between two days ,5 (12,5 dagen), a mean rounded (CSV keeps it); n.v.t."""
    if value is None:
        return Md(NOT_APPLICABLE)
    if isinstance(value, Published):
        return gepubliceerd(value)
    value = Decimal(value)
    if (value * 2) == (value * 2).to_integral_value() and value != value.to_integral_value():
        return Md(f"{getal(value, 1)} dagen")
    return aantal(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)), "dag")


def termijn(days: int) -> Md:
    """A term as a regulation writes it: '6 weken (42 dagen)' when whole weeks, else '30 dagen'."""
    return Md(f"{days // 7} weken ({days} dagen)" if days % 7 == 0 and days >= 14 else aantal(days, "dag"))


def auto(value: object) -> object:
    """Format any named value as a reader sees it (used when a text writes {{ name }})."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, Jaar):
        return Md(str(int(value)))
    if isinstance(value, bool):
        return Md("ja" if value else "nee")
    if isinstance(value, int):
        return getal(value)
    if isinstance(value, Dagen):
        return dagen(value)
    if isinstance(value, Decimal):
        return getal(value, 1)
    if isinstance(value, Ratio):
        return procent(value)
    if isinstance(value, dt.date):
        return datum(value)
    if isinstance(value, LeadTime):
        return dagen(value.mediaan)
    if isinstance(value, Published):
        return gepubliceerd(value)
    if value is None:
        return Md(NOT_APPLICABLE)
    return md(value)


_INTERNAL = re.compile(r"^[A-Za-z0-9._/#-]*$")


def pad(value: object) -> Md:
    """An internal name (file, anchor) made by our code: passed through, refused if it is not one."""
    text = str(value)
    if not _INTERNAL.match(text):
        raise ValueError(f"not an internal path or anchor: {text!r}")
    return Md(text)


def jaar(value: int) -> Md:
    """A year as text: 2020."""
    return Md(str(int(value)))


FILTERS = {
    "jaar": jaar,
    "pad": pad,
    "getal": getal,
    "procent": procent,
    "procent_lang": procent_lang,
    "gepubliceerd": gepubliceerd,
    "aantal": aantal,
    "datum": datum,
    "dagen": dagen,
    "md": md,
    "h": h,
}
