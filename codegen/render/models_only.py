"""`output: models` (`--models-only`): the package's files besides types/: the runtime modules
the models import (found by following the runtime's relative imports, so a new import is
carried along without a list to update), `_constants.py`, a lazy `__init__` and `_version.py`.
Nothing that needs httpx: the package depends on pydantic and typing_extensions only."""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Any

import jinja2

from .runtime import CONSTANTS, runtime_sources

# What the types/ modules import from the runtime: the models' base and the params' types.
ROOTS = ("_models.py", "_param_types.py")
# What the package's __init__ offers besides the types.
EXPORTS = (("BaseModel", "_models"), ("parse_response", "_models"))


def _relative_imports(source: str) -> set[str]:
    """File names of the sibling modules a runtime module imports (`from ._x import y`)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(f"{node.module}.py")
    return found


@lru_cache(maxsize=1)
def models_runtime_files() -> tuple[str, ...]:
    """The runtime files a models-only package holds, `_constants.py` included."""
    sources = runtime_sources()
    needed: set[str] = set()
    work = list(ROOTS)
    while work:
        name = work.pop()
        if name in needed:
            continue
        needed.add(name)
        if name in sources:
            work.extend(_relative_imports(sources[name]))
    return tuple(sorted(needed))


def render_models_package(env: jinja2.Environment, ctx: dict[str, Any]) -> dict[str, str]:
    header = ctx["header"]
    sources = runtime_sources()
    files = {name: f"{header}\n{sources[name]}" for name in models_runtime_files()
             if name in sources}
    files[CONSTANTS] = env.get_template(f"runtime/{CONSTANTS}.j2").render(**ctx)
    files["__init__.py"] = env.get_template("package/models_init.py.j2").render(
        **ctx, exports=EXPORTS)
    files["_version.py"] = env.get_template("package/_version.py.j2").render(**ctx)
    files["py.typed"] = ""
    return files
