"""The press kits of make publish: per year a zip of every figure as PNG (two sizes) with a LEESMIJ.txt."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.figures.press import SCALES, kit_bundles, kit_name, kit_path, kit_readme, press_png
from .archive import zip_bytes
from .files import remove_file, write_file

if TYPE_CHECKING:  # annotations only
    from ..render.figures.bundle import Bundle
    from ..render.site import Site

Job = tuple["Bundle", str, float]  # a picture to draw: the figure, the report it comes from, the scale


def _key(bundle: Bundle, report: str, suffix: str, code: str) -> str:
    """Hash of everything one picture shows and the code that draws it: equal keys give equal PNG bytes."""
    shown = [bundle.key(code), bundle.number, bundle.title, bundle.subtitle, bundle.source, report, suffix]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()


def _draw(job: Job) -> bytes:
    """Worker: one press picture."""
    return press_png(*job)


def press_kits(site: Site, cache: Path, code: str, workers: int | None = None) -> dict[str, bytes]:
    """Every year's kit by site path, each picture reused from the cache by its key or drawn (in parallel)."""
    newest = max(site.covers)
    jobs: dict[str, Job] = {}
    kits: dict[int, dict[str, str]] = {}  # year -> name in the zip -> picture key
    for year, cover in sorted(site.covers.items()):
        kits[year] = {}
        for bundle in kit_bundles(list(site.bundles.values()), year, newest):
            for suffix, scale in SCALES.items():
                key = _key(bundle, cover.titel, suffix, code)
                kits[year][kit_name(bundle, suffix)] = key
                if not (cache / f"{key}.png").is_file():
                    jobs[key] = (bundle, cover.titel, scale)
    todo = sorted(jobs)
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            drawn = list(pool.map(_draw, [jobs[k] for k in todo], chunksize=1))
    else:
        drawn = [_draw(jobs[k]) for k in todo]
    for key, png in zip(todo, drawn, strict=True):
        write_file(cache, f"{key}.png", png)
    used = {f"{key}.png" for kit in kits.values() for key in kit.values()}
    for stale in sorted(cache.glob("*.png")):
        if stale.name not in used:  # the cache holds the current kits' pictures only
            remove_file(cache, stale.name)
    files = {}
    for year, kit in sorted(kits.items()):
        bundles = kit_bundles(list(site.bundles.values()), year, newest)
        entries = {"LEESMIJ.txt": kit_readme(bundles, site.covers[year].titel).encode("utf-8")}
        entries.update({name: (cache / f"{key}.png").read_bytes() for name, key in kit.items()})
        files[kit_path(year)] = zip_bytes(entries)
    return files
