"""allOf: a subclass when it is one `$ref` plus additions, else the members' properties merged.

Conflicting property types are reported; an allOf that includes itself is an error.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..ir import (
    ANY,
    Alias,
    DictType,
    Field,
    InlineHint,
    ListType,
    LiteralType,
    Model,
    NameHint,
    Nullable,
    Prim,
    RefType,
    TypeExpr,
    all_fields,
)
from ..pointers import pointer_join
from ..refs import ANNOTATIONS, RefError, ref_of

if TYPE_CHECKING:
    from .schemas import SchemaBuilder

Member = tuple[str, Any]  # (pointer, schema)


def _members(at: str, node: dict[str, Any]) -> list[Member]:
    """The allOf members that shape the type, plus the schema's own properties as one more."""
    allof = node.get("allOf")
    raw: list[Any] = allof if isinstance(allof, list) else []
    members = [(pointer_join(at, "allOf", i), m) for i, m in enumerate(raw)
               if not _annotation_only(m)]
    own = {k: node[k] for k in ("properties", "required", "additionalProperties") if k in node}
    if own.get("properties") or own.get("required"):
        members.append((at, {"type": "object", **own}))
    return members


def _annotation_only(member: Any) -> bool:
    return isinstance(member, dict) and ref_of(member) is None and all(
        k in ANNOTATIONS or k.startswith("x-") or k == "type" and member[k] == "object"
        for k in member) and "properties" not in member


def allof_type(builder: SchemaBuilder, pointer: str, node: dict[str, Any],
               hint: NameHint) -> TypeExpr:
    members = _members(pointer, node)
    if not members:
        return ANY
    if len(members) == 1:
        return builder.type_of(members[0][0], members[0][1], hint)
    return builder.reference(pointer, hint)


def build_model(builder: SchemaBuilder, key: str, node: dict[str, Any], hint: NameHint,
                doc: str, at: str = "") -> Model | Alias:
    """The declaration `key` for an allOf schema found at pointer `at`."""
    at = at or key
    members = _members(at, node)
    if len(members) == 1 and ref_of(members[0][1]) is not None:
        # `allOf: [$ref]` with annotations only: an alias of the referenced type.
        return Alias(key, hint, doc, builder.type_of(members[0][0], members[0][1], hint))
    base = _single_base(builder, key, members)
    fields: dict[str, Field] = {}
    for pointer, member in members:
        if base is not None and ref_of(member) is not None:
            continue
        for f in _member_fields(builder, key, pointer, member, hint):
            _merge_field(builder, fields, f)
    required = {name for _, m in members if isinstance(m, dict)
                for name in _listed(m.get("required")) if isinstance(name, str)}
    _apply_required(builder, fields, required, base)
    if base is not None and _overrides(builder, base, fields):
        # A subclass may not redeclare a parent's field (pydantic allows it; type checkers
        # and TypedDict do not): flatten the parent's fields in instead.
        merged = {f.wire_name: f for f in _all_fields(builder, base, at)}
        merged.update(fields)
        fields, base = merged, None
    return Model(key, hint, doc, tuple(fields.values()), base)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _overrides(builder: SchemaBuilder, base: str, fields: dict[str, Field]) -> bool:
    return any(f.wire_name in fields for f in _all_fields(builder, base, ""))


def _single_base(builder: SchemaBuilder, key: str, members: list[Member]) -> str | None:
    refs = [(p, m) for p, m in members if ref_of(m) is not None]
    if len(refs) != 1 or ref_of(refs[0][1])[0] != "$ref":  # type: ignore[index]
        return None
    pointer, member = refs[0]
    try:
        target = builder.resolver.target_of(member["$ref"], pointer)
    except RefError:
        return None
    if _includes_itself(builder, key, target):
        return None
    resolved = builder.declare_now(target, InlineHint())
    decl = builder.decls.get(target)
    if isinstance(resolved, RefType) and isinstance(decl, Model):
        return target
    return None


