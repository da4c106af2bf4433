"""A 50 MB spec generates (the limit is 512 MiB, reported clearly beyond that)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_codegen

SCHEMAS = 2500
TEXT = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. ") * 160  # about 19 kB


def _spec() -> dict[str, object]:
    schemas = {}
    for i in range(SCHEMAS):
        schemas[f"Thing{i}"] = {
            "type": "object", "description": TEXT,
            "properties": {"id": {"type": "string"}, "size": {"type": "integer"},
                           "next": {"$ref": f"#/components/schemas/Thing{(i + 1) % SCHEMAS}"}}}
    return {"openapi": "3.1.0", "info": {"title": "Large", "version": "1"}, "paths": {},
            "components": {"schemas": schemas}}


def test_fifty_megabyte_spec_generates(tmp_path: Path) -> None:
    spec = tmp_path / "large.json"
    spec.write_text(json.dumps(_spec()))
    assert spec.stat().st_size > 50_000_000
    result = run_codegen("generate", str(spec), "--package", "large", "--out",
                         str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((tmp_path / "out" / "large" / "types").glob("thing*.py"))) == SCHEMAS


def test_over_the_limit_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from codegen import load
    from codegen.diagnostics import FatalError

    spec = tmp_path / "big.json"
    spec.write_text(json.dumps(_spec()))
    monkeypatch.setattr(load, "MAX_SPEC_BYTES", 1024)
    with pytest.raises(FatalError) as caught:
        load.load(str(spec))
    assert "over the limit of" in str(caught.value.diagnostics[0].message)
