"""MkDocs in its child process: the same site, the same SiteBuildError on a warning, and no child left behind."""

from __future__ import annotations

import re

import pytest

from jaarverslag.model.problems import SiteBuildError
from jaarverslag.write import mkdocs_beside
from jaarverslag.write.site import run_mkdocs


def _project(tmp_path, page: str):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Proef\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    return config


def _site(folder) -> dict:
    """The built files; MkDocs' default theme stamps the build time into a comment, left out here."""
    return {
        p.relative_to(folder): re.sub(rb"Build Date UTC : [^\n]*", b"", p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


def test_the_child_builds_what_mkdocs_in_process_builds(tmp_path):
    config = _project(tmp_path, "# Proef\n\nEen pagina.\n")
    child = mkdocs_beside.start(tmp_path)
    child.build(config)
    child.close()
    built = _site(tmp_path / "site")
    run_mkdocs(config)
    assert built and built == _site(tmp_path / "site")


def test_a_warning_in_the_child_is_the_same_site_build_error(tmp_path):
    config = _project(tmp_path, "# Proef\n\n[kapot](bestaat-niet.md)\n")
    with pytest.raises(SiteBuildError) as in_process:
        run_mkdocs(config)
    child = mkdocs_beside.start(tmp_path)
    with pytest.raises(SiteBuildError) as beside:
        child.build(config)
    child.close()
    assert beside.value.problems == in_process.value.problems
    assert [p.expected for p in beside.value.problems] == ["een build zonder waarschuwingen"]


def test_a_child_that_never_builds_ends_on_close(tmp_path):
    child = mkdocs_beside.start(tmp_path)
    child.close()
    assert not child._process.is_alive() and child._process.exitcode == 0


def test_the_build_date_is_set_for_mkdocs_only(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH dates the sitemap during the build and is as it was afterwards (unset or the caller's)."""
    import datetime as dt
    import os

    config = _project(tmp_path, "# Proef\n")
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  bouwdatum: '2021-03-01'\n", encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    run_mkdocs(config)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    header = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()[4:8]  # gzip's MTIME field
    assert int.from_bytes(header, "little") == dt.datetime(2021, 3, 1, tzinfo=dt.UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    run_mkdocs(config)
    assert os.environ["SOURCE_DATE_EPOCH"] == "0"
