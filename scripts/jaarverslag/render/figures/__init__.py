"""Figures: bundles (data, text, paths), their builders per year and across years, matplotlib charts, house style."""
