"""MkDocs hooks (listed in the generated mkdocs.yml): the theme's texts from data are escaped once, in every context."""
from __future__ import annotations

from markupsafe import Markup, escape

# Material prints these as they are in some places (<meta content>, aria-label, the header) and escapes them in
# others (title="…"): as Markup they come out escaped exactly once in both.
PLAIN_SETTINGS = ("site_name", "site_description", "site_author")


def on_config(config):
    """Escape the site's name, description and author (from gemeente.yaml) once, as Markup."""
    for key in PLAIN_SETTINGS:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = escape(value)
    return config


def on_nav(nav, config, files):
    """Mark the nav's titles as the escaped HTML they are (render.chapters.navigation escapes them), so a
    template's | e does not escape them a second time."""
    stack = list(nav.items)
    while stack:
        item = stack.pop()
        if isinstance(getattr(item, "title", None), str) and not isinstance(item.title, Markup):
            item.title = Markup(item.title)
        stack.extend(getattr(item, "children", None) or [])
    return nav
