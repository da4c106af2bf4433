"""The runtime's files for one package: codegen/runtime's sources as they are, under the
generated header, and the `_constants.py` they import, rendered for the package."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

RUNTIME_DIR = Path(__file__).resolve().parent.parent / "runtime"
CONSTANTS = "_constants.py"


@lru_cache(maxsize=1)
def runtime_sources() -> dict[str, str]:
    """{file name: source} of the runtime modules copied into every package."""
    return {path.name: path.read_text(encoding="utf-8")
            for path in sorted(RUNTIME_DIR.glob("_*.py")) if path.name != "__init__.py"}


def runtime_file_names() -> frozenset[str]:
    """Every runtime file a package gets, `_constants.py` included."""
    return frozenset(runtime_sources()) | {CONSTANTS}


@lru_cache(maxsize=1)
def exception_names() -> tuple[str, ...]:
    """The error classes, as `_exceptions.__all__` lists them (the package re-exports each)."""
    tree = ast.parse(runtime_sources()["_exceptions.py"])
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise LookupError("codegen/runtime/_exceptions.py has no __all__")


# What the package's __init__ exports from the runtime, besides the client and the errors.
PUBLIC_RUNTIME = (
    ("BaseModel", "_models"),
    ("parse_response", "_models"),
    ("APIResponse", "_api_response"),
    ("AsyncAPIResponse", "_api_response"),
    ("BinaryResponse", "_response"),
    ("Stream", "_streaming"),
    ("AsyncStream", "_streaming"),
    ("SyncPage", "_pagination"),
    ("AsyncPage", "_pagination"),
    ("AsyncPaginator", "_pagination"),
    ("NotGiven", "_types"),
    ("Omit", "_types"),
    ("not_given", "_types"),
    ("omit", "_types"),
)


def public_runtime() -> tuple[tuple[str, str], ...]:
    """(name, module) of everything the package's __init__ exports: the errors, then the rest."""
    return tuple((name, "_exceptions") for name in exception_names()) + PUBLIC_RUNTIME


def render_runtime(env: jinja2.Environment, context: dict[str, Any]) -> dict[str, str]:
    header = context["header"]
    files = {name: f"{header}\n{source}" for name, source in runtime_sources().items()}
    files[CONSTANTS] = env.get_template(f"runtime/{CONSTANTS}.j2").render(**context)
    return files
