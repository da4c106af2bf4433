"""resources/: one module per resource, sync and async classes, raw-response wrappers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..ir import (
    Api,
    LiteralType,
    Model,
    Nullable,
    Operation,
    Parameter,
    Prim,
    RefType,
    TypeExpr,
)
from ..naming import Names, ResourceNames
from .environment import environment
from .filters import constant
from .text import wrap
from .typewriter import BUILTIN_PRIMS, MODEL, PARAM, Imports, TypeWriter, is_model


@dataclass(frozen=True)
class ArgView:
    name: str
    annotation: str  # with `Union[..., Omit]` for an optional argument
    default: str  # "" or " = omit"
    wire: str
    location: str  # path, query, header, cookie, body
    doc: str


@dataclass(frozen=True)
class MethodView:
    name: str
    http_method: str
    doc: str
    path: str  # a Python expression
    positional: tuple[ArgView, ...]
    keyword: tuple[ArgView, ...]
    body: str  # a Python expression or ""
    query: str
    headers: str
    multipart: bool
    content_type: str
    cast_to: str
    result_cast: str  # the type to cast the response to, when cast_to cannot carry it
    returns: str
    local_imports: tuple[str, ...]  # the types cast_to needs, imported when first called


@dataclass(frozen=True)
class ChildView:
    attr: str
    module: str  # relative import path of the child's module, e.g. '.client_secrets'
    sync_class: str
    async_class: str


@dataclass(frozen=True)
class ResourceView:
    sync_class: str
    async_class: str
    doc: str
    depth: str  # '..' or '...': relative prefix of the package root
    imports: tuple[str, ...]
    type_imports: tuple[str, ...]  # for annotations only: under TYPE_CHECKING
    children: tuple[ChildView, ...]
    methods: tuple[MethodView, ...]


def render_resources(api: Api, names: Names, ctx: dict[str, Any]) -> dict[str, str]:
    env = environment()
    module_template = env.get_template("resources/resource.py.j2")
    init_template = env.get_template("resources/package_init.py.j2")
    by_resource: dict[tuple[str, ...], list[Operation]] = {}
    for op in api.operations:
        by_resource.setdefault(op.resource, []).append(op)
    files = {"resources/__init__.py": env.get_template("resources/init.py.j2").render(**ctx)}
    arguments: dict[str, list[str]] = {}  # operation key -> its Python argument names
    for (op_key, _, _), name in names.kwargs.items():
        arguments.setdefault(op_key, []).append(name)
    for path, resource in sorted(names.resources.items()):
        view = _resource_view(api, names, resource, by_resource.get(path, []), arguments)
        files[resource.module.replace(".", "/") + ".py"] = module_template.render(
            resource=view, **ctx)
        if resource.is_package:
            files[resource.package.replace(".", "/") + "/__init__.py"] = init_template.render(
                resource=view, module=resource.module.rsplit(".", 1)[1], **ctx)
    return files


def _resource_view(api: Api, names: Names, resource: ResourceNames, ops: list[Operation],
                   arguments: dict[str, list[str]]) -> ResourceView:
    depth = "." * (resource.module.count(".") + 1)
    children = []
    for path, child in sorted(names.resources.items()):
        if path[:-1] == resource.path and len(path) == len(resource.path) + 1:
            target = "." + child.package.rsplit(".", 1)[1]  # a sibling in the same folder
            children.append(ChildView(child.attr, target, child.sync_class, child.async_class))
    imports = Imports()
    reserved = {resource.sync_class, resource.async_class, *(c.sync_class for c in children),
                *(c.async_class for c in children)}
    methods = tuple(_method(api, names, op, imports, reserved, depth, arguments) for op in ops)
    _runtime_imports(imports, bool(children) or bool(imports.siblings), methods)
    return ResourceView(resource.sync_class, resource.async_class, "", depth,
                        tuple(imports.lines(package_depth=depth, with_siblings=False)),
                        tuple(imports.sibling_lines(f"{depth}types.")),
                        tuple(children), methods)


def _runtime_imports(imports: Imports, children: bool, methods: tuple[MethodView, ...]) -> None:
    imports.std("functools", "cached_property")
    if children:
        imports.typing.add("TYPE_CHECKING")
    for name in ("AsyncAPIResource", "SyncAPIResource"):
        imports.runtime_name("_resource", name)
    if not methods:
        return
    imports.third_party.add("httpx")
    imports.typing.update({"Optional", "Union"})
    imports.runtime_name("_base_client", "make_request_options")
    if any(m.path.startswith("path_template(") for m in methods):
        imports.runtime_name("_base_client", "path_template")
    for name in ("async_to_raw_response_wrapper", "to_raw_response_wrapper"):
        imports.runtime_name("_response", name)
    for name in ("Body", "Headers", "NotGiven", "Query", "not_given"):
        imports.runtime_name("_types", name)


def _method(api: Api, names: Names, op: Operation, imports: Imports,
            reserved: set[str], depth: str, arguments: dict[str, list[str]]) -> MethodView:
    """Types in annotations are imported for type checkers only; the response types that
    cast_to needs at run time are imported inside the method, so that reaching a resource
    builds no model class (the first call does)."""
    taken = frozenset(reserved | set(arguments.get(op.key, ())))
    params_writer = TypeWriter(api, names, PARAM, "", {}, imports, reserved=taken)
    model_writer = TypeWriter(api, names, MODEL, "", {}, imports, reserved=taken)
    runtime_writer = TypeWriter(api, names, MODEL, "", {}, Imports(), reserved=taken)
    cast_to, result_cast = _cast_to(op, runtime_writer)
    imports.merge_names(runtime_writer.imports)
    positional = tuple(_arg(names.kwargs[(op.key, "path", p.wire_name)], params_writer, p.type,
                            True, p.wire_name, "path", p.doc)
                       for p in op.parameters if p.location == "path")
    keyword = _keyword_args(api, names, op, params_writer)
    return MethodView(
        name=names.methods[op.key], http_method=op.method,
        doc=_method_doc(op, positional + keyword),
        path=_path_expr(op, names), positional=positional, keyword=keyword,
        body=_dict_expr([a for a in keyword if a.location == "body"], op),
        query=_dict_expr([_as_text(a, op, imports) for a in keyword
                          if a.location == "query"], None),
        headers=_dict_expr([_as_text(a, op, imports) for a in keyword
                            if a.location == "header"], None),
        multipart=bool(op.body and op.body.encoding == "multipart"),
        content_type=op.body.media_type if op.body and op.body.encoding in (
            "form", "binary", "text") else "",
        cast_to=cast_to, result_cast=result_cast, returns=_returns(op, model_writer),
        local_imports=tuple(runtime_writer.imports.sibling_lines(f"{depth}types.")),
    )


def _keyword_args(api: Api, names: Names, op: Operation,
                  writer: TypeWriter) -> tuple[ArgView, ...]:
    out: list[ArgView] = []
    body = op.body
    params = {p.wire_name for p in op.parameters if p.location != "path"}
    if body is not None and body.flattened:
        model = api.decls[body.flattened]
        assert isinstance(model, Model)
        for f in _all_fields(api, model):
            if f.wire_name in params or f.read_only:
                continue
            out.append(_arg(names.kwargs[(op.key, "body", f.wire_name)], writer, f.type,
                            f.required, f.wire_name, "body", f.doc))
    elif body is not None:
        out.append(_arg(names.kwargs[(op.key, "body", "body")], writer, body.type,
                        body.required, "body", "body", body.doc))
    for p in op.parameters:
        if p.location != "path":
            out.append(_arg(names.kwargs[(op.key, p.location, p.wire_name)], writer, p.type,
                            p.required, p.wire_name, p.location, p.doc))
    required = [a for a in out if not a.default]
    return tuple(required + [a for a in out if a.default])


def _all_fields(api: Api, model: Model) -> list[Any]:
    inherited: list[Any] = []
    if model.base and isinstance(api.decls.get(model.base), Model):
        inherited = _all_fields(api, api.decls[model.base])  # type: ignore[arg-type]
    own = {f.wire_name for f in model.fields}
    return [f for f in inherited if f.wire_name not in own] + list(model.fields)


def _arg(name: str, writer: TypeWriter, ftype: TypeExpr, required: bool, wire: str,
         location: str, doc: str) -> ArgView:
    annotation = writer.expr(ftype)
    if required:
        return ArgView(name, annotation, "", wire, location, doc)
    writer.imports.typing.add("Union")
    omit = writer.imports.runtime_name("_types", "Omit")
    writer.imports.runtime_name("_types", "omit")
    return ArgView(name, f"Union[{annotation}, {omit}]", " = omit", wire, location, doc)


def _dict_expr(args: list[ArgView], op: Operation | None) -> str:
    if op is not None and op.body is not None and not op.body.flattened:
        return args[0].name if args else ""
    if not args:
        return "{}" if op is not None and op.body is not None else ""
    items = ", ".join(f"{constant(a.wire)}: {a.name}" for a in args)
    return "{" + items + "}"


def _as_text(arg: ArgView, op: Operation, imports: Imports) -> ArgView:
    """A query or header argument the runtime turns into text before sending, if it needs to."""
    param = next((p for p in op.parameters
                  if p.location == arg.location and p.wire_name == arg.wire), None)
    helper = _text_helper(param) if param is not None else None
    if helper is None:
        return arg
    return replace(arg, name=f"{imports.runtime_name('_utils', helper)}({arg.name})")


def _text_helper(param: Parameter) -> str | None:
    """Headers are text (`simple` style); a query list or object with `explode: false` is one
    comma-separated value. Anything else goes as it is."""
    if param.location == "header":
        return None if param.type == Prim("str") else "header_value"
    if param.explode or param.style not in ("", "form"):
        return None
    inner = param.type.inner if isinstance(param.type, Nullable) else param.type
    return None if isinstance(inner, (Prim, LiteralType)) else "comma_separated"


_PATH_PARAM = re.compile(r"\{([^{}]+)\}")


def _path_expr(op: Operation, names: Names) -> str:
    params = [p.wire_name for p in op.parameters if p.location == "path"]
    used = _PATH_PARAM.findall(op.path)
    if not used:
        return constant(op.path)
    values = ", ".join(f"{constant(w)}: {names.kwargs[(op.key, 'path', w)]}"
                       for w in used if w in params)
    return f"path_template({constant(op.path)}, {{{values}}})"


def _cast_to(op: Operation, writer: TypeWriter) -> tuple[str, str]:
    """cast_to, and the type the method casts the result to ("" when cast_to is a class).

    cast_to is typed Type[T]: a type expression that is not a class (a Union, List[X]) goes
    through cast(Any, ...), which leaves the result Any; casting it back types the return."""
    response = op.response
    if response.encoding == "binary":
        return "bytes", ""
    if response.encoding == "text":
        return "str", ""
    if response.encoding == "none" or response.type is None:
        return writer.imports.runtime_name("_types", "NoneType"), ""
    expr = writer.expr(response.type)
    if isinstance(response.type, RefType) and is_model(writer.api, response.type.target):
        return expr, ""
    if isinstance(response.type, Prim) and response.type.kind in BUILTIN_PRIMS:
        return expr, ""
    writer.imports.typing.update({"cast", "Any"})
    return f"cast(Any, {expr})", expr


def _returns(op: Operation, writer: TypeWriter) -> str:
    response = op.response
    if response.encoding == "binary":
        return "bytes"
    if response.encoding == "text":
        return "str"
    if response.encoding == "none" or response.type is None:
        return "None"
    if response.type == Prim("any"):
        return "object"
    return writer.expr(response.type)


# The Args lines sit 8 columns into the method, within the 120 columns of generated code.
_ARG_LINE = 112


def _method_doc(op: Operation, args: tuple[ArgView, ...]) -> str:
    parts = [wrap(p) for p in (op.summary, op.description) if p]
    if op.deprecated:
        parts.insert(0, "Deprecated.")
    lines = ["Args:"]
    for arg in args:
        text = wrap(arg.doc, 72) if arg.doc else ""
        if text:
            first, *rest = text.split("\n")
            if len(f"  {arg.name}: {first}") > _ARG_LINE:  # a long name: the text goes below
                first, rest = "", [first, *rest]
            lines.append(f"  {arg.name}: {first}".rstrip())
            lines += [f"      {line}" if line else "" for line in rest]
            lines.append("")
    lines += [
        "  extra_headers: Send extra headers", "",
        "  extra_query: Add additional query parameters to the request", "",
        "  extra_body: Add additional JSON properties to the request", "",
        "  timeout: Override the client-level default timeout for this request, in seconds",
    ]
    parts.append("\n".join(lines))
    return "\n\n".join(parts)
