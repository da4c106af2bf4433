"""Corpus robustness harness over ../shared/corpus (see run.py)."""
