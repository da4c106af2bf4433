"""What a method returns, decided once for the resources, the docs and the generated tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ir import ANY, Api, Model, Prim, RefType, Response, TypeExpr
from .typewriter import BUILTIN_PRIMS, TypeWriter


@dataclass(frozen=True)
class Returns:
    kind: Literal["bytes", "text", "none", "json"]
    type: TypeExpr = ANY  # of a JSON body
    model: str | None = None  # key of the model a JSON body is, when it is one (a class)

    @property
    def anything(self) -> bool:
        return self.kind == "json" and self.type == ANY


def returns_of(api: Api, response: Response) -> Returns:
    if response.encoding == "binary":
        return Returns("bytes")
    if response.encoding == "text":
        return Returns("text")
    if response.encoding == "none" or response.type is None:
        return Returns("none")
    rtype = response.type
    model = rtype.target if isinstance(rtype, RefType) and isinstance(
        api.decls.get(rtype.target), Model) else None
    return Returns("json", rtype, model)


def cast_to_expr(returns: Returns, writer: TypeWriter) -> tuple[str, str]:
    """What the runtime parses the response into (a class, or a type expression), and the type
    the method casts the result to ("" when cast_to is a class).

    cast_to is typed Type[T]: a type expression that is not a class (a Union, List[X]) goes
    through cast(Any, ...), which leaves the result Any; casting it back types the return."""
    if returns.kind == "bytes":
        return "bytes", ""
    if returns.kind == "text":
        return "str", ""
    if returns.kind == "none":
        return writer.imports.runtime_name("_types", "NoneType"), ""
    expr = writer.expr(returns.type)
    if returns.model is not None or (isinstance(returns.type, Prim)
                                     and returns.type.kind in BUILTIN_PRIMS):
        return expr, ""
    writer.imports.typing.update({"cast", "Any"})
    return f"cast(Any, {expr})", expr


def annotation(returns: Returns, writer: TypeWriter) -> str:
    """The method's return annotation."""
    if returns.kind == "bytes":
        return "bytes"
    if returns.kind == "text":
        return "str"
    if returns.kind == "none":
        return "None"
    return "object" if returns.anything else writer.expr(returns.type)
