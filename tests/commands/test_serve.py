"""The preview's watcher: a changed file under data/ regenerates the served pages (watchdog), reading does not."""

from __future__ import annotations

import threading
import time

from conftest import ROOT, copy_example_data
from jaarverslag.commands.serve import Watcher, regenerate
from jaarverslag.render.site import TEMPLATES

WAIT = 120  # seconds: a rebuild on a busy machine; a working watcher needs a fraction of that


def test_a_changed_text_is_rebuilt_and_a_quiet_folder_is_not(tmp_path):
    data, work = copy_example_data(tmp_path / "data"), tmp_path / "work"
    assert regenerate(ROOT, data, work)
    page = work / "docs" / "2020" / "10-conclusies-en-aanbevelingen.md"
    text = data / "2020" / "tekst" / "conclusies-en-aanbevelingen.md"
    assert "Watchdog-proef" not in page.read_text(encoding="utf-8")
    rebuilds: list[bool] = []
    done = threading.Event()

    def rebuild() -> None:
        rebuilds.append(regenerate(ROOT, data, work))
        done.set()

    watcher = Watcher([data, ROOT / "docs", TEMPLATES], rebuild).start()
    try:
        text.write_text(text.read_text(encoding="utf-8") + "\nWatchdog-proef.\n", encoding="utf-8")
        assert done.wait(WAIT), "no rebuild after a change in data/"
        assert rebuilds == [True] and "Watchdog-proef" in page.read_text(encoding="utf-8")
        time.sleep(2)  # the rebuild read every file under data/: reading must not start another one
        assert len(rebuilds) == 1, rebuilds
    finally:
        watcher.close()
