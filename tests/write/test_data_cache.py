"""The data cache: a text change reuses the data stage (without pandas), anything else or a broken cache does not."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, build_into, copy_example_data, run_cli
from jaarverslag.commands.build import _data_stage
from jaarverslag.load.provenance import make_manifest
from jaarverslag.model.problems import Report
from jaarverslag.render.site import build_site
from jaarverslag.write import data_cache
from jaarverslag.write.code_key import code_key

CODE = code_key()


def _fresh(data):
    report = Report()
    dataset, indicators, differences = _data_stage(data, report)
    return report, dataset, indicators, differences


def _saved(tmp_path):
    data = copy_example_data(tmp_path / "data")
    work = tmp_path / "work"
    report, dataset, indicators, differences = _fresh(data)
    assert data_cache.save(work, data_cache.input_key(data, CODE), dataset, indicators, report.warnings, differences)
    return data, work


def test_a_text_change_reads_the_cache_and_gives_the_same_pages(tmp_path):
    data, work = _saved(tmp_path)
    text = data / "2020" / "tekst" / "samenvatting.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nEen zin die er net bij kwam.\n", encoding="utf-8")
    key = data_cache.input_key(data, CODE)
    cached_report = Report()
    dataset, indicators, differences = data_cache.load(work, key, data, cached_report)
    report, fresh, fresh_indicators, fresh_differences = _fresh(data)
    assert repr(indicators) == repr(fresh_indicators) and differences == fresh_differences
    assert cached_report.warnings == report.warnings
    assert "Een zin die er net bij kwam." in dataset.years[2020].texts["samenvatting"][1]
    manifest = make_manifest(data)
    assert (
        build_site(dataset, indicators, Report(), manifest, differences).pages
        == build_site(fresh, fresh_indicators, Report(), manifest, fresh_differences).pages
    )


def test_a_build_from_the_cache_never_imports_pandas(tmp_path):
    data, work = _saved(tmp_path)
    probe = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1])\n"
        "from jaarverslag.model.problems import Report\n"
        "from jaarverslag.write import data_cache\n"
        "from jaarverslag.write.code_key import code_key\n"
        "from jaarverslag.render.site import build_site\n"
        "from jaarverslag.load.provenance import make_manifest\n"
        "data, work = Path(sys.argv[2]), Path(sys.argv[3])\n"
        "found = data_cache.load(work, data_cache.input_key(data, code_key()), data, Report())\n"
        "build_site(found[0], found[1], Report(), make_manifest(data), found[2])\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pyarrow') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(ROOT / "scripts"), str(data), str(work)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_a_register_change_or_other_file_misses(tmp_path):
    data, work = _saved(tmp_path)
    key = data_cache.input_key(data, CODE)
    register = data / "2020" / "klachten.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("brief", "email", 1), encoding="utf-8")
    assert data_cache.input_key(data, CODE) != key
    assert data_cache.load(work, data_cache.input_key(data, CODE), data, Report()) is None
    register.write_text(register.read_text(encoding="utf-8").replace("email", "brief", 1), encoding="utf-8")
    (data / "2021").mkdir()  # an empty year folder is itself a problem the data stage reports
    assert data_cache.input_key(data, CODE) != key


def test_a_broken_cache_only_costs_a_full_data_stage(tmp_path):
    data, work = _saved(tmp_path)
    key = data_cache.input_key(data, CODE)
    path = work / data_cache.CACHE
    good = json.loads(path.read_text(encoding="utf-8"))
    broken = [
        b"\xff\xfe not json",
        b"[1, 2]",
        b"{}",
        json.dumps({**good, "indicators": {"2020": 5}}).encode(),
        json.dumps({**good, "years": {"x": {}}}).encode(),
        json.dumps({**good, "warnings": [{"x": 1}]}).encode(),
        json.dumps({**good, "warnings": [{"file": ["a"]}]}).encode(),
        json.dumps({**good, "differences": [[1]]}).encode(),
        json.dumps({**good, "key": "ander"}).encode(),
    ]
    for blob in broken:
        path.write_bytes(blob)
        assert data_cache.load(work, key, data, Report()) is None, blob[:60]
    path.write_text(json.dumps(good), encoding="utf-8")
    assert data_cache.load(work, key, data, Report()) is not None


def test_a_broken_text_is_reported_from_the_cache_path(tmp_path):
    data, work = _saved(tmp_path)
    (data / "2020" / "tekst" / "samenvatting.md").write_bytes(b"")
    report = Report()
    assert data_cache.load(work, data_cache.input_key(data, CODE), data, report) is not None
    assert [p.file for p in report.errors] == ["data/2020/tekst/samenvatting.md"]


def test_rebuild_after_a_text_change_equals_a_fresh_build(tmp_path):
    data = copy_example_data(tmp_path / "data")
    assert build_into(tmp_path / "a", data).returncode == 0
    text = data / "2020" / "tekst" / "samenvatting.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    again = build_into(tmp_path / "a", data)
    assert again.returncode == 0, again.stderr
    fresh = run_cli(
        "bouw",
        "--data",
        str(data),
        "--site",
        str(tmp_path / "b" / "site"),
        "--werk",
        str(tmp_path / "b" / "work"),
        "--dist",
        str(tmp_path / "b" / "dist"),
    )
    assert fresh.returncode == 0, fresh.stderr
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "site"
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert [str(f) for f in files if (a / f).read_bytes() != (b / f).read_bytes()] == []
