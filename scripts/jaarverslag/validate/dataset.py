"""Validate stage: check every rule, collect every problem, hand on typed data."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ValidationError

from . import extras as extra_schemas
from ..model.problems import Report, nearest_hint, shown
from ..load.raw import RawData, RawYear, YamlDoc
from ..model.schema import (CODE_PATTERN, CODES, COLUMNS, FALSE_WORDS, PYDANTIC_EXPECTED, REQUIRED_COLUMNS, TRUE_WORDS,
                     Gemeente, Totalen, Verslag)


@dataclass(frozen=True)
class YearInput:
    """One validated year: its report metadata, its source and its extra files."""

    year: int
    source: Literal["register", "totalen"]
    verslag: Verslag
    totalen: Totalen | None
    extra: dict[str, BaseModel] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """Everything the aggregate stage needs, known to be valid."""

    gemeente: Gemeente
    years: dict[int, YearInput]
    register: pd.DataFrame  # all register rows of all years, typed


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


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse ISO and Dutch dates; return dates, bad-format mask and impossible-date mask."""
    # A register repeats a few hundred dates many times: parse each distinct value once, then spread.
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    dates, bad_format, impossible = _parse_unique_dates(pd.Series(uniques, dtype=str))
    spread = lambda s: pd.Series(s.to_numpy()[codes], index=values.index)  # noqa: E731
    return spread(dates), spread(bad_format), spread(impossible)


