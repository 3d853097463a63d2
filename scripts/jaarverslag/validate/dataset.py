"""Validate stage: check every rule, collect every problem, hand on typed data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ..load.raw import RawData
from ..model.codes import COLUMNS
from ..model.problems import Report
from ..model.schema import Gemeente, Verslag
from ..model.totalen import Totalen
from .documents import check_gemeente, check_model, check_totalen
from .extras import check_extras
from .huisstijl import check_huisstijl
from .published import check_published_changes

if TYPE_CHECKING:  # pandas and the register checks load in validate(): the data cache's path never needs them
    import pandas as pd


@dataclass(frozen=True)
class YearInput:
    """One validated year: its report metadata, its source and its extra files."""

    year: int
    source: Literal["register", "totalen"]
    verslag: Verslag
    totalen: Totalen | None
    extra: dict[str, BaseModel] = field(default_factory=dict)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    verslag_file: str = ""  # for messages about the year's choices (chapters, own texts)


@dataclass(frozen=True)
class Dataset:
    """Everything the aggregate stage needs, known to be valid."""

    gemeente: Gemeente
    years: dict[int, YearInput]
    register: pd.DataFrame  # all register rows of all years, typed
    logo: bytes | None = None  # the file named by huisstijl.logo in gemeente.yaml


def validate(raw: RawData, report: Report) -> Dataset:
    """Check all raw data; raise DataError with every problem, or return the typed dataset."""
    import pandas as pd

    from .register import check_ids_across_years, check_register

    gemeente = check_gemeente(raw.gemeente, report)
    if not raw.years:
        report.error(
            f"{raw.root.name}/", expected="ten minste één jaarmap (bijvoorbeeld 2020/)", found="geen jaarmappen"
        )
    if gemeente is None or raw.gemeente is None:
        report.raise_if_errors()
        raise AssertionError("check_gemeente gives None only after reporting an error")
    logo = check_huisstijl(raw.root, raw.gemeente, gemeente, report)
    frames, years = [], {}
    for year, item in sorted(raw.years.items()):
        doc = item.verslag
        verslag = check_model(doc, Verslag, report) if doc else None
        if doc is not None and verslag is not None and verslag.jaar != year:
            report.error(doc.file, doc.line(("jaar",)), "jaar", f"het jaar van de map ({year})", str(verslag.jaar))
        if year not in gemeente.inwoners:
            report.warn(
                raw.gemeente.file,
                raw.gemeente.line(("inwoners",)),
                "inwoners",
                f"het aantal inwoners op 1 januari {year}",
                "geen",
                "Zonder inwoners geen K4.",
            )
        frame = check_register(item, gemeente, report)
        totalen = check_totalen(item, gemeente, report) if item.totalen is not None else None
        extras = check_extras(item, gemeente, report)
        if frame is not None:
            frames.append(frame)
        if doc is not None and verslag is not None and (frame is not None or totalen is not None):
            source: Literal["register", "totalen"] = "register" if frame is not None else "totalen"
            years[year] = YearInput(year, source, verslag, totalen, extras, item.texts, doc.file)
    register = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame({c: pd.Series(dtype=object) for c in [*COLUMNS, "jaar", "rij"]})
    )
    if frames:
        check_ids_across_years(register, raw, report)
    docs = {y: doc for y, item in raw.years.items() if (doc := item.totalen) is not None}
    totals = {y: t for y, year_input in years.items() if (t := year_input.totalen) is not None}
    check_published_changes(docs, totals, set(years), report)
    report.raise_if_errors()
    return Dataset(gemeente, years, register, logo)
