"""What a method returns, decided once for the resources, the docs and the generated tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ir import ANY, Api, Model, RefType, Response, TypeExpr
from .typewriter import TypeWriter


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


def cast_to_expr(returns: Returns, writer: TypeWriter) -> str:
    """What the runtime parses the response into (a class, or a type expression)."""
    if returns.kind == "bytes":
        return "bytes"
    if returns.kind == "text":
        return "str"
    if returns.kind == "none":
        return writer.imports.runtime_name("_types", "NoneType")
    expr = writer.expr(returns.type)
    if returns.model is not None:
        return expr
    # cast_to is typed Type[T]: a type expression that is not a class goes through cast().
    writer.imports.typing.update({"cast", "Any"})
    return f"cast(Any, {expr})"


def annotation(returns: Returns, writer: TypeWriter) -> str:
    """The method's return annotation."""
    if returns.kind == "bytes":
        return "bytes"
    if returns.kind == "text":
        return "str"
    if returns.kind == "none":
        return "None"
    return "object" if returns.anything else writer.expr(returns.type)
