"""The pipeline in order: load, validate, aggregate, pages, write (then MkDocs)."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .aggregate import YearIndicators, aggregate
from .bundle import render_site
from .errors import Report
from .load import load_data
from .pages import Site, build_site
from .manifest import make_manifest
from .reconcile import reconcile
from .yearcheck import check_differences
from .validate import Dataset, validate
from .write import publish


@dataclass
class Result:
    """What a run produced, for the summary line."""

    data: Dataset
    indicators: dict[int, YearIndicators]
    site: Site
    report: Report
    pages: int = 0
    seconds: float = 0.0


def prepare(data_dir: Path, report: Report | None = None, work: Path | None = None,
            parallel: bool = True) -> Result:
    """Load, validate, aggregate and render (figures too when given a work folder for their cache)."""
    report = report or Report()
    raw = load_data(data_dir, report)
    dataset = validate(raw, report)
    indicators = aggregate(dataset)
    reconcile(dataset, indicators, report)
    report.raise_if_errors()
    differences = check_differences(dataset, indicators, report)
    provenance = {y: item.source for y, item in dataset.years.items()}
    site = build_site(dataset, indicators, report, make_manifest(data_dir, provenance), differences)
    report.raise_if_errors()
    if work is not None:
        # A threaded caller (the live preview) must not fork: it draws in its own process.
        render_site(site, work / "figuren-cache", None if parallel else 1)
    return Result(dataset, indicators, site, report)


def run_build(root: Path, data_dir: Path, work: Path, site_dir: Path, site_url: str = "") -> Result:
    """The whole build: prepare, then write and publish atomically into site_dir."""
    start = time.perf_counter()
    result = prepare(data_dir, work=work)
    result.pages = publish(root, work, site_dir, result.site, site_url)
    result.seconds = time.perf_counter() - start
    return result
