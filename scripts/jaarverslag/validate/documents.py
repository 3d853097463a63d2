"""Checks of the YAML documents: schema errors in Dutch, gemeente.yaml and totalen.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..load.raw import RawYear
from ..load.yaml_doc import YamlDoc
from ..model.base import CODE_PATTERN
from ..model.codes import BASE_MEANING, CODES, FIXED_KINDS, MEANINGS
from ..model.problems import Report, either, nearest_hint, shown
from ..model.schema import Gemeente
from ..model.totalen import Totalen
from .published import check_partial, check_published, check_reserved

# Dutch wording of pydantic's error types, so schema errors read like the register's.
ModelT = TypeVar("ModelT", bound=BaseModel)

PYDANTIC_EXPECTED = {
    "missing": "dit verplichte veld",
    "extra_forbidden": "geen onbekend veld",
    "int_type": "een geheel getal",
    "int_parsing": "een geheel getal",
    "int_from_float": "een geheel getal",
    "greater_than_equal": "een getal van {ge} of meer",
    "less_than_equal": "een getal van {le} of minder",
    "string_type": "tekst",
    "bool_type": "ja of nee (true/false)",
    "bool_parsing": "ja of nee (true/false)",
    "date_type": "een datum (JJJJ-MM-DD)",
    "date_parsing": "een datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "een datum (JJJJ-MM-DD)",
    "list_type": "een lijst",
    "too_short": "ten minste {min_length} onderdeel",
    "dict_type": "een lijst van sleutels en waarden",
    "model_type": "een lijst van sleutels en waarden",
    "float_type": "een getal",
    "float_parsing": "een getal",
    "awb_term": "een termijn van hoogstens {le} dagen ({regel})",
    "web_address": "een webadres dat begint met https://",
    "hex_colour": "een kleur als # met zes hexadecimale tekens (bijvoorbeeld #1f4e8c)",
    "phone": "een telefoonnummer van cijfers en spaties (bijvoorbeeld 0800 1234)",
    "logo_file": "de naam van een .svg- of .png-bestand naast gemeente.yaml (bijvoorbeeld logo.svg)",
}


def check_model(doc: YamlDoc, model: type[ModelT], report: Report) -> ModelT | None:
    """Validate a YAML document against a schema, reporting each error with its line."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")  # pydantic marks a bad dict key so
            expected, hint = _pydantic_expected(err)
            found = "" if err["type"] == "missing" else shown(err.get("input"))
            if err["type"] == "extra_forbidden":
                found = f"het veld '{loc[-1]}'"
            elif err["type"] != "missing" and err.get("input", "") is None:
                # A blank is never read as 0: the coordinator says what was meant.
                found = "een lege waarde"
                hint = (
                    "Vul 0 in als het er echt geen waren; is dit deel niet geregistreerd, laat dan de hele "
                    "uitsplitsing weg."
                    if len(loc) > 2
                    else "Vul een waarde in, of laat het veld weg (zie de handleiding: weggelaten velden)."
                )
            report.error(doc.file, doc.line(loc), ".".join(str(p) for p in loc) or "(bestand)", expected, found, hint)
        return None


def _pydantic_expected(err: ErrorDetails) -> tuple[str, str]:
    """Dutch 'expected' and hint for one pydantic error."""
    ctx = err.get("ctx") or {}
    if err["type"] == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = nearest_hint(str(err.get("input")), choices)
        return "een van " + ", ".join(choices), hint if hint.startswith("Bedoelde") else ""
    if err["type"] == "string_pattern_mismatch" and ctx.get("pattern") != CODE_PATTERN:
        return "alleen letters, cijfers, - en _", "Laat spaties en leestekens weg."
    if err["type"] == "string_pattern_mismatch":
        return (
            "een code van kleine letters, cijfers en _ (zoals openbare_ruimte)",
            "Een code wordt een bestandsnaam en een adres op de site: laat hoofdletters, spaties, "
            "punten, / en andere leestekens weg.",
        )
    if err["type"] == "awb_term":
        return (
            PYDANTIC_EXPECTED["awb_term"].format(**ctx),
            "Een klachtenregeling mag de termijnen van de Awb korter maken, niet langer. Staat er in de "
            "regeling een langere termijn, dan geldt toch die van de Awb.",
        )
    expected = PYDANTIC_EXPECTED.get(err["type"], "een geldige waarde ({type})").format(**ctx, type=err["type"])
    return expected, "Zie de handleiding voor de velden van dit bestand."


