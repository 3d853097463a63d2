"""Publishing: one zip of the built site with a manifest, so the college can point to what it adopted."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from ..load.provenance import Manifest
from ..model.problems import DataError, Problem
from .files import MARKER, mark, write_file

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no build time: same site, same zip


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip of these entries in the given order, with fixed times and permissions: same entries, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries.items():
            info = zipfile.ZipInfo(entry, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def write_zip(site: Path, dist: Path, year: int, manifest: Manifest) -> Path:
    """Write dist/jaarverslag-klachten-<jaar>.zip holding site/ and manifest.json."""
    if not (site / "index.html").is_file():
        raise DataError(
            [Problem(str(site), expected="een gebouwde site", found="geen site", hint="Draai eerst 'make site'.")]
        )
    name = f"jaarverslag-klachten-{year}.zip"
    entries = {
        "manifest.json": (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    }
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != MARKER):
        entries[f"site/{path.relative_to(site).as_posix()}"] = path.read_bytes()
    mark(dist)
    write_file(dist, name, zip_bytes(entries))
    return dist / name
