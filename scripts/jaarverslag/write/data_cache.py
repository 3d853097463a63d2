"""The data cache in .build/: the data stage's result as JSON, so a rebuild after a text change skips it.

The key hashes every file under data/ except the chapter texts (<jaar>/tekst/), plus the code
(code_key.code_key: the package and the installed packages). On a hit the texts are read again and nothing
else of the data stage runs: no
pandas, no register, no aggregation. The file is plain JSON validated by pydantic on the way in
(never pickle); anything unreadable, of another shape or another key only costs a full data stage.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, TypeAdapter

from ..load.limits import file_digest
from ..load.raw import load_texts, namer
from ..model.indicators import YearIndicators
from ..model.problems import Problem, Report
from ..model.schema import Gemeente, Verslag
from ..model.totalen import Totalen
from ..validate.dataset import Dataset, YearInput
from ..validate.extras import SCHEMAS
from .build_stamp import PROBLEM_FIELDS
from .files import write_file

CACHE = "gegevens-cache.json"
TEXTS = "tekst"  # <jaar>/tekst/: read on every build, not part of the key
_INDICATORS = TypeAdapter(dict[int, YearIndicators])
_Model = TypeVar("_Model", bound=BaseModel)
# validate.extras.SCHEMAS has no annotation, so mypy joins its four model classes to their metaclass.
_SCHEMAS = cast("dict[str, type[BaseModel]]", SCHEMAS)
Differences = list[tuple[int, str, str]]  # acknowledged differences between years: (year, text, reason)
Cached = tuple[Dataset, dict[int, YearIndicators], Differences]  # what load() gives: the data stage's result


def input_key(data_dir: Path, code: str) -> str:
    """Hash of what the data stage reads (data/ but the chapter texts) and the code (code_key.code_key)."""
    digest = hashlib.sha256()
    digest.update(repr((code, str(data_dir.resolve()))).encode())
    for path in sorted(data_dir.rglob("*")):
        parts = path.relative_to(data_dir).parts
        if len(parts) > 2 and parts[1] == TEXTS:
            continue
        # Folders count too: an empty year folder is a problem the data stage reports.
        digest.update(
            path.relative_to(data_dir).as_posix().encode()
            + b"\0"
            + (file_digest(data_dir, path) if path.is_file() else b"/")
        )
    return digest.hexdigest()


def _encode(
    key: str,
    data: Dataset,
    indicators: dict[int, YearIndicators],
    warnings: list[Problem],
    differences: Sequence[tuple[int, str, str]],
) -> dict[str, object]:
    """The cache record: everything after the data stage but the register and the texts."""
    return {
        "key": key,
        "gemeente": data.gemeente.model_dump(mode="json"),
        "years": {
            str(y): {
                "source": i.source,
                "verslag": i.verslag.model_dump(mode="json"),
                "totalen": None if i.totalen is None else i.totalen.model_dump(mode="json"),
                "extra": {n: m.model_dump(mode="json") for n, m in sorted(i.extra.items())},
                "verslag_file": i.verslag_file,
            }
            for y, i in sorted(data.years.items())
        },
        "logo": None if data.logo is None else base64.b64encode(data.logo).decode("ascii"),
        "indicators": _INDICATORS.dump_python(indicators, mode="json"),
        "warnings": [asdict(w) for w in warnings],
        "differences": [list(d) for d in differences],
    }


def _decode(record: dict[str, Any]) -> tuple[Dataset, dict[int, YearIndicators], list[Problem], Differences]:
    """The objects of a record (texts left empty); raises on any part of another shape."""

    def model(schema: type[_Model], value: object) -> _Model:
        return schema.model_validate_json(json.dumps(value))

    years: dict[int, YearInput] = {}
    for name, item in record["years"].items():
        year = int(name)
        if str(year) != name or item["source"] not in ("register", "totalen"):
            raise ValueError(f"year {name!r}")
        years[year] = YearInput(
            year=year,
            source=item["source"],
            verslag=model(Verslag, item["verslag"]),
            totalen=None if item["totalen"] is None else model(Totalen, item["totalen"]),
            extra={n: model(_SCHEMAS[n], v) for n, v in item["extra"].items()},
            verslag_file=str(item["verslag_file"]),
        )
    logo = None if record["logo"] is None else base64.b64decode(record["logo"].encode("ascii"), validate=True)
    # The cache holds no register; Dataset.register (validate/) is typed as always present.
    dataset = Dataset(gemeente=model(Gemeente, record["gemeente"]), years=years, register=None, logo=logo)  # type: ignore[arg-type]
    indicators = _INDICATORS.validate_json(json.dumps(record["indicators"]))
    if not all(
        isinstance(w, dict) and set(w) <= PROBLEM_FIELDS and all(isinstance(v, (str, int)) for v in w.values())
        for w in record["warnings"]
    ):
        raise ValueError("warnings")
    warnings = [Problem(**w) for w in record["warnings"]]
    differences = [tuple(d) for d in record["differences"]]
    if not all(len(d) == 3 and isinstance(d[0], int) and all(isinstance(t, str) for t in d[1:]) for d in differences):
        raise ValueError("differences")
    return dataset, indicators, warnings, differences


def load(work: Path, key: str, data_dir: Path, report: Report) -> Cached | None:
    """(dataset without register, indicators, differences) from the cache with this key, the texts read
    again and the cached warnings added to the report; None when there is no usable cache."""
    path = work / CACHE
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or record.get("key") != key:
            return None
        dataset, indicators, warnings, differences = _decode(record)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError, binascii.Error):
        return None  # pydantic's ValidationError is a ValueError
    report.warnings.extend(warnings)
    rel = namer(data_dir)
    years = {y: replace(i, texts=load_texts(data_dir / str(y) / TEXTS, rel, report)) for y, i in dataset.years.items()}
    return replace(dataset, years=years), indicators, differences


def save(
    work: Path,
    key: str,
    data: Dataset,
    indicators: dict[int, YearIndicators],
    warnings: list[Problem],
    differences: Differences,
) -> bool:
    """Write the cache, only when its text reads back to exactly these objects (else none: a full data stage)."""
    text = json.dumps(_encode(key, data, indicators, warnings, differences), ensure_ascii=False, indent=0) + "\n"
    try:
        back, back_indicators, back_warnings, back_differences = _decode(json.loads(text))
    except (ValueError, TypeError, KeyError):
        return False

    # Every field compared but the register and the texts: a field this module does not know yet (a new one
    # in Dataset or YearInput) reads back as its default or not at all, so that data is simply not cached.
    def plain(d: Dataset) -> str:
        # No register (see _decode for why that needs an ignore), texts compared apart from the years.
        return repr(
            (
                replace(d, register=None, years={}),  # type: ignore[arg-type]
                [(y, replace(i, texts={})) for y, i in d.years.items()],
            )
        )

    same = (
        repr(back_indicators) == repr(indicators)
        and back_warnings == warnings
        and back_differences == differences
        and plain(back) == plain(data)
    )
    if same:
        write_file(work, CACHE, text.encode("utf-8"))
    return same