def _includes_itself(builder: SchemaBuilder, key: str, target: str) -> bool:
    if target == key or target in builder.in_progress:
        builder.diagnostics.error(key, f"allOf includes {target}, which includes this schema: "
                                  "a type cannot extend itself", "remove the cycle from allOf")
        return True
    return False


def _member_fields(builder: SchemaBuilder, key: str, pointer: str, member: Any,
                   hint: NameHint) -> list[Field]:
    if not isinstance(member, dict):
        return []
    found = ref_of(member)
    if found is not None:
        try:
            target = (builder.resolver.target_of(found[1], pointer) if found[0] == "$ref"
                      else builder.resolver.dynamic_target(pointer))
        except RefError as exc:
            builder.diagnostics.error(pointer, str(exc), exc.hint)
            return []
        if _includes_itself(builder, key, target):
            return []
        builder.declare_now(target, InlineHint())
        return _all_fields(builder, target, pointer)
    if "allOf" in member:
        nested = build_model(builder, key, member, hint, "", pointer)
        inherited = _all_fields(builder, nested.base, pointer) if isinstance(
            nested, Model) and nested.base else []
        return inherited + list(nested.fields) if isinstance(nested, Model) else []
    if member.get("properties") or member.get("type") == "object":
        return builder.fields(key, member, hint, pointer, in_allof=True)
    builder.diagnostics.warning(pointer, "allOf member is not an object; its constraints are "
                                "ignored")
    return []


def _all_fields(builder: SchemaBuilder, target: str, pointer: str) -> list[Field]:
    decl = builder.decls.get(target)
    if isinstance(decl, Model):
        return list(all_fields(builder.decls, decl))
    builder.diagnostics.warning(pointer, f"allOf member {target} is not an object with "
                                "properties; ignored")
    return []


def _merge_field(builder: SchemaBuilder, fields: dict[str, Field], new: Field) -> None:
    old = fields.get(new.wire_name)
    if old is None:
        fields[new.wire_name] = new
        return
    narrower = old.type if old.type == new.type else _narrower(old.type, new.type)
    if narrower is None:
        builder.diagnostics.warning(new.pointer, f"allOf members disagree on the type of "
                                    f"'{new.wire_name}'; the later one is used")
        narrower = new.type
    fields[new.wire_name] = replace(new, type=narrower, required=old.required or new.required,
                                    doc=new.doc or old.doc)


def _narrower(a: TypeExpr, b: TypeExpr) -> TypeExpr | None:
    """The type a value of both `a` and `b` has (allOf means both apply), when one of them
    already is it; None when only a new type could say it."""
    if a == b:
        return a
    if isinstance(a, Nullable) or isinstance(b, Nullable):
        inner = _narrower(a.inner if isinstance(a, Nullable) else a,
                          b.inner if isinstance(b, Nullable) else b)
        both = isinstance(a, Nullable) and isinstance(b, Nullable)
        return Nullable(inner) if inner is not None and both else inner
    if a == ANY or a == DictType(ANY) and isinstance(b, (RefType, DictType)):
        return b
    if b == ANY or b == DictType(ANY) and isinstance(a, (RefType, DictType)):
        return a
    if isinstance(a, ListType) and isinstance(b, ListType):
        item = _narrower(a.item, b.item)
        return ListType(item) if item is not None else None
    for first, second in ((a, b), (b, a)):
        if isinstance(first, LiteralType) and isinstance(second, Prim) and all(
                type(v).__name__ == second.kind for v in first.values):
            return first  # a Literal of the primitive's kind
        if isinstance(first, Prim) and first.kind in ("datetime", "date") and second == Prim(
                "str"):
            return first  # a string with a format
    return None


def _apply_required(builder: SchemaBuilder, fields: dict[str, Field], required: set[str],
                    base: str | None) -> None:
    inherited = {f.wire_name: f for f in (_all_fields(builder, base, "") if base else [])}
    for name in sorted(required):
        if name in fields:
            fields[name] = replace(fields[name], required=True)
        elif name in inherited and not inherited[name].required:
            fields[name] = replace(inherited[name], required=True)
