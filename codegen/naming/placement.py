"""Where each operation lives: its resource path and the method name it wants there, from the
config's mapping first, else inferred from the path (segments are resources, the verb and path
shape name the method). Collisions between wanted names are settled in resources.py."""

from __future__ import annotations

import keyword
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..config import Config, ResourceConfig, endpoint_key
from ..diagnostics import Diagnostics
from ..ir import Api
from ..pointers import pointer_join
from ..words import snake

ITEM_VERBS = {"get": "retrieve", "post": "update", "put": "update", "patch": "update",
              "delete": "delete"}
COLLECTION_VERBS = {"get": "list", "post": "create", "put": "update", "patch": "update",
                    "delete": "delete"}


@dataclass(frozen=True)
class Placement:
    resource: tuple[str, ...]  # ('realtime', 'client_secrets')
    method: str  # the method name wanted in that resource


def place_operations(api: Api, config: Config,
                     diagnostics: Diagnostics) -> dict[str, Placement]:
    """Operation key -> its placement."""
    known = {(op.method, op.path) for op in api.operations}
    pinned = _configured(config, known, diagnostics)
    all_paths = frozenset(op.path for op in api.operations)
    verbs: dict[str, int] = {}
    for op in api.operations:
        verbs[op.path] = verbs.get(op.path, 0) + 1
    return {op.key: pinned.get((op.method, op.path)) or _infer(op.method, op.path, all_paths,
                                                               verbs[op.path])
            for op in api.operations}


def _configured(config: Config, known: set[tuple[str, str]],
                diagnostics: Diagnostics) -> dict[tuple[str, str], Placement]:
    out: dict[tuple[str, str], Placement] = {}
    for path, resource in _walk(config.resources, ()):
        for method, endpoint in resource.methods.items():
            key = endpoint_key(endpoint)
            pointer = pointer_join("codegen.yaml#/resources", *_config_path(path), "methods",
                                   method)
            if key not in known:
                diagnostics.error(pointer, f"the config maps {method} to '{endpoint}', which is "
                                  "not an operation of the spec", "check the method and path "
                                  "against the spec's `paths`")
            elif key in out:
                diagnostics.error(pointer, f"'{endpoint}' is mapped twice in the config")
            else:
                out[key] = Placement(path, method)
    return out


def _config_path(path: tuple[str, ...]) -> list[str]:
    parts: list[str] = []
    for index, name in enumerate(path):
        parts += ([name] if index == 0 else ["subresources", name])
    return parts


def _walk(tree: dict[str, ResourceConfig],
          prefix: tuple[str, ...]) -> Iterable[tuple[tuple[str, ...], ResourceConfig]]:
    for name, resource in tree.items():
        yield (*prefix, name), resource
        yield from _walk(resource.subresources, (*prefix, name))


def _infer(method: str, path: str, all_paths: frozenset[str], verbs_on_path: int) -> Placement:
    segments = [s for s in path.split("/") if s]
    statics = [s for s in segments if not _is_param(s)]
    resource = tuple(_resource_name(s) for s in statics) or ("root",)
    if verbs_on_path == 1 and _is_action(segments, path, all_paths):
        return Placement(resource[:-1] or ("root",), _resource_name(statics[-1]))
    ends_with_param = bool(segments) and _is_param(segments[-1])
    singleton = bool(statics) and not ends_with_param and not statics[-1].endswith("s") \
        and len(segments) > 1 and _is_param(segments[-2])
    table = ITEM_VERBS if ends_with_param or singleton else COLLECTION_VERBS
    return Placement(resource, table.get(method, method))


def _is_action(segments: list[str], path: str, all_paths: frozenset[str]) -> bool:
    """`/runs/{id}/cancel`: the only operation on a static last segment after a parameter,
    with nothing below it, is a method of the parent resource."""
    if len(segments) < 2 or _is_param(segments[-1]) or not _is_param(segments[-2]):
        return False
    return path.rstrip("/") + "/" not in _folders(all_paths)


@lru_cache(maxsize=4)
def _folders(paths: frozenset[str]) -> frozenset[str]:
    """Every `/a/b/` that some path starts with: one pass, not one per operation (Graph has
    11,000 operations)."""
    return frozenset(p[:i + 1] for p in paths for i, c in enumerate(p) if c == "/")


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _resource_name(segment: str) -> str:
    name = snake(segment) or "root"
    if name[0].isdigit():
        name = "r_" + name
    return name + "_" if keyword.iskeyword(name) else name

