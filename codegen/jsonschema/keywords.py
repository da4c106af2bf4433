"""Where a JSON Schema holds subschemas, and which dialect a document speaks.

Only these positions hold schemas: an `$id` or `$ref` inside `enum`, `const`, `default`,
`examples` or an unknown keyword is data, never an identifier or a reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# keyword -> its value is a mapping of name -> schema
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
# keyword -> its value is one schema
SCHEMA_ONE = ("additionalProperties", "items", "additionalItems", "unevaluatedItems",
              "unevaluatedProperties", "contains", "propertyNames", "not", "if", "then", "else",
              "contentSchema")
# keyword -> its value is a list of schemas
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")

DEFS = ("$defs", "definitions")


def subschemas(node: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path below `node`, subschema) for each subschema directly inside a schema."""
    for key in SCHEMA_MAPS:
        value = node.get(key)
        if isinstance(value, dict):
            for name, child in value.items():
                yield (key, str(name)), child
    dependencies = node.get("dependencies")  # draft-07: a schema or a list of names per key
    if isinstance(dependencies, dict):
        for name, child in dependencies.items():
            if isinstance(child, (dict, bool)):
                yield ("dependencies", str(name)), child
    for key in SCHEMA_ONE:
        value = node.get(key)
        if isinstance(value, (dict, bool)):
            yield (key,), value
    for key in SCHEMA_LISTS:
        value = node.get(key)
        if isinstance(value, list):
            for index, child in enumerate(value):
                yield (key, str(index)), child


def dialect(document: Any) -> str:
    """'draft4', 'draft6', 'draft7', '2019-09' or '2020-12' (the default), from `$schema`."""
    schema = document.get("$schema") if isinstance(document, dict) else None
    text = schema if isinstance(schema, str) else ""
    for mark, name in (("draft-04", "draft4"), ("draft-06", "draft6"), ("draft-07", "draft7"),
                       ("2019-09", "2019-09")):
        if mark in text:
            return name
    return "2020-12"


def is_legacy(name: str) -> bool:
    """Drafts 4 to 7: `items` as a list is a tuple, and keywords beside `$ref` are ignored."""
    return name in ("draft4", "draft6", "draft7")


def looks_like_jsonschema(document: Any) -> bool:
    """A JSON Schema rather than an OpenAPI (or Swagger) document."""
    if not isinstance(document, dict):
        return isinstance(document, bool)
    if "openapi" in document or "swagger" in document:
        return False
    if isinstance(document.get("$schema"), str):
        return True
    return any(key in document for key in ("$defs", "definitions", "type", "properties", "$ref",
                                           "oneOf", "anyOf", "allOf", "enum", "const"))
