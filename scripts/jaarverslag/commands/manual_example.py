"""The manual's worked example: a case system's export checked before and after its mapping, output as printed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

EXAMPLE = Path(__file__).resolve().parent / "manual_example"
BUILD = Path(__file__).resolve().parents[2] / "build.py"


def _check(data: Path) -> list[str]:
    """What 'make check' prints for a data folder (stderr, then stdout), line by line."""
    done = subprocess.run(
        [sys.executable, str(BUILD), "controleer", "--data", str(data), "--werk", str(data.parent / "werk")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]


def worked_example() -> dict[str, object]:
    """The export, the check's output, the mapping, the check after it and the register rows as read."""
    from ..load.raw import load_data
    from ..model.problems import Report
    from ..validate.dataset import validate

    mapping = (EXAMPLE / "koppeling.yaml").read_text(encoding="utf-8")
    labels = yaml.safe_load((EXAMPLE / "labels.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(EXAMPLE, data, ignore=shutil.ignore_patterns("koppeling.yaml", "labels.yaml"))
        before = _check(data)
        gemeente = yaml.safe_load((data / "gemeente.yaml").read_text(encoding="utf-8"))
        for kind, codes in labels.items():
            gemeente["labels"][kind].update(codes)
        gemeente.update(yaml.safe_load(mapping))
        (data / "gemeente.yaml").write_text(yaml.safe_dump(gemeente, allow_unicode=True), encoding="utf-8")
        after = _check(data)
        register = validate(load_data(data, Report()), Report()).register
    columns = ["id", "ontvangen_op", "afgehandeld_op", "afdeling", "aard", "kanaal", "afhandeling", "oordeel"]
    shown = register[columns].copy()
    for column in ("ontvangen_op", "afgehandeld_op"):
        shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("")
    rows = shown.astype(str).to_numpy().tolist()
    return {
        "export": (EXAMPLE / "2022" / "klachten.csv").read_text(encoding="utf-8").rstrip("\n").splitlines(),
        "voor": before,
        "koppeling": [line for line in mapping.rstrip("\n").splitlines() if not line.startswith("#")],
        "labels": labels,
        "na": after,
        "kolommen": columns,
        "rijen": rows,
    }
