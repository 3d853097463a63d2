"""Shared fixtures: the project root, a build into a temp folder, the built example site."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The example municipality the tests build: a fixture of its own, so a gemeente that replaces data/
# still gets a green make test.
EXAMPLE = ROOT / "tests" / "fixtures" / "voorbeeld"
sys.path.insert(0, str(ROOT / "scripts"))


IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, message: str) -> None:
    """Skip with a message saying what is missing and how to install it; under CI=true fail instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(message + " (CI=true: niets mag worden overgeslagen)")
    pytest.skip(message)


def run_cli(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run scripts/build.py as a user would; returns the completed process (text output)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make(target: str, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    """A make target as the coordinator runs it, with the data, site, work and dist folders in tmp."""
    return subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            target,
            f"DATA={tmp / 'data'}",
            f"SITE={tmp / 'site'}",
            f"WERK={tmp / 'werk'}",
            f"DIST={tmp / 'dist'}",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def build_into(tmp: Path, data: Path | None = None) -> subprocess.CompletedProcess:
    """Build the site from data (default: the bundled example) into tmp/site, work in tmp/work."""
    return run_cli("bouw", "--data", str(data or EXAMPLE), "--site", str(tmp / "site"), "--werk", str(tmp / "work"))


def copy_example_data(target: Path) -> Path:
    """A writable copy of the bundled example data."""
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id: str) -> Path:
    """The example data built once per test run, shared by the xdist workers; returns the site folder."""
    if worker_id == "master":
        tmp = tmp_path_factory.mktemp("example")
        result = build_into(tmp)
        assert result.returncode == 0, result.stderr
        return tmp / "site"
    # Workers share the run's base folder: the first one builds under a lock, the others wait and reuse it.
    tmp = tmp_path_factory.getbasetemp().parent / "example"
    with open(tmp.parent / "example.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tmp / "gebouwd").exists():
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            result = build_into(tmp)
            assert result.returncode == 0, result.stderr
            (tmp / "gebouwd").touch()
    return tmp / "site"


def base_gemeente(departments: list[str], **fields):
    """A gemeente with the base code lists and the law's terms, for tests of the aggregate stage."""
    from jaarverslag.model.codes import CODES
    from jaarverslag.model.schema import Gemeente

    labels = {kind: {code: code.replace("_", " ").capitalize() for code in codes} for kind, codes in CODES.items()}
    return Gemeente.model_validate(
        {
            "naam": "Testdorp",
            "labels": {**labels, **fields.pop("labels", {})},
            "afdelingen": {d: {"label": d.capitalize(), "geldig_van": 2000} for d in departments},
            **fields,
        }
    )
