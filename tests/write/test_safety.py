"""File safety: writes stay in their folder, the build stamp runs no code, only our own folders are replaced."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from conftest import make, run_cli
from jaarverslag.model.problems import DataError
from jaarverslag.write.files import MARKER, check_outputs, inside, remove_tree, write_file

BASE = Path(__file__).parents[1] / "corpus" / "_basis"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rel", ["../buiten.txt", "a/../../buiten.txt", "/tmp/buiten.txt", "a/b/../../../x"])
def test_write_refuses_paths_outside(tmp_path, rel):
    base = tmp_path / "doel"
    base.mkdir()
    with pytest.raises(DataError) as caught:
        write_file(base, rel, b"x")
    assert "verwacht een pad binnen" in caught.value.problems[0].format()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["doel"]  # nothing written anywhere


def test_write_refuses_symlink_out(tmp_path):
    base, outside = tmp_path / "doel", tmp_path / "elders"
    base.mkdir()
    outside.mkdir()
    (base / "link").symlink_to(outside)
    (base / "bestand").symlink_to(outside / "doelwit.txt")
    for rel in ("link/x.txt", "bestand"):
        with pytest.raises(DataError):
            write_file(base, rel, b"x")
    assert list(outside.iterdir()) == []


def test_write_inside_is_atomic_and_idempotent(tmp_path):
    assert write_file(tmp_path, "a/b/c.txt", b"een") is True
    assert write_file(tmp_path, "a/b/c.txt", b"een") is False  # same bytes: not rewritten
    assert (tmp_path / "a" / "b" / "c.txt").read_bytes() == b"een"
    assert inside(tmp_path, Path("a/./b/../b/c.txt")) == (tmp_path / "a" / "b" / "c.txt").resolve()
    assert not list(tmp_path.rglob("*.tmp"))


def test_remove_tree_only_ours(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "belangrijk.txt").write_text("x")
    with pytest.raises(RuntimeError):
        remove_tree(theirs)
    assert (theirs / "belangrijk.txt").is_file()
    (theirs / MARKER).write_text("x")
    remove_tree(theirs)
    assert not theirs.exists()


def test_outputs_refused(tmp_path):
    data = tmp_path / "proj" / "data"
    shutil.copytree(BASE, data)
    stranger = tmp_path / "vreemd"
    stranger.mkdir()
    (stranger / "foto.jpg").write_bytes(b"\xff\xd8")
    ours = tmp_path / "eigen"
    ours.mkdir()
    (ours / MARKER).write_text("x")
    (ours / "index.html").write_text("x")
    project = tmp_path / "proj"
    for bad in (data, project, tmp_path, stranger, data / "2020", project / "scripts"):
        with pytest.raises(DataError):
            check_outputs({"site": bad}, data, project)
    for good in (ours, tmp_path / "nieuw", project / "site"):
        check_outputs({"site": good, "werk": tmp_path / "werk", "dist": tmp_path / "dist"}, data, project)


@pytest.mark.parametrize("target", ["data", ".", "vreemd"])
def test_cli_never_replaces_data_or_strangers(tmp_path, target):
    """`make site SITE=data` and friends: a Dutch error, exit 1, and not one byte touched."""
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "vreemd").mkdir()
    (tmp_path / "vreemd" / "notities.txt").write_text("van iemand anders", encoding="utf-8")
    before = tree(tmp_path)
    result = run_cli(
        "bouw",
        "--data",
        str(tmp_path / "data"),
        "--site",
        str(tmp_path / target),
        "--werk",
        str(tmp_path / "werk"),
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "fout: --site (SITE=): verwacht een" in result.stderr
    assert tree(tmp_path) == before


def test_stamp_is_json_and_a_pickle_runs_nothing(tmp_path):
    """A crafted stamp (a pickle that would run a command, or odd JSON) costs a full build, never code or a crash."""
    shutil.copytree(BASE, tmp_path / "data")
    args = (
        "bouw",
        "--data",
        str(tmp_path / "data"),
        "--site",
        str(tmp_path / "site"),
        "--werk",
        str(tmp_path / "werk"),
    )
    first = run_cli(*args)
    assert first.returncode == 0, first.stderr
    stamp = tmp_path / "werk" / "bouw-stempel.json"
    good = json.loads(stamp.read_text(encoding="utf-8"))
    assert set(good) == {"key", "site", "warnings", "pages", "k1", "figures"}
    assert not list((tmp_path / "werk").glob("*.pickle"))
    proof = tmp_path / "uitgevoerd"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {proof}",))

    odd = [
        pickle.dumps(Evil()),
        b"\xff\xfe",
        b"[1, 2]",
        json.dumps({**good, "k1": "x"}).encode(),
        json.dumps({**good, "warnings": [{"onbekend": 1}]}).encode(),
    ]
    for content in odd:
        stamp.write_bytes(content)
        again = run_cli(*args)
        assert again.returncode == 0, again.stderr
        assert "Traceback" not in again.stderr
        assert "getekend" in again.stdout
    assert not proof.exists()
    # An intact stamp still skips the build: nothing drawn.
    skipped = run_cli(*args)
    assert "(0 getekend" in skipped.stdout, skipped.stdout


@pytest.mark.parametrize("first_year", [True, False], ids=["eerste-jaar", "volgend-jaar"])
def test_every_command_right_after_new_year(tmp_path, first_year):
    """Before anything is filled in, check, site, serve and publish each say what to fill in; none publishes."""
    data = tmp_path / "data"
    if first_year:
        data.mkdir()
        shutil.copyfile(BASE / "gemeente.yaml", data / "gemeente.yaml")
    else:
        shutil.copytree(BASE, data)
    scaffold = make("nieuw-jaar", tmp_path, "JAAR=2021")
    assert scaffold.returncode == 0, scaffold.stderr
    for target in ("check", "site", "serve", "publish"):
        result = make(target, tmp_path)
        assert result.returncode != 0, (target, result.stdout)
        assert "Traceback" not in result.stderr, (target, result.stderr)
        assert (
            "klachten.csv: verwacht de klachten van 2021: de export van het register, één klacht per rij, "
            "gevonden alleen de kopregel"
        ) in result.stderr, (target, result.stderr)
        assert "vul data/2021/verslag.yaml in" in result.stderr
    assert not (tmp_path / "site").exists() and not (tmp_path / "dist").exists()
