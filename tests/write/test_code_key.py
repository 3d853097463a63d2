"""One definition of "the code" for every cache: any file of the package changes it, and a change misses every cache."""
from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
import sys
from pathlib import Path

from conftest import ROOT, copy_example_data
import jaarverslag
from jaarverslag.commands import build as build_command
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
    """What each cache holds after a build: stamp key, data cache key, figure and PDF file names."""
    return {"stamp": json.loads((work / "bouw-stempel.json").read_text(encoding="utf-8"))["key"],
            "data": json.loads((work / "gegevens-cache.json").read_text(encoding="utf-8"))["key"],
            "figures": {p.name for p in (work / "figuren-cache").glob("*.svg")},
            "pdf": {p.name for p in (work / "pdf").glob("*.pdf")}}


def test_a_code_change_misses_every_cache(tmp_path, monkeypatch):
    data, work, site = copy_example_data(tmp_path / "data"), tmp_path / "work", tmp_path / "site"
    build_command.run_build(ROOT, data, work, site)
    before = _caches(work)
    assert build_command.run_build(ROOT, data, work, site).stages.keys() == {"ongewijzigd"}
    copy = _package_copy(tmp_path)
    (copy / COVER_DATES).write_text((copy / COVER_DATES).read_text(encoding="utf-8") + "\n# changed\n",
                                    encoding="utf-8")
    monkeypatch.setattr(build_command, "code_key", lambda: code_key(copy))
    summary = build_command.run_build(ROOT, data, work, site)
    after = _caches(work)
    assert "ongewijzigd" not in summary.stages and after["stamp"] != before["stamp"]
    assert after["data"] != before["data"]  # the data cache is only written after a miss
    drawn = len(before["figures"]) // 4  # four variants per figure
    assert summary.figures.startswith(f"{drawn} figuren ({drawn} getekend, 0 hergebruikt"), summary.figures
    assert before["pdf"] and len(after["pdf"]) == len(before["pdf"]) and not after["pdf"] & before["pdf"]
