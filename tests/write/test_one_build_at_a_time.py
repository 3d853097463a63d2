"""One build at a time: two builds at once both finish with a whole site; output folders are kept apart."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_cli
from jaarverslag.write.files import MARKER, mark
from jaarverslag.write.site import recover

BASE = Path(__file__).parents[1] / "corpus" / "_basis"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_at_once(tmp_path):
    """Two colleagues run make site in the same project at the same moment: both succeed, site/ is whole."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    args = [
        sys.executable,
        str(ROOT / "scripts" / "build.py"),
        "bouw",
        "--data",
        str(data),
        "--site",
        str(tmp_path / "site"),
        "--werk",
        str(tmp_path / "werk"),
    ]
    first = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=300), *p.communicate()) for p in (first, second)]
    for code, _, err in results:
        assert code == 0, err
        assert "Traceback" not in err
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("site.")], "a temporary folder was left"
    built = tree(tmp_path / "site")
    # The same data built alone, elsewhere: the site of two builds at once is exactly that site.
    alone = run_cli(
        "bouw",
        "--data",
        str(data),
        "--site",
        str(tmp_path / "alleen" / "site"),
        "--werk",
        str(tmp_path / "alleen" / "werk"),
    )
    assert alone.returncode == 0, alone.stderr
    assert built == tree(tmp_path / "alleen" / "site")


def test_recovery_leaves_a_live_build_alone(tmp_path):
    """A temporary site folder that a running build holds is not removed by another build's recovery."""
    site = tmp_path / "site"
    live = tmp_path / "site.tmp-1"
    mark(live)
    (live / "index.html").write_text("bezig")
    # The other build: a process that holds the folder (as publish does while MkDocs fills it).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1]); "
            "from pathlib import Path; from jaarverslag.write.files import claim; "
            "guard = claim(Path(sys.argv[2])); print('vast', flush=True); time.sleep(60)",
            str(ROOT / "scripts"),
            str(live),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "vast"
        recover(site)
        assert (live / "index.html").is_file()
    finally:
        holder.kill()
        holder.wait()
    recover(site)  # once that build is gone, its leftover goes
    assert not live.exists()
    stale = tmp_path / "site.tmp-2"
    stale.mkdir()
    (stale / "foto.jpg").write_bytes(b"x")  # not ours (no marker): never touched
    recover(site)
    assert (stale / "foto.jpg").is_file() and not (stale / MARKER).exists()


def test_output_folders_apart(tmp_path):
    """--site, --werk and --dist must be three folders, none inside another; nothing is written otherwise."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    site = tmp_path / "site"
    cases = {
        "bouw": [("--werk", site)],
        "publiceer": [("--dist", site / "downloads")],
        "serve": [("--werk", site / "werk")],
    }
    for command, options in cases.items():
        args = [
            command,
            "--data",
            str(data),
            "--site",
            str(site),
            "--werk",
            str(tmp_path / "werk"),
            "--dist",
            str(tmp_path / "dist"),
        ]
        for option, folder in options:
            args[args.index(option) + 1] = str(folder)
        result = run_cli(*args)
        assert result.returncode == 1, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert (
            "verwacht drie aparte mappen voor --site, --werk en --dist, geen ervan binnen een andere" in result.stderr
        )
        assert not site.exists(), command
