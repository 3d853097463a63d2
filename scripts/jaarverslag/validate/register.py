"""Checks of a register: every field of every row, then the rules across fields and across years."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

import pandas as pd

from ..load.raw import RawData, RawYear
from ..model.codes import FALSE_WORDS, FIXED_KINDS, MEANINGS, TRUE_WORDS
from ..model.problems import Report, either, nearest_hint, shown
from ..model.schema import Gemeente
from .dates import EXPECTED, SHORT_YEAR_HINT, parse_dates
from .export import Unknowns, map_values, missing_hint, proposal, required_missing


def _errors_at(
    report: Report,
    frame: pd.DataFrame,
    mask: pd.Series,
    file: str,
    column: str,
    expected: str,
    hint_for: Callable[[str], str] | None = None,
) -> None:
    """Report one problem per row where mask is true (vectorised checks, per-row messages)."""
    if not mask.any():
        return
    for row, value in zip(
        frame.loc[mask, "rij"], frame.loc[mask, column] if column in frame else [""] * int(mask.sum()), strict=True
    ):
        hint = hint_for(value) if hint_for else ""
        report.error(file, int(row), column, expected, shown(value), hint)


def check_register(raw: RawYear, gemeente: Gemeente, report: Report) -> pd.DataFrame | None:
    """Validate one register: per field first, then the rules across fields."""
    frame, file, year = raw.register, raw.register_file, raw.year
    if frame is None:
        return None
    frame = map_values(frame, gemeente, raw, report)
    unknowns = Unknowns(required_missing(frame))
    for column in unknowns.missing:
        report.error(
            file,
            raw.register_header_row,
            column,
            f"de kolom '{column}' in de kopregel",
            "geen kolom met die naam",
            missing_hint(column, raw, gemeente),
        )
    if unknowns.missing:
        # The values of the columns that are there are still looked at: one run proposes the whole mapping.
        for column in ("soort", "aard", "kanaal", "afhandeling", "oordeel", "afdeling", "verdaagd"):
            if column in frame:
                values = frame[column].str.lower()
                unknowns.add(column, frame, (values != "") & ~values.isin(_valid(gemeente, column)))
        proposal(raw, gemeente, unknowns, report)
        return None
    if frame.empty:
        # A freshly scaffolded year: never published as a year without complaints.
        report.error(
            file,
            0,
            "",
            f"de klachten van {year}: de export van het register, één klacht per rij",
            "alleen de kopregel",
            f"Zet de export van het register over {year} in {file} (of een "
            f"klachten.xlsx ernaast), vul {raw.folder}/verslag.yaml in en draai opnieuw 'make check'. "
            f"Nog niet zover? Zet de map {raw.folder} tijdelijk buiten data/ om de andere jaren te bouwen.",
        )
        return None
    if "klachtadviescommissie" not in frame.columns:
        frame = frame.assign(klachtadviescommissie="")
    before = len(report.errors)
    required = ["id", "ontvangen_op", "soort", "afdeling", "aard", "kanaal", "afhandeling"]
    for column in required:
        _errors_at(report, frame, frame[column] == "", file, column, f"een waarde in '{column}'")
    for kind in ("soort", "aard", "kanaal", "afhandeling"):
        values = frame[kind].str.lower()
        bad = (values != "") & ~values.isin(gemeente.codes(kind))
        unknowns.add(kind, frame, bad)
        _errors_at(
            report,
            frame,
            bad,
            file,
            kind,
            f"een code voor {kind} uit gemeente.yaml",
            partial(_code_hint, codes=gemeente.codes(kind), kind=kind),
        )
    departments = sorted(gemeente.afdelingen)
    afdeling = frame["afdeling"].str.lower()
    unknown = (afdeling != "") & ~afdeling.isin(departments)
    unknowns.add("afdeling", frame, unknown)
    _errors_at(
        report,
        frame,
        unknown,
        file,
        "afdeling",
        "een afdelingscode uit gemeente.yaml",
        lambda v: nearest_hint(v, departments),
    )
    oordeel = frame["oordeel"].str.lower()
    bad_oordeel = (oordeel != "") & ~oordeel.isin(gemeente.codes("oordeel"))
    unknowns.add("oordeel", frame, bad_oordeel)
    _errors_at(
        report,
        frame,
        bad_oordeel,
        file,
        "oordeel",
        "een code voor oordeel uit gemeente.yaml",
        lambda v: _code_hint(v, gemeente.codes("oordeel"), "oordeel"),
    )
    flags = {}
    for column in ("verdaagd", "klachtadviescommissie"):
        values = frame[column].str.lower()
        flags[column] = values.isin(TRUE_WORDS)
        bad_flag = ~values.isin(TRUE_WORDS | FALSE_WORDS)
        unknowns.add(column, frame, bad_flag)
        _errors_at(
            report,
            frame,
            bad_flag,
            file,
            column,
            "ja of nee",
            lambda v: "Gebruik ja of nee (ook goed: j, n, 1, 0, waar, onwaar).",
        )
    proposal(raw, gemeente, unknowns, report)
    dates = {}
    for column in ("ontvangen_op", "afgehandeld_op"):
        dates[column], bad, short, impossible, ambiguity = parse_dates(frame[column], frame["rij"])
        _errors_at(
            report,
            frame,
            bad,
            file,
            column,
            EXPECTED,
            lambda v: "Laat de export datums schrijven als dd-mm-jjjj of jjjj-mm-dd.",
        )
        _errors_at(report, frame, short, file, column, "een jaartal van vier cijfers", lambda v: SHORT_YEAR_HINT)
        if ambiguity:
            _errors_at(report, frame, impossible, file, column, "een eenduidige datum", partial(_same, ambiguity))
        else:
            _errors_at(report, frame, impossible, file, column, "een bestaande datum")
    received, closed = dates["ontvangen_op"], dates["afgehandeld_op"]
    typed = pd.DataFrame(
        {
            "id": frame["id"],
            "jaar": year,
            "rij": frame["rij"].astype("int64"),
            "ontvangen_op": received,
            "afgehandeld_op": closed,
            "soort": frame["soort"].str.lower(),
            "afdeling": afdeling,
            "aard": frame["aard"].str.lower(),
            "kanaal": frame["kanaal"].str.lower(),
            "afhandeling": frame["afhandeling"].str.lower(),
            "oordeel": oordeel,
            "verdaagd": flags["verdaagd"],
            "klachtadviescommissie": flags["klachtadviescommissie"],
        }
    )
    # Rules across fields, only where the fields themselves were readable.
    late = typed["ontvangen_op"].dt.year > year
    _errors_at(
        report,
        frame,
        late,
        file,
        "ontvangen_op",
        f"een datum in of vóór {year}",
        lambda v: f"Een klacht ontvangen na {year} hoort in het register van een later jaar.",
    )
    before_received = typed["afgehandeld_op"] < typed["ontvangen_op"]
    _errors_at(
        report,
        frame,
        before_received,
        file,
        "afgehandeld_op",
        "een datum op of na ontvangen_op",
        lambda v: "Zijn de twee datums verwisseld?",
    )
    handling = typed["afhandeling"]
    # Handling codes count by their meaning, so a gemeente's own code follows the same rules.
    formal_codes = gemeente.codes_meaning("afhandeling", "formeel")
    open_codes = gemeente.codes_meaning("afhandeling", "open")
    is_formal = handling.isin(formal_codes)
    _errors_at(
        report,
        frame,
        is_formal & (oordeel == ""),
        file,
        "oordeel",
        "een oordeel bij een formele afhandeling",
        lambda v: f"Kies {either(gemeente.codes('oordeel'))}.",
    )
    _errors_at(
        report,
        frame,
        ~is_formal & (oordeel != "") & (handling != ""),
        file,
        "oordeel",
        f"geen oordeel (alleen bij {either(formal_codes)})",
        lambda v: "Maak de cel leeg.",
    )
    is_open = handling.isin(open_codes)
    _errors_at(
        report,
        frame,
        is_open & (frame["afgehandeld_op"] != ""),
        file,
        "afgehandeld_op",
        f"een lege cel bij {either(open_codes)}",
        lambda v: "Is de klacht afgehandeld? Vul dan ook de afhandeling in.",
    )
    known_handling = handling.isin(gemeente.codes("afhandeling"))
    _errors_at(
        report,
        frame,
        known_handling & ~is_open & (frame["afgehandeld_op"] == ""),
        file,
        "afgehandeld_op",
        "een datum van afhandeling",
        lambda v: f"Nog niet afgehandeld? Zet de afhandeling op {either(open_codes) or 'een code met betekenis open'}.",
    )
    # Looked up once per distinct department, then spread over the rows.
    codes, names = pd.factorize(afdeling, use_na_sentinel=False)
    opens = {c: a.geldig_van for c, a in gemeente.afdelingen.items()}
    closes = {c: a.geldig_tot or 9999 for c, a in gemeente.afdelingen.items()}
    valid_from = pd.Series([opens.get(n, 0) for n in names], dtype="float64").to_numpy()[codes]
    valid_to = pd.Series([closes.get(n, 9999) for n in names], dtype="float64").to_numpy()[codes]
    received_year = typed["ontvangen_op"].dt.year
    outside = ~unknown & received_year.notna() & ((received_year < valid_from) | (received_year > valid_to))
    _errors_at(
        report,
        frame,
        outside,
        file,
        "afdeling",
        "een afdeling die bestond toen de klacht binnenkwam",
        lambda v: "Zie geldig_van en geldig_tot in gemeente.yaml.",
    )
    duplicated = _duplicated(frame["id"], "first") & (frame["id"] != "")
    for row, value in zip(frame.loc[duplicated, "rij"], frame.loc[duplicated, "id"], strict=True):
        first = int(frame.loc[frame["id"] == value, "rij"].iloc[0])
        report.error(file, int(row), "id", "een uniek id", shown(value), f"Hetzelfde id staat ook in rij {first}.")
    return typed if len(report.errors) == before else None


def _duplicated(values: pd.Series, keep: Literal["first", False]) -> pd.Series:
    """Series.duplicated through integer codes: on Arrow strings pandas' own is several times slower."""
    codes, _ = pd.factorize(values, use_na_sentinel=False)
    return pd.Series(codes, index=values.index).duplicated(keep=keep)


