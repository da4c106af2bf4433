"""`codegen extract`: a self-contained subset of a large spec holding the chosen operations and
webhooks and every component they reach through `$ref`, deterministic and stamped with its
source."""

from __future__ import annotations

import os
from typing import Any

import yaml

from .diagnostics import Diagnostic, FatalError, Severity
from .load import Document
from .pointers import pointer_join, pointer_parts

VERBS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def select_operations(data: dict[str, Any], wanted: list[str],
                      source: str) -> list[tuple[str, str]]:
    """(path, verb) for each operationId or 'METHOD /path' asked for, in the order asked."""
    by_id: dict[str, tuple[str, str]] = {}
    for path, item in (data.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for verb in VERBS:
            op = item.get(verb)
            if isinstance(op, dict) and isinstance(op.get("operationId"), str):
                by_id[op["operationId"]] = (path, verb)
    out: list[tuple[str, str]] = []
    missing = []
    for item in wanted:
        verb, _, path = item.strip().partition(" ")
        if path.startswith("/") and verb.lower() in VERBS:
            node = (data.get("paths") or {}).get(path)
            if isinstance(node, dict) and isinstance(node.get(verb.lower()), dict):
                out.append((path, verb.lower()))
                continue
        elif item in by_id:
            out.append(by_id[item])
            continue
        missing.append(item)
    if missing:
        raise FatalError(*(Diagnostic("#/paths", Severity.ERROR, f"no operation '{m}' in the "
                                      "spec", "give an operationId or 'METHOD /path'", source)
                           for m in missing))
    return list(dict.fromkeys(out))


def select_webhooks(data: dict[str, Any], wanted: list[str], source: str) -> dict[str, Any]:
    """The webhooks asked for by name, in the order asked (3.1 `webhooks`, 3.0 `x-webhooks`)."""
    key = "webhooks" if "webhooks" in data else "x-webhooks"
    found = data.get(key)
    hooks: dict[str, Any] = found if isinstance(found, dict) else {}
    missing = [name for name in wanted if name not in hooks]
    if missing:
        raise FatalError(*(Diagnostic(f"#/{key}", Severity.ERROR, f"no webhook '{m}' in the "
                                      "spec", f"give a key of `{key}`", source)
                           for m in missing))
    return {name: hooks[name] for name in dict.fromkeys(wanted)}


def extract(document: Document, wanted: list[str],
            webhooks: list[str] | None = None) -> dict[str, Any]:
    data = document.data
    if not isinstance(data, dict):
        raise FatalError(Diagnostic("", Severity.ERROR, "not an OpenAPI document", "",
                                    document.path))
    selected = select_operations(data, wanted, document.path)
    hooks = select_webhooks(data, webhooks or [], document.path)
    paths: dict[str, Any] = {}
    for path, verb in selected:
        item = data["paths"][path]
        kept = paths.setdefault(path, {k: v for k, v in item.items() if k not in VERBS})
        kept[verb] = item[verb]
    reached = _reachable(data, [paths, hooks])
    out: dict[str, Any] = {"openapi": data.get("openapi")}
    for key in ("info", "servers", "security"):
        if key in data:
            out[key] = data[key]
    used_tags = {t for item in paths.values() for op in item.values() if isinstance(op, dict)
                 for t in op.get("tags", []) if isinstance(t, str)}
    tags = [t for t in data.get("tags") or [] if isinstance(t, dict) and t.get("name") in
            used_tags]
    if tags:
        out["tags"] = tags
    out["paths"] = {p: paths[p] for p in data["paths"] if p in paths}
    if hooks:
        out["webhooks" if "webhooks" in data else "x-webhooks"] = hooks
    components = _components(data, reached)
    if components:
        out["components"] = components
    out["x-codegen-source"] = {
        "file": os.path.basename(document.path),
        "sha256": document.sha256,
        "operations": [data["paths"][p][v].get("operationId") or f"{v.upper()} {p}"
                       for p, v in selected],
    }
    if hooks:
        out["x-codegen-source"]["webhooks"] = list(hooks)
    return out


def _reachable(data: dict[str, Any], roots: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(component section, name) pairs reached from the kept paths and webhooks and the
    security needs."""
    reached: set[tuple[str, str]] = set()
    stack: list[Any] = list(roots)
    for req in data.get("security") or []:
        reached.update(("securitySchemes", name) for name in req)
    for item in (item for root in roots for item in root.values() if isinstance(item, dict)):
        for op in item.values():
            if isinstance(op, dict):
                for req in op.get("security") or []:
                    reached.update(("securitySchemes", name) for name in req)
    components = data.get("components") or {}
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in ("$ref", "$recursiveRef", "$dynamicRef"):
                ref = node.get(key)
                if isinstance(ref, str) and ref.startswith("#/components/"):
                    parts = pointer_parts(ref)
                    if len(parts) >= 3 and (parts[1], parts[2]) not in reached:
                        reached.add((parts[1], parts[2]))
                        stack.append(components.get(parts[1], {}).get(parts[2]))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return reached


def _components(data: dict[str, Any], reached: set[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section, entries in (data.get("components") or {}).items():
        if not isinstance(entries, dict):
            continue
        kept = {name: value for name, value in entries.items() if (section, name) in reached}
        if kept:
            out[section] = kept
    return out


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line text as literal blocks, so the extracted spec reads like the original."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not any(c in value for c in "\t\r") and \
        value == value.strip(" ") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any]) -> str:
    text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def count(data: dict[str, Any]) -> tuple[int, int, int]:
    """Operations, webhooks and schemas of a document."""
    schemas = len((data.get("components") or {}).get("schemas") or {})
    ops = sum(1 for item in (data.get("paths") or {}).values() if isinstance(item, dict)
              for verb in VERBS if verb in item)
    return ops, len(data.get("webhooks") or data.get("x-webhooks") or {}), schemas


__all__ = ["extract", "dump", "count", "pointer_join", "select_webhooks"]
