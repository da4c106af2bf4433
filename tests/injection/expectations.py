"""What a drawn document promises the generated package, and how a broken promise is
reported: a StageError that names the stage that broke it."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

import typing_extensions
from hypothesis import event
from hypothesis.control import currently_in_test_context

from .strategies import Case, component_ref, esc


class StageError(AssertionError):
    """A broken property, labelled with the stage that broke it."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"[{stage}] {message}")
        self.stage = stage


def fail(stage: str, message: str) -> None:
    raise StageError(stage, message)


def record(what: str) -> None:
    """Counts what was checked (pytest --hypothesis-show-statistics shows the counts)."""
    if currently_in_test_context():
        event(what)


def schemas_of(doc: dict[str, Any]) -> dict[str, Any]:
    return doc.get("components", {}).get("schemas", {})  # type: ignore[no-any-return]


def schemes_of(doc: dict[str, Any]) -> dict[str, Any]:
    return doc.get("components", {}).get("securitySchemes", {})  # type: ignore[no-any-return]


def component_key(name: str) -> str:
    """The key codegen gives a component's declaration: its JSON pointer (not URI-encoded)."""
    return "#/components/schemas/" + esc(name)


def op_key(path: str, verb: str) -> str:
    return "#/paths/" + esc(path) + "/" + verb


def literal_args(annotation: Any) -> list[Any]:
    """Every argument of every Literal inside an annotation, in order."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Literal, typing_extensions.Literal):
        return list(typing.get_args(annotation))
    return [a for arg in typing.get_args(annotation) for a in literal_args(arg)]


def expected_literals(node: dict[str, Any]) -> list[Any] | None:
    values = [node["const"]] if "const" in node else node.get("enum")
    if values is None:
        return None
    return [v for v in values if v is not None]


def typed(values: list[Any]) -> list[tuple[str, Any]]:
    return [(type(v).__name__, v) for v in values]


@dataclass(frozen=True)
class Op:
    path: str
    verb: str
    node: dict[str, Any]
    key: str

    def params(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.node.get("parameters", []) if p["in"] == where]


def operations(doc: dict[str, Any]) -> list[Op]:
    return [Op(path, verb, node, op_key(path, verb)) for path, item in doc["paths"].items()
            for verb, node in item.items()]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = next(n for n in schemas_of(doc) if component_ref(n) == schema["$ref"])
        return schemas_of(doc)[name]
    return schema


def body_schema(doc: dict[str, Any], op: Op) -> dict[str, Any] | None:
    body = op.node.get("requestBody")
    if body is None:
        return None
    return resolve(doc, body["content"]["application/json"]["schema"])


def sample(node: dict[str, Any]) -> Any:
    """A value of the schema that pydantic and the wire carry unchanged."""
    values = expected_literals(node)
    if values:
        return values[0]
    if "oneOf" in node:
        return sample(node["oneOf"][0])
    if "properties" in node or node.get("type") == "object":
        return {w: sample(p) for w, p in node.get("properties", {}).items()}
    if node.get("type") == "integer":
        return 7
    return "s"


def body_is_flattened(doc: dict[str, Any], op: Op) -> bool:
    schema = body_schema(doc, op)
    if schema is None:
        return False
    body = op.node["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" not in body and not schema.get("properties"):
        return False  # an inline object without properties is a plain dict: passed as `body`
    params = {p["name"] for p in op.params("query") + op.params("header")}
    return not set(schema.get("properties", {})) & params


def auth_name(case: Case) -> str | None:
    schemes = schemes_of(case.doc)
    for scheme in schemes.values():
        return scheme["name"]  # type: ignore[no-any-return]
    return None
