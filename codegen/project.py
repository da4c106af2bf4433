"""Where a project keeps its configuration: a codegen.yaml, or `[tool.codegen]` in its
pyproject.toml (the same schema, plus `spec` and `out`: paths relative to the pyproject).

Problems in a pyproject's table are reported like a codegen.yaml's, with the file and the key
below `#/tool/codegen`."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import Config, parse_config
from .diagnostics import Diagnostic, FatalError, Severity
from .load import parse, read_bytes

PYPROJECT = "pyproject.toml"
TABLE_POINTER = "#/tool/codegen"
_PATH_KEYS = ("spec", "out")  # [tool.codegen] keys that are not codegen.yaml's


@dataclass(frozen=True)
class Project:
    """What [tool.codegen] says beyond the config: the spec and output folder (resolved)."""

    path: str  # the pyproject.toml
    spec: str = ""
    out: str = ""


def is_pyproject(path: str) -> bool:
    return Path(path).name == PYPROJECT


def _toml(path: str) -> dict[str, Any]:
    # tomllib is the standard library's from 3.11; on 3.10 its twin `tomli` is a dependency.
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    try:
        data: dict[str, Any] = toml.loads(read_bytes(path).decode("utf-8"))
    except (toml.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FatalError(Diagnostic("", Severity.ERROR, f"invalid TOML: {exc}", "", path)) \
            from None
    return data


def table(path: str) -> dict[str, Any] | None:
    """The [tool.codegen] table, or None when the file has none."""
    found = _toml(path).get("tool", {}).get("codegen")
    if found is None:
        return None
    if not isinstance(found, dict):
        raise FatalError(_problem(path, TABLE_POINTER, "config: [tool.codegen] must be a table"))
    return found


def _problem(path: str, pointer: str, message: str) -> Diagnostic:
    return Diagnostic(pointer, Severity.ERROR, message, "see README.md, section "
                      "'Configuration'", path)


def read_config(path: str) -> Config:
    """A codegen.yaml, or the [tool.codegen] table of a pyproject.toml."""
    if not is_pyproject(path):
        return parse_config(parse(path, read_bytes(path)), path)
    data = table(path)
    if data is None:
        raise FatalError(_problem(path, TABLE_POINTER, "config: no [tool.codegen] table"))
    config_keys = {k: v for k, v in data.items() if k not in _PATH_KEYS}
    try:
        return parse_config(config_keys, path)
    except FatalError as exc:
        raise FatalError(*[in_table(d) for d in exc.diagnostics]) from None


def in_table(diag: Diagnostic) -> Diagnostic:
    """A config pointer ('#/package/name') as the key of the pyproject's table."""
    pointer = diag.pointer.removeprefix("codegen.yaml")
    if pointer.startswith("#") and not pointer.startswith(TABLE_POINTER):
        pointer = TABLE_POINTER + pointer[1:]
    return replace(diag, pointer=pointer)


def project(folder: str = ".") -> Project | None:
    """The [tool.codegen] of the pyproject.toml in `folder`, if it has one."""
    path = Path(folder, PYPROJECT)
    if not path.is_file():
        return None
    data = table(str(path))
    if data is None:
        return None
    paths = {}
    for key in _PATH_KEYS:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise FatalError(_problem(str(path), f"{TABLE_POINTER}/{key}",
                                      f"config: '{key}' must be a path (a string)"))
        paths[key] = str(path.parent / value) if value else ""
    return Project(str(path), paths["spec"], paths["out"])
