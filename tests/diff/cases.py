"""The hand-made spec pairs under cases/ (old.yaml -> new.yaml) and their expected reports,
one file per format. `python -m tests.diff.refresh` rewrites the expected files."""

from __future__ import annotations

import contextlib
import gc
import io
import os
from collections.abc import Iterator
from pathlib import Path

from codegen.cli import main

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "old.yaml").is_file())


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)  # the report names the specs as given: relative names keep it stable
    try:
        yield
    finally:
        os.chdir(before)


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    """codegen in this process (a subprocess per report would cost a second each)."""
    out, err = io.StringIO(), io.StringIO()
    with _inside(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = int(exc.code or 0)
        finally:
            gc.enable()  # main() switches the collector off for its short run
    return code, out.getvalue(), err.getvalue()


def report(name: str, fmt: str) -> str:
    code, out, err = run(CASES / name, "diff", "old.yaml", "new.yaml", "--format", fmt)
    assert code == 1, err
    return out
