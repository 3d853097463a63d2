"""Aggregate stage: validated data in, indicators K1-K14 per year out, checked."""
