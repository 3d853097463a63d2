"""Validate stage: check every rule, collect every problem, hand on typed data."""