def _parse_unique_dates(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse distinct date strings; return dates, bad-format mask and impossible-date mask."""
    iso = values.str.fullmatch(r"\d{4}-\d{2}-\d{2}")
    dutch = values.str.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}")
    dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    dates[iso] = pd.to_datetime(values[iso], format="%Y-%m-%d", errors="coerce")
    dates[dutch] = pd.to_datetime(values[dutch], format="%d-%m-%Y", errors="coerce")
    bad_format = (values != "") & ~iso & ~dutch
    impossible = (iso | dutch) & dates.isna()
    return dates, bad_format, impossible


def _errors_at(report: Report, frame: pd.DataFrame, mask: pd.Series, file: str, column: str,
               expected: str, hint_for=None) -> None:
    """Report one problem per row where mask is true (vectorised checks, per-row messages)."""
    if not mask.any():
        return
    for row, value in zip(frame.loc[mask, "rij"], frame.loc[mask, column] if column in frame else
                          [""] * int(mask.sum())):
        hint = hint_for(value) if hint_for else ""
        report.error(file, int(row), column, expected, shown(value), hint)


def check_register(raw: RawYear, gemeente: Gemeente, report: Report) -> pd.DataFrame | None:
    """Validate one register: per field first, then the rules across fields."""
    frame, file, year = raw.register, raw.register_file, raw.year
    if frame is None:
        return None
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    for column in missing:
        report.error(file, 1, column, f"de kolom '{column}' in de kopregel", "geen kolom met die naam",
                     f"De kolom zegt: {COLUMNS[column]}.")
    if missing:
        return None
    if frame.empty:
        # A freshly scaffolded year: never published as a year without complaints.
        report.error(file, 0, "", f"de klachten van {year}: de export van het register, één klacht per rij",
                     "alleen de kopregel", f"Zet de export van het register over {year} in {file} (of een "
                     f"klachten.xlsx ernaast), vul {raw.folder}/verslag.yaml in en draai opnieuw 'make check'. "
                     f"Nog niet zover? Zet de map {raw.folder} tijdelijk buiten data/ om de andere jaren te bouwen.")
        return None
    if "klachtadviescommissie" not in frame.columns:
        frame = frame.assign(klachtadviescommissie="")
    before = len(report.errors)
    required = ["id", "ontvangen_op", "soort", "afdeling", "aard", "kanaal", "afhandeling"]
    for column in required:
        _errors_at(report, frame, frame[column] == "", file, column, f"een waarde in '{column}'")
    for kind in ("soort", "aard", "kanaal", "afhandeling"):
        values = frame[kind].str.lower()
        bad = (values != "") & ~values.isin(CODES[kind])
        _errors_at(report, frame, bad, file, kind, f"een code voor {kind}",
                   lambda v, k=kind: nearest_hint(v, CODES[k]))
    departments = sorted(gemeente.afdelingen)
    afdeling = frame["afdeling"].str.lower()
    unknown = (afdeling != "") & ~afdeling.isin(departments)
    _errors_at(report, frame, unknown, file, "afdeling", "een afdelingscode uit gemeente.yaml",
               lambda v: nearest_hint(v, departments))
    oordeel = frame["oordeel"].str.lower()
    _errors_at(report, frame, (oordeel != "") & ~oordeel.isin(CODES["oordeel"]), file, "oordeel",
               "een code voor oordeel", lambda v: nearest_hint(v, CODES["oordeel"]))
    flags = {}
    for column in ("verdaagd", "klachtadviescommissie"):
        values = frame[column].str.lower()
        flags[column] = values.isin(TRUE_WORDS)
        _errors_at(report, frame, ~values.isin(TRUE_WORDS | FALSE_WORDS), file, column,
                   "ja of nee", lambda v: "Gebruik ja of nee (ook goed: j, n, 1, 0, waar, onwaar).")
    received, bad_r, impossible_r = _parse_dates(frame["ontvangen_op"])
    closed, bad_c, impossible_c = _parse_dates(frame["afgehandeld_op"])
    for column, bad, impossible in (("ontvangen_op", bad_r, impossible_r),
                                    ("afgehandeld_op", bad_c, impossible_c)):
        _errors_at(report, frame, bad, file, column, "een datum als 2020-03-17 of 17-03-2020",
                   lambda v: "Schrijf de datum als JJJJ-MM-DD; een datum als 3/4/20 is dubbelzinnig.")
        _errors_at(report, frame, impossible, file, column, "een bestaande datum")
    typed = pd.DataFrame({
        "id": frame["id"], "jaar": year, "rij": frame["rij"].astype("int64"),
        "ontvangen_op": received, "afgehandeld_op": closed,
        "soort": frame["soort"].str.lower(), "afdeling": afdeling, "aard": frame["aard"].str.lower(),
        "kanaal": frame["kanaal"].str.lower(), "afhandeling": frame["afhandeling"].str.lower(),
        "oordeel": oordeel, "verdaagd": flags["verdaagd"],
        "klachtadviescommissie": flags["klachtadviescommissie"],
    })
    # Rules across fields, only where the fields themselves were readable.
    late = typed["ontvangen_op"].dt.year > year
    _errors_at(report, frame, late, file, "ontvangen_op", f"een datum in of vóór {year}",
               lambda v: f"Een klacht ontvangen na {year} hoort in het register van een later jaar.")
    before_received = typed["afgehandeld_op"] < typed["ontvangen_op"]
    _errors_at(report, frame, before_received, file, "afgehandeld_op",
               "een datum op of na ontvangen_op", lambda v: "Zijn de twee datums verwisseld?")
    handling = typed["afhandeling"]
    is_formal = handling == "formeel_afgehandeld"
    _errors_at(report, frame, is_formal & (oordeel == ""), file, "oordeel",
               "een oordeel bij formeel_afgehandeld",
               lambda v: "Kies gegrond, deels_gegrond, ongegrond of geen_oordeel.")
    _errors_at(report, frame, ~is_formal & (oordeel != "") & (handling != ""), file, "oordeel",
               "geen oordeel (alleen bij formeel_afgehandeld)", lambda v: "Maak de cel leeg.")
    is_open = handling == "in_behandeling"
    _errors_at(report, frame, is_open & (frame["afgehandeld_op"] != ""), file, "afgehandeld_op",
               "een lege cel bij in_behandeling",
               lambda v: "Is de klacht afgehandeld? Vul dan ook de afhandeling in.")
    known_handling = handling.isin(CODES["afhandeling"])
    _errors_at(report, frame, known_handling & ~is_open & (frame["afgehandeld_op"] == ""), file,
               "afgehandeld_op", "een datum van afhandeling",
               lambda v: "Nog niet afgehandeld? Zet de afhandeling op in_behandeling.")
    # Looked up once per distinct department, then spread over the rows.
    codes, names = pd.factorize(afdeling, use_na_sentinel=False)
    opens = {c: a.geldig_van for c, a in gemeente.afdelingen.items()}
    closes = {c: a.geldig_tot or 9999 for c, a in gemeente.afdelingen.items()}
    valid_from = pd.Series([opens.get(n, 0) for n in names], dtype="float64").to_numpy()[codes]
    valid_to = pd.Series([closes.get(n, 9999) for n in names], dtype="float64").to_numpy()[codes]
    received_year = typed["ontvangen_op"].dt.year
    outside = ~unknown & received_year.notna() & ((received_year < valid_from) | (received_year > valid_to))
    _errors_at(report, frame, outside, file, "afdeling", "een afdeling die bestond toen de klacht binnenkwam",
               lambda v: "Zie geldig_van en geldig_tot in gemeente.yaml.")
    duplicated = frame["id"].duplicated(keep="first") & (frame["id"] != "")
    for row, value in zip(frame.loc[duplicated, "rij"], frame.loc[duplicated, "id"]):
        first = int(frame.loc[frame["id"] == value, "rij"].iloc[0])
        report.error(file, int(row), "id", "een uniek id", shown(value), f"Hetzelfde id staat ook in rij {first}.")
    return typed if len(report.errors) == before else None


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


def validate(raw: RawData, report: Report) -> Dataset:
    """Check all raw data; raise DataError with every problem, or return the typed dataset."""
    gemeente = check_gemeente(raw.gemeente, report)
    if not raw.years:
        report.error(f"{raw.root.name}/", expected="ten minste één jaarmap (bijvoorbeeld 2020/)",
                     found="geen jaarmappen")
    if gemeente is None:
        report.raise_if_errors()
    frames, years = [], {}
    for year, item in sorted(raw.years.items()):
        verslag = check_model(item.verslag, Verslag, report) if item.verslag else None
        if verslag is not None and verslag.jaar != year:
            report.error(item.verslag.file, item.verslag.line(("jaar",)), "jaar", f"het jaar van de map ({year})",
                         str(verslag.jaar))
        if year not in gemeente.inwoners:
            report.warn(raw.gemeente.file, raw.gemeente.line(("inwoners",)), "inwoners",
                        f"het aantal inwoners op 1 januari {year}", "geen", "Zonder inwoners geen K4.")
        frame = check_register(item, gemeente, report)
        totalen = check_totalen(item, gemeente, report) if item.totalen is not None else None
        extras = extra_schemas.check_extras(item, gemeente, report, check_model)
        if frame is not None:
            frames.append(frame)
        if verslag is not None and (frame is not None or totalen is not None):
            source = "register" if frame is not None else "totalen"
            years[year] = YearInput(year, source, verslag, totalen, extras, item.texts)
    register = (pd.concat(frames, ignore_index=True) if frames else
                pd.DataFrame({c: pd.Series(dtype=object) for c in [*COLUMNS, "jaar", "rij"]}))
    if frames:
        _check_ids_across_years(register, raw, report)
    report.raise_if_errors()
    return Dataset(gemeente, years, register)


def _check_ids_across_years(register: pd.DataFrame, raw: RawData, report: Report) -> None:
    """Report ids that appear in the registers of two different years."""
    # Only registers without duplicates inside them get here, so any repeated id is across years;
    # one pass over the ids finds them, and only those few rows are looked at further.
    repeated = register["id"].duplicated(keep=False)
    if not repeated.any():
        return
    pairs = register.loc[repeated, ["id", "jaar", "rij"]].drop_duplicates(["id", "jaar"])
    clash = pairs["id"].duplicated(keep=False)
    for identifier, group in pairs[clash].groupby("id", sort=True):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            report.error(raw.years[int(other["jaar"])].register_file, int(other["rij"]), "id",
                         "een id dat in geen ander jaar voorkomt", shown(identifier),
                         f"Hetzelfde id staat in {raw.years[int(first['jaar'])].register_file}, rij {first['rij']}.")
