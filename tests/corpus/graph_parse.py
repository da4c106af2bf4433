"""Run in a fresh interpreter: `python graph_parse.py ROOT PACKAGE SPEC SEED COUNT`.

Parses synthesized payloads with a sample of the response models of the package generated into
ROOT/PACKAGE and prints one JSON line: {"candidates": N, "sampled": N, "parsed": N,
"enum_checked": N, "values": N, "failures": [{"model", "stage", "detail"}]}.

The payloads come from the package's `.codegen-surface.json`: each class there names its module,
its spec pointer and its fields with wire names and JSON terms (codegen/diff/surface.py). Every
field gets a value of its term's JSON type (a list of one item, a nested object for a reference,
an enum's first literal), and each top-level value is checked against the spec's own schema at
the field's pointer (its JSON `type`, its `enum`), so the payload follows the spec, not only the
generator's reading of it. The payload must validate in strict mode; then it gets one key no
schema declares and, when the object or one right inside it has an enum field of two or more
values, the first such field gets a value the spec does not list: the lenient parse must keep
both, and dump back (`to_dict(mode="json")`) exactly the payload it was given.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import traceback
from pathlib import Path
from typing import Any

Term = Any  # a surface term: "str", {"list": T}, {"ref": "Name"}, ... (surface.py)
ClassEntry = dict[str, Any]

UNKNOWN_KEY = "codegenUnknownKey"
UNKNOWN_VALUE = {"kept": ["as", "received"]}
UNKNOWN_ENUM = "codegen-value-not-in-the-spec"
# Below this depth nested objects carry every field; deeper, only the required ones, and a
# nullable value is null there, so that reference cycles end.
FULL_DEPTH = 2
MAX_DEPTH = 8
PRIMITIVES: dict[str, Any] = {
    "str": "text", "int": 7, "float": 1.5, "bool": True, "none": None, "any": "anything",
    "datetime": "2024-01-02T03:04:05Z", "date": "2024-01-02",
}
# The JSON value types each JSON Schema `type` admits (an integer is a number too).
SCHEMA_TYPES = {"string": (str,), "integer": (int,), "number": (int, float),
                "boolean": (bool,), "array": (list,), "object": (dict,), "null": (type(None),)}


class Payloads:
    """Synthesizes a payload for a class of the surface, term by term."""

    def __init__(self, classes: dict[str, ClassEntry]) -> None:
        self.classes = classes

    def fields_of(self, name: str) -> list[dict[str, Any]]:
        """The class's fields with those of its bases (a subclass's own field wins)."""
        chain: list[ClassEntry] = []
        entry: ClassEntry | None = self.classes[name]
        while entry is not None and entry not in chain:
            chain.append(entry)
            entry = self.classes.get(entry["base"]) if entry["base"] else None
        fields: dict[str, dict[str, Any]] = {}
        for ancestor in reversed(chain):
            fields.update({f["wire"]: f for f in ancestor["fields"]})
        return list(fields.values())

    def object_of(self, name: str, depth: int = 0) -> dict[str, Any]:
        fields = self.fields_of(name)
        if depth >= FULL_DEPTH:
            fields = [f for f in fields if f["required"]]
        return {f["wire"]: self.value(f["type"], depth + 1) for f in fields}

    def value(self, term: Term, depth: int) -> Any:
        if isinstance(term, str):
            return PRIMITIVES[term]
        (kind, inner), = term.items()
        if kind == "literal":
            return next((v for v in inner if v is not None), None)
        if kind == "nullable":
            return None if depth > FULL_DEPTH else self.value(inner, depth)
        if kind == "list":
            return [self.value(inner, depth)]
        if kind == "dict":
            return {"key": self.value(inner, depth)}
        if kind == "union":
            return self.value(inner[0], depth)
        return self._ref(inner, depth)

    def _ref(self, name: str, depth: int) -> Any:
        entry = self.classes[name]
        if entry["form"] == "alias":
            return self.value(entry["alias"], depth + 1)
        return {} if depth >= MAX_DEPTH else self.object_of(name, depth)

    def enum_path(self, name: str) -> list[Any] | None:
        """Where in the class's payload the first enum of two or more strings is: its keys and
        list indexes, searched in the object and the objects right inside it (where every field
        is given). A field of one value is a tag, not searched: another value names another
        type, which the model rightly refuses."""
        return self._path_in_object(name, 0)

    def _path_in_object(self, name: str, depth: int) -> list[Any] | None:
        if depth >= FULL_DEPTH:
            return None
        for field in self.fields_of(name):
            path = self._path_in(field["type"], depth)
            if path is not None:
                return [field["wire"], *path]
        return None

    def _path_in(self, term: Term, depth: int) -> list[Any] | None:
        """The path below a value of term, following the choices `value` makes."""
        if isinstance(term, str):
            return None
        (kind, inner), = term.items()
        if kind == "literal":
            values = [v for v in inner if v is not None]
            return [] if len(values) >= 2 and all(isinstance(v, str) for v in values) else None
        if kind == "nullable":
            return self._path_in(inner, depth)
        if kind in ("list", "dict"):
            path = self._path_in(inner, depth)
            return None if path is None else [0 if kind == "list" else "key", *path]
        if kind == "union":
            return self._path_in(inner[0], depth)
        entry = self.classes[inner]
        if entry["form"] == "alias":
            return self._path_in(entry["alias"], depth)
        return self._path_in_object(inner, depth + 1)


def replace_at(payload: dict[str, Any], path: list[Any], value: Any) -> None:
    node: Any = payload
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def value_at(data: Any, path: list[Any]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --- the spec's own schema at a field's pointer ----------------------------------------------

def resolve(spec: dict[str, Any], pointer: str) -> Any:
    node: Any = spec
    for token in pointer.lstrip("#/").split("/"):
        part = token.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _referenced(spec: dict[str, Any], schema: Any) -> Any:
    """The schema itself, or the one its `$ref` (alone or as the one member of an allOf/anyOf/
    oneOf, beside a null) names."""
    for _ in range(10):  # a chain of references; more is a cycle
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            schema = resolve(spec, schema["$ref"])
            continue
        members = [m for key in ("allOf", "anyOf", "oneOf") for m in schema.get(key, [])
                   if not (isinstance(m, dict) and m.get("type") == "null")]
        if len(members) == 1 and not schema.get("type") and not schema.get("properties"):
            schema = members[0]
            continue
        return schema
    return schema


def spec_mismatch(spec: dict[str, Any], pointer: str, value: Any) -> str | None:
    """Why value disagrees with the spec's schema at pointer (its `type` or `enum`), or None."""
    schema = _referenced(spec, resolve(spec, pointer))
    if not isinstance(schema, dict) or value is None:
        return None
    enum = schema.get("enum")
    if isinstance(enum, list) and value not in enum:
        return f"{value!r} is not one of the spec's enum {enum[:10]}"
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else declared or []
    allowed = tuple(t for name in types for t in SCHEMA_TYPES.get(name, ()))
    if not allowed:
        return None
    if isinstance(value, bool) and bool not in allowed:  # a bool is an int to isinstance
        return f"{value!r} is a boolean, the spec says {declared}"
    if not isinstance(value, allowed):
        return f"{value!r} is a {type(value).__name__}, the spec says {declared}"
    return None


