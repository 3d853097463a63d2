"""Render stage: indicators in, Markdown pages, tables and figure bundles out (nothing written)."""