def check_gemeente(doc: YamlDoc | None, report: Report) -> Gemeente | None:
    """Validate gemeente.yaml: schema, a label for every code, consistent departments."""
    if doc is None:
        return None
    gemeente = check_model(doc, Gemeente, report)
    if gemeente is None:
        return None
    before = len(report.errors)
    _check_code_lists(doc, gemeente, report)
    check_reserved(doc, gemeente, report)
    if len(report.errors) > before:
        return None  # every register row and total would repeat a broken code list: stop here
    for code, afdeling in sorted(gemeente.afdelingen.items()):
        if afdeling.geldig_tot is not None and afdeling.geldig_tot < afdeling.geldig_van:
            report.error(
                doc.file,
                doc.line(("afdelingen", code, "geldig_tot")),
                f"afdelingen.{code}.geldig_tot",
                f"een jaar vanaf {afdeling.geldig_van}",
                str(afdeling.geldig_tot),
            )
        if afdeling.voorganger is not None and afdeling.voorganger not in gemeente.afdelingen:
            report.error(
                doc.file,
                doc.line(("afdelingen", code, "voorganger")),
                f"afdelingen.{code}.voorganger",
                "de code van een afdeling",
                shown(afdeling.voorganger),
                nearest_hint(afdeling.voorganger, list(gemeente.afdelingen)),
            )
    # A partner's account holder is a department by its code, so chapter 7 names it as the department list does.
    for code, partner in sorted(gemeente.partners.items()):
        if partner.accounthouder not in gemeente.afdelingen:
            report.error(
                doc.file,
                doc.line(("partners", code, "accounthouder")),
                f"partners.{code}.accounthouder",
                "de code van een afdeling",
                shown(partner.accounthouder),
                nearest_hint(partner.accounthouder, list(gemeente.afdelingen)),
            )
    return gemeente


def _check_code_lists(doc: YamlDoc, gemeente: Gemeente, report: Report) -> None:
    """Every list known and filled; the two kinds of complaint fixed; every own handling or verdict code a meaning."""
    for kind in sorted(set(gemeente.labels) - set(CODES)):
        report.error(
            doc.file,
            doc.line(("labels", kind)),
            f"labels.{kind}",
            "een codelijst: " + ", ".join(CODES),
            shown(kind),
            nearest_hint(kind, list(CODES)),
        )
    for kind in sorted(CODES):
        labels = gemeente.labels.get(kind, {})
        if not labels:
            report.error(
                doc.file,
                doc.line(("labels",)),
                f"labels.{kind}",
                "ten minste één code met een label",
                "geen codes",
                f"Neem de codes van {kind} over uit de handleiding.",
            )
        elif kind in FIXED_KINDS and set(labels) != set(CODES[kind]):
            report.error(
                doc.file,
                doc.line(("labels", kind)),
                f"labels.{kind}",
                "precies de codes " + " en ".join(CODES[kind]),
                ", ".join(labels),
                "De soorten klacht liggen vast in de wet; alleen hun labels mag u aanpassen.",
            )
        # An own code that looks like a missing standard code is most likely a typo of it.
        missing = [c for c in CODES[kind] if c not in labels]
        for code in labels:
            hint = nearest_hint(code, missing) if code not in CODES[kind] and missing else ""
            if hint.startswith("Bedoelde"):
                report.error(
                    doc.file,
                    doc.line(("labels", kind, code)),
                    f"labels.{kind}.{code}",
                    "een standaardcode, of een eigen code die er niet op lijkt",
                    shown(code),
                    hint,
                )
    for kind in sorted(set(gemeente.betekenis) - set(MEANINGS)):
        report.error(
            doc.file,
            doc.line(("betekenis", kind)),
            f"betekenis.{kind}",
            "afhandeling of oordeel",
            shown(kind),
            nearest_hint(kind, list(MEANINGS)),
        )
    for kind, meanings in sorted(MEANINGS.items()):
        given = gemeente.betekenis.get(kind, {})
        for code in gemeente.codes(kind):
            if code not in BASE_MEANING[kind] and code not in given:
                report.error(
                    doc.file,
                    doc.line(("labels", kind, code)),
                    f"betekenis.{kind}.{code}",
                    f"een betekenis voor de eigen code ({either(list(meanings))})",
                    "geen betekenis",
                    f"Voeg in gemeente.yaml toe: betekenis: {{{kind}: {{{code}: {list(meanings)[-1]}}}}} "
                    "en kies de betekenis die past; de indicatoren tellen de code dan zo mee.",
                )
        for code, meaning in sorted(given.items()):
            if code not in gemeente.labels.get(kind, {}):
                report.error(
                    doc.file,
                    doc.line(("betekenis", kind, code)),
                    f"betekenis.{kind}.{code}",
                    f"een code uit labels.{kind}",
                    shown(code),
                    nearest_hint(code, gemeente.codes(kind)),
                )
            elif meaning not in meanings:
                report.error(
                    doc.file,
                    doc.line(("betekenis", kind, code)),
                    f"betekenis.{kind}.{code}",
                    "een van " + either(list(meanings)),
                    shown(meaning),
                    nearest_hint(meaning, list(meanings)),
                )


def valid_departments(gemeente: Gemeente, year: int) -> list[str]:
    """Department codes valid in a given year."""
    return sorted(
        code
        for code, a in gemeente.afdelingen.items()
        if a.geldig_van <= year and (a.geldig_tot is None or year <= a.geldig_tot)
    )


