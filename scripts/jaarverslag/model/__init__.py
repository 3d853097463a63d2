"""Shared types every stage uses: codes and input schemas, indicator types, problems, progress."""
