"""Where each operation lives: its resource path and the method name it wants there, from the
config's mapping first, else inferred from the path (segments are resources, the verb and path
shape name the method). Collisions between wanted names are settled in resources.py."""

from __future__ import annotations

import keyword
from collections.abc import Iterable
from dataclasses import dataclass

from ..config import Config, ResourceConfig, endpoint_key
from ..diagnostics import Diagnostics
from ..ir import Api, Decl, DictType, ListType, Model, Nullable, Operation, RefType, TypeExpr
from ..pointers import pointer_join
from ..words import singular, snake, words
from .budget import over_budget, report, shorten

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
    shape = PathShape.of(api)
    out = {}
    for op in api.operations:
        placement = pinned.get((op.method, op.path))
        if placement is None:
            placement = _infer(op, shape)
            _report_long_segments(op, diagnostics)
        out[op.key] = placement
    return out


def _report_long_segments(op: Operation, diagnostics: Diagnostics) -> None:
    for segment in split_query(op.path)[0].split("/"):
        name = _segment_name(segment)
        if not _is_param(segment) and over_budget(name):
            report(name, shorten(name, "snake"), op.key, "resource", diagnostics,
                   "map the operation in codegen.yaml `resources:` to choose the names")


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


def _infer(op: Operation, shape: PathShape) -> Placement:
    path, query = split_query(op.path)
    segments = [s for s in path.split("/") if s]
    statics = [s for s in segments if not _is_param(s)]
    resource = (*query_namespace(query), *(_resource_name(s) for s in statics)) or ("root",)
    if shape.verbs[op.path] == 1 and _is_action(op, segments, path, shape):
        return Placement(resource[:-1] or ("root",), _resource_name(statics[-1]))
    item = bool(segments) and _is_param(segments[-1])
    table = ITEM_VERBS if item or _is_singleton(op, segments, path, shape) else COLLECTION_VERBS
    return Placement(resource, table.get(op.method, op.method))


@dataclass(frozen=True)
class PathShape:
    """What placing one operation needs to know of the others."""

    parents: frozenset[str]  # every path with a path below it (queries left out)
    item_parents: frozenset[str]  # every path with a parameter segment right below it
    verbs: dict[str, int]  # path (as the spec has it) -> how many operations it has
    list_reads: frozenset[str]  # keys of the GETs that read a list
    object_reads: frozenset[str]  # paths (query left out) with a GET that reads one object

    @classmethod
    def of(cls, api: Api) -> PathShape:
        verbs: dict[str, int] = {}
        parents: set[str] = set()
        item_parents: set[str] = set()
        for op in api.operations:
            verbs[op.path] = verbs.get(op.path, 0) + 1
            segments = split_query(op.path)[0].rstrip("/").split("/")
            for i in range(1, len(segments)):
                parents.add("/".join(segments[:i]))
                if _is_param(segments[i]):
                    item_parents.add("/".join(segments[:i]))
        lists = frozenset(op.key for op in api.operations if reads_collection(api, op))
        return cls(frozenset(parents), frozenset(item_parents), verbs, lists,
                   frozenset(split_query(op.path)[0] for op in api.operations
                             if op.key not in lists and _reads_object(api, op)))

    def has_below(self, path: str, item_only: bool = False) -> bool:
        return path.rstrip("/") in (self.item_parents if item_only else self.parents)


def split_query(path: str) -> tuple[str, str]:
    """'/responses?beta=true' -> ('/responses', 'beta=true')."""
    path, _, query = path.partition("?")
    return path, query


def query_namespace(query: str) -> tuple[str, ...]:
    """The resource a constant query puts its variants under: 'beta=true' -> ('beta',),
    'version=2' -> ('version_2',); the query is still sent (it stays in the path)."""
    if not query:
        return ()
    parts = []
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        parts.append(key if value.lower() in ("", "true", "1") else f"{key}_{value}")
    return (_resource_name("_".join(parts)),)


