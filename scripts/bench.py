#!/usr/bin/env python3
"""make bench: build times against the floor (bare mkdocs build), figure cost, memory and page weight."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_probes import AUDIT_PROBE, DATA_PROBE, FIGURE_PROBE  # noqa: E402
from bench_report import SCENARIOS, audit_line, build_table, nl, weight_table  # noqa: E402


def timed(cmd: list[str], env: dict | None = None) -> dict:
    """Run a command under /usr/bin/time; wall seconds (perf_counter), CPU seconds and peak RSS in kB."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%U %S %M", "-o", out.name, *cmd], capture_output=True, text=True, env=env
        )
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"mislukt: {' '.join(cmd)}\n{done.stderr[-3000:]}")
        user, system, rss = out.read().split()[-3:]
    return {
        "s": wall,
        "cpu": float(user) + float(system),
        "rss_kb": int(rss),
        "stdout": done.stdout,
        "stderr": done.stderr,
    }


class Bench:
    """Builds of one checkout (root) on a private copy of its data, all in one temp folder."""

    def __init__(self, root: Path, tmp: Path, data: Path) -> None:
        self.root, self.tmp, self.data = root, tmp, data
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.python = str(root / ".venv" / "bin" / "python") if (root / ".venv").is_dir() else sys.executable

    def build(self, site: Path, work: Path, data: Path | None = None) -> dict:
        """One CLI build into site/work."""
        times = work / "bouw-tijden.json"  # stage times, written by builds that do work
        times.unlink(missing_ok=True)
        result = timed(
            [
                self.python,
                str(self.root / "scripts" / "build.py"),
                "bouw",
                "--data",
                str(data or self.data),
                "--site",
                str(site),
                "--werk",
                str(work),
                "--dist",
                str(self.tmp / "dist"),
            ],
            self.env,
        )
        result["figuren"] = _figure_counts(result["stdout"])
        pdfs = re.search(r"PDF-edities klaar: (\d+) gezet, (\d+) hergebruikt", result["stderr"])
        result["pdfs"] = (int(pdfs.group(1)), int(pdfs.group(2))) if pdfs else None
        written = json.loads(times.read_text()) if times.is_file() else {}
        result["stappen"] = written.get("stappen_s", {})
        result["figuur_ms"] = written.get("figuur_cpu_ms_mediaan")
        return result

    def floor(self, work: Path, target: Path) -> dict:
        """Bare mkdocs build of the generated docs (the config the build wrote), into a temp dir."""
        mkdocs = str(Path(self.python).parent / "mkdocs")
        result = timed([mkdocs, "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(target)], self.env)
        shutil.rmtree(target, ignore_errors=True)
        return result

    def figure_cpu(self) -> dict:
        """Median CPU ms to draw one figure of the example (serial, in a child process)."""
        done = subprocess.run(
            [self.python, "-c", FIGURE_PROBE, str(self.root / "scripts"), str(self.data)],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def audit(self) -> dict:
        """The small-count protection and its LP audit of the example, in a child process."""
        done = subprocess.run(
            [self.python, "-c", AUDIT_PROBE, str(self.root / "scripts"), str(self.data)],
            capture_output=True,
            text=True,
            env=self.env,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def data_stage(self, data: Path) -> dict:
        """Load + validate + aggregate in a child process: seconds and peak memory."""
        done = subprocess.run(
            [self.python, "-c", DATA_PROBE, str(self.root / "scripts"), str(data)],
            capture_output=True,
            text=True,
            env=self.env,
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1])


def _figure_counts(stdout: str) -> tuple[int, int] | None:
    """(drawn, reused) from the summary line."""
    match = re.search(r"(\d+) getekend, (\d+) hergebruikt", stdout)
    return (int(match.group(1)), int(match.group(2))) if match else None


def edit_text(data: Path, round_: int) -> None:
    """Change one chapter text (a sentence added): only its page and the PDF depend on it."""
    path = data / "2020" / "tekst" / "samenvatting.md"
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nMeting {round_}: deze zin is toegevoegd.\n", encoding="utf-8"
    )


def edit_row(data: Path) -> None:
    """Change one register row: the channel of the first 2020 complaint."""
    path = data / "2020" / "klachten.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index("kanaal")
    rows[1][column] = "brief" if rows[1][column] != "brief" else "email"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def run_rounds(bench: Bench, runs: int) -> tuple[dict[str, list[dict]], list[dict]]:
    """runs x (cold, warm, floor, text, row), interleaved so a busy moment hits every measure alike."""
    results: dict[str, list[dict]] = {key: [] for key, _ in SCENARIOS}
    figures, audits = [], []
    pristine = bench.tmp / "data-origineel"
    shutil.copytree(bench.data, pristine)
    for round_ in range(runs):
        shutil.rmtree(bench.data)
        shutil.copytree(pristine, bench.data)
        site, work = bench.tmp / f"site-{round_}", bench.tmp / f"werk-{round_}"
        results["koud"].append(bench.build(site, work))
        if round_ == 0:
            shutil.copytree(site, bench.tmp / "site-gewicht")
        results["warm"].append(bench.build(site, work))
        results["vloer"].append(bench.floor(work, bench.tmp / "vloer"))
        edit_text(bench.data, round_)
        results["tekst"].append(bench.build(site, work))
        edit_row(bench.data)
        results["rij"].append(bench.build(site, work))
        figures.append(bench.figure_cpu())
        audits.append(bench.audit())
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        print(
            f"  ronde {round_ + 1}/{runs}: " + ", ".join(f"{k} {results[k][-1]['s']:.1f} s" for k, _ in SCENARIOS),
            file=sys.stderr,
        )
    return results, figures, audits


def scale(bench: Bench, runs: int, build_runs_large: int) -> list[str]:
    """Generated data sets: 10 years x 100,000 and 10 years x 600 with 12 departments."""
    sys.path.insert(0, str(HERE))
    from make_example_data import generate_scaled

    lines = [
        "| gegevens | gegevensfase (s) | laden / valideren / aggregeren (s) | piekgeheugen gegevensfase (MB) | "
        "hele koude build (s) | piekgeheugen build (MB) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    years = list(range(2011, 2021))
    for label, per_year, build_runs in (
        ("10 jaar × 100.000 klachten (1.000.000 rijen)", 100_000, build_runs_large),
        ("10 jaar × 600 klachten, 12 afdelingen", 600, runs),
    ):
        data = generate_scaled(bench.tmp / f"schaal-{per_year}", bench.data, years, per_year, 12)
        stage = []
        for _ in range(runs):
            stage.append(bench.data_stage(data))
        builds = []
        for index in range(build_runs):
            builds.append(bench.build(bench.tmp / f"schaal-site-{index}", bench.tmp / f"schaal-werk-{index}", data))
            shutil.rmtree(bench.tmp / f"schaal-site-{index}", ignore_errors=True)
            shutil.rmtree(bench.tmp / f"schaal-werk-{index}", ignore_errors=True)
        label += f" ({runs} / {build_runs} metingen)"
        med = {k: statistics.median(s[k] for s in stage) for k in ("s", "load", "validate", "aggregate")}
        lines.append(
            f"| {label} | {nl(med['s'], 2)} | {nl(med['load'], 2)} / {nl(med['validate'], 2)} / "
            f"{nl(med['aggregate'], 2)} | {nl(max(s['rss_kb'] for s in stage) / 1024, 0)} | "
            f"{nl(statistics.median(b['s'] for b in builds), 1)} | "
            f"{nl(max(b['rss_kb'] for b in builds) / 1024, 0)} |"
        )
        print(f"  schaal {label}: klaar", file=sys.stderr)
    return lines


def commit_of(root: Path) -> str:
    """Short commit of a checkout (with + when the tree has changes)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
        ).stdout.strip()
        return head + ("+" if dirty else "")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "onbekend"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables (Markdown)."""
    parser = argparse.ArgumentParser(description="Meet bouwtijden tegen de vloer (kale mkdocs build).")
    parser.add_argument("--runs", type=int, default=5, help="metingen per getal (mediaan), minstens 5")
    parser.add_argument("--scale", action="store_true", help="ook de grote gegenereerde gegevenssets")
    parser.add_argument(
        "--scale-build-runs", type=int, default=5, help="hele builds van de 1.000.000 rijen (elk enkele minuten)"
    )
    parser.add_argument("--alleen-scale", action="store_true", help="alleen de gegenereerde gegevenssets")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="de checkout die gemeten wordt")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="jaarverslag-bench-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        shutil.copytree(root / "data", data)
        bench = Bench(root, tmp, data)
        print(
            f"Meting {dt.date.today().isoformat()}, commit {commit_of(root)}, {os.cpu_count()} kernen, "
            f"belasting bij de start {nl(os.getloadavg()[0], 2)}; elke tijd is de mediaan van {args.runs} "
            f"metingen, alles in één run om en om gemeten.\n"
        )
        if not args.alleen_scale:
            results, figures, audits = run_rounds(bench, args.runs)
            print("\n".join(build_table(results, figures)) + "\n")
            print(audit_line(results, audits) + "\n")
            print("\n".join(weight_table(tmp / "site-gewicht")) + "\n")
        if args.scale or args.alleen_scale:
            shutil.rmtree(data)
            shutil.copytree(root / "data", data)
            print("\n".join(scale(bench, args.runs, args.scale_build_runs)) + "\n")
    print(f"Belasting aan het eind: {nl(os.getloadavg()[0], 2)} (1 min), {nl(os.getloadavg()[1], 2)} (5 min).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
