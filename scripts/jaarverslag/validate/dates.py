"""Dates of a register as exports write them: ISO, or Dutch day-month-year; ambiguous forms refused by name."""

from __future__ import annotations

import pandas as pd

ISO = r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
DUTCH = r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
SHORT_YEAR = r"\d{1,2}([-/.])\d{1,2}\1\d{2}"
TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"  # a case system often adds the time of registration

EXPECTED = "een datum als 17-03-2020, 17/03/2020 of 2020-03-17"
SHORT_YEAR_HINT = (
    "Een jaartal van twee cijfers is dubbelzinnig (1922 of 2022?): laat de export het jaar voluit schrijven."
)
MONTH_FIRST_HINT = (
    "Deze kolom zet ergens de maand vóór de dag (zoals in rij {row}: {value}); dan is ook een datum als 03/04/2020 "
    "dubbelzinnig. Laat de export datums als dd-mm-jjjj of jjjj-mm-dd schrijven."
)


def parse_dates(values: pd.Series, rows: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series, str]:
    """Dates of a column, with masks for a bad form, a two-digit year, an impossible or ambiguous date, and the
    hint that explains the ambiguity (empty when there is none)."""
    # A register repeats a few hundred dates many times: parse each distinct value once, then spread.
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    dates, bad, short, impossible, month_first = _parse_unique(pd.Series(uniques, dtype=str))
    hint = ""
    if month_first.any():
        first = int(month_first.to_numpy().nonzero()[0][0])
        row = int(rows.to_numpy()[(codes == first).nonzero()[0][0]])
        hint = MONTH_FIRST_HINT.format(row=row, value=f"'{uniques[first]}'")

    def spread(unique: pd.Series) -> pd.Series:
        return pd.Series(unique.to_numpy()[codes], index=values.index)

    return spread(dates), spread(bad), spread(short), spread(impossible), hint


def _parse_unique(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series, pd.Series]:
    """Parse distinct date strings: dates; masks for bad form, two-digit year, impossible or ambiguous, month first."""
    iso = values.str.extract(f"^{ISO}{TIME}$")
    dutch = values.str.extract(f"^{DUTCH}{TIME}$")
    is_iso, is_dutch = iso["y"].notna(), dutch["y"].notna()
    parts = iso[["y", "m", "d"]].where(is_iso, dutch[["y", "m", "d"]])
    numbers = parts.astype("float64")
    dates = pd.to_datetime({"year": numbers["y"], "month": numbers["m"], "day": numbers["d"]}, errors="coerce").astype(
        "datetime64[s]"
    )
    short = values.str.fullmatch(SHORT_YEAR + TIME)
    # Month first (03/17/2020) shows in a value whose second number cannot be a month; then every Dutch date of
    # the column whose two numbers could both be a month is ambiguous.
    month_first = is_dutch & (numbers["m"] > 12) & (numbers["d"] <= 12)
    ambiguous = is_dutch & (numbers["m"] <= 12) & (numbers["d"] <= 12) & (numbers["m"] != numbers["d"])
    impossible = (is_iso | is_dutch) & dates.isna()
    if month_first.any():
        impossible = impossible | ambiguous
    bad = (values != "") & ~is_iso & ~is_dutch & ~short
    return dates, bad, short, impossible, month_first
