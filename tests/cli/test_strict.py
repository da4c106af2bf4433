"""`--strict` (or `strict: true` in the config) turns every warning into an error: exit 1 and
nothing written, on generate, check and validate; without it the same spec generates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_codegen

SPEC = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {"Fee": {"type": "object"}, "fee": {"type": "object"}}}}


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(SPEC))
    return path


def test_without_strict_a_warning_does_not_stop_generation(spec: Path, tmp_path: Path) -> None:
    result = run_codegen("generate", str(spec), "--package", "pkg", "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "warning: schemas 'Fee' and 'fee' both become" in result.stderr
    assert (tmp_path / "o" / "pkg" / "types" / "fee2.py").exists()


@pytest.mark.parametrize("how", ["flag", "config"])
def test_strict_generate_fails_and_writes_nothing(spec: Path, tmp_path: Path, how: str) -> None:
    args = ["generate", str(spec), "--package", "pkg", "--out", str(tmp_path / "o")]
    if how == "flag":
        args.append("--strict")
    else:
        config = tmp_path / "codegen.yaml"
        config.write_text("strict: true\n")
        args += ["--config", str(config)]
    result = run_codegen(*args)
    assert result.returncode == 1
    assert "error: schemas 'Fee' and 'fee' both become" in result.stderr
    assert "(strict: warnings are errors)" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "o").exists()


def test_strict_check_and_validate_fail(spec: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "o")
    assert run_codegen("generate", str(spec), "--package", "pkg", "--out", out).returncode == 0
    assert run_codegen("check", str(spec), "--package", "pkg", "--out", out).returncode == 0
    strict_check = run_codegen("check", str(spec), "--package", "pkg", "--out", out, "--strict")
    assert strict_check.returncode == 1
    assert "error: schemas 'Fee' and 'fee'" in strict_check.stderr
    assert run_codegen("validate", str(spec)).returncode == 0
    assert run_codegen("validate", str(spec), "--strict").returncode == 1