def _same(hint: str, value: str) -> str:
    """The same hint for every value."""
    return hint


def _valid(gemeente: Gemeente, column: str) -> list[str]:
    """The lower-case values a coded column accepts."""
    if column == "afdeling":
        return sorted(gemeente.afdelingen)
    if column == "verdaagd":
        return sorted(TRUE_WORDS | FALSE_WORDS)
    return gemeente.codes(column)


def _code_hint(value: str, codes: list[str], kind: str) -> str:
    """The nearest code, or the valid ones plus how to add an own code to the list."""
    hint = nearest_hint(value, codes)
    if kind in FIXED_KINDS or hint.startswith("Bedoelde"):
        return hint
    return f"{hint} Gebruikt de gemeente deze code? Zet hem met een label onder labels.{kind} in gemeente.yaml" + (
        f" en geef hem een betekenis onder betekenis.{kind}." if kind in MEANINGS else "."
    )


def check_ids_across_years(register: pd.DataFrame, raw: RawData, report: Report) -> None:
    """Report ids that appear in the registers of two different years."""
    # Only registers without duplicates inside them get here, so any repeated id is across years;
    # one pass over the ids finds them, and only those few rows are looked at further.
    repeated = _duplicated(register["id"], False)
    if not repeated.any():
        return
    pairs = register.loc[repeated, ["id", "jaar", "rij"]].drop_duplicates(["id", "jaar"])
    clash = pairs["id"].duplicated(keep=False)
    for identifier, group in pairs[clash].groupby("id", sort=True):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            report.error(
                raw.years[int(other["jaar"])].register_file,
                int(other["rij"]),
                "id",
                "een id dat in geen ander jaar voorkomt",
                shown(identifier),
                f"Hetzelfde id staat in {raw.years[int(first['jaar'])].register_file}, rij {first['rij']}.",
            )
