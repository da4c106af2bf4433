"""Decides, once every declaration exists, which unions pydantic can discriminate by a tag.

A union is discriminated when the spec names a property (or every variant has a distinct
constant for one) and each variant is a model with that field required and Literal-typed:
anything less makes pydantic refuse the class at import time, so it stays a plain Union.
"""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostics
from ..ir import (
    Alias,
    Decl,
    DictType,
    ListType,
    LiteralType,
    Model,
    Nullable,
    RefType,
    TypeExpr,
    UnionType,
    all_fields,
)

PREFERRED = ("type", "kind", "object", "event", "role")


def resolve_all(decls: dict[str, Decl], nullable_keys: set[str],
                diagnostics: Diagnostics) -> dict[str, Decl]:
    """The declarations with every union's discriminator decided."""
    out = dict(decls)
    for key, decl in decls.items():
        if isinstance(decl, Alias):
            fixed = _fix(decl.type, decls, nullable_keys, key, diagnostics)
            if fixed is not decl.type:
                out[key] = replace(decl, type=fixed)
            continue
        fields = []
        for f in decl.fields:
            fixed = _fix(f.type, decls, nullable_keys, f.pointer, diagnostics)
            fields.append(f if fixed is f.type else replace(f, type=fixed))
        if any(new is not old for new, old in zip(fields, decl.fields, strict=True)):
            out[key] = replace(decl, fields=tuple(fields))
    return out


def _fix(expr: TypeExpr, decls: dict[str, Decl], nullable_keys: set[str], pointer: str,
         diagnostics: Diagnostics) -> TypeExpr:
    """The expression with its unions' discriminators decided; the same object when nothing
    in it is a union (most are not), so callers can skip rebuilding."""
    if isinstance(expr, (Nullable, ListType, DictType)):
        inner = expr.inner if isinstance(expr, Nullable) else (
            expr.item if isinstance(expr, ListType) else expr.value)
        fixed = _fix(inner, decls, nullable_keys, pointer, diagnostics)
        if fixed is inner:
            return expr
        return Nullable(fixed) if isinstance(expr, Nullable) else (
            ListType(fixed) if isinstance(expr, ListType) else DictType(fixed))
    if not isinstance(expr, UnionType):
        return expr
    variants = tuple(_fix(v, decls, nullable_keys, pointer, diagnostics) for v in expr.variants)
    tags = [_tags(v, decls, nullable_keys) for v in variants]
    chosen = _choose(expr.discriminator, tags)
    if expr.discriminator and chosen != expr.discriminator:
        diagnostics.info(pointer, f"discriminator '{expr.discriminator}' is not a required "
                         "constant of every variant; the union is matched variant by variant")
    return UnionType(variants, chosen)


def _tags(variant: TypeExpr, decls: dict[str, Decl],
          nullable_keys: set[str]) -> dict[str, tuple[object, ...]] | None:
    """Required Literal fields of a model variant, by name; None when it is not a model."""
    if not isinstance(variant, RefType) or variant.target in nullable_keys:
        return None
    decl = decls.get(variant.target)
    if not isinstance(decl, Model):
        return None
    out: dict[str, tuple[object, ...]] = {}
    for f in all_fields(decls, decl):
        if f.required and isinstance(f.type, LiteralType):
            out[f.wire_name] = f.type.values
    return out


def _choose(declared: str | None, tags: list[dict[str, tuple[object, ...]] | None]) -> str | None:
    if any(t is None for t in tags) or len(tags) < 2:
        return None
    common = set.intersection(*(set(t) for t in tags if t is not None))
    candidates = [declared] if declared else sorted(common, key=_preference)
    for name in candidates:
        if name not in common:
            continue
        seen: list[object] = []
        ok = True
        for t in tags:
            assert t is not None
            for value in t[name]:
                if value in seen:
                    ok = False
                seen.append(value)
        if ok:
            return name
    return None


def _preference(name: str) -> tuple[int, str]:
    return (PREFERRED.index(name) if name in PREFERRED else len(PREFERRED), name)
