"""The press kit: PNGs of the right size without dates or versions, drawn from the site's own chart arguments,
zipped with fixed times, and linked from the year page only in a site that holds them."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace

import pytest

from conftest import EXAMPLE
from jaarverslag.commands.build import prepare
from jaarverslag.render.figures import charts
from jaarverslag.render.figures.press import SCALES, kit_path, press_png
from jaarverslag.write.press_kit import press_kits

REPORT = "Jaarverslag klachten 2020 gemeente Voorbeeld"


@pytest.fixture(scope="module")
def site():
    """The example's site model (pages and figure bundles; nothing drawn)."""
    return prepare(EXAMPLE).site


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The chunks of a PNG as (type, data)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return found


def test_pictures_are_16_by_9_in_two_sizes_with_no_date_or_version(site):
    """1200 x 675 and 2400 x 1350 px; no text, time or other metadata chunk; the same bytes when drawn again."""
    bundle = site.bundles["2020/figuren/ontvangen-afdeling.svg"]
    for scale, size in zip(SCALES.values(), [(1200, 675), (2400, 1350)], strict=True):
        png = press_png(bundle, REPORT, scale)
        parts = chunks(png)
        assert struct.unpack(">II", parts[0][1][:8]) == size
        assert {kind for kind, _ in parts} <= {b"IHDR", b"pHYs", b"IDAT", b"IEND"}, [k for k, _ in parts]
        assert press_png(bundle, REPORT, scale) == png


def test_the_chart_is_drawn_from_the_sites_own_arguments(site, monkeypatch):
    """The press picture calls the chart function with the bundle's arguments, untouched: what the site hides (and
    its rounding) stays as on the site; only the size differs."""
    calls = []
    for kind, draw in list(charts.CHARTS.items()):

        def record(*args, _draw=draw, **kwargs):
            calls.append(kwargs)
            return _draw(*args, **kwargs)

        monkeypatch.setitem(charts.CHARTS, kind, record)
    kinds = {}
    for bundle in site.bundles.values():
        kinds.setdefault(bundle.kind, bundle)
    for bundle in kinds.values():
        calls.clear()
        press_png(bundle, REPORT, 1.5)
        assert len(calls) == 1
        assert {k: v for k, v in calls[0].items() if k not in ("width", "height")} == bundle.chart


def test_a_kit_is_one_zip_per_year_with_fixed_times_and_the_same_bytes(site, tmp_path):
    """One figure of 2018: two pictures and LEESMIJ.txt, dated 1980, equal bytes from an empty cache again."""
    year = {2018: site.covers[2018]}
    small = replace(
        site, covers=year, bundles={p: b for p, b in site.bundles.items() if p == "2018/figuren/ontvangen-maand.svg"}
    )
    kits = press_kits(small, tmp_path / "a", "code", workers=1)
    assert list(kits) == [kit_path(2018)]
    with zipfile.ZipFile(io.BytesIO(kits[kit_path(2018)])) as kit:
        names = kit.namelist()
        assert {i.date_time for i in kit.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        readme = kit.read("LEESMIJ.txt").decode("utf-8")
    assert names[0] == "LEESMIJ.txt" and len(names) == 1 + 2
    assert all(n.startswith("figuur-") and n.endswith(".png") for n in names[1:])
    for bundle in small.bundles.values():
        assert bundle.title in readme and bundle.alt_text in readme and bundle.source in readme
    assert press_kits(small, tmp_path / "b", "code", workers=1) == kits


def test_the_year_page_links_the_kit_only_when_publish_makes_it(site):
    """make site: no link (and no kit); make publish: the open-data section links the year's zip."""
    name = kit_path(2020).rsplit("/", 1)[1]
    assert name not in site.pages["2020/index.md"]
    published = prepare(EXAMPLE, press=True).site
    assert f"]({name})" in published.pages["2020/index.md"]
