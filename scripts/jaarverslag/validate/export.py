"""The export mapping at work: values in the export's words become codes, and what is unknown becomes a proposal."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import get_args

import pandas as pd

from ..load.raw import RawYear
from ..model.codes import COLUMN_WORDS, COLUMNS, FALSE_WORDS, PERSONAL_HINTS, REQUIRED_COLUMNS, TRUE_WORDS, MappedColumn
from ..model.problems import Report, shown
from ..model.schema import Gemeente

MAX_PROPOSED = 40  # values proposed per column: a column with more distinct unknowns is not a code column
MIN_COLUMN_SCORE = 0.8
MAPPED_KINDS: tuple[str, ...] = get_args(MappedColumn)
COLUMNS_ORDER = {c: i for i, c in enumerate(COLUMNS)}


@dataclass
class Unknowns:
    """What a register's export says that the register does not know: missing columns and unknown values."""

    missing: list[str] = field(default_factory=list)
    values: dict[str, dict[str, int]] = field(default_factory=dict)  # column -> value -> first row

    def add(self, column: str, frame: pd.DataFrame, mask: pd.Series) -> None:
        """Remember the distinct values where mask is true, with the first row of each."""
        if not mask.any():
            return
        found = frame.loc[mask, [column, "rij"]].drop_duplicates(column).head(MAX_PROPOSED)
        self.values.setdefault(column, {}).update(zip(found[column], found["rij"].astype(int), strict=True))


def candidates(gemeente: Gemeente, column: str) -> dict[str, str]:
    """The codes a column may hold, with their labels."""
    if column == "afdeling":
        return {code: a.label for code, a in gemeente.afdelingen.items()}
    if column in ("verdaagd", "klachtadviescommissie"):
        return {"ja": "ja", "nee": "nee"}
    return dict(gemeente.labels.get(column, {}))


def valid_values(gemeente: Gemeente, column: str) -> set[str]:
    """Every value a column accepts (lower case)."""
    if column in ("verdaagd", "klachtadviescommissie"):
        return TRUE_WORDS | FALSE_WORDS
    return set(candidates(gemeente, column))


def map_values(frame: pd.DataFrame, gemeente: Gemeente, raw: RawYear, report: Report) -> pd.DataFrame:
    """Replace the export's values by codes as koppeling.waarden says (case does not count); a target that is no
    code of that column is reported once, at gemeente.yaml."""
    waarden = gemeente.koppeling.waarden
    if not waarden:
        return frame
    frame = frame.copy()
    for column, mapping in sorted(waarden.items()):
        valid = valid_values(gemeente, column)
        for value, code in sorted(mapping.items()):
            if code.strip().lower() not in valid:
                report.error(
                    gemeente_file(raw),
                    0,
                    f"koppeling.waarden.{column}",
                    f"een code van {column} voor {shown(value)}",
                    shown(code),
                    "Geldig: " + ", ".join(sorted(candidates(gemeente, column))) + ".",
                )
        if column not in frame:
            continue
        lower = {k.strip().lower(): v.strip().lower() for k, v in mapping.items()}
        # Each distinct value looked up once, then spread over the rows.
        codes, uniques = pd.factorize(frame[column].str.lower(), use_na_sentinel=False)
        mapped = pd.Series(uniques, dtype=str).map(lambda v, lower=lower: lower.get(v, v))
        frame[column] = pd.Series(mapped.to_numpy()[codes], index=frame.index)
    return frame


def gemeente_file(raw: RawYear) -> str:
    """How problems name gemeente.yaml: beside the year folder."""
    return raw.folder.rsplit("/", 1)[0] + "/gemeente.yaml"


def _words(text: str) -> list[str]:
    """The words of a column name, lower case."""
    return [w for w in re.split(r"[^0-9a-zà-ÿ]+", text.lower()) if len(w) >= 2]


def _score(header: str, column: str) -> float:
    """How well an export's column name fits a register column: its words against the column's words."""
    own = column.split("_")
    words = (*COLUMN_WORDS.get(column, ()), *own)
    score = 0.0
    for word in _words(header)[:10]:
        best = max(difflib.SequenceMatcher(None, word, w).ratio() for w in words)
        if best >= MIN_COLUMN_SCORE:
            score += best + (0.1 if word in own else 0.0)
    return score


def propose_columns(missing: list[str], headers: list[str]) -> dict[str, str]:
    """Export column name -> register column, each used once, best fits first."""
    pairs = sorted(
        ((_score(h, c), h, c) for h in headers for c in missing), key=lambda p: (-p[0], p[1], COLUMNS_ORDER[p[2]])
    )
    chosen: dict[str, str] = {}
    for score, header, column in pairs:
        if score >= MIN_COLUMN_SCORE and header not in chosen and column not in chosen.values():
            chosen[header] = column
    return chosen


