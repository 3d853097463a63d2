"""The coordinator's manual: rendered from its template into HANDLEIDING.md in the repository, not on the site."""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

from ..model.schema import CODES, COLUMNS, Contact, Huisstijl
from ..render.chapters import CHAPTERS
from ..render.named_values import NAMES
from ..render.site import TEMPLATES
from ..write.files import write_file

TARGET = Path(__file__).resolve().parents[3] / "HANDLEIDING.md"


def house_settings() -> list[tuple[str, str, str]]:
    """(field, default, description) of the contact and house-style fields of gemeente.yaml, from the schema."""
    return [(f"{block}.{name}", "geen" if field.default is None else f"`{field.default}`", field.description or "")
            for block, model in (("contact", Contact), ("huisstijl", Huisstijl))
            for name, field in model.model_fields.items()]


def render_manual() -> str:
    """The manual as GitHub-flavoured Markdown (its lists come from the schema, so they cannot drift)."""
    # Every value here comes from our own code, never from data, so nothing needs escaping but a table's '|'.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["cel"] = lambda text: str(text).replace("|", "\\|")
    return env.get_template("handleiding.md.j2").render(kolommen=COLUMNS, codes=CODES, namen=NAMES,
                                                        hoofdstukken=CHAPTERS, instellingen=house_settings())


def main() -> int:
    """Write HANDLEIDING.md next to README.md."""
    write_file(TARGET.parent, TARGET.name, render_manual().encode("utf-8"))
    print(f"Geschreven: {TARGET.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
