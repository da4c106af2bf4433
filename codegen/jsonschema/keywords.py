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
# Keywords whose values are data, not schemas (an `$id` or `$ref` inside them is data too).
DATA = ("enum", "const", "default", "examples", "example", "required", "type", "$comment",
        "title", "description", "format", "pattern", "dependentRequired", "dependencies",
        "discriminator", "xml", "externalDocs", "$vocabulary")
KNOWN = frozenset((*SCHEMA_MAPS, *SCHEMA_ONE, *SCHEMA_LISTS, *DATA))
_MAPS, _ONE, _LISTS = frozenset(SCHEMA_MAPS), frozenset(SCHEMA_ONE), frozenset(SCHEMA_LISTS)


def subschemas(node: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path below `node`, subschema) for each subschema directly inside a schema."""
    for key, value in node.items():  # one pass: this runs once per node of large documents
        if isinstance(value, dict):
            if key in _MAPS or key == "dependencies":
                for name, child in value.items():
                    if isinstance(child, (dict, bool)):  # dependencies: or a list of names
                        yield (key, str(name)), child
            elif key in _ONE or key not in KNOWN and not key.startswith("x-"):
                # An object under a keyword JSON Schema does not define is searched too: real
                # schemas group definitions that way (`$defs: {plugins: {a: {...}}}`).
                yield (key,), value
        elif isinstance(value, list) and key in _LISTS:
            for index, child in enumerate(value):
                yield (key, str(index)), child
        elif isinstance(value, bool) and key in _ONE:
            yield (key,), value


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