# --- parsing one model -----------------------------------------------------------------------

def sample(classes: dict[str, ClassEntry], seed: int, count: int) -> tuple[int, list[str]]:
    """(how many response models there are, a fixed-seed sample of `count` of them)."""
    candidates = sorted(name for name, c in classes.items()
                        if c["side"] == "model" and c["form"] == "model"
                        and "response" in c["uses"])
    return len(candidates), random.Random(seed).sample(candidates, min(count, len(candidates)))


def count_values(data: Any) -> int:
    """How many JSON values data holds, itself included."""
    if isinstance(data, dict):
        return 1 + sum(count_values(v) for v in data.values())
    if isinstance(data, list):
        return 1 + sum(count_values(v) for v in data)
    return 1


def _failure(model: str, stage: str, detail: str) -> dict[str, str]:
    return {"model": model, "stage": stage, "detail": detail[-3000:]}


def _spec_failures(payloads: Payloads, spec: dict[str, Any], name: str,
                   payload: dict[str, Any]) -> list[dict[str, str]]:
    found = []
    for field in payloads.fields_of(name):
        problem = spec_mismatch(spec, field["pointer"], payload[field["wire"]])
        if problem:
            found.append(_failure(name, "spec", f"{field['wire']} ({field['pointer']}): "
                                                f"{problem}"))
    return found


