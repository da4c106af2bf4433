"""Example arguments built from the spec, for the package's README, api.md and generated
tests: the spec's examples and defaults where they fit, else the smallest valid value."""

from __future__ import annotations

from typing import Any

from ..ir import (
    MISSING,
    Alias,
    Api,
    Constraints,
    DictType,
    Field,
    ListType,
    LiteralType,
    Model,
    Nullable,
    Prim,
    RefType,
    TypeExpr,
    UnionType,
    all_fields,
)
from .filters import constant

FULL_DEPTH = 5  # below this, optional fields are left out
MAX_DEPTH = 20  # only a cycle of required fields gets this deep


class Unsatisfiable(Exception):
    """The schema admits no finite value (an object that requires an object of its own type)."""


class FileExample:
    """Stands for file content in an example; rendered as a bytes literal."""

    def __repr__(self) -> str:
        return 'b"raw file contents"'


def example(api: Api, t: TypeExpr, full: bool, depth: int = 0,
            constraints: Constraints | None = None) -> Any:
    """A value of request-side type `t`; with `full`, optional fields are filled too."""
    full = full and depth < FULL_DEPTH
    if isinstance(t, Nullable):
        # deep down, null ends what could otherwise recurse (a required `parent: Node | null`)
        return None if depth >= FULL_DEPTH else example(api, t.inner, full, depth, constraints)
    if isinstance(t, LiteralType):
        return t.values[0]
    if isinstance(t, Prim):
        return _scalar(t.kind, constraints or Constraints())
    if isinstance(t, ListType):
        wanted = full or bool(constraints and constraints.min_items)
        return [example(api, t.item, full, depth + 1)] if wanted else []
    if isinstance(t, DictType):
        return {"key": example(api, t.value, full, depth + 1)} if full else {}
    if isinstance(t, UnionType):
        return example(api, _simplest(api, t, prefer_model=full), full, depth, constraints)
    decl = api.decls.get(t.target)
    if isinstance(decl, Alias):
        return example(api, decl.type, full, depth, constraints)
    if isinstance(decl, Model):
        if depth >= MAX_DEPTH:
            raise Unsatisfiable(decl.key)
        return object_example(api, decl, full, depth + 1)
    return {}


def object_example(api: Api, model: Model, full: bool, depth: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in all_fields(api.decls, model):
        if f.read_only or not (f.required or full):
            continue
        out[f.wire_name] = field_example(api, f, full, depth)
    return out


def field_example(api: Api, f: Field, full: bool, depth: int = 0) -> Any:
    """The spec's example or default (the builder kept only those that fit), else one made up."""
    for given in (f.example, f.default):
        if given is not MISSING and given is not None:
            return given
    return example(api, f.type, full, depth, f.constraints)


def _scalar(kind: str, c: Constraints) -> Any:
    if kind in ("int", "float"):
        low = c.minimum if c.minimum is not None else c.exclusive_minimum
        value: float = 0 if low is None else low + (1 if c.exclusive_minimum is not None
                                                    and c.minimum is None else 0)
        if c.maximum is not None and value > c.maximum:
            value = c.maximum
        return int(value) if kind == "int" else float(value)
    if kind == "bool":
        return True
    if kind == "datetime":
        return "2025-01-01T00:00:00Z"
    if kind == "date":
        return "2025-01-01"
    if kind == "file":
        return FileExample()
    if kind == "str":
        size = max(c.min_length or 0, 1)
        text = "string" if size <= 6 else "x" * size
        return text[: c.max_length] if c.max_length else text
    if kind == "none":
        return None
    return {}


def _simplest(api: Api, union: UnionType, prefer_model: bool) -> TypeExpr:
    """The variant an example should use: a model before a bare string (it shows more), unless
    the example is deep already."""
    for variant in union.variants if prefer_model else ():
        if isinstance(variant, RefType) and isinstance(api.decls.get(variant.target), Model):
            return variant
    for variant in union.variants:
        if isinstance(variant, LiteralType):
            return variant  # an open enum: a known value reads better than "string"
    return union.variants[0]


def python_literal(value: Any) -> str:
    """Python source for an example value (JSON values, and file content as bytes)."""
    if isinstance(value, FileExample):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{constant(str(k))}: {python_literal(v)}"
                               for k, v in value.items()) + "}"
    return constant(value)
