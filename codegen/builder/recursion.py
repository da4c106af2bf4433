"""Type aliases that contain themselves (`Json = Union[str, List["Json"], Dict[str, "Json"]]`)
without a model in between: pydantic cannot build such a type (it recurses forever), so the
recursive positions become `object`, reported. Recursion through a model is fine and kept."""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostics
from ..graphs import strongly_connected
from ..ir import (
    ANY,
    Alias,
    Decl,
    DictType,
    ListType,
    Nullable,
    RefType,
    TypeExpr,
    UnionType,
    walk_refs,
)


def break_alias_cycles(decls: dict[str, Decl], diagnostics: Diagnostics) -> dict[str, Decl]:
    """The declarations with every alias-only cycle cut."""
    out = dict(decls)
    graph = {key: {t for t in walk_refs(decl.type) if isinstance(decls.get(t), Alias)}
             for key, decl in decls.items() if isinstance(decl, Alias)}
    for component in strongly_connected(graph):
        cycle = set(component)
        if len(cycle) == 1 and component[0] not in graph[component[0]]:
            continue
        for key in component:
            alias = decls[key]
            assert isinstance(alias, Alias)
            out[key] = replace(alias, type=_cut(alias.type, cycle))
            diagnostics.warning(key, "this type contains itself with no object in between; "
                                "the recursive positions are typed as object",
                                "pydantic cannot build such a type alias")
    return out


def _cut(expr: TypeExpr, cycle: set[str]) -> TypeExpr:
    if isinstance(expr, RefType):
        return ANY if expr.target in cycle else expr
    if isinstance(expr, Nullable):
        return Nullable(_cut(expr.inner, cycle))
    if isinstance(expr, ListType):
        return ListType(_cut(expr.item, cycle))
    if isinstance(expr, DictType):
        return DictType(_cut(expr.value, cycle))
    if isinstance(expr, UnionType):
        return UnionType(tuple(_cut(v, cycle) for v in expr.variants), expr.discriminator)
    return expr
