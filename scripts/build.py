#!/usr/bin/env python3
"""Command line of the report generator: bouw, controleer, nieuw-jaar, publiceer, serve."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from jaarverslag.commands.build import prepare, run_build  # noqa: E402
from jaarverslag.model import progress  # noqa: E402
from jaarverslag.model.problems import DataError, Problem, SiteBuildError, format_problems  # noqa: E402
from jaarverslag.render.formatting import aantal  # noqa: E402
from jaarverslag.write.files import build_lock, check_outputs  # noqa: E402

COMMANDS = {
    "bouw": "de site maken uit data/ (standaard)",
    "controleer": "alleen de gegevens controleren, niets bouwen",
    "nieuw-jaar": "een nieuw jaar aanmaken: build.py nieuw-jaar 2021",
    "publiceer": "de site bouwen met de perskits en inpakken in dist/jaarverslag-klachten-<jaar>.zip met manifest",
    "serve": "voorvertoning op 127.0.0.1:8000 die opnieuw bouwt bij elke wijziging",
}


def print_warnings(warnings: list[Problem]) -> None:
    """Print warnings in Dutch on stderr."""
    for line in format_problems(warnings):
        print(f"waarschuwing: {line}", file=sys.stderr)


def seconds_nl(seconds: float) -> str:
    """Seconds with a decimal comma."""
    return str(round(seconds, 1)).replace(".", ",")


def years_nl(years: list[int]) -> str:
    """'3 jaren (2018–2020)', or '1 jaar (2020)': a range only when it spans years."""
    span = f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])
    return f"{aantal(len(years), 'jaar')} ({span})"


def build(args: argparse.Namespace, press: bool = False) -> int:
    """Build the site (with press: and the press kits); print one summary line."""
    summary = run_build(
        ROOT, args.data, args.werk, args.site, site_url=args.site_url, progress=progress.SHOWN, press=press
    )
    print_warnings(summary.warnings)
    print(
        f"Klaar: {years_nl(sorted(summary.k1))}, {aantal(sum(summary.k1.values()), 'klacht')}, "
        f"{aantal(summary.pages, 'pagina')}{', ' + summary.figures if summary.figures else ''}, "
        f"{aantal(len(summary.warnings), 'waarschuwing')} in {seconds_nl(summary.seconds)} s."
    )
    print(progress.summary(summary.stages))
    return 0


def check(args: argparse.Namespace) -> int:
    """Validate only; print the count of errors and warnings."""
    from jaarverslag.write.brief import brief_sources
    from jaarverslag.write.pdf import print_body

    result = prepare(args.data)
    for year in sorted(result.site.covers):  # every conversion the build runs, so the build cannot fail on it
        print_body(result.site, year)
        for draft in result.site.briefs[year]:
            brief_sources(result.site, year, draft, args.site_url)
    print_warnings(result.report.warnings)
    print(
        f"Gecontroleerd: {years_nl(sorted(result.indicators))}, 0 fouten, "
        f"{aantal(len(result.report.warnings), 'waarschuwing')}. Er is niets gebouwd."
    )
    return 0


def new_year(args: argparse.Namespace) -> int:
    """Scaffold data/<jaar>/."""
    from jaarverslag.commands.new_year import other_texts, scaffold_year

    if not args.jaar:
        print("fout: geef het jaar op, bijvoorbeeld: make nieuw-jaar JAAR=2021", file=sys.stderr)
        return 1
    written = scaffold_year(args.data, args.jaar, args.bron)
    for path in written:
        print(f"gemaakt: {path.relative_to(args.data.parent)}")
    fill = (
        f"Zet de export van het register in data/{args.jaar}/klachten.csv"
        if args.bron == "register"
        else f"Vul de gepubliceerde totalen in data/{args.jaar}/totalen.yaml in"
    )
    print(
        f"Klaar: data/{args.jaar}/ staat klaar. {fill}, vul verslag.yaml in en het aantal inwoners in "
        f"data/gemeente.yaml; draai dan 'make check'."
    )
    example = other_texts(args.data, args.jaar)
    if example is not None:
        print(
            f"Eigen teksten zijn niet overgenomen. Die van {example.parent.name} staan in "
            f"{example.relative_to(args.data.parent)}/; schrijf voor {args.jaar} nieuwe in data/{args.jaar}/tekst/."
        )
    return 0


def build_and_pack(args: argparse.Namespace) -> int:
    """Build, then pack the site with its manifest into a zip."""
    from jaarverslag.load.provenance import make_manifest
    from jaarverslag.write.archive import write_zip

    with build_lock(args.werk):  # no other build swaps site/ while it is packed
        build(args, press=True)  # stops with every data error before anything is packed; the kits go in the site
        manifest = make_manifest(args.data, "make publish")
        target = write_zip(args.site, args.dist, max(int(y) for y in manifest["herkomst"]), manifest)
    size = target.stat().st_size
    print(
        f"Gepubliceerd: {target} ({size // 1024} kB), met manifest.json: "
        f"{aantal(len(manifest['invoer']), 'invoerbestand')} met SHA-256."
    )
    return 0


def preview(args: argparse.Namespace) -> int:
    """Build once, then serve with live reload."""
    from jaarverslag.commands.serve import serve

    try:
        build(args)
    except (DataError, SiteBuildError) as exc:
        report_errors(exc)
        if not (args.werk / "mkdocs.yml").is_file():
            return 1
        print("De voorvertoning start met de laatste goede versie.", file=sys.stderr)
    serve(ROOT, args.data, args.werk, args.adres)
    return 0


def report_errors(exc: DataError | SiteBuildError) -> None:
    """Print every problem, then the count (and for MkDocs' warnings where they can come from)."""
    if isinstance(exc, SiteBuildError):
        for line in format_problems(exc.problems):
            print(f"fout: {line}", file=sys.stderr)
        print(
            f"Gestopt: MkDocs gaf {aantal(len(exc.problems), 'waarschuwing')} over de pagina's; er is niets "
            "gepubliceerd, site/ is ongewijzigd. Staat de link of pagina in een eigen tekst (data/<jaar>/tekst/) "
            "of in docs/, pas die dan aan; anders is het een fout in het programma: meld die.",
            file=sys.stderr,
        )
        return
    print_warnings(exc.warnings)
    for line in format_problems(exc.problems):
        print(f"fout: {line}", file=sys.stderr)
    print(
        f"Gestopt: {aantal(len(exc.problems), 'fout')} en {aantal(len(exc.warnings), 'waarschuwing')}; "
        f"er is niets gepubliceerd, site/ is ongewijzigd.",
        file=sys.stderr,
    )


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the command, turn user errors into Dutch messages and exit code 1."""
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Het jaarverslag klachten maken.",
        epilog="; ".join(f"{k}: {v}" for k, v in COMMANDS.items()),
    )
    parser.add_argument("opdracht", nargs="?", default="bouw", choices=list(COMMANDS))
    parser.add_argument("jaar", nargs="?", default="", help="het jaar, bij nieuw-jaar")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="map met de gegevens")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="map voor de gebouwde site")
    parser.add_argument("--werk", type=Path, default=ROOT / ".build", help="map voor tussenbestanden")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="map voor de zip (publiceer)")
    parser.add_argument("--bron", default="register", help="bij nieuw-jaar: register of totalen")
    parser.add_argument("--site-url", default="", help="adres waar de site komt te staan")
    parser.add_argument("--adres", default="127.0.0.1:8000", help="adres van de voorvertoning")
    args = parser.parse_args(argv)
    for name in ("data", "site", "werk", "dist"):
        setattr(args, name, getattr(args, name).resolve())
    outputs = {"bouw": ("site", "werk"), "serve": ("site", "werk"), "publiceer": ("site", "werk", "dist")}
    handlers = {
        "bouw": build,
        "controleer": check,
        "nieuw-jaar": new_year,
        "publiceer": build_and_pack,
        "serve": preview,
    }
    start = time.perf_counter()
    try:
        # Before anything is written: output folders must be ours, and never the data or the project.
        written = outputs.get(args.opdracht, ())
        check_outputs(
            {name: getattr(args, name) for name in written},
            args.data,
            ROOT,
            {name: getattr(args, name) for name in ("site", "werk", "dist")} if written else None,
        )
        return handlers[args.opdracht](args)
    except (DataError, SiteBuildError) as exc:
        report_errors(exc)
        return 1
    except KeyboardInterrupt:
        print(f"Gestopt na {seconds_nl(time.perf_counter() - start)} s.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
