"""Checks of the YAML documents: schema errors in Dutch, gemeente.yaml and totalen.yaml."""
from __future__ import annotations

import re

from pydantic import BaseModel, ValidationError

from ..load.raw import RawYear, YamlDoc
from ..model.problems import Report, nearest_hint, shown
from ..model.schema import CODE_PATTERN, CODES, PYDANTIC_EXPECTED, Gemeente, Totalen


def check_model(doc: YamlDoc, model: type[BaseModel], report: Report) -> BaseModel | None:
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
            report.error(doc.file, doc.line(loc), ".".join(str(p) for p in loc) or "(bestand)",
                         expected, found, hint)
        return None


def _pydantic_expected(err: dict) -> tuple[str, str]:
    """Dutch 'expected' and hint for one pydantic error."""
    ctx = err.get("ctx") or {}
    if err["type"] == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = nearest_hint(str(err.get("input")), choices)
        return "een van " + ", ".join(choices), hint if hint.startswith("Bedoelde") else ""
    if err["type"] == "string_pattern_mismatch" and ctx.get("pattern") != CODE_PATTERN:
        return "alleen letters, cijfers, - en _", "Laat spaties en leestekens weg."
    if err["type"] == "string_pattern_mismatch":
        return ("een code van kleine letters, cijfers en _ (zoals openbare_ruimte)",
                "Een code wordt een bestandsnaam en een adres op de site: laat hoofdletters, spaties, "
                "punten, / en andere leestekens weg.")
    expected = PYDANTIC_EXPECTED.get(err["type"], "een geldige waarde ({type})").format(**ctx, type=err["type"])
    return expected, "Zie de handleiding voor de velden van dit bestand."


def check_gemeente(doc: YamlDoc | None, report: Report) -> Gemeente | None:
    """Validate gemeente.yaml: schema, a label for every code, consistent departments."""
    if doc is None:
        return None
    gemeente = check_model(doc, Gemeente, report)
    if gemeente is None:
        return None
    for kind, codes in sorted(CODES.items()):
        labels = gemeente.labels.get(kind, {})
        for code in codes:
            if code not in labels:
                report.error(doc.file, doc.line(("labels", kind)), f"labels.{kind}",
                             f"een label voor de code '{code}'", "geen label")
        for code in sorted(set(labels) - set(codes)):
            report.error(doc.file, doc.line(("labels", kind, code)), f"labels.{kind}.{code}",
                         f"een bekende code van {kind}", shown(code), nearest_hint(code, codes))
    for code, afdeling in sorted(gemeente.afdelingen.items()):
        if afdeling.geldig_tot is not None and afdeling.geldig_tot < afdeling.geldig_van:
            report.error(doc.file, doc.line(("afdelingen", code, "geldig_tot")),
                         f"afdelingen.{code}.geldig_tot", f"een jaar vanaf {afdeling.geldig_van}",
                         str(afdeling.geldig_tot))
        if afdeling.voorganger is not None and afdeling.voorganger not in gemeente.afdelingen:
            report.error(doc.file, doc.line(("afdelingen", code, "voorganger")),
                         f"afdelingen.{code}.voorganger", "de code van een afdeling",
                         shown(afdeling.voorganger), nearest_hint(afdeling.voorganger,
                                                                  list(gemeente.afdelingen)))
    return gemeente


def valid_departments(gemeente: Gemeente, year: int) -> list[str]:
    """Department codes valid in a given year."""
    return sorted(code for code, a in gemeente.afdelingen.items()
                  if a.geldig_van <= year and (a.geldig_tot is None or year <= a.geldig_tot))


def check_totalen(raw: RawYear, gemeente: Gemeente, report: Report) -> Totalen | None:
    """Validate totalen.yaml: schema, known codes and breakdowns that add up."""
    doc = raw.totalen
    totalen = check_model(doc, Totalen, report) if doc is not None else None
    if totalen is None:
        return None
    departments = valid_departments(gemeente, raw.year)

    def sums(part: str, name: str, counts: dict, total: int, total_name: str) -> None:
        if sum(counts.values()) != total:
            report.error(doc.file, doc.line((part, name)), f"{part}.{name}",
                         f"een som gelijk aan {total_name} ({total})", f"som {sum(counts.values())}",
                         "Een uitsplitsing moet optellen tot het totaal.")

    def codes(part: str, name: str, counts: dict, valid: list[str]) -> None:
        for code in sorted(set(counts) - set(valid)):
            report.error(doc.file, doc.line((part, name, code)), f"{part}.{name}.{code}",
                         "een bekende code", shown(code), nearest_hint(code, valid))

    for part, block in (("awb", totalen.awb), ("andersoortig", totalen.andersoortig)):
        codes(part, "per_afdeling", block.per_afdeling, departments)
        codes(part, "per_aard", block.per_aard, CODES["aard"])
        sums(part, "per_afdeling", block.per_afdeling, block.ontvangen, "ontvangen")
        sums(part, "per_aard", block.per_aard, block.ontvangen, "ontvangen")
    awb = totalen.awb
    codes("awb", "per_kanaal", awb.per_kanaal, CODES["kanaal"])
    codes("awb", "afhandeling", awb.afhandeling, [c for c in CODES["afhandeling"] if c != "in_behandeling"])
    codes("awb", "oordeel", awb.oordeel, CODES["oordeel"])
    sums("awb", "per_kanaal", awb.per_kanaal, awb.ontvangen, "ontvangen")
    sums("awb", "per_maand", awb.per_maand, awb.ontvangen, "ontvangen")
    sums("awb", "afhandeling", awb.afhandeling, awb.afgehandeld, "afgehandeld")
    formal = awb.afhandeling.get("formeel_afgehandeld", 0)
    sums("awb", "oordeel", awb.oordeel, formal, "afhandeling.formeel_afgehandeld")
    decided = formal + awb.afhandeling.get("informeel_opgelost", 0)
    if awb.binnen_termijn is not None and awb.binnen_termijn > decided:
        report.error(doc.file, doc.line(("awb", "binnen_termijn")), "awb.binnen_termijn",
                     f"hoogstens informeel + formeel afgehandeld ({decided})", str(awb.binnen_termijn))
    if awb.open_31_12_buiten_termijn is not None and awb.open_31_12_buiten_termijn > awb.open_31_12:
        report.error(doc.file, doc.line(("awb", "open_31_12_buiten_termijn")), "awb.open_31_12_buiten_termijn",
                     f"hoogstens open_31_12 ({awb.open_31_12})", str(awb.open_31_12_buiten_termijn))
    return totalen
