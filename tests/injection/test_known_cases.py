"""The failures the property found, each shrunk by hand to a minimal spec. They assert the
correct behaviour, so each failed until codegen was fixed, and now guards the fix."""

from __future__ import annotations

from typing import Any

import pytest

from .checks import check_document
from .strategies import Case


def _spec(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths or {},
            "components": {"schemas": schemas or {}}}


def _get(path: str, parameters: list[dict[str, Any]] | None = None,
         content: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": "ok"}
    if content:
        response["content"] = content
    return {path: {"get": {"parameters": parameters or [],
                           "responses": {"200" if content else "204": response}}}}


def _query(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": {"type": "string"}}]


def _model(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    node: dict[str, Any] = {"type": "object", "properties": properties}
    if description:
        node["description"] = description
    return node


_STRING = {"type": "string"}
_TAGGED = {"oneOf": [_model({"t-t": {"const": "a"}}) | {"required": ["t-t"]},
                     _model({"t-t": {"const": "b"}}) | {"required": ["t-t"]}]}
_TEXT = {"text/plain": {"schema": _STRING}}
KNOWN_CASES: dict[str, dict[str, Any]] = {
    # [generate] FatalError: docstring_body escapes the last `"` of `\"\"\"` once more.
    "docstring-ends-with-triple-quote": _spec(schemas={"M": _model({}, '"""')}),
    # [round-trip] the same bug in a multi-line docstring: `"""` comes out as `""\"`.
    "multiline-docstring-ends-with-triple-quote": _spec(schemas={"M": _model({}, 'a\n\n"""')}),
    # [generate] ValueError: a colliding name falls back to a non-ASCII wire name.
    "property-name-non-ascii": _spec(schemas={"M": _model({"a": _STRING, "a\u00e9": _STRING})}),
    # [collision] a colliding name falls back to `_a`, which pydantic makes a private attribute.
    "property-name-leading-underscore": _spec(schemas={"M": _model({"a": _STRING,
                                                                    "_a": _STRING})}),
    # [generate] ValueError: the resource `none` becomes the class `None`.
    "resource-named-none": _spec(_get("/none")),
    # [round-trip] resources/a/a.py is both resource `a` and its child `a.a`: GET /a sends /a/a.
    "resource-child-named-like-parent": _spec(_get("/a") | _get("/a/a")),
    # [import] TypeError: a child resource `cached_property` replaces the decorator in the class.
    "child-resource-named-cached-property": _spec(_get("/a/cached_property")),
    # [import] the same in the client class.
    "resource-named-cached-property": _spec(_get("/cached_property") | _get("/d")),
    # [collision] a child resource `with_raw_response` is shadowed by the raw-response prefix.
    "child-resource-named-with-raw-response": _spec(_get("/a/with_raw_response")),
    # [collision] a resource named like a client method: it replaces the method, or (renamed to
    # `close_`) the generated tests and README still call `client.close`.
    "resource-named-like-client-method": _spec(_get("/close")),
    # [import] TypeError: importing types/getattr.py binds `getattr` in types/__init__.py, whose
    # lazy __getattr__ then calls the module instead of the builtin.
    "schema-named-getattr": _spec(schemas={"getattr": _model({})}),
    # [import] UserWarning at import: the field `mro` shadows an attribute of BaseModel.
    "property-named-mro": _spec(schemas={"M": _model({"mro": _STRING})}),
    # [import] the same with `register`, an attribute of pydantic's metaclass (ABCMeta).
    "property-named-register": _spec(schemas={"M": _model({"register": _STRING})}),
    # [collision] the field `Datetime` shadows the inline class `Datetime` in the class body:
    # pydantic reads `Datetime: Optional[Datetime] = None` as a field of type None.
    "property-named-like-its-inline-type": _spec(schemas={"M": _model({
        "datetime": _STRING, "Datetime": _model({"a": _STRING})})}),
    # [collision] with a field `str`, the class body writes `builtins.str`, which a field
    # named `builtins` would shadow.
    "properties-named-str-and-builtins": _spec(schemas={"M": _model({
        "str": _STRING, "builtins": _STRING})}),
    # [path] resources/con.py: a Windows device name.
    "resource-named-con": _spec(_get("/con")),
    # [import] PydanticUserError: the discriminator is the wire name `t-t`, not the field `t_t`.
    "discriminator-with-alias": _spec(schemas={"M": _model({"p": _TAGGED})}),
    # [round-trip] TypeError: the argument `make_request_options` shadows the helper.
    "argument-named-make-request-options": _spec(_get("/x", _query("make_request_options"))),
    # [round-trip] the argument `str` shadows the builtin in `cast_to=str`.
    "argument-named-str": _spec(_get("/x", _query("str"), _TEXT)),
    # [round-trip] a required JSON body whose schema has no properties is never sent.
    "required-body-without-properties": _spec(
        {"/x": {"post": {"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/E"}}}},
            "responses": {"204": {"description": "ok"}}}}},
        {"E": {"type": "object"}}),
}


@pytest.mark.parametrize("name", sorted(KNOWN_CASES))
def test_known_case(name: str) -> None:
    check_document(Case(KNOWN_CASES[name], None))
