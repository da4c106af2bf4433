"""The access path of every endpoint in the official `openai` SDK ((verb, path) ->
'vector_stores.files.retrieve'), read from the installed package: its resources are walked from
an `openai.OpenAI` instance, and each method's source names the HTTP verb and path it calls.

Paths are compared with their parameter names blanked (`/files/{}`), since the SDK may name a
path parameter differently from the spec."""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Iterator
from typing import Any

# The base client's request helpers and the HTTP verb each one sends.
_HELPERS = {"_get": "get", "_get_api_list": "get", "_post": "post", "_put": "put",
            "_patch": "patch", "_delete": "delete"}
_PARAMETER = re.compile(r"\{[^}]*\}")


def blank(path: str) -> str:
    """'/files/{file_id}' -> '/files/{}': paths compared without parameter names."""
    return _PARAMETER.sub("{}", path)


def official_paths() -> dict[tuple[str, str], set[str]]:
    """(verb, blanked path) -> its access paths (an endpoint may be offered in two places,
    e.g. under `beta.` and outside), for every endpoint a sync resource calls."""
    import openai

    client = openai.OpenAI(api_key="sk-not-used", base_url="http://127.0.0.1:9")
    out: dict[tuple[str, str], set[str]] = {}
    try:
        for access, resource in _resources(client, "", set()):
            for method, endpoint in _endpoints(type(resource)):
                out.setdefault(endpoint, set()).add(f"{access}.{method}")
    finally:
        client.close()
    return out


def _resources(obj: Any, prefix: str, seen: set[type]) -> Iterator[tuple[str, Any]]:
    """(access path, resource) for every sub-resource reachable below `obj`."""
    from openai._resource import SyncAPIResource

    for name in sorted(dir(type(obj))):
        if name.startswith("_") or name.startswith("with_"):
            continue
        attribute = inspect.getattr_static(type(obj), name)
        if not isinstance(attribute, property) and not hasattr(attribute, "func"):
            continue  # resources are (cached) properties
        value = getattr(obj, name)
        if not isinstance(value, SyncAPIResource) or type(value) in seen:
            continue
        access = f"{prefix}{name}"
        yield access, value
        yield from _resources(value, access + ".", seen | {type(value)})


def _endpoints(cls: type) -> Iterator[tuple[str, tuple[str, str]]]:
    """(method name, (verb, blanked path)) for each public method of the class that sends one
    request with a literal path."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0]
    assert isinstance(body, ast.ClassDef)
    for node in body.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            calls = list(_requests(node))
            if len(calls) == 1:
                yield node.name, calls[0]


def _requests(function: ast.FunctionDef) -> Iterator[tuple[str, str]]:
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _HELPERS and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "self" and node.args):
            continue
        path = _literal_path(node.args[0])
        if path is not None:
            yield _HELPERS[node.func.attr], blank(path)


def _literal_path(node: ast.expr) -> str | None:
    """"/files", f"/files/{file_id}" or path_template("/files/{file_id}", ...) as text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}"
                       for v in node.values)
    if isinstance(node, ast.Call) and node.args:
        return _literal_path(node.args[0])
    return None
