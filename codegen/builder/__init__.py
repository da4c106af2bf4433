"""Stage 3: spec -> IR. Collects diagnostics; never raises on a bad node."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import Api, ComponentHint, Decl, Model, Operation, TypeExpr, walk_refs
from ..load import Document
from ..pointers import pointer_join
from ..refs import RefError, Resolver
from . import info as spec_info
from .discriminators import resolve_all
from .operations import VERBS, OperationBuilder
from .recursion import break_alias_cycles
from .schemas import SchemaBuilder
from .values import check_values
from .webhooks import build_webhooks, webhook_union


def build(document: Document, diagnostics: Diagnostics) -> Api:
    spec_info.check_version(document.data, document.path)
    data = spec_info.well_formed(document.data, diagnostics)
    resolver = Resolver(data, document.path, diagnostics)
    schemas = SchemaBuilder(resolver, diagnostics)
    ref_counts = _count_refs(data)
    absorbed: set[str] = set()
    builder = OperationBuilder(resolver, schemas, diagnostics, ref_counts, absorbed)
    operations = _operations(data, builder, diagnostics)
    webhooks = build_webhooks(data, builder, diagnostics)
    union = webhook_union(data, webhooks)
    if union is not None:
        schemas.decls[union.key] = union
    for name in data["components"].get("schemas") or {}:
        schemas.declare_now(pointer_join("#/components/schemas", name), ComponentHint(str(name)))
    schemas.build_pending()
    # Passes that need every declaration: each returns new declarations.
    decls = resolve_all(schemas.decls, schemas.nullable_keys, diagnostics)
    decls = break_alias_cycles(decls, diagnostics)
    decls = check_values(decls, diagnostics)
    request_side = _request_side(operations, decls)
    _report_untyped_extras(request_side, decls, diagnostics)
    info: dict[str, Any] = data.get("info") or {}
    return Api(
        title=str(info.get("title") or ""), version=str(info.get("version") or ""),
        description=str(info.get("description") or "").strip(),
        spec_path=document.path, spec_sha256=document.sha256,
        servers=spec_info.servers(data, diagnostics), auth=spec_info.auth(data, diagnostics),
        decls=MappingProxyType(decls), operations=tuple(operations),
        request_side=frozenset(request_side),
        absorbed=frozenset(absorbed), webhooks=tuple(webhooks),
        webhook_union=union.key if union is not None else "",
    )


def _operations(data: dict[str, Any], builder: OperationBuilder,
                diagnostics: Diagnostics) -> list[Operation]:
    paths = data.get("paths") or {}
    if not isinstance(paths, dict):
        diagnostics.error("#/paths", "paths must be a mapping")
        return []
    found: list[tuple[str, str, str, dict[str, Any], list[Any]]] = []
    for path, item in paths.items():
        pointer = pointer_join("#/paths", path)
        if isinstance(item, dict) and "$ref" in item:
            try:
                target = builder.resolver.target_of(item["$ref"], pointer)
                item = builder.resolver.node_at(target)  # noqa: PLW2901 - the item it names
            except RefError as exc:
                diagnostics.error(pointer, str(exc), exc.hint)
                continue
        if not isinstance(item, dict):
            continue
        params = item.get("parameters")
        shared: list[Any] = params if isinstance(params, list) else []
        for verb in VERBS:
            if isinstance(item.get(verb), dict):
                found.append((pointer_join(pointer, verb), verb, str(path), item[verb], shared))
    _check_operation_ids(found, diagnostics)
    return [builder.build(key, verb, path, node, shared) for key, verb, path, node, shared
            in found]


def _check_operation_ids(found: list[tuple[str, str, str, dict[str, Any], list[Any]]],
                         diagnostics: Diagnostics) -> None:
    first: dict[str, str] = {}
    for key, _, _, node, _ in found:
        op_id = node.get("operationId")
        if not isinstance(op_id, str):
            continue
        if op_id in first:
            diagnostics.warning(pointer_join(key, "operationId"),
                                f"operationId '{op_id}' is also used at {first[op_id]}; "
                                "methods are named from their paths, and a clash between "
                                "the two is settled with a numbered name",
                                "operationIds should be unique across the spec; to choose "
                                "the method's name, map it in codegen.yaml `resources:`")
        else:
            first[op_id] = key


def _count_refs(data: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                counts[ref] = counts.get(ref, 0) + 1
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return counts


def _request_side(operations: list[Operation], decls: Mapping[str, Decl]) -> set[str]:
    roots: list[TypeExpr] = []
    keys: list[str] = []
    for op in operations:
        roots.extend(p.type for p in op.parameters)
        if op.body is not None:
            roots.append(op.body.type)
        if op.params_key:
            keys.append(op.params_key)
    seen: set[str] = set()
    for expr in roots:
        keys.extend(walk_refs(expr))
    while keys:
        key = keys.pop()
        if key in seen or key not in decls:
            continue
        seen.add(key)
        keys.extend(decls[key].refs)
    return seen


def _report_untyped_extras(request_side: set[str], decls: Mapping[str, Decl],
                           diagnostics: Diagnostics) -> None:
    """A TypedDict cannot type keys beside its named ones (PEP 728 is not in the type checkers
    yet): on the request side such properties type-check only through `extra_body`."""
    for key in sorted(request_side):
        decl = decls[key]
        if isinstance(decl, Model) and decl.extra is not None:
            diagnostics.warning(pointer_join(key, "additionalProperties"),
                                "additional properties beside named ones cannot be typed in "
                                "the request TypedDict; pass them with `extra_body` (responses "
                                "validate and type them)")
