"""The pipeline in order: load, validate, aggregate, pages, write (then MkDocs)."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from . import progress
from .errors import Report

# Stages are imported inside the functions: a build with nothing changed never pays for pandas,
# matplotlib, MkDocs or Typst.
STAMP = "bouw-stempel.pickle"
TIMES = "bouw-tijden.json"
INPUT_DIRS = ("docs", "overrides", "scripts/jaarverslag")
INPUT_FILES = ("mkdocs.yml", "scripts/build.py", "requirements.txt")


@dataclass
class Result:
    """What a run produced, for the summary line."""

    data: object
    indicators: dict
    site: object
    report: Report
    pages: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)


def prepare(data_dir: Path, report: Report | None = None, work: Path | None = None,
            parallel: bool = True, stages: dict[str, float] | None = None) -> Result:
    """Load, validate, aggregate and render (figures too when given a work folder for their cache)."""
    from .aggregate import aggregate
    from .load import load_data
    from .manifest import make_manifest
    from .pages import build_site
    from .reconcile import reconcile
    from .validate import validate
    from .yearcheck import check_differences

    stages = {} if stages is None else stages
    start = time.perf_counter()
    progress.start("gegevens")
    report = report or Report()
    raw = load_data(data_dir, report)
    dataset = validate(raw, report)
    indicators = aggregate(dataset)
    reconcile(dataset, indicators, report)
    report.raise_if_errors()
    differences = check_differences(dataset, indicators, report)
    stages["gegevens"] = time.perf_counter() - start
    progress.start("paginas")
    site = build_site(dataset, indicators, report, make_manifest(data_dir), differences)
    report.raise_if_errors()
    stages["paginas"] = time.perf_counter() - start - stages["gegevens"]
    if work is not None:
        from .bundle import render_site

        mark = time.perf_counter()
        progress.start("figuren")
        # A threaded caller (the live preview) must not fork: it draws in its own process.
        render_site(site, work / "figuren-cache", None if parallel else 1)
        stages["figuren"] = time.perf_counter() - mark
    return Result(dataset, indicators, site, report, stages=stages)


def input_key(root: Path, data_dir: Path, site_dir: Path, site_url: str) -> str:
    """Hash of everything a build reads: data, hand-written docs, theme, code, config, installed versions."""
    digest = hashlib.sha256()
    packages = sorted(os.listdir(sysconfig.get_paths()["purelib"]))  # dist-info names carry the versions
    digest.update(repr((sys.version, str(site_dir), site_url, packages)).encode())
    paths = [p for base in (data_dir, *(root / d for d in INPUT_DIRS)) for p in sorted(base.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    for path in paths + [root / f for f in INPUT_FILES if (root / f).is_file()]:
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def tree_key(folder: Path) -> str | None:
    """Hash of a built site (paths and bytes), or None when it is missing."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _unchanged(work: Path, key: str, site_dir: Path) -> dict | None:
    """The stamp of the last build when its inputs equal these and its site is still intact."""
    path = work / STAMP
    if not (path.is_file() and (work / "mkdocs.yml").is_file() and (work / "docs").is_dir()):
        return None
    try:
        stamp = pickle.loads(path.read_bytes())
    except Exception:  # an unreadable stamp only costs a full build
        return None
    if stamp.get("key") != key or stamp.get("site") != tree_key(site_dir):
        return None
    return stamp


class _Reused:
    """The figure counts of a build that changed nothing: every figure reused."""

    def __init__(self, total: int, size: str) -> None:
        self.total, self.size = total, size

    def summary(self) -> str:
        """Dutch summary, as bundle.FigureStats gives it."""
        word = "figuur" if self.total == 1 else "figuren"
        return f"{self.total} {word} (0 getekend, {self.total} hergebruikt, {self.size})"


def run_build(root: Path, data_dir: Path, work: Path, site_dir: Path, site_url: str = "") -> Result:
    """The whole build: prepare, then write and publish atomically into site_dir (skipped when nothing changed)."""
    start = time.perf_counter()
    key = input_key(root, data_dir, site_dir, site_url)
    stamp = _unchanged(work, key, site_dir)
    if stamp is not None:
        # Same inputs, same code, and site/ still holds exactly what that build made: the output would be
        # byte-identical, so there is nothing to do. Any changed byte of input gives another key.
        report = Report(warnings=list(stamp["warnings"]))
        indicators = {y: SimpleNamespace(figures=SimpleNamespace(k1=k1)) for y, k1 in stamp["k1"].items()}
        site = SimpleNamespace(figure_stats=_Reused(*stamp["figures"]) if stamp["figures"] else None)
        return Result(None, indicators, site, report, stamp["pages"], time.perf_counter() - start,
                      {"ongewijzigd": time.perf_counter() - start})
    (work / STAMP).unlink(missing_ok=True)
    from .bundle import size_label
    from .write import publish

    result = prepare(data_dir, work=work)
    result.pages = publish(root, work, site_dir, result.site, site_url, result.stages)
    result.seconds = time.perf_counter() - start
    stats = result.site.figure_stats
    stamp = {"key": key, "site": tree_key(site_dir), "warnings": result.report.warnings, "pages": result.pages,
             "k1": {y: i.figures.k1 for y, i in result.indicators.items()},
             "figures": (stats.rendered + stats.reused, size_label(stats.total_bytes)) if stats else None}
    (work / STAMP).write_bytes(pickle.dumps(stamp))
    times = {"stappen_s": {k: round(v, 3) for k, v in result.stages.items()}, "totaal_s": round(result.seconds, 3)}
    if stats:
        times.update(figuren_getekend=stats.rendered, figuren_hergebruikt=stats.reused,
                     figuur_cpu_ms_mediaan=stats.median_ms)
    (work / TIMES).write_text(json.dumps(times, indent=1) + "\n", encoding="utf-8")
    return result
