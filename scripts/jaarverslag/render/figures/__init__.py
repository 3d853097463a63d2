"""Figures: figure bundles (builders), matplotlib charts and the house style."""
