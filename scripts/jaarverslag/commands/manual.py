"""The coordinator's manual: rendered from its template into HANDLEIDING.md in the repository, not on the site."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from pydantic import BaseModel

from ..load.export import HEADER_SEARCH_ROWS
from ..model.codes import BASE_MEANING, CODES, COLUMNS, MEANINGS, OPTIONAL_CHAPTERS
from ..model.schema_doc import FILES, fields_of
from ..render.chapters import CHAPTERS
from ..render.named_values import NAMES
from ..render.site import TEMPLATES
from ..validate.extras import Ombudsman, Partners
from ..write.files import write_file
from .manual_example import worked_example

# The yearly files whose schema lives with its checks in validate/extras.py.
EXTRA_FILES: dict[str, type[BaseModel]] = {"<jaar>/ombudsman.yaml": Ombudsman, "<jaar>/partners.yaml": Partners}
TARGET = Path(__file__).resolve().parents[3] / "HANDLEIDING.md"


def render_manual() -> str:
    """The manual as GitHub-flavoured Markdown (its lists come from the schema, so they cannot drift)."""
    # Every value here comes from our own code, never from data, so nothing needs escaping but a table's '|'.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    # A table cell on GitHub: '|' would end the cell and '<...>' would vanish as an HTML tag.
    env.filters["cel"] = lambda text: str(text).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return env.get_template("handleiding.md.j2").render(
        kolommen=COLUMNS,
        codes=CODES,
        namen=NAMES,
        hoofdstukken=CHAPTERS,
        betekenissen=MEANINGS,
        basisbetekenis=BASE_MEANING,
        optioneel=OPTIONAL_CHAPTERS,
        bestanden={name: fields_of(model) for name, model in {**FILES, **EXTRA_FILES}.items()},
        voorbeeld={**worked_example(), "zoekrijen": HEADER_SEARCH_ROWS},
    )


def main() -> int:
    """Write HANDLEIDING.md next to README.md."""
    write_file(TARGET.parent, TARGET.name, render_manual().encode("utf-8"))
    print(f"Geschreven: {TARGET.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
