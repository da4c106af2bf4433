"""The whole OpenAI spec (1422 schemas, 288 operations) generates, every module imports, every
model builds, and nothing is dropped."""

from __future__ import annotations

import importlib
import inspect
import json
from pathlib import Path

import pydantic
import pytest

from codegen.config import Config, with_package
from codegen.pipeline import generate_files
from tests.helpers import imported, shared_path, write_package

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    spec = shared_path("specs", "openai-openapi.json")
    result = generate_files(str(spec), with_package(Config(), "openai_full"))
    assert result.ok, [d.render() for d in result.diagnostics if d.severity.name == "ERROR"]
    root = tmp_path_factory.mktemp("full")
    write_package(result.files, root, "openai_full")
    return root, result


def test_nothing_is_dropped(full: tuple[Path, object]) -> None:
    _, result = full
    spec = json.loads(shared_path("specs", "openai-openapi.json").read_text())
    operations = [(path, verb) for path, item in spec["paths"].items() for verb in item
                  if verb in ("get", "put", "post", "delete", "patch", "head", "options")]
    assert len(operations) == 288
    api, names = result.api, result.names  # type: ignore[attr-defined]
    assert len(api.operations) == 288
    assert len(set(names.methods.values())) > 0 and len(names.methods) == 288
    components = [f"#/components/schemas/{n}" for n in spec["components"]["schemas"]]
    assert len(components) == 1422
    missing = [k for k in components if k not in names.classes]
    assert not missing
    files = result.files  # type: ignore[attr-defined]
    for key in components:
        root = names.roots[key]
        module = names.modules[root]
        assert f"types/{module}.py" in files, key


def test_every_module_imports_and_every_model_builds(full: tuple[Path, object]) -> None:
    root, _ = full
    modules = sorted(root.joinpath("openai_full").rglob("*.py"))
    built = 0
    with imported(root, "openai_full") as package:
        for path in modules:
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            module = importlib.import_module(".".join(parts))
            for obj in vars(module).values():
                if inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel) and \
                        obj.__module__ == module.__name__:
                    obj.model_rebuild(force=True)
                    built += 1
        client = package.Client(api_key="sk-test")
        assert client.realtime.client_secrets.create
        assert client.chat.completions.create
    assert built > 1400
