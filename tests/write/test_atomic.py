"""Atomic and repeatable builds: a killed build leaves the previous site/, and the same data gives the same bytes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from canary_site import canary_build, tree_hash
from conftest import ROOT

# Files that may differ between two clean builds of the same data: none. HTML, search index, SVG, CSV,
# both sitemaps and the PDFs (Typst, document date none) are
# byte-identical; the set stays so a justified exception has one place to go.
MAY_DIFFER: set[str] = set()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The canary site and its tree hash before any test of this file touches it."""
    data, site, _ = canary_build(tmp_path_factory)
    return data, site, tree_hash(site)


def _start(data: Path, site: Path, work: Path) -> subprocess.Popen:
    """Start a build as a user would."""
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "bouw",
            "--data",
            str(data),
            "--site",
            str(site),
            "--werk",
            str(work),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killed_build_leaves_previous_site(sig, built, tmp_path):
    """Kill the build while MkDocs writes its temporary folder: site/ stays complete and identical."""
    data, site, before = built
    # A fresh work folder: with the canary's own, the build would see nothing changed and skip.
    process = _start(data, site, tmp_path / "work")
    deadline = time.monotonic() + 120
    # Wait for MkDocs to be writing the temporary site, then a little longer so it is halfway.
    while not list(site.parent.glob("site.tmp-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(sig)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert tree_hash(site) == before
    # Its children (figure workers, MkDocs, Typst) go with it: forked, they carry the build's command line.
    deadline = time.monotonic() + 10
    while _processes_of(tmp_path / "work") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_of(tmp_path / "work")


def _processes_of(work: Path) -> list[int]:
    """Ids of the running processes whose command line names this work folder."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(work).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:  # ended while we looked
            continue
    return found


def test_next_build_recovers_and_repeats_bytes(built, tmp_path):
    """After the kills, a clean build (fresh work folder) succeeds, cleans up and gives the same bytes."""
    data, site, before = built
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "bouw",
            "--data",
            str(data),
            "--site",
            str(site),
            "--werk",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert not list(site.parent.glob("site.tmp-*")) and not (site.parent / "site.old").exists()
    after = tree_hash(site)
    assert after.keys() == before.keys()
    differ = {p for p in after if after[p] != before[p]}
    assert differ <= MAY_DIFFER, sorted(differ)
