"""The SchemaStore schemas vendored by PyPI's check-jsonschema (GitHub workflows, dependabot,
renovate, gitlab-ci...): every one generates (models only) without an error, imports with
httpx blocked and builds every model. Three small ones in `make test`, all in `make sweep`."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from codegen.config import Config, with_package
from codegen.pipeline import generate_files
from tests.helpers import write_package
from tests.models.no_httpx import NO_HTTPX

SAMPLE = ("dependabot.json", "github-workflows.json", "readthedocs.json")


def _generate_and_build(schema: Path, root: Path) -> int:
    name = "s_" + schema.stem.replace("-", "_")
    result = generate_files(str(schema), replace(with_package(Config(), name), output="models"))
    assert result.ok, [d.render() for d in result.diagnostics if d.severity.name == "ERROR"]
    write_package(result.files, root, name)
    code = NO_HTTPX + (
        f"from {name} import types, BaseModel\n"
        "built = 0\n"
        "for n in types.__all__:\n"
        "    value = getattr(types, n)\n"
        "    if isinstance(value, type) and issubclass(value, BaseModel):\n"
        "        value.model_rebuild()\n"
        "        built += 1\n"
        "print(built)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, f"{schema.name}: {proc.stderr[-2000:]}"
    return int(proc.stdout)


@pytest.mark.parametrize("schema", SAMPLE)
def test_a_sample_of_schemastore(schemastore: Path, tmp_path: Path, schema: str) -> None:
    assert _generate_and_build(schemastore / schema, tmp_path) >= 1


@pytest.mark.slow
def test_every_schemastore_schema(schemastore: Path, tmp_path: Path) -> None:
    schemas = sorted(schemastore.glob("*.json"))
    assert len(schemas) >= 20
    built = {s.name: _generate_and_build(s, tmp_path) for s in schemas}
    print(f"{len(built)} schemas, {sum(built.values())} models built")
    assert all(count >= 1 for count in built.values()), built