def propose_value(value: str, options: dict[str, str]) -> str | None:
    """The code an export's value most likely means: same code or label when normalised, else the nearest."""
    text = value.strip().lower()
    normal = re.sub(r"[^0-9a-z]+", "_", text).strip("_")
    if normal in options:
        return normal
    by_label = {label.strip().lower(): code for code, label in options.items()}
    if text in by_label:
        return by_label[text]
    if len(text) > 100:
        return None
    match = difflib.get_close_matches(normal, sorted(options), n=1, cutoff=0.6)
    if match:
        return match[0]
    match = difflib.get_close_matches(text, sorted(by_label), n=1, cutoff=0.6)
    return by_label[match[0]] if match else None


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly this text (JSON strings are YAML double-quoted scalars)."""
    return json.dumps(text, ensure_ascii=False)


def proposal(raw: RawYear, gemeente: Gemeente, unknowns: Unknowns, report: Report) -> None:
    """Report the mapping that would make this export readable, as YAML to paste into gemeente.yaml."""
    export = gemeente.koppeling
    # A column that looks like personal data is never proposed: its values would be printed in the proposal.
    headers = sorted(h for h in raw.register_unmapped if not any(p in h.lower() for p in PERSONAL_HINTS))
    columns = propose_columns(unknowns.missing, headers)
    values = {c: dict(v) for c, v in unknowns.values.items()}
    for header, column in columns.items():
        if column in MAPPED_KINDS:
            valid = valid_values(gemeente, column)
            found = {v: r for v, r in raw.register_unmapped[header] if v.lower() not in valid}
            if found:
                values.setdefault(column, {}).update(found)
    if not (columns or values) or not (_has_mapping(gemeente) or raw.register_unmapped):
        return  # a typo in a register of our own columns: the row's own hint says enough
    lines = ["koppeling:"]
    if export.kopregel is not None:
        lines.append(f"  kopregel: {export.kopregel}")
    if export.blad is not None:
        lines.append(f"  blad: {_q(export.blad)}")
    lines.append("  kolommen:")
    lines += [f"    {_q(name)}: {column}" for name, column in export.kolommen.items()]
    lines += [f"    {_q(h)}: {c}  # nieuw" for h, c in sorted(columns.items(), key=lambda i: COLUMNS_ORDER[i[1]])]
    for column in unknowns.missing:
        if column not in columns.values():
            lines.append(f"    # ?: {column}  # welke kolom van de export?")
    lines.append("  waarden:")
    known: dict[str, dict[str, str]] = {str(c): dict(m) for c, m in export.waarden.items()}
    for column in sorted(set(known) | set(values), key=lambda c: COLUMNS_ORDER[c]):
        lines.append(f"    {column}:")
        lines += [f"      {_q(v)}: {c}" for v, c in known.get(column, {}).items()]
        options = candidates(gemeente, column)
        for value, row in sorted(values.get(column, {}).items(), key=lambda i: i[1]):
            code = propose_value(value, options)
            if code is not None:
                lines.append(f"      {_q(value)}: {code}  # nieuw, eerst in rij {row}")
            else:
                lines.append(f"      # {_q(value)}: ?  # rij {row}; kies uit " + ", ".join(sorted(options)))
    if not any(line.startswith("      ") for line in lines):
        lines.remove("  waarden:")
    new_columns = len(columns)
    new_values = sum(len(v) for v in values.values())
    report.error(
        raw.register_file,
        raw.register_header_row,
        "",
        "kolommen en waarden die het register kent",
        f"{len(unknowns.missing)} ontbrekende kolommen en {new_values} onbekende waarden",
        f"Voorstel voor gemeente.yaml ({new_columns} kolommen gevonden); controleer elke regel met '# nieuw', vul "
        "de vraagtekens in en vervang het blok koppeling (of zet het onderaan):\n" + "\n".join(lines),
    )


def _has_mapping(gemeente: Gemeente) -> bool:
    """True when gemeente.yaml says anything about an export."""
    export = gemeente.koppeling
    return bool(export.kolommen or export.waarden or export.kopregel or export.blad)


def missing_hint(column: str, raw: RawYear, gemeente: Gemeente) -> str:
    """What to do about a register column the export does not have by that name."""
    hint = f"De kolom zegt: {COLUMNS[column]}."
    if raw.register_unmapped or _has_mapping(gemeente):
        hint += " Heet hij in de export anders? Koppel hem onder koppeling.kolommen in gemeente.yaml."
    return hint


def required_missing(frame: pd.DataFrame) -> list[str]:
    """The required register columns the frame lacks."""
    return [c for c in REQUIRED_COLUMNS if c not in frame.columns]