def _round_trip_failures(name: str, payload: dict[str, Any], dumped: dict[str, Any],
                         enum_path: list[Any] | None) -> list[dict[str, str]]:
    found = []
    missing = sorted(set(payload) - set(dumped))
    if missing:
        found.append(_failure(name, "round trip", f"wire keys not dumped back: {missing}"))
    if dumped.get(UNKNOWN_KEY) != UNKNOWN_VALUE:
        found.append(_failure(name, "unknown key", f"dumped as {dumped.get(UNKNOWN_KEY)!r}"))
    if enum_path is not None and value_at(dumped, enum_path) != UNKNOWN_ENUM:
        found.append(_failure(name, "unknown enum value",
                              f"{enum_path} dumped as {value_at(dumped, enum_path)!r}"))
    changed = sorted(k for k in set(payload) & set(dumped) if payload[k] != dumped[k])
    if changed:
        first = changed[0]
        found.append(_failure(name, "round trip", f"values changed for {changed[:10]}; "
                              f"{first}: sent {payload[first]!r}, dumped {dumped[first]!r}"))
    return found


def parse_one(package: str, payloads: Payloads, spec: dict[str, Any],
              name: str) -> tuple[bool, list[dict[str, str]]]:
    """Validates one model's payload: (whether it had an enum field, the failures)."""
    entry = payloads.classes[name]
    payload = payloads.object_of(name)
    failures = _spec_failures(payloads, spec, name, payload)
    try:
        model = getattr(importlib.import_module(f"{package}.types.{entry['module']}"), name)
        model.model_validate(payload, context={"strict": True})  # the conforming payload
    except Exception:  # noqa: BLE001 - every failure is reported, not raised
        return False, [*failures, _failure(name, "strict parse", traceback.format_exc())]
    enum_path = payloads.enum_path(name)
    if enum_path is not None:
        replace_at(payload, enum_path, UNKNOWN_ENUM)
    payload[UNKNOWN_KEY] = UNKNOWN_VALUE
    try:
        dumped = model.model_validate(payload).to_dict(mode="json")
    except Exception:  # noqa: BLE001
        return enum_path is not None, [*failures, _failure(name, "parse", traceback.format_exc())]
    return enum_path is not None, [*failures,
                                   *_round_trip_failures(name, payload, dumped, enum_path)]


def check(root: Path, package: str, spec_path: Path, seed: int, count: int) -> dict[str, Any]:
    sys.path.insert(0, str(root))
    surface = json.loads((root / package / ".codegen-surface.json").read_text(encoding="utf-8"))
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    payloads = Payloads(surface["classes"])
    candidates, names = sample(payloads.classes, seed, count)
    failures: list[dict[str, str]] = []
    parsed = enum_checked = values = 0
    for name in names:
        values += count_values(payloads.object_of(name))
        had_enum, found = parse_one(package, payloads, spec, name)
        failures.extend(found)
        parsed += not found
        enum_checked += had_enum and not found
    return {"candidates": candidates, "sampled": len(names), "parsed": parsed,
            "enum_checked": enum_checked, "values": values, "failures": failures}


if __name__ == "__main__":
    root, package, spec_file, seed, count = sys.argv[1:6]
    print(json.dumps(check(Path(root), package, Path(spec_file), int(seed), int(count))))
