"""The protection cache in .build/: each cross table's hidden cells by a hash of its counts, for one code key.

A rebuild whose cross tables did not change (a changed channel, date or chapter text) then neither loads
scipy nor solves a programme. Plain JSON; anything unreadable or of another shape only costs the work.
"""

from __future__ import annotations

import json
from pathlib import Path

from .files import write_file

CACHE = "bescherming-cache.json"


def load(work: Path, code: str) -> dict[str, list[list[str]]]:
    """Table key -> [[afdeling, code, mark], ...] from the cache made by this code, or nothing usable: {}."""
    try:
        record = json.loads((work / CACHE).read_text(encoding="utf-8"))
        if record["code"] != code:  # another version of the rule or the program: protect everything anew
            return {}
        tables = record["tabellen"]
        if all(
            isinstance(k, str)
            and all(isinstance(c, list) and len(c) == 3 and all(isinstance(x, str) for x in c) for c in v)
            for k, v in tables.items()
        ):
            return tables
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        pass
    return {}


def save(work: Path, tables: dict[str, list[list[str]]], code: str) -> None:
    """Write the tables of this build (and no others: the file never grows beyond one build's tables)."""
    text = json.dumps({"code": code, "tabellen": tables}, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
    write_file(work, CACHE, text.encode("utf-8"))
