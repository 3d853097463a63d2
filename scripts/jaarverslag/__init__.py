"""Jaarverslag klachten: from the complaint register to a published Dutch report site."""

__version__ = "0.1.0"
