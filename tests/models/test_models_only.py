"""`--models-only` / `output: models`: the types/ package and the runtime modules the models
import, nothing that needs httpx; the same names, twins, lenient parsing and lazy loading as
the full output. The whole OpenAI spec's models-only package imports, builds every model and
passes pyright strict and mypy --strict (slow)."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from codegen.config import Config, with_package
from codegen.pipeline import generate_files
from codegen.render.models_only import models_runtime_files
from tests.helpers import ROOT, node_tool, run_codegen, shared_path, write_package

from .no_httpx import NO_HTTPX

SPEC = ROOT / "spec" / "openapi.yaml"
CONFIG = ROOT / "spec" / "codegen.yaml"

def _full_and_models(package: str) -> tuple[dict[str, str], dict[str, str]]:
    from codegen.pipeline import load_config

    config = with_package(load_config(str(CONFIG), None, str(SPEC)), package)
    full = generate_files(str(SPEC), config)
    models = generate_files(str(SPEC), replace(config, output="models"))
    assert full.ok and models.ok
    return full.files, models.files


def test_models_only_holds_types_and_what_they_import() -> None:
    full, models = _full_and_models("rt_models")
    types = {p for p in full if p.startswith("types/")}
    runtime = set(models_runtime_files())
    assert set(models) == types | runtime | {"__init__.py", "_version.py", "py.typed"}
    assert runtime == {"_constants.py", "_lenient.py", "_models.py", "_param_types.py",
                       "_type_shapes.py", "_validators.py"}
    for path in types:  # every rule of the full output: the same modules, byte for byte
        assert models[path] == full[path], path
    imported = {name for p, text in models.items() if p.endswith(".py")
                for name in _imported_modules(text)}
    assert imported <= ALLOWED, imported - ALLOWED


# What a models-only package may import: the standard library, pydantic, typing_extensions.
ALLOWED = frozenset({"pydantic", "pydantic_core", "typing_extensions", *sys.stdlib_module_names})


def _imported_modules(source: str) -> set[str]:
    """The top-level names of the absolute imports of a module (relative ones are siblings)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _run(root: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", NO_HTTPX + textwrap.dedent(code)], cwd=root,
                          capture_output=True, text=True, check=False)


def test_models_only_package_works_without_httpx(tmp_path: Path) -> None:
    _, models = _full_and_models("rt_models")
    write_package(models, tmp_path, "rt_models")
    proc = _run(tmp_path, """
        import logging, sys
        import rt_models
        from rt_models import types, parse_response, BaseModel
        assert "rt_models.types.realtime_truncation" not in sys.modules  # lazy
        for name in types.__all__:
            value = getattr(types, name)
            if isinstance(value, type) and issubclass(value, BaseModel):
                value.model_rebuild()
        logging.basicConfig(level=logging.WARNING)
        cls = types.ClientSecretCreateResponse
        data = {"expires_at": 1, "value": "ek_1", "session": {"type": "realtime",
                "brand_new_field": 1}, "new_top_level": True}
        parsed = parse_response(cls, data)
        assert parsed.value == "ek_1" and parsed.model_extra["new_top_level"] is True
        try:
            parse_response(cls, {"expires_at": "soon"}, strict=True)
        except Exception as exc:
            assert type(exc).__name__ == "ValidationError"
        else:
            raise AssertionError("strict mode accepted a bad value")
        assert "httpx" not in sys.modules
        print("ok", len(types.__all__))
    """)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok")


def test_models_only_flag_and_config_key(tmp_path: Path) -> None:
    proc = run_codegen("generate", "--models-only", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    package = tmp_path / "openai_realtime"
    assert not (package / "_client.py").exists() and (package / "types" / "__init__.py").exists()
    config = tmp_path / "codegen.yaml"
    config.write_text(CONFIG.read_text(encoding="utf-8") + "\noutput: models\n", encoding="utf-8")
    for extra in CONFIG.parent.iterdir():  # what the config names relative to itself (guides)
        if extra.is_dir():
            shutil.copytree(extra, tmp_path / extra.name)
    proc = run_codegen("check", str(SPEC), "--config", str(config), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the same package, by either way


@pytest.mark.slow
def test_whole_openai_spec_models_only(tmp_path: Path) -> None:
    spec = shared_path("specs", "openai-openapi.json")
    result = generate_files(str(spec), replace(with_package(Config(), "openai_models"),
                                               output="models"))
    assert result.ok
    write_package(result.files, tmp_path, "openai_models")
    proc = _run(tmp_path, """
        import sys
        from openai_models import types, BaseModel
        built = 0
        for name in types.__all__:
            value = getattr(types, name)
            if isinstance(value, type) and issubclass(value, BaseModel):
                value.model_rebuild()
                value.model_json_schema()
                built += 1
        assert "httpx" not in sys.modules
        print(built)
    """)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert int(proc.stdout) > 1000
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(
        {"include": ["openai_models"], "typeCheckingMode": "strict", "pythonVersion": "3.9"}))
    start = time.monotonic()
    pyright = subprocess.run([str(node_tool("pyright")), "--pythonpath", sys.executable, "-p",
                              str(tmp_path / "pyrightconfig.json"), "--outputjson"],
                             cwd=tmp_path, capture_output=True, text=True, check=False)
    errors = [d for d in json.loads(pyright.stdout)["generalDiagnostics"]
              if d["severity"] == "error"]
    print(f"pyright --strict: {len(errors)} errors in {time.monotonic() - start:.0f} s")
    assert not errors, errors[:10]
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir",
                           str(tmp_path / ".mypy_cache"), "openai_models"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert mypy.returncode == 0, mypy.stdout[-4000:]