def reads_collection(api: Api, op: Operation) -> bool:
    """A GET whose answer is a list: a page of items, a JSON array, or an event stream."""
    if op.method != "get":
        return False
    return op.page is not None or op.stream is not None or isinstance(
        _answer(api, op), ListType)


def _reads_object(api: Api, op: Operation) -> bool:
    return op.method == "get" and op.stream is None and isinstance(_answer(api, op),
                                                                   (Model, DictType))


def _answer(api: Api, op: Operation) -> TypeExpr | Decl | None:
    """The response's type with references and nullability resolved: a model's declaration."""
    answer: TypeExpr | Decl | None = op.response.type
    for _ in range(len(api.decls) + 1):  # an alias chain ends (cycles are broken by then)
        if isinstance(answer, Nullable):
            answer = answer.inner
        elif isinstance(answer, RefType) and answer.target in api.decls:
            decl = api.decls[answer.target]
            answer = decl if isinstance(decl, Model) else decl.type
        else:
            break
    return answer


def _is_action(op: Operation, segments: list[str], path: str, shape: PathShape) -> bool:
    """A method of the parent resource: the only operation on a static leaf with nothing below
    it, that is no sub-collection (a GET that reads a list, a POST to a plural noun), either
    after a parameter (`POST /runs/{id}/cancel`, `GET /files/{id}/content`) or, for a verb
    other than GET, below a plural collection (`POST /graders/run`, not `POST /audio/speech`)."""
    if len(segments) < 2 or _is_param(segments[-1]) or shape.has_below(path):
        return False
    if op.key in shape.list_reads or (op.method == "post" and _is_plural(segments[-1])
                                      and not _starts_with_verb(segments[-1])):
        return False  # a POST to a plural adds to a sub-collection (`/uploads/{id}/parts`)
    if _is_param(segments[-2]):
        return True
    return op.method != "get" and _is_plural(segments[-2])


def _is_singleton(op: Operation, segments: list[str], path: str, shape: PathShape) -> bool:
    """One object and no items below it (`/organization/data_retention`): its GET reads an
    object, and its other verbs update or delete it. Also, after a parameter, a singular
    name (`/users/{id}/profile`)."""
    if not segments or _is_param(segments[-1]) or op.key in shape.list_reads:
        return False
    if path in shape.object_reads and not shape.has_below(path, item_only=True):
        return True
    return len(segments) > 1 and _is_param(segments[-2]) and not segments[-1].endswith("s")


def _is_plural(segment: str) -> bool:
    """'parts', 'checkpoints', 'input_items' (its last word): a collection, not a verb."""
    last = segment.replace("-", "_").rsplit("_", 1)[-1]
    return singular(last) != last


# Verbs that begin an action's name in real paths (`submit_tool_outputs`, `addKeys`,
# `reset-passwords`): such a leaf is an action even when its last word is a plural.
_LEADING_VERBS = frozenset((
    "add", "apply", "approve", "archive", "assign", "attach", "cancel", "check", "clear",
    "close", "complete", "confirm", "copy", "delete", "detach", "disable", "dismiss",
    "download", "enable", "execute", "export", "generate", "import", "invite", "lock",
    "merge", "move", "pause", "publish", "purge", "refresh", "reject", "release", "remove",
    "rename", "reorder", "replace", "reset", "restart", "restore", "resume", "retry",
    "revoke", "rotate", "run", "search", "send", "set", "start", "stop", "submit",
    "suspend", "sync", "transfer", "trigger", "unarchive", "unassign", "unlock",
    "unpublish", "upload", "validate", "verify",
))


def _starts_with_verb(segment: str) -> bool:
    parts = words(segment)
    return len(parts) > 1 and parts[0].lower() in _LEADING_VERBS


def _is_param(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _resource_name(segment: str) -> str:
    return shorten(_segment_name(segment), "snake")


def _segment_name(segment: str) -> str:
    name = snake(segment) or "root"
    if name[0].isdigit():
        name = "r_" + name
    return name + "_" if keyword.iskeyword(name) else name

