"""Bad input gets a clear message (file, line/column where known, JSON pointer, what is wrong,
what to do), the documented exit code, no traceback, and the existing output stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cases import PACKAGE, arguments, cases, normalise, run_case

REFRESH = "make goldens   (then read `git diff tests/errors`)"


def _existing_package(out: Path) -> dict[str, str]:
    files = {".codegen-manifest": "# Files written by codegen.\nmodule.py\n",
             "module.py": "VALUE = 1\n"}
    for name, text in files.items():
        (out / PACKAGE).mkdir(parents=True, exist_ok=True)
        (out / PACKAGE / name).write_text(text)
    return files


@pytest.mark.parametrize("case", cases())
def test_bad_input(case: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _existing_package(out)
    result = run_case(case, out)
    _, expected_exit = arguments(case)
    assert result.returncode == expected_exit, result.stderr
    assert "Traceback" not in result.stderr
    expected = (Path(__file__).parent / "cases" / case / "expected.txt").read_text()
    assert normalise(result.stderr, out) == expected, f"message changed; if intended: {REFRESH}"
    after = {p.name: p.read_text() for p in (out / PACKAGE).iterdir()}
    assert after == before, "the existing output must be left untouched"
    assert sorted(p.name for p in out.iterdir()) == [PACKAGE], "nothing else may be written"


def test_cases_cover_the_list() -> None:
    assert len(cases()) >= 17
