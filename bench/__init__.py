"""Benchmark harness: codegen against datamodel-code-generator and openapi-python-client.

Run it with `make bench`, `python bench/run.py` or `python -m bench.run`; see bench/README.md.
Standard library only: it runs with any Python, the tools it measures in their own venvs.
"""
