"""One definition of "the code" for every cache: any file of the package changes it, and a change misses every cache."""

from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import jaarverslag
from conftest import ROOT, copy_example_data
from jaarverslag.render.site import TEMPLATES
from jaarverslag.write.code_key import PACKAGE, code_files, code_key

COVER_DATES = Path("render") / "formatting.py"  # formats the cover's dates: the PDF key once left it out


def _package_copy(tmp_path: Path) -> Path:
    """A writable copy of scripts/jaarverslag (without bytecode)."""
    return Path(shutil.copytree(PACKAGE, tmp_path / "jaarverslag", ignore=shutil.ignore_patterns("__pycache__")))


def test_every_module_and_template_is_part_of_the_code():
    for module in pkgutil.walk_packages(jaarverslag.__path__, "jaarverslag."):
        importlib.import_module(module.name)
    files = set(code_files())
    loaded = [m for name, m in sys.modules.items() if name == "jaarverslag" or name.startswith("jaarverslag.")]
    assert len(loaded) > 60
    for module in loaded:
        assert Path(module.__file__).resolve() in files, module.__name__
    templates = [p for p in TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert templates and set(templates) <= files


def test_a_change_in_any_file_of_the_package_changes_the_key(tmp_path):
    copy = _package_copy(tmp_path)
    base = code_key(copy)
    changed = code_files(copy)
    assert copy / COVER_DATES in changed and copy / "render" / "templates" / "print.typ" in changed
    for path in changed:
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert code_key(copy) != base, path.relative_to(copy)
        path.write_bytes(original)
    (copy / "write" / "nieuw.py").write_text("", encoding="utf-8")  # a new module counts too
    assert code_key(copy) != base


def _caches(work: Path) -> dict[str, object]:
    """What each cache holds after a build: stamp, data and protection keys, figure and PDF file names."""
    return {
        "stamp": json.loads((work / "bouw-stempel.json").read_text(encoding="utf-8"))["key"],
        "data": json.loads((work / "gegevens-cache.json").read_text(encoding="utf-8"))["key"],
        "protection": json.loads((work / "bescherming-cache.json").read_text(encoding="utf-8"))["code"],
        "figures": {p.name for p in (work / "figuren-cache").glob("*.svg")},
        "pdf": {p.name for p in (work / "pdf").glob("*.pdf")},
    }


# A build in its own process (pytest's may hold threads a fork must not copy), with "the code" of the given
# copy of the package, or the real one when none is given.
BUILD = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from jaarverslag.commands import build
from jaarverslag.write.code_key import code_key
if sys.argv[6]:
    build.code_key = lambda: code_key(Path(sys.argv[6]))
summary = build.run_build(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
print(json.dumps({"stages": sorted(summary.stages), "figures": summary.figures}))
"""


def _build(data: Path, work: Path, site: Path, package: Path | None = None) -> dict:
    """Build data into site (work folder work); the summary's stage names and figure line."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            BUILD,
            str(ROOT / "scripts"),
            str(ROOT),
            str(data),
            str(work),
            str(site),
            str(package or ""),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout)


def test_a_code_change_misses_every_cache(tmp_path):
    data, work, site = copy_example_data(tmp_path / "data"), tmp_path / "work", tmp_path / "site"
    _build(data, work, site)
    before = _caches(work)
    assert _build(data, work, site)["stages"] == ["ongewijzigd"]
    copy = _package_copy(tmp_path)
    (copy / COVER_DATES).write_text(
        (copy / COVER_DATES).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    summary = _build(data, work, site, copy)
    after = _caches(work)
    assert "ongewijzigd" not in summary["stages"] and after["stamp"] != before["stamp"]
    assert after["data"] != before["data"]  # the data cache is only written after a miss
    assert after["protection"] != before["protection"]  # every cross table protected anew
    drawn = len(before["figures"]) // 4  # four variants per figure
    assert summary["figures"].startswith(f"{drawn} figuren ({drawn} getekend, 0 hergebruikt"), summary["figures"]
    assert before["pdf"] and len(after["pdf"]) == len(before["pdf"]) and not after["pdf"] & before["pdf"]
