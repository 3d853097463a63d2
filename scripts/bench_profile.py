#!/usr/bin/env python3
"""Profile of one cold build: when each stage runs on the build's critical path, and the CPU of every process."""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_report import nl  # noqa: E402

EVENTS: list[tuple[str, float, float]] = []  # (what, wall seconds since the start, CPU seconds of the build process)
START = time.perf_counter()


def _children() -> float:
    """CPU seconds of the children the build has waited for (figure workers, MkDocs, Typst)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wrap(owner: object, name: str, label: str) -> None:
    """Record when owner.name starts and ends (wall, own CPU, children's CPU)."""
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        EVENTS.append((label + " begint", time.perf_counter() - START, time.process_time()))
        try:
            return inner(*args, **kwargs)
        finally:
            EVENTS.append((label + " klaar", time.perf_counter() - START, time.process_time()))
            EVENTS.append((f"  (kindprocessen tot nu: {nl(_children(), 2)} s CPU)", EVENTS[-1][1], EVENTS[-1][2]))

    setattr(owner, name, timed)


def main(argv: list[str] | None = None) -> int:
    """One cold build of the example in a temp folder, with its timeline."""
    parser = argparse.ArgumentParser(description="Tijdlijn en CPU van één koude build.")
    parser.add_argument("--root", type=Path, default=HERE.parent)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.root / "scripts"))
    from jaarverslag.commands import build
    from jaarverslag.write import figure_cache, mkdocs_beside, pdf_beside, site

    _wrap(build, "_data_stage", "gegevens (laden, controleren, optellen, bescherming)")
    import jaarverslag.aggregate.protection as protection

    _wrap(protection, "protect_years", "bescherming kleine aantallen")
    import jaarverslag.render.site as render_site

    _wrap(render_site, "build_site", "pagina's")
    _wrap(figure_cache, "finish_drawing", "wachten op de figuren")
    _wrap(mkdocs_beside.MkDocsBeside, "wait", "wachten op MkDocs")
    _wrap(pdf_beside.PdfsBeside, "result", "wachten op de PDF's")
    _wrap(site, "swap_in", "site verwisselen")
    with tempfile.TemporaryDirectory(prefix="jaarverslag-profiel-") as tmp_name:
        tmp = Path(tmp_name)
        shutil.copytree(args.root / "data", tmp / "data")
        wall, cpu = time.perf_counter(), time.process_time()
        summary = build.run_build(args.root, tmp / "data", tmp / "werk", tmp / "site")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Koude build: {nl(wall, 2)} s, CPU bouwproces {nl(cpu, 2)} s, kindprocessen {nl(_children(), 2)} s.")
    for what, at, own in EVENTS:
        print(f"{nl(at, 2):>6} s  (CPU bouwproces {nl(own, 2):>5} s)  {what}")
    print("Stappen: " + ", ".join(f"{k} {nl(v, 2)}" for k, v in summary.stages.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
