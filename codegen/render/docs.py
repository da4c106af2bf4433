"""The package's README.md, api.md and (when the config asks) tests/: documentation and tests
of every method, with calls built from the spec's examples."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..ir import Api, Field, Operation, Side
from ..naming import Names
from .environment import environment
from .examples import Unsatisfiable, example, field_example, python_literal
from .filters import constant
from .returns import method_types, returns_of
from .typewriter import TypeWriter
from .views import CallView


def call_views(api: Api, names: Names, every_full_call: bool = True) -> list[CallView]:
    """Every method's call; the README leads with the first that returns a model (else the
    first one). Without `every_full_call` (no generated tests) only that lead call has all its
    arguments: filling every optional field of a large spec's bodies, five levels deep, is most
    of the time of rendering it."""
    views = [_call_view(api, names, op, every_full_call) for op in api.operations]
    order = sorted(range(len(views)), key=lambda i: (not views[i].returns_model, i))
    for index in order:
        view = views[index]
        if view.unsatisfiable:
            continue
        try:
            full = view.all_args if every_full_call else _args(
                api, names, api.operations[index], True)
            views[index] = replace(view, all_args=full, lead=True)
            break
        except Unsatisfiable as exc:
            views[index] = replace(view, required_args="", unsatisfiable=str(exc))
    return views


def _call_view(api: Api, names: Names, op: Operation, full_args: bool) -> CallView:
    resource = names.resource_of(op)
    writer = TypeWriter(api, names, Side.MODEL, "", {})
    returns, model, module = _returns(api, names, op, writer)
    params_class = params_module = ""
    if op.params_key:
        params_module = names.types.modules[names.types.roots[op.params_key]]
        params_class = names.types.classes[op.params_key]
    try:
        required, full, impossible = (_args(api, names, op, full=False), _args(
            api, names, op, full=True) if full_args else "", "")
    except Unsatisfiable as exc:
        required, full, impossible = "", "", str(exc)
    return CallView(
        resource_path=resource.display, method=names.methods[op.key],
        http=f"{op.method} {op.path}", summary=(op.summary or op.description).split("\n")[0],
        required_args=required, all_args=full,
        returns=returns, returns_model=model, returns_module=module,
        params_class=params_class, params_module=params_module,
        resource_module=resource.module.replace(".", "/") + ".py",
        unsatisfiable=impossible, kind=returns_of(api, op).kind,
        stream_arg=_stream_arg(names, op),
        headers_class=names.types.classes.get(op.response.headers or "", ""))


def _returns(api: Api, names: Names, op: Operation, writer: TypeWriter) -> tuple[str, str, str]:
    """(the return annotation, the model class to isinstance-check or "", its module)."""
    returns = returns_of(api, op)
    runtime = TypeWriter(api, names, Side.MODEL, "", {})
    text = method_types(returns, "sync", writer, runtime, "stream").annotation
    if returns.model is None or returns.kind != "json":
        return text, "", ""
    return text, names.types.classes[returns.model], names.module_of(returns.model, Side.MODEL)[1]


def _stream_arg(names: Names, op: Operation) -> str:
    """The argument that asks for the event stream ('stream=True'), when one does."""
    stream = op.stream
    if stream is None or not stream.selector:
        return ""
    for arg in names.signatures[op.key].keyword:
        if arg.location == "body" and arg.wire == stream.selector:
            return f"{arg.name}={constant(stream.value)}"
    return ""


def _args(api: Api, names: Names, op: Operation, full: bool) -> str:
    """Python source of a call's arguments, from the spec's examples where they fit."""
    signature = names.signatures[op.key]
    parts = [python_literal(example(api, a.type, full)) for a in signature.positional]
    for arg in signature.keyword:
        if not (arg.required or full):
            continue
        value = field_example(api, arg.source, full) if isinstance(arg.source, Field) else \
            example(api, arg.type, full)
        parts.append(f"{arg.name}={python_literal(value)}")
    return ", ".join(parts)


def render_docs(api: Api, names: Names, ctx: dict[str, Any], public_types: dict[str, str],
                with_tests: bool, guides: tuple[str, ...]) -> dict[str, str]:
    """README.md (with the config's guides, verbatim), api.md and, when asked, tests/."""
    env = environment()
    calls = call_views(api, names, with_tests)
    by_resource: dict[str, list[CallView]] = {}
    for call in calls:
        by_resource.setdefault(call.resource_path, []).append(call)
    files = {
        "README.md": env.get_template("docs/README.md.j2").render(
            calls=[c for c in calls if not c.unsatisfiable], guides=guides, **ctx),
        "api.md": env.get_template("docs/api.md.j2").render(
            resources=by_resource, types=public_types, **ctx),
    }
    if not with_tests:
        return files
    files["tests/__init__.py"] = ctx["header"]
    files["tests/conftest.py"] = env.get_template("tests/conftest.py.j2").render(**ctx)
    for resource, resource_calls in sorted(by_resource.items()):
        module = "test_" + resource.replace(".", "__")
        model_imports = sorted({(c.returns_module, c.returns_model) for c in resource_calls
                                if c.returns_model and not c.unsatisfiable})
        files[f"tests/{module}.py"] = env.get_template("tests/test_resource.py.j2").render(
            calls=resource_calls, resource=resource, model_imports=model_imports, **ctx)
    return files
