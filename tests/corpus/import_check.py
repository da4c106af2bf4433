"""Run in a fresh interpreter: `python import_check.py ROOT PACKAGE`.

Imports every module of ROOT/PACKAGE, force-builds every pydantic model defined in a `types`
module, constructs `PACKAGE.Client(api_key="x")` when it exists, and prints one JSON line:
{"modules": N, "models": N, "client": bool, "errors": [{"where", "error", "traceback"}]}.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import traceback
from pathlib import Path
from types import ModuleType

import pydantic


def module_names(root: Path, package: str) -> list[str]:
    names = []
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def _error(where: str, exc: BaseException) -> dict[str, str]:
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    text = "".join(lines)
    return {"where": where, "error": f"{type(exc).__name__}: {exc}",
            "traceback": text[-4000:]}


def build_models(module: ModuleType, errors: list[dict[str, str]]) -> int:
    built = 0
    for obj in list(vars(module).values()):
        if inspect.isclass(obj) and issubclass(obj, pydantic.BaseModel) and \
                obj.__module__ == module.__name__:
            try:
                obj.model_rebuild(force=True)
                built += 1
            except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
                errors.append(_error(f"{module.__name__}.{obj.__name__}.model_rebuild", exc))
    return built


def check(root: Path, package: str) -> dict[str, object]:
    sys.path.insert(0, str(root))
    errors: list[dict[str, str]] = []
    modules = []
    for name in module_names(root, package):
        try:
            modules.append(importlib.import_module(name))
        except BaseException as exc:  # noqa: BLE001 - SystemExit from a module is a failure too
            errors.append(_error(f"import {name}", exc))
    types = f"{package}.types"
    built = sum(build_models(m, errors) for m in modules
                if m.__name__ == types or m.__name__.startswith(types + "."))
    client = False
    top = sys.modules.get(package)
    if top is not None and hasattr(top, "Client"):
        try:
            top.Client(api_key="x").close()
            client = True
        except Exception as exc:  # noqa: BLE001
            errors.append(_error(f"{package}.Client(api_key='x')", exc))
    return {"modules": len(modules), "models": built, "client": client, "errors": errors}


if __name__ == "__main__":
    print(json.dumps(check(Path(sys.argv[1]), sys.argv[2])))
