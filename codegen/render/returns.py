"""What a method returns, decided once for the resources, the docs and the generated tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ir import ANY, Api, EventStream, Model, Operation, Pagination, Prim, RefType, TypeExpr
from .typewriter import BUILTIN_PRIMS, TypeWriter
from .views import ResultView

Mode = Literal["sync", "async"]
_STREAM = {"sync": "Stream", "async": "AsyncStream"}
_PAGE = {"sync": "SyncPage", "async": "AsyncPage"}


@dataclass(frozen=True)
class Returns:
    # binary: a BinaryResponse; stream: events only; page: a page of `page.item`.
    kind: Literal["binary", "text", "none", "json", "stream", "page"]
    type: TypeExpr = ANY  # of a JSON body (a page's whole body, too)
    model: str | None = None  # key of the model a JSON body is, when it is one (a class)
    stream: EventStream | None = None  # the events, always (kind stream) or when selected
    page: Pagination | None = None

    @property
    def anything(self) -> bool:
        return self.kind == "json" and self.type == ANY


def returns_of(api: Api, op: Operation) -> Returns:
    stream = op.stream if op.stream is not None and op.stream.used else None
    response = op.response
    if stream is not None and stream.only:
        return Returns("stream", stream=stream)
    if response.encoding in ("binary", "text"):
        return Returns(response.encoding, stream=stream)
    if response.encoding == "none" or response.type is None:
        return Returns("none")
    rtype = response.type
    model = rtype.target if isinstance(rtype, RefType) and isinstance(
        api.decls.get(rtype.target), Model) else None
    kind: Literal["json", "page"] = "page" if op.page is not None and stream is None else "json"
    return Returns(kind, rtype, model, stream, op.page if kind == "page" else None)


def method_types(returns: Returns, mode: Mode, writer: TypeWriter,
                 runtime: TypeWriter, test: str) -> ResultView:
    """`writer` spells annotations (imported for type checkers), `runtime` what runs (imported
    in the method); `test` is the expression that tells whether the caller asked for the
    stream."""
    if returns.kind == "stream":
        assert returns.stream is not None
        stream = _stream_of(returns.stream, mode, writer, runtime)
        return ResultView(stream[0], stream[1], "", "")
    if returns.kind == "page":
        assert returns.page is not None
        page_class = writer.imports.runtime_name("_pagination", _PAGE[mode])
        item = writer.expr(returns.page.item)
        outer = "AsyncPaginator" if mode == "async" else page_class
        if mode == "async":
            writer.imports.runtime_name("_pagination", "AsyncPaginator")
        body = runtime.expr(returns.type)
        return ResultView(f"{outer}[{item}]", body, "",
                           f"{page_class}[{runtime.expr(returns.page.item)}]")
    plain = annotation(returns, writer)
    cast_to, result_cast = cast_to_expr(returns, runtime)
    if returns.stream is None:
        return ResultView(plain, cast_to, result_cast, "")
    stream_annotation, stream_cast = _stream_of(returns.stream, mode, writer, runtime)
    runtime.imports.typing.update({"cast", "Any"})
    writer.imports.typing.add("Union")
    either = f"Union[{plain}, {stream_annotation}]"
    # The parentheses are black's and ruff's alike (black adds them where the line splits).
    return ResultView(either, f"cast(Any, ({stream_cast} if {test} else {cast_to}))", either, "")


def _stream_of(stream: EventStream, mode: Mode, writer: TypeWriter,
               runtime: TypeWriter) -> tuple[str, str]:
    name = writer.imports.runtime_name("_streaming", _STREAM[mode])
    return f"{name}[{writer.expr(stream.event)}]", f"{name}[{runtime.expr(stream.event)}]"


def cast_to_expr(returns: Returns, writer: TypeWriter) -> tuple[str, str]:
    """What the runtime parses a plain body into (a class, or a type expression), and the type
    the method casts the result to ("" when cast_to is a class).

    cast_to is typed Type[T]: a type expression that is not a class (a Union, List[X]) goes
    through cast(Any, ...), which leaves the result Any; casting it back types the return."""
    if returns.kind == "binary":
        return writer.imports.runtime_name("_response", "BinaryResponse"), ""
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
    """The return annotation of a plain body (JSON, bytes, text or nothing)."""
    if returns.kind == "binary":
        return writer.imports.runtime_name("_response", "BinaryResponse")
    if returns.kind == "text":
        return "str"
    if returns.kind == "none":
        return "None"
    return "object" if returns.anything else writer.expr(returns.type)