def check_totalen(raw: RawYear, gemeente: Gemeente, report: Report) -> Totalen | None:
    """Validate totalen.yaml: schema, known codes and breakdowns that add up."""
    doc = raw.totalen
    if doc is None:
        return None
    awb = doc.data.get("awb") if isinstance(doc.data, dict) else None
    if isinstance(awb, dict) and awb.get("ontvangen") is None and not any(v is not None for v in awb.values()):
        # A file left as `make nieuw-jaar BRON=totalen` made it: never published as a year without complaints.
        report.error(
            doc.file,
            doc.line(("awb", "ontvangen")),
            "awb.ontvangen",
            f"het aantal klachten ontvangen in {raw.year}, zoals gepubliceerd",
            "nog niet ingevuld",
            f"Vul de gepubliceerde totalen in {doc.file} in en draai opnieuw 'make check'. Nog niet "
            f"zover? Zet de map {raw.folder} tijdelijk buiten data/ om de andere jaren te bouwen.",
        )
        return None
    totalen = check_model(doc, Totalen, report)
    if totalen is None:
        return None
    departments = valid_departments(gemeente, raw.year)

    def sums(part: str, name: str, counts: Mapping[str, int] | Mapping[int, int], total: int, total_name: str) -> None:
        if sum(counts.values()) != total:
            report.error(
                doc.file,
                doc.line((part, name)),
                f"{part}.{name}",
                f"een som gelijk aan {total_name} ({total})",
                f"som {sum(counts.values())}",
                "Een uitsplitsing moet optellen tot het totaal.",
            )

    def codes(part: str, name: str, counts: dict[str, int], valid: list[str]) -> None:
        for code in sorted(set(counts) - set(valid)):
            report.error(
                doc.file,
                doc.line((part, name, code)),
                f"{part}.{name}.{code}",
                "een bekende code",
                shown(code),
                nearest_hint(code, valid),
            )

    # Every breakdown is optional (not registered); one that is given must use known codes and add up (a partial
    # one or one over another base is checked in check_partial).
    check_published(doc, totalen, gemeente, report)
    other_base = check_partial(doc, totalen, report)
    for part, block in (("awb", totalen.awb), ("andersoortig", totalen.andersoortig)):
        if block is None:
            continue
        for name, valid in (("per_afdeling", departments), ("per_aard", gemeente.codes("aard"))):
            if getattr(block, name) is not None:
                codes(part, name, getattr(block, name), valid)
                if part != "awb" or name not in other_base:
                    sums(part, name, getattr(block, name), block.ontvangen, "ontvangen")
    awb = totalen.awb
    if awb.per_kanaal is not None:
        codes("awb", "per_kanaal", awb.per_kanaal, gemeente.codes("kanaal"))
        if "per_kanaal" not in other_base:
            sums("awb", "per_kanaal", awb.per_kanaal, awb.ontvangen, "ontvangen")
    if awb.per_maand is not None:
        sums("awb", "per_maand", awb.per_maand, awb.ontvangen, "ontvangen")
    needs = [
        ("afhandeling", "afgehandeld", awb.afhandeling, awb.afgehandeld),
        ("open_31_12_buiten_termijn", "open_31_12", awb.open_31_12_buiten_termijn, awb.open_31_12),
        ("oordeel", "afhandeling", awb.oordeel, awb.afhandeling),
    ]
    for name, needed, given, base in needs:
        if given is not None and base is None:
            report.error(
                doc.file,
                doc.line(("awb", name)),
                f"awb.{needed}",
                f"een waarde voor {needed}, omdat {name} is ingevuld",
                "leeg",
                f"Vul awb.{needed} in, of laat awb.{name} weg.",
            )
    if awb.afhandeling is not None:
        codes("awb", "afhandeling", awb.afhandeling, gemeente.closed_handlings())
        if awb.afgehandeld is not None:
            sums("awb", "afhandeling", awb.afhandeling, awb.afgehandeld, "afgehandeld")
        formal = gemeente.count_meaning("afhandeling", awb.afhandeling, "formeel")
        decided = gemeente.count_meaning("afhandeling", awb.afhandeling, "informeel", "formeel")
        if awb.oordeel is not None:
            codes("awb", "oordeel", awb.oordeel, gemeente.codes("oordeel"))
            sums("awb", "oordeel", awb.oordeel, formal, "de formeel afgehandelde klachten")
        if awb.binnen_termijn is not None and awb.binnen_termijn > decided:
            report.error(
                doc.file,
                doc.line(("awb", "binnen_termijn")),
                "awb.binnen_termijn",
                f"hoogstens informeel + formeel afgehandeld ({decided})",
                str(awb.binnen_termijn),
            )
    elif awb.binnen_termijn is not None:
        report.warn(
            doc.file,
            doc.line(("awb", "binnen_termijn")),
            "awb.binnen_termijn",
            "ook awb.afhandeling, om K9 te berekenen",
            "geen afhandeling",
            "Zonder de uitsplitsing naar afhandeling is K9 niet bekend; binnen_termijn wordt niet gebruikt.",
        )
    late, still_open = awb.open_31_12_buiten_termijn, awb.open_31_12
    if late is not None and still_open is not None and late > still_open:
        report.error(
            doc.file,
            doc.line(("awb", "open_31_12_buiten_termijn")),
            "awb.open_31_12_buiten_termijn",
            f"hoogstens open_31_12 ({awb.open_31_12})",
            str(awb.open_31_12_buiten_termijn),
        )
    return totalen
