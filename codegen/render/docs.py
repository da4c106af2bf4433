"""The package's README.md, api.md and tests/: documentation and tests of every method, with
calls built from the spec's examples."""

from __future__ import annotations

from typing import Any

from ..ir import Api, Model, Operation, Side, all_fields
from ..naming import Names
from .environment import environment
from .examples import Unsatisfiable, example, field_example, python_literal
from .typewriter import TypeWriter
from .views import CallView


def call_views(api: Api, names: Names) -> list[CallView]:
    views = []
    for op in api.operations:
        resource = names.resources[op.resource]
        writer = TypeWriter(api, names, Side.MODEL, "", {})
        returns, model, module = _returns(api, names, op, writer)
        params_class = params_module = ""
        if op.params_key:
            params_module = names.modules[names.roots[op.params_key]]
            params_class = names.classes[op.params_key]
        try:
            required, full, impossible = (_args(api, names, op, full=False),
                                          _args(api, names, op, full=True), "")
        except Unsatisfiable as exc:
            required, full, impossible = "", "", str(exc)
        views.append(CallView(
            resource_path=resource.display, method=names.methods[op.key],
            http=f"{op.method} {op.path}", summary=(op.summary or op.description).split("\n")[0],
            required_args=required, all_args=full,
            returns=returns, returns_model=model, returns_module=module,
            params_class=params_class, params_module=params_module,
            resource_module=resource.module.replace(".", "/") + ".py",
            unsatisfiable=impossible))
    return views


def _returns(api: Api, names: Names, op: Operation, writer: TypeWriter) -> tuple[str, str, str]:
    from ..ir import RefType

    response = op.response
    if response.encoding == "binary":
        return "bytes", "", ""
    if response.encoding == "text":
        return "str", "", ""
    if response.type is None:
        return "None", "", ""
    text = writer.expr(response.type)
    if isinstance(response.type, RefType) and isinstance(api.decls.get(response.type.target),
                                                         Model):
        key = response.type.target
        return text, names.classes[key], names.modules[names.roots[key]]
    return text, "", ""


def _args(api: Api, names: Names, op: Operation, full: bool) -> str:
    parts = [python_literal(example(api, p.type, full)) for p in op.parameters
             if p.location == "path"]
    kwargs: list[tuple[str, Any]] = []
    body = op.body
    query_names = {p.wire_name for p in op.parameters if p.location != "path"}
    if body is not None and body.flattened_model:
        model = api.decls[body.flattened_model]
        assert isinstance(model, Model)
        for f in all_fields(api.decls, model):
            if f.wire_name in query_names or f.read_only or not (f.required or full):
                continue
            kwargs.append((names.kwargs[(op.key, "body", f.wire_name)],
                           field_example(api, f, full)))
    elif body is not None and (body.required or full):
        kwargs.append((names.kwargs[(op.key, "body", "body")], example(api, body.type, full)))
    for p in op.parameters:
        if p.location != "path" and (p.required or full):
            kwargs.append((names.kwargs[(op.key, p.location, p.wire_name)],
                           example(api, p.type, full)))
    parts += [f"{name}={python_literal(value)}" for name, value in kwargs]
    return ", ".join(parts)


def render_docs(api: Api, names: Names, ctx: dict[str, Any],
                  public_types: dict[str, str]) -> dict[str, str]:
    env = environment()
    calls = call_views(api, names)
    by_resource: dict[str, list[CallView]] = {}
    for call in calls:
        by_resource.setdefault(call.resource_path, []).append(call)
    files = {
        "README.md": env.get_template("docs/README.md.j2").render(
            calls=[c for c in calls if not c.unsatisfiable], **ctx),
        "api.md": env.get_template("docs/api.md.j2").render(
            resources=by_resource, types=public_types, **ctx),
        "tests/__init__.py": ctx["header"],
        "tests/conftest.py": env.get_template("tests/conftest.py.j2").render(**ctx),
    }
    for resource, resource_calls in sorted(by_resource.items()):
        module = "test_" + resource.replace(".", "__")
        model_imports = sorted({(c.returns_module, c.returns_model) for c in resource_calls
                                if c.returns_model and not c.unsatisfiable})
        files[f"tests/{module}.py"] = env.get_template("tests/test_resource.py.j2").render(
            calls=resource_calls, resource=resource, model_imports=model_imports, **ctx)
    return files
