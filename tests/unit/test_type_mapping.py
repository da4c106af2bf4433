"""Schema -> Python annotation, on the response side (models) and the request side
(TypedDicts), for each mapping rule."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.builder import build
from codegen.config import Config
from codegen.diagnostics import Diagnostics
from codegen.ir import Model, Side
from codegen.load import Document
from codegen.naming import name_api
from codegen.render.typewriter import TypeWriter


def annotations(schema: dict[str, Any], extra: dict[str, Any] | None = None,
                version: str = "3.1.0") -> tuple[str, str, Diagnostics]:
    """(model annotation, param annotation) of property `p` of a component `T`."""
    spec = {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {
        "/t": {"post": {"requestBody": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/T"}}}}, "responses": {"200": {
                "description": "ok", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/T"}}}}}}}},
        "components": {"schemas": {"T": {"type": "object", "properties": {"p": schema}},
                                   **(extra or {})}}}
    diagnostics = Diagnostics()
    api = build(Document("spec.yaml", spec, "0" * 64), diagnostics)
    names = name_api(api, Config(), diagnostics)
    model = api.decls["#/components/schemas/T"]
    assert isinstance(model, Model)
    field = model.fields[0]
    out = []
    for side in (Side.MODEL, Side.PARAM):
        writer = TypeWriter(api, names, side, "elsewhere", {})
        out.append(writer.expr(field.type))
    return out[0], out[1], diagnostics


@pytest.mark.parametrize(("schema", "model", "param"), [
    ({"type": "string"}, "str", "str"),
    ({"type": "integer"}, "int", "int"),
    ({"type": "number"}, "float", "float"),
    ({"type": "boolean"}, "bool", "bool"),
    ({"type": "null"}, "None", "None"),
    ({"type": "string", "format": "date-time"}, "datetime", "Union[str, datetime]"),
    ({"type": "string", "format": "date"}, "date", "Union[str, date]"),
    ({"type": "string", "format": "binary"}, "str", "FileTypes"),
    ({"type": "string", "format": "uuid"}, "str", "str"),
    ({"type": "string", "enum": ["a", "b"]}, 'Literal["a", "b"]', 'Literal["a", "b"]'),
    ({"type": "string", "const": "x"}, 'Literal["x"]', 'Literal["x"]'),
    ({"type": "string", "enum": ["only"]}, 'Literal["only"]', 'Literal["only"]'),
    ({"type": "integer", "enum": [1, 2]}, "Literal[1, 2]", "Literal[1, 2]"),
    ({"type": "number", "enum": [0.5, 1.5]}, "float", "float"),
    ({"type": "string", "enum": ["A", "a"]}, 'Literal["A", "a"]', 'Literal["A", "a"]'),
    ({"anyOf": [{"type": "string"}, {"type": "string", "enum": ["x", "y"]}]},
     'Union[str, Literal["x", "y"]]', 'Union[str, Literal["x", "y"]]'),
    ({"type": "object", "additionalProperties": {"type": "integer"}}, "Dict[str, int]",
     "Dict[str, int]"),
    ({"type": "object"}, "Dict[str, object]", "Dict[str, object]"),
    ({"type": "array", "items": {"type": "integer"}}, "List[int]", "Iterable[int]"),
    ({"type": "array", "items": {"type": "string"}}, "List[str]", "SequenceNotStr[str]"),
    ({"type": "array"}, "List[object]", "Iterable[object]"),
    ({"type": "string", "nullable": True}, "Optional[str]", "Optional[str]"),
    ({"type": ["string", "null"]}, "Optional[str]", "Optional[str]"),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "Optional[str]", "Optional[str]"),
    ({"anyOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "null"}]},
     "Union[str, int, None]", "Union[str, int, None]"),
    ({"type": "string", "enum": ["a", None]}, 'Optional[Literal["a"]]',
     'Optional[Literal["a"]]'),
    ({"type": ["string", "integer"]}, "Union[str, int]", "Union[str, int]"),
    ({}, "object", "object"),
])
def test_mapping(schema: dict[str, Any], model: str, param: str) -> None:
    got_model, got_param, _ = annotations(schema)
    assert (got_model, got_param) == (model, param)


def test_ref_to_object_uses_the_param_twin_on_the_request_side() -> None:
    model, param, _ = annotations({"$ref": "#/components/schemas/O"},
                                  {"O": {"type": "object", "properties": {"a": {}}}})
    assert (model, param) == ("O", "OParam")


def test_ref_to_an_enum_is_the_same_on_both_sides() -> None:
    model, param, _ = annotations({"$ref": "#/components/schemas/E"},
                                  {"E": {"type": "string", "enum": ["a"]}})
    assert (model, param) == ("E", "E")


def test_ref_sibling_nullable_and_description() -> None:
    model, _, _ = annotations({"$ref": "#/components/schemas/E", "nullable": True,
                               "description": "d"}, {"E": {"type": "string", "enum": ["a"]}})
    assert model == "Optional[E]"


def test_union_of_objects_is_a_named_alias() -> None:
    model, param, _ = annotations({"oneOf": [
        {"type": "object", "title": "Circle", "properties": {"r": {"type": "number"}}},
        {"type": "object", "title": "Square", "properties": {"s": {"type": "number"}}}]})
    assert model == param == "P"


def test_unsupported_keyword_is_reported_not_dropped_silently() -> None:
    _, _, diagnostics = annotations({"type": "string", "not": {"const": "x"}})
    assert any("`not`" in d.message and d.pointer.endswith("/p/not")
               for d in diagnostics.items)


def test_default_that_violates_its_schema_is_reported() -> None:
    _, _, diagnostics = annotations({"type": "number", "default": True})
    assert any("default True does not match" in d.message for d in diagnostics.items)


def test_openapi_30_boolean_exclusive_minimum_is_accepted() -> None:
    model, _, diagnostics = annotations({"type": "number", "minimum": 0,
                                         "exclusiveMinimum": True}, version="3.0.3")
    assert model == "float"
    assert not diagnostics.has_errors
