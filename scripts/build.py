#!/usr/bin/env python3
"""Command line of the report generator: bouw (build), controleer (check)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from jaarverslag.errors import DataError, format_problems  # noqa: E402
from jaarverslag.fmt import aantal  # noqa: E402
from jaarverslag.pipeline import prepare, run_build  # noqa: E402


def print_warnings(warnings) -> None:
    """Print warnings in Dutch on stderr."""
    for line in format_problems(warnings):
        print(f"waarschuwing: {line}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, turn user errors into Dutch messages and exit code 1."""
    parser = argparse.ArgumentParser(prog="build.py", description="Bouw het jaarverslag klachten.")
    parser.add_argument("opdracht", nargs="?", default="bouw", choices=["bouw", "controleer"],
                        help="bouw: site maken (standaard); controleer: alleen de gegevens controleren")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="map met de gegevens")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="map voor de gebouwde site")
    parser.add_argument("--werk", type=Path, default=ROOT / ".build", help="map voor tussenbestanden")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.opdracht == "controleer":
            result = prepare(args.data.resolve())
        else:
            result = run_build(ROOT, args.data.resolve(), args.werk.resolve(), args.site.resolve())
    except DataError as exc:
        print_warnings(exc.warnings)
        for line in format_problems(exc.problems):
            print(f"fout: {line}", file=sys.stderr)
        print(f"Gestopt: {aantal(len(exc.problems), 'fout')} en {aantal(len(exc.warnings), 'waarschuwing')}; "
              f"er is niets gepubliceerd, site/ is ongewijzigd.", file=sys.stderr)
        return 1
    print_warnings(result.report.warnings)
    years = sorted(result.indicators)
    complaints = sum(result.indicators[y].figures.k1 for y in years)
    seconds = time.perf_counter() - start
    if args.opdracht == "controleer":
        print(f"Gecontroleerd: {aantal(len(years), 'jaar')} ({years[0]}–{years[-1]}), 0 fouten, "
              f"{aantal(len(result.report.warnings), 'waarschuwing')}.")
    else:
        print(f"Klaar: {aantal(len(years), 'jaar')} ({years[0]}–{years[-1]}), "
              f"{aantal(complaints, 'klacht')}, {aantal(result.pages, 'pagina')}"
              f"{', ' + result.site.figure_stats.summary() if result.site.figure_stats else ''} "
              f"in {str(round(seconds, 1)).replace('.', ',')} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
