"""Load stage: read data/ into raw structures that remember file, row and line."""
