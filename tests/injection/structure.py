"""The generated package's declarations against the document: one model field per property,
exact Literals, descriptions' words, TypedDict keys equal to wire names, distinct classes and
modules, the client's own API and constants, and a generated test (with the defaults) for every
operation."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic

from codegen.pipeline import Generated

from .expectations import (
    Op,
    body_is_flattened,
    body_schema,
    component_key,
    expected_literals,
    fail,
    literal_args,
    record,
    schemas_of,
    schemes_of,
    typed,
)
from .generation import PACKAGE
from .strategies import Case

BASE_URL = "http://test.invalid"

def field_for(model: type, wire: str) -> tuple[str, Any]:
    found = [(name, info) for name, info in model.model_fields.items()  # type: ignore[attr-defined]
             if (name if info.alias is None else info.alias) == wire]
    if len(found) != 1:
        fail("collision", f"{model.__name__}: {len(found)} fields for property {wire!r} "
             f"(fields: {sorted(model.model_fields)})")  # type: ignore[attr-defined]
    return found[0]


def attribute_docs(source: str, class_name: str) -> dict[str, str]:
    """Field name -> the docstring that follows it in `class class_name`."""
    out: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            body = node.body
            for stmt, after in zip(body, body[1:], strict=False):
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) \
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) \
                        and isinstance(after.value.value, str):
                    out[stmt.target.id] = after.value.value
    return out


def check_words(stage_where: str, expected: str, actual: str | None) -> None:
    if expected.strip() and (actual or "").split() != expected.split():
        fail("round-trip", f"{stage_where}: description words changed: {expected!r} -> "
             f"{actual!r}")


def nested_models(annotation: Any) -> list[type]:
    """The model classes inside an annotation, in order (a union's variants in its order)."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in nested_models(arg)]


def check_model(gen: Generated, name: str, schema: dict[str, Any]) -> None:
    assert gen.names is not None
    key = component_key(name)
    module = importlib.import_module(
        f"{PACKAGE}.types.{gen.names.types.modules[gen.names.types.roots[key]]}")
    check_model_class(getattr(module, gen.names.types.classes[key]), schema, f"schema {name!r}")


def check_model_class(model: Any, schema: dict[str, Any], where: str) -> None:
    """One field per property, exact Literals, descriptions' words; nested inline models too."""
    props = schema.get("properties", {})
    if len(model.model_fields) != len(props):
        fail("collision", f"{where}: {len(props)} properties {sorted(props)} but "
             f"{model.__name__} has fields {sorted(model.model_fields)}")
    check_words(f"{where} ({model.__name__}) docstring", schema.get("description", ""),
                model.__doc__)
    source = Path(sys.modules[model.__module__].__file__ or "").read_text(encoding="utf-8")
    docs = attribute_docs(source, model.__name__)
    for wire, node in props.items():
        field_name, info = field_for(model, wire)
        inner = f"{where} ({model.__name__}.{field_name}, property {wire!r})"
        values = expected_literals(node)
        if values is not None:
            record("checked: a Literal of a model field")
            if typed(literal_args(info.annotation)) != typed(values):
                fail("round-trip", f"{inner}: Literal args {literal_args(info.annotation)!r} "
                     f"!= {values!r}")
        check_words(inner, node.get("description", ""), docs.get(field_name))
        # An inline object with properties is a model; one without is a plain Dict.
        variants = [v for v in node.get("oneOf", [node]) if v.get("properties")]
        models = nested_models(info.annotation)
        if len(models) != len(variants):
            fail("collision", f"{inner}: {len(variants)} inline objects but models {models}")
        for variant, nested in zip(variants, models, strict=True):
            check_model_class(nested, variant, inner)


def check_models(case: Case, gen: Generated) -> None:
    assert gen.names is not None and gen.api is not None
    schemas = schemas_of(case.doc)
    seen_classes: dict[str, str] = {}
    seen_modules: dict[str, str] = {}
    for name, schema in schemas.items():
        key = component_key(name)
        if key in gen.names.types.params_roots or key in gen.api.absorbed:
            continue  # used only as one request body: it is that operation's Params
        cls = gen.names.types.classes[key]
        module = gen.names.types.modules[gen.names.types.roots[key]].lower()
        for seen, value in ((seen_classes, cls), (seen_modules, module)):
            other = seen.setdefault(value, name)
            if other != name:
                fail("collision", f"schemas {other!r} and {name!r} both become {value!r}")
        check_model(gen, name, schema)


def check_params_typeddict(case: Case, gen: Generated, op: Op) -> None:
    assert gen.api is not None and gen.names is not None
    ir = next(o for o in gen.api.operations if o.key == op.key)
    if ir.params_key is None:
        return
    module = importlib.import_module(
        f"{PACKAGE}.types.{gen.names.types.modules[gen.names.types.roots[ir.params_key]]}")
    typed_dict = getattr(module, gen.names.types.classes[ir.params_key])
    keys = set(typed_dict.__required_keys__) | set(typed_dict.__optional_keys__)
    expected = {p["name"] for p in op.params("query") + op.params("header")}
    schema = body_schema(case.doc, op)
    if schema is not None and body_is_flattened(case.doc, op):
        expected |= set(schema.get("properties", {}))
    if keys != expected:
        fail("collision", f"{op.verb} {op.path!r}: TypedDict {typed_dict.__name__} keys "
             f"{sorted(keys)!r} != wire names {sorted(expected)!r}")


# The client's own methods and properties: a resource must not replace any of them.
CLIENT_API = ("request", "request_page", "get", "post", "put", "patch", "delete", "with_options",
              "is_closed", "auth_headers", "auth_query")
SYNC_API = (*CLIENT_API, "close", "__enter__", "__exit__")
ASYNC_API = (*CLIENT_API, "aclose", "__aenter__", "__aexit__")


def check_client_api(pkg: ModuleType) -> None:
    for cls, api in ((pkg.Client, SYNC_API), (pkg.AsyncClient, ASYNC_API)):
        for name in api:
            static = inspect.getattr_static(cls, name, None)
            if static is None or isinstance(static, functools.cached_property):
                fail("collision", f"{cls.__name__}.{name} is {static!r}: a resource replaced "
                     "the client's own attribute")


def check_client_constants(case: Case, pkg: ModuleType) -> None:
    client_module = importlib.import_module(PACKAGE + "._client")
    if case.base_url is not None and case.base_url != client_module.DEFAULT_BASE_URL:
        fail("round-trip", f"DEFAULT_BASE_URL {client_module.DEFAULT_BASE_URL!r} != "
             f"{case.base_url!r}")
    schemes = schemes_of(case.doc)
    for scheme in schemes.values():
        client = pkg.Client(api_key="k", base_url=BASE_URL)
        got = client.auth_headers if scheme["in"] == "header" else client.auth_query
        if got != {scheme["name"]: "k"}:
            fail("round-trip", f"auth {scheme['in']} {scheme['name']!r} became {got!r}")


# ---- the generated tests: one per operation, defaults as arguments --------------------------

def generated_test_functions(files: dict[str, str], method: str) -> list[ast.AST]:
    found: list[ast.AST] = []
    for path, text in files.items():
        if path.startswith("tests/test_"):
            found += [n for n in ast.walk(ast.parse(text))
                      if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.name == f"test_method_{method}_with_all_params"
                      and f".{method}(" in ast.unparse(n)]
    return found


def check_generated_tests(case: Case, gen: Generated, files: dict[str, str], op: Op) -> None:
    assert gen.names is not None and gen.api is not None
    method = gen.names.methods[op.key]
    dotted = gen.names.resources[gen.names.placements[op.key].resource].display
    functions = [f for f in generated_test_functions(files, method) if f"client.{dotted}.{method}("
                 in ast.unparse(f)]
    if not functions:
        fail("collision", f"{op.verb} {op.path!r} (client.{dotted}.{method}) has no generated "
             "test")
    schema = body_schema(case.doc, op)
    if schema is None or not body_is_flattened(case.doc, op):
        return
    for wire, node in schema.get("properties", {}).items():
        default = node.get("default", None)
        if default is None:
            continue
        arg = next(a.name for a in gen.names.signatures[op.key].keyword
                   if (a.location, a.wire) == ("body", wire))
        record("checked: a default in the generated tests")
        for function in functions:
            check_default(function, arg, default, f"{op.verb} {op.path!r} {wire!r}")


def check_default(function: ast.AST, arg: str, default: Any, where: str) -> None:
    for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
        for keyword in call.keywords:
            if keyword.arg == arg:
                value = ast.literal_eval(keyword.value)
                if typed([value]) != typed([default]):
                    fail("round-trip", f"{where}: default {default!r} became {value!r}")
                return
    fail("round-trip", f"{where}: argument {arg} missing from the generated test")
