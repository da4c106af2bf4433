"""resources/: one module per resource, sync and async classes, raw-response wrappers."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..ir import (
    Api,
    LiteralType,
    Nullable,
    Operation,
    Pagination,
    Parameter,
    Prim,
    Side,
    TypeExpr,
)
from ..naming import Argument, Names, ResourceNames, Signature
from .environment import environment
from .filters import constant
from .returns import Returns, annotation, method_types, returns_of
from .text import wrap
from .typewriter import Imports, TypeWriter
from .views import ArgView, ChildView, MethodView, OverloadView, ResourceView, ResultView


def render_resources(api: Api, names: Names, ctx: dict[str, Any]) -> dict[str, str]:
    env = environment()
    module_template = env.get_template("resources/resource.py.j2")
    init_template = env.get_template("resources/package_init.py.j2")
    by_resource = names.operations_by_resource(api)
    files = {"resources/__init__.py": env.get_template("resources/init.py.j2").render(**ctx)}
    webhooks = ctx["client"].webhooks
    if webhooks is not None:
        files[f"resources/{webhooks.attr}.py"] = env.get_template(
            "resources/webhooks.py.j2").render(**ctx)
    children = _children(names)
    for path, resource in sorted(names.resources.items()):
        view = _resource_view(api, names, resource, by_resource.get(path, []),
                              children.get(path, []))
        files[resource.module.replace(".", "/") + ".py"] = module_template.render(
            resource=view, **ctx)
        if resource.is_package:
            files[resource.package.replace(".", "/") + "/__init__.py"] = init_template.render(
                resource=view, module=resource.module.rsplit(".", 1)[1], **ctx)
    return files


def _children(names: Names) -> dict[tuple[str, ...], list[ChildView]]:
    """Resource path -> its sub-resources, in path order (one pass: Graph has 4,000)."""
    out: dict[tuple[str, ...], list[ChildView]] = {}
    for path, child in sorted(names.resources.items()):
        target = "." + child.package.rsplit(".", 1)[1]  # a sibling in the same folder
        out.setdefault(path[:-1], []).append(
            ChildView(child.attr, target, child.sync_class, child.async_class))
    return out


def _resource_view(api: Api, names: Names, resource: ResourceNames,
                   ops: list[Operation], children: list[ChildView]) -> ResourceView:
    depth = "." * (resource.module.count(".") + 1)
    imports = Imports()
    reserved = {resource.sync_class, resource.async_class, *(c.sync_class for c in children),
                *(c.async_class for c in children)}
    methods = tuple(_method(api, names, op, imports, reserved, depth) for op in ops)
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
    for name in ("async_to_raw_response_wrapper", "to_raw_response_wrapper",
                 "async_to_streamed_response_wrapper", "to_streamed_response_wrapper"):
        imports.runtime_name("_api_response", name)
    for name in ("Body", "Headers", "NotGiven", "Query", "not_given"):
        imports.runtime_name("_types", name)


def _method(api: Api, names: Names, op: Operation, imports: Imports,
            reserved: set[str], depth: str) -> MethodView:
    """Types in annotations are imported for type checkers only; the response types that
    cast_to needs at run time are imported inside the method, so that reaching a resource
    builds no model class (the first call does)."""
    signature = names.signatures[op.key]
    taken = frozenset(reserved | {a.name for a in signature.arguments})
    params_writer = TypeWriter(api, names, Side.PARAM, "", {}, imports, reserved=taken)
    model_writer = TypeWriter(api, names, Side.MODEL, "", {}, imports, reserved=taken)
    runtime_writer = TypeWriter(api, names, Side.MODEL, "", {}, Imports(), reserved=taken)
    returns = returns_of(api, op)
    selector = _selector(returns, signature)
    test = _selected_test(selector, returns) if selector else ""
    results = tuple(method_types(returns, mode, model_writer, runtime_writer, test)
                    for mode in ("sync", "async"))
    imports.merge_names(runtime_writer.imports)
    positional = tuple(_arg(a, params_writer) for a in signature.positional)
    # required keyword arguments first, as the reader looks for them
    sent = [a for a in signature.keyword if a.required] + [
        a for a in signature.keyword if not a.required]
    keyword = tuple(_arg(a, params_writer) for a in sent)
    overloads = _overloads(returns, selector, keyword, results, model_writer, params_writer)
    return MethodView(
        name=names.methods[op.key], http_method=op.method,
        doc=_method_doc(op, positional + keyword, _headers_note(api, names, op)),
        path=_path_expr(op, signature), positional=positional, keyword=keyword,
        body=_body_expr(op, [a for a in sent if a.location == "body"]),
        query=_dict_expr([a for a in sent if a.location == "query"], imports),
        headers=_dict_expr([a for a in sent if a.location == "header"], imports),
        multipart=_multipart_expr(op),
        encoding=_encoding_expr(op),
        bare=op.body.bare.name if op.body and op.body.bare else "",
        content_type=op.body.media_type if op.body and op.body.encoding in (
            "form", "binary", "text") else "",
        accept=_accept(op, returns),
        results=(results[0], results[1]), overloads=overloads,
        paging=_paging_expr(returns.page, imports) if returns.kind == "page" else "",
        local_imports=tuple(runtime_writer.imports.sibling_lines(f"{depth}types.")),
    )


def _accept(op: Operation, returns: Returns) -> str:
    """The Accept header of a body that is not JSON (a stream asks for its own); a response
    without content takes anything."""
    if returns.kind in ("binary", "text"):
        return op.response.media_type or "*/*"
    return "*/*" if returns.kind == "none" else ""


def _multipart_expr(op: Operation) -> str:
    """`True` for a multipart body; "with_files" for JSON that goes multipart with a file."""
    if op.body is None:
        return ""
    if op.body.encoding == "multipart":
        return "True"
    return constant("with_files") if op.body.multipart_with_files else ""


def _encoding_expr(op: Operation) -> str:
    parts = op.body.parts if op.body is not None else ()
    return "{" + ", ".join(f"{constant(p.name)}: {constant(p.media_type)}"
                           for p in parts) + "}" if parts else ""


def _paging_expr(page: Pagination | None, imports: Imports) -> str:
    assert page is not None
    name = imports.runtime_name("_pagination", "Paging")
    settings = [constant(page.scheme)] + [
        f"{key}={constant(value)}" for key, value in (
            ("items", page.items), ("param", page.param), ("field", page.field),
            ("more", page.more), ("limit", page.limit)) if value]
    return f"{name}({', '.join(settings)})"


def _selector(returns: Returns, signature: Signature) -> Argument | None:
    """The argument that asks for the stream, when the method returns either."""
    stream = returns.stream
    if stream is None or stream.only:
        return None
    return next((a for a in signature.keyword
                 if a.location == "body" and a.wire == stream.selector), None)


def _selected_test(selector: Argument, returns: Returns) -> str:
    assert returns.stream is not None
    value = returns.stream.value
    return f"{selector.name} is True" if value is True else f"{selector.name} == {constant(value)}"


def _overloads(returns: Returns, selector: Argument | None, keyword: tuple[ArgView, ...],
               results: tuple[ResultView, ...], model_writer: TypeWriter,
               params_writer: TypeWriter) -> tuple[OverloadView, ...]:
    """Three signatures, so that type checkers infer the stream for the selecting value, the
    plain body without it, and either for a value known only at run time."""
    if selector is None or returns.stream is None:
        return ()
    value = returns.stream.value
    others = _other_values(selector.type, value)
    if others is None:
        return ()
    imports = params_writer.imports
    imports.typing.update({"overload", "Literal", "Union"})
    omit = imports.runtime_name("_types", "Omit")
    plain = Returns(returns.kind, returns.type, returns.model)
    plain_annotation = annotation(plain, model_writer)
    streams = tuple(r.annotation.removeprefix(f"Union[{plain_annotation}, ").removesuffix("]")
                    for r in results)
    full = params_writer.expr(selector.type)

    def narrowed(text: str, default: str) -> tuple[ArgView, ...]:
        return tuple(replace(a, annotation=text, default=default) if a.wire == selector.wire
                     and a.location == "body" else a for a in keyword)

    chosen = f"Literal[{constant(value)}]"
    rest = f"Union[{others}, {omit}]" if others else omit
    return (
        OverloadView(_required_first(narrowed(chosen, "")), (streams[0], streams[1])),
        OverloadView(narrowed(rest, " = omit"), (plain_annotation, plain_annotation)),
        OverloadView(_required_first(narrowed(full, "")),
                     (results[0].annotation, results[1].annotation)),
    )


def _required_first(args: tuple[ArgView, ...]) -> tuple[ArgView, ...]:
    return tuple(a for a in args if not a.default) + tuple(a for a in args if a.default)


def _other_values(selector_type: TypeExpr, value: str | bool) -> str | None:
    """The selector's values that do not ask for the stream, as a type; None when they cannot
    be spelled (a plain string property)."""
    nullable = isinstance(selector_type, Nullable)
    inner = selector_type.inner if isinstance(selector_type, Nullable) else selector_type
    if inner == Prim("bool") and value is True:
        values: list[object] = [False]
    elif isinstance(inner, LiteralType) and value in inner.values:
        values = [v for v in inner.values if v != value]
    else:
        return None
    parts = [f"Literal[{', '.join(constant(v) for v in values)}]"] if values else []
    if nullable:
        parts.append("None")
    return ("Optional[" + parts[0] + "]" if len(parts) == 2 else parts[0]) if parts else ""


def _arg(argument: Argument, writer: TypeWriter) -> ArgView:
    annotation = writer.expr(argument.type)
    name, wire, location, doc = argument.name, argument.wire, argument.location, argument.doc
    if argument.required:
        return ArgView(name, annotation, "", wire, location, doc)
    writer.imports.typing.add("Union")
    omit = writer.imports.runtime_name("_types", "Omit")
    writer.imports.runtime_name("_types", "omit")
    return ArgView(name, f"Union[{annotation}, {omit}]", " = omit", wire, location, doc)


def _body_expr(op: Operation, args: list[Argument]) -> str:
    """The body: the one `body` argument, or a dict of the flattened fields."""
    if op.body is None:
        return ""
    if not op.body.flattened_model:
        return args[0].name if args else ""
    return "{" + ", ".join(f"{constant(a.wire)}: {a.name}" for a in args) + "}"


def _dict_expr(args: list[Argument], imports: Imports) -> str:
    """Query parameters or headers, each turned into text by the runtime where it needs to."""
    if not args:
        return ""
    items = []
    for arg in args:
        helper = _text_helper(arg.source) if isinstance(arg.source, Parameter) else None
        value = f"{imports.runtime_name('_utils', helper)}({arg.name})" if helper else arg.name
        items.append(f"{constant(arg.wire)}: {value}")
    return "{" + ", ".join(items) + "}"


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


def _path_expr(op: Operation, signature: Signature) -> str:
    names = {a.wire: a.name for a in signature.arguments if a.location == "path"}
    used = _PATH_PARAM.findall(op.path)
    if not used:
        return constant(op.path)
    values = ", ".join(f"{constant(w)}: {names[w]}" for w in used if w in names)
    return f"path_template({constant(op.path)}, {{{values}}})"


# The Args lines sit 8 columns into the method, within the 120 columns of generated code.
_ARG_LINE = 112


def _headers_note(api: Api, names: Names, op: Operation) -> str:
    """Where the response headers the spec declares are read, typed."""
    key = op.response.headers
    if key is None or key not in api.decls:
        return ""
    return (f"Its response headers, typed: `.with_raw_response.{names.methods[op.key]}(...)` "
            f"returns the response; `.headers_as(types.{names.types.classes[key]})` reads them.")


def _method_doc(op: Operation, args: tuple[ArgView, ...], headers: str) -> str:
    parts = [wrap(p) for p in (op.summary, op.description) if p]
    if op.deprecated:
        parts.insert(0, "Deprecated.")
    if op.body is not None and op.body.bare is not None:
        bare = op.body.bare
        parts.append(wrap(f"Given `{bare.name}` alone, it is sent as the whole body "
                          f"({bare.media_type}); with more, as {op.body.media_type}."))
    if headers:
        parts.append(wrap(headers))
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
