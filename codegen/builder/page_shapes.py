"""What a list operation offers pagination: its items array (the body, or a `data`/`items`/...
field of it), its query parameters, the response's fields by dotted path and its declared
headers, as one `Shape`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..ir import (
    Alias,
    Api,
    Decl,
    Field,
    ListType,
    Model,
    Nullable,
    Operation,
    Parameter,
    Prim,
    RefType,
    Response,
    TypeExpr,
    UnionType,
    all_fields,
)
from ..pointers import pointer_join

# The items field, by preference; failing these, an envelope's only array field.
ITEMS_NAMES = ("data", "items", "results", "records", "entries", "values", "elements")
# A response field's path is followed this deep ('_links.next.href').
MAX_DEPTH = 3
# A list's envelope has no identity of its own (a resource with an `id` and a `results` array is
# one resource); one whose only array holds the items also has few fields.
ENVELOPE_MAX_FIELDS = 6


@dataclass(frozen=True)
class Shape:
    """A list operation's response and query, as pagination sees them."""

    query: Mapping[str, Parameter]  # query parameters by wire name, in spec order
    items: str  # the items field; "" when the body is the list
    item: TypeExpr
    fields: Mapping[str, Field]  # the response's fields by dotted path (none for a list body)
    item_fields: frozenset[str] | None  # the item's field names; None when they are unknown
    headers: tuple[str, ...]
    pointer: str  # the response schema
    listed: bool  # clearly a list: the body is an array, or its items field has a list's name


def shape_of(api: Api, op: Operation, items: str = "") -> Shape | None:
    """The operation's Shape; None when its response holds no items array (or not `items`)."""
    response = op.response
    if response.encoding != "json" or response.type is None:
        return None
    query = {p.wire_name: p for p in op.parameters if p.location == "query"}
    body = _list_of_lists(api.decls, unwrap(api.decls, response.type))
    if isinstance(body, ListType):
        return None if items else Shape(
            query, "", body.item, {}, _field_names(api.decls, body.item),
            _header_names(api, response), pointer_join(response.pointer, "schema"), True)
    model = model_of(api.decls, body)
    if model is None:
        return None
    top = {f.wire_name: f for f in all_fields(api.decls, model)}
    found = _items_field(api.decls, top, items)
    if found is None:
        return None
    name, item, listed = found
    return Shape(query, name, item, dict(_paths(api.decls, top, "", 1)),
                 _field_names(api.decls, item), _header_names(api, response), model.key, listed)


def _header_names(api: Api, response: Response) -> tuple[str, ...]:
    model = api.decls.get(response.headers or "")
    return tuple(f.wire_name for f in model.fields) if isinstance(model, Model) else ()


def _list_of_lists(decls: Mapping[str, Decl], body: TypeExpr) -> TypeExpr:
    """A union of arrays (GitHub's stargazers: users, or users with dates) as one array of
    the union of their items; any other type as it is."""
    if not isinstance(body, UnionType):
        return body
    variants = [unwrap(decls, v) for v in body.variants]
    items = tuple(v.item for v in variants if isinstance(v, ListType))
    if len(items) < len(variants):
        return body
    return ListType(items[0] if len(set(items)) == 1 else UnionType(items))


def _items_field(decls: Mapping[str, Decl], fields: Mapping[str, Field],
                 wanted: str) -> tuple[str, TypeExpr, bool] | None:
    """(name, item type, whether the name says list) of the model's items array."""
    arrays = {name: t for name, f in fields.items()
              if isinstance(t := unwrap(decls, f.type), ListType) and norm(name) != "links"}
    if wanted:
        return (wanted, arrays[wanted].item, True) if wanted in arrays else None
    if "id" in fields:
        return None
    for name in ITEMS_NAMES:
        if name in arrays:
            return name, arrays[name].item, True
    if len(arrays) == 1 and len(fields) <= ENVELOPE_MAX_FIELDS:
        name, array = next(iter(arrays.items()))
        return name, array.item, False
    return None


def _paths(decls: Mapping[str, Decl], fields: Mapping[str, Field], prefix: str,
           depth: int) -> Iterator[tuple[str, Field]]:
    """Every response field by dotted path, objects followed MAX_DEPTH deep."""
    for name, f in fields.items():
        path = prefix + name
        yield path, f
        inner = model_of(decls, unwrap(decls, f.type))
        if inner is not None and depth < MAX_DEPTH:
            below = {g.wire_name: g for g in all_fields(decls, inner)}
            yield from _paths(decls, below, path + ".", depth + 1)


def _field_names(decls: Mapping[str, Decl], item: TypeExpr) -> frozenset[str] | None:
    """The names every variant of the item has; None when the item is not (only) models."""
    t = unwrap(decls, item)
    variants = t.variants if isinstance(t, UnionType) else (t,)
    names: frozenset[str] | None = None
    for variant in variants:
        model = model_of(decls, unwrap(decls, variant))
        if model is None:
            return None
        own = frozenset(f.wire_name for f in all_fields(decls, model))
        names = own if names is None else names & own
    return names


def unwrap(decls: Mapping[str, Decl], t: TypeExpr) -> TypeExpr:
    """The type under nullability and aliases (a union with null is nullability too)."""
    for _ in range(32):  # alias chains are short; the bound guards a cycle
        if isinstance(t, Nullable):
            t = t.inner
        elif isinstance(t, RefType) and isinstance(decls.get(t.target), Alias):
            alias = decls[t.target]
            assert isinstance(alias, Alias)
            t = alias.type
        elif isinstance(t, UnionType) and len(real := [v for v in t.variants
                                                      if v != Prim("none")]) == 1:
            t = real[0]
        else:
            break
    return t


def model_of(decls: Mapping[str, Decl], t: TypeExpr) -> Model | None:
    decl = decls.get(t.target) if isinstance(t, RefType) else None
    return decl if isinstance(decl, Model) else None


def norm(name: str) -> str:
    """'has_more', 'hasMore', '$top', '@odata.nextLink' -> 'hasmore', 'hasmore', 'top', ..."""
    return re.sub(r"[^a-z0-9]", "", name.lower())
