"""User-facing problems in the input data: collected, then raised once."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

# Per file/column/kind only this many rows are spelled out; the rest are summarised.
MAX_SHOWN_PER_GROUP = 20


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: file, spreadsheet row, column, expected, found, hint."""

    file: str
    row: int = 0  # 0: no row (whole file or a YAML field without a line)
    column: str = ""
    expected: str = ""
    found: str = ""
    hint: str = ""

    def format(self) -> str:
        """Render the problem as one Dutch line."""
        where = [self.file]
        if self.row:
            where.append(f"rij {self.row}" if self.file.endswith((".csv", ".xlsx")) else f"regel {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'" if self.file.endswith((".csv", ".xlsx")) else f"veld '{self.column}'")
        text = ", ".join(where) + f": verwacht {self.expected}"
        if self.found != "":
            text += f", gevonden {self.found}"
        text += "."
        if self.hint:
            text += f" {self.hint}"
        return text


def shown(value: object, limit: int = 60) -> str:
    """Quote a found value for a message, shortened so a huge cell cannot flood the terminal."""
    text = str(value)
    if text == "":
        return "een lege cel"
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text):,} tekens)".replace(",", ".")
    return "'" + text.replace("\n", "\\n") + "'"


def nearest_hint(found: str, valid: list[str]) -> str:
    """Suggest the closest valid code, in Dutch."""
    if not valid:
        return "gemeente.yaml noemt er geen: zet ze daar, of laat deze gegevens weg."
    if len(str(found)) > 100:
        return "Geldige waarden: " + ", ".join(sorted(valid)) + "."  # difflib on a huge cell takes seconds
    match = difflib.get_close_matches(str(found).strip().lower(), sorted(valid), n=1, cutoff=0.5)
    if match:
        return f"Bedoelde u '{match[0]}'?"
    return "Geldige waarden: " + ", ".join(sorted(valid)) + "."


@dataclass
class Report:
    """Errors and warnings gathered over a whole run."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(
        self, file: str, row: int = 0, column: str = "", expected: str = "", found: str = "", hint: str = ""
    ) -> None:
        """Record one error."""
        self.errors.append(Problem(file, row, column, expected, found, hint))

    def warn(
        self, file: str, row: int = 0, column: str = "", expected: str = "", found: str = "", hint: str = ""
    ) -> None:
        """Record one warning."""
        self.warnings.append(Problem(file, row, column, expected, found, hint))

    def raise_if_errors(self) -> None:
        """Stop the run with every error gathered so far."""
        if self.errors:
            raise DataError(self.errors, self.warnings)


class DataError(Exception):
    """The one exception type for problems a user can fix in the input."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None):
        self.problems = sorted(set(problems))
        self.warnings = sorted(set(warnings or []))
        super().__init__(f"{len(self.problems)} fout(en) in de invoer")


class SiteBuildError(Exception):
    """MkDocs refused the generated site (a warning under --strict): not a data-file problem, but a broken link or
    page in a coordinator's own text, in docs/, or from the generator itself; nothing is swapped in."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"MkDocs gaf {len(self.problems)} waarschuwing(en)")


def format_problems(problems: list[Problem]) -> list[str]:
    """Format problems, summarising long runs of the same mistake in one column."""
    groups: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in sorted(set(problems)):
        groups[(problem.file, problem.column, problem.expected)].append(problem)
    lines: list[str] = []
    for key in sorted(groups):
        group = groups[key]
        lines.extend(p.format() for p in group[:MAX_SHOWN_PER_GROUP])
        rest = group[MAX_SHOWN_PER_GROUP:]
        if rest:
            rows = ", ".join(str(p.row) for p in rest[:10]) + (", …" if len(rest) > 10 else "")
            lines.append(f"{key[0]}, kolom '{key[1]}': nog {len(rest)} keer dezelfde fout (rijen {rows}).")
    return lines


def either(codes: list[str]) -> str:
    """'a, b of c': a Dutch list of alternatives."""
    from babel.lists import format_list

    return format_list(codes, style="or", locale="nl") if codes else ""
