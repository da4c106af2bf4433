"""Members: the Python attribute of every field, and each method's arguments (their names,
where they go on the wire, their types), decided once for every later stage."""

from __future__ import annotations

import keyword
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from ..diagnostics import Diagnostics
from ..ir import Api, Body, Field, Location, Model, Operation, Parameter, TypeExpr, all_fields
from ..words import snake
from .budget import over_budget, report, shorten
from .namespace import Namespace
from .reserved import RESERVED_ATTRIBUTES, RESERVED_CLASSES, RESERVED_KWARGS

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Argument:
    """One argument of a generated method."""

    name: str  # the Python name
    wire: str  # the name on the wire ("body" for a whole body)
    location: Location | Literal["body"]
    type: TypeExpr
    required: bool
    doc: str
    source: Field | Parameter | Body  # what the spec says of it (defaults, examples, style)


@dataclass(frozen=True)
class Signature:
    positional: tuple[Argument, ...]  # the last path parameter (the item the method acts on)
    # the other path parameters (the parents, keyword-only as in `retrieve(file_id, *,
    # vector_store_id)`), body fields (or the body), then the other parameters
    keyword: tuple[Argument, ...]

    @property
    def arguments(self) -> tuple[Argument, ...]:
        return self.positional + self.keyword


def attribute_identifier(wire: str) -> str:
    return shorten(_attribute_name(wire), "snake")


def _attribute_name(wire: str) -> str:
    name = snake(wire)
    if not name:
        name = "field"
    if name[0].isdigit():
        name = "n_" + name
    if keyword.iskeyword(name) or name in RESERVED_ATTRIBUTES or name.startswith("model_"):
        name += "_"
    return name


def report_long_attributes(wires: Iterable[str], pointer: str, diagnostics: Diagnostics,
                           what: str = "attribute") -> None:
    """A warning for each wire name whose Python name had to be shortened."""
    for wire in sorted(set(wires)):
        name = _attribute_name(wire)
        if over_budget(name):
            report(name, shorten(name, "snake"), pointer, what, diagnostics,
                   "the name on the wire is unchanged; only the Python name is shorter")


def unique_identifiers(items: Sequence[tuple[Key, str]],
                       reserved: frozenset[str] = frozenset()) -> dict[Key, str]:
    """Python names for (key, wire name) pairs, all distinct: a name equal to its wire name
    wins; the others fall back to the wire name itself when usable, then to numeric suffixes."""
    wires = dict(items)
    wanted = {key: attribute_identifier(wire) for key, wire in wires.items()}
    order = {key: i for i, key in enumerate(wires)}
    scope = Namespace(numbered=lambda base, n: f"{base}_{n}")
    scope.reserve(*reserved)
    out: dict[Key, str] = {}
    for key in sorted(wires, key=lambda k: (wanted[k] != wires[k], order[k])):
        name, wire = wanted[key], wires[key]
        if not scope.free(name) and _clean(wire) and scope.free(wire):
            name = wire
        out[key] = scope.claim(name)
    return out


def _clean(name: str) -> bool:
    """Usable as it is: an ASCII identifier, no keyword, no leading underscore (pydantic
    makes those private), nothing reserved."""
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name) \
        and not name.startswith("_") and name not in RESERVED_ATTRIBUTES \
        and not name.startswith("model_")


def field_names(api: Api, classes: dict[str, str],
                diagnostics: Diagnostics) -> dict[tuple[str, str], str]:
    """(declaration key, wire name) -> Python attribute, for every model field."""
    out: dict[tuple[str, str], str] = {}
    for key, decl in api.decls.items():
        if not isinstance(decl, Model):
            continue
        report_long_attributes((f.wire_name for f in decl.fields), key, diagnostics)
        # A field named like a type its class body mentions would shadow that type there:
        # pydantic then reads `Datetime: Optional[Datetime] = None` as a field of type None.
        # `builtins` too: a field named `str` makes the class body say `builtins.str`.
        in_scope = RESERVED_CLASSES | {"builtins"} | {classes[t] for t in decl.refs
                                                      if t in classes}
        wires = [f.wire_name for f in all_fields(api.decls, decl)]
        names = unique_identifiers([(w, w) for w in wires], in_scope)
        for f in decl.fields:
            out[(key, f.wire_name)] = names[f.wire_name]
    return out


def signatures(api: Api, diagnostics: Diagnostics) -> dict[str, Signature]:
    """Operation key -> the arguments of its method."""
    for op in api.operations:
        report_long_attributes((p.wire_name for p in op.parameters), op.key, diagnostics)
    return {op.key: _signature(api, op) for op in api.operations}


def _signature(api: Api, op: Operation) -> Signature:
    path = [_from_param(p) for p in op.parameters if p.location == "path"]
    others = [_from_param(p) for p in op.parameters if p.location != "path"]
    body: list[Argument] = []
    if op.body is not None and op.body.flattened_model:
        model = api.decls[op.body.flattened_model]
        assert isinstance(model, Model)
        sent = {a.wire for a in others}
        body = [Argument("", f.wire_name, "body", f.type, f.required, f.doc, f)
                for f in all_fields(api.decls, model)
                if f.wire_name not in sent and not f.read_only]
    elif op.body is not None:
        body = [Argument("", "body", "body", op.body.type, op.body.required, op.body.doc,
                         op.body)]
    arguments = path + body + others
    names = unique_identifiers([((a.location, a.wire), a.wire) for a in arguments],
                               RESERVED_KWARGS)
    named = [replace(a, name=names[(a.location, a.wire)]) for a in arguments]
    # The item itself is positional; its parents are named, so no call can swap them.
    item = len(path) - 1 if path else 0
    return Signature(tuple(named[item:len(path)]), tuple(named[:item] + named[len(path):]))


def _from_param(p: Parameter) -> Argument:
    return Argument("", p.wire_name, p.location, p.type, p.required, p.doc, p)
