#!/usr/bin/env python3
"""Accept the generated Markdown of the example's snapshot year as the reviewed snapshot (make snapshots).

The test (tests/render/test_snapshots.py) only compares; this command is the one way to write the snapshots.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "fixtures" / "voorbeeld"  # the tests' example municipality, never data/
SNAPSHOTS = ROOT / "tests" / "snapshots"
YEAR = "2020"


def generated_pages(docs: Path) -> dict[str, str]:
    """The snapshot year's generated Markdown pages under a build's docs folder, by path within the year."""
    folder = docs / YEAR
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def stored_pages() -> dict[str, str]:
    """The snapshot as reviewed, by path within the year."""
    folder = SNAPSHOTS / YEAR
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def main() -> int:
    """Build the example into a temporary folder and write its pages as the snapshot."""
    with tempfile.TemporaryDirectory() as tmp:
        built = subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "build.py"),
                "bouw",
                "--data",
                str(EXAMPLE),
                "--site",
                str(Path(tmp) / "site"),
                "--werk",
                str(Path(tmp) / "work"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            print("Gestopt: het voorbeeld bouwt niet; de snapshots zijn niet gewijzigd.", file=sys.stderr)
            return 1
        pages = generated_pages(Path(tmp) / "work" / "docs")
    before = stored_pages()
    target = SNAPSHOTS / YEAR
    shutil.rmtree(target, ignore_errors=True)
    for rel, text in pages.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    changed = sorted(rel for rel in pages.keys() | before.keys() if pages.get(rel) != before.get(rel))
    print(
        f"Snapshots {YEAR} bijgewerkt: {len(changed)} van {len(pages)} pagina's gewijzigd"
        + (": " + ", ".join(changed) if changed else "")
        + ". Bekijk het verschil met 'git diff tests/snapshots'."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
