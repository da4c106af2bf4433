"""What a JSON Schema node is: null or not, object, map, union, tuple, open enum; and the
names and hints of what is nested in it. Functions of the node, no state of their own:
SchemaBuilder asks them (the few that read a list report what they cannot read)."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostics
from ..ir import (
    ANY,
    MISSING,
    NONE,
    LiteralType,
    NameHint,
    Nullable,
    Prim,
    TypeExpr,
    UnionType,
    nested,
    path_of,
)
from ..pointers import pointer_join
from ..refs import RefError, Resolver
from ..words import pascal_words, singular


def children_hint(hint: NameHint, key: str) -> NameHint:
    """The hint for types nested in declaration `key`: they live in its module."""
    return nested(hint, key, path_of(hint))


def json_kind(value: Any) -> str:
    """The JSON name of a value's type, for messages about a keyword of the wrong type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def required_names(node: dict[str, Any], at: str, diagnostics: Diagnostics) -> list[str]:
    """The property names `required` lists; what is not a list of strings is reported."""
    required = node.get("required")
    if required is None:
        return []
    if not isinstance(required, list):
        diagnostics.warning(pointer_join(at, "required"), "`required` must be a list of "
                            f"property names, got {json_kind(required)}; ignored")
        return []
    names = []
    for index, name in enumerate(required):
        if isinstance(name, str):
            names.append(name)
        else:
            diagnostics.warning(pointer_join(at, "required", index), "a required property "
                                f"must be named by a string, got {json_kind(name)}; ignored")
    return names


def nullable(result: TypeExpr) -> TypeExpr:
    """Optional[result], without wrapping twice or wrapping None itself."""
    return result if isinstance(result, Nullable) or result == NONE else Nullable(result)


def example_of(node: dict[str, Any]) -> object:
    """The spec's example for a property (`example`, else the first of `examples`)."""
    example = node.get("example", MISSING)
    examples = node.get("examples")
    if example is MISSING and isinstance(examples, list) and examples:
        example = examples[0]
    return example


def description_of(node: Any) -> str:
    if not isinstance(node, dict):
        return ""
    text = node.get("description")
    if not isinstance(text, str) or not text.strip():
        text = node.get("summary") if isinstance(node.get("summary"), str) else ""
    return str(text or "").strip()


def schema_title(resolver: Resolver, key: str) -> str:
    try:
        node = resolver.node_at(key)
    except RefError:
        return ""
    return str(node.get("title", "")) if isinstance(node, dict) else ""


def only_keys(node: dict[str, Any], allowed: set[str]) -> bool:
    return all(k in allowed or k.startswith("x-") for k in node)


def is_null_schema(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    if node.get("type") == "null":
        return True
    if "const" in node and node["const"] is None:
        return True
    return node.get("enum") == [None]


CONSTRAINTS_ONLY = frozenset({"required", "not", "minProperties", "maxProperties",
                              "description", "title", "$comment"})


def composition(node: dict[str, Any]) -> str | None:
    """'oneOf' or 'anyOf' when the schema is a union of its variants. Variants that only say
    which properties must be present (`anyOf: [{required: [a]}, {required: [b]}]`) constrain
    the object beside them instead, and are not a union."""
    for keyword in ("oneOf", "anyOf"):
        variants = node.get(keyword)
        if isinstance(variants, list) and variants:
            if node.get("properties") and all(
                    isinstance(v, dict) and set(v) <= CONSTRAINTS_ONLY for v in variants):
                return None
            return keyword
    return None


def is_object(node: dict[str, Any]) -> bool:
    """A plain object schema; `type: object` beside oneOf/anyOf is a union of objects."""
    if composition(node):
        return False
    types = node.get("type")
    if isinstance(types, list):
        real = [t for t in types if t != "null"]
        return real == ["object"]
    if types == "object":
        return True
    return types is None and ("properties" in node or "allOf" in node and
                              not any(k in node for k in ("oneOf", "anyOf", "enum", "const")))


def extra_values(node: dict[str, Any]) -> list[tuple[tuple[str, ...], Any]]:
    """(path below the node, schema) of what the values of keys beside the named properties
    must be: `additionalProperties`; else the `patternProperties` when no other key is allowed
    (their union: keys are not checked against the patterns); else `unevaluatedProperties`."""
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        return [(("additionalProperties",), extra)]
    patterns = node.get("patternProperties")
    if extra is False and isinstance(patterns, dict) and patterns:
        return [(("patternProperties", str(k)), v) for k, v in patterns.items()]
    later = node.get("unevaluatedProperties")
    if extra is None and isinstance(later, dict) and later:
        return [(("unevaluatedProperties",), later)]
    return []


def is_map(node: dict[str, Any]) -> bool:
    return not node.get("properties") and bool(extra_values(node))


def implied_type(node: dict[str, Any]) -> str | None:
    if "properties" in node or "additionalProperties" in node:
        return "object"
    if "items" in node or "prefixItems" in node:
        return "array"
    if any(k in node for k in ("minLength", "maxLength", "pattern")):
        return "string"
    return None


def singular_path(path: tuple[str, ...]) -> tuple[str, ...]:
    if not path:
        return ("Item",)
    return (*path[:-1], singular(path[-1]))


def variant_label(resolver: Resolver, schema: Any, index: int, used: set[str]) -> str:
    label = ""
    if isinstance(schema, dict):
        title = schema.get("title")
        if isinstance(title, str) and title.strip():
            label = "".join(pascal_words(title))
        else:
            tag = const_tag(schema)
            if tag:
                label = "".join(pascal_words(tag))
    if not label or label in used:
        label = f"UnionMember{index}"
    used.add(label)
    return label


def const_tag(schema: dict[str, Any]) -> str:
    props = schema.get("properties")
    if not isinstance(props, dict):
        return ""
    for name in ("type", "kind", "object", "event"):
        prop = props.get(name)
        if isinstance(prop, dict):
            if isinstance(prop.get("const"), str):
                return str(prop["const"])
            enum = prop.get("enum")
            if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
                return str(enum[0])
    return ""


def open_enum(variants: list[TypeExpr]) -> list[TypeExpr]:
    """anyOf [string, string-enum]: keeps `str` and the Literal, dropping duplicate members."""
    out: list[TypeExpr] = []
    for variant in variants:
        if variant not in out:
            out.append(variant)
    return out


def is_open_enum(union: UnionType) -> bool:
    kinds = {type(v) for v in union.variants}
    return kinds <= {Prim, LiteralType} and Prim("str") in union.variants


def union_of(variants: list[TypeExpr]) -> TypeExpr:
    if not variants:
        return ANY
    if len(variants) == 1:
        return variants[0]
    has_null = any(isinstance(v, Nullable) or v == NONE for v in variants)
    flat: list[TypeExpr] = []
    for variant in variants:
        inner = variant.inner if isinstance(variant, Nullable) else variant
        if inner == NONE:
            continue
        for item in inner.variants if isinstance(inner, UnionType) and \
                inner.discriminator is None else (inner,):
            if item not in flat:
                flat.append(item)
    result: TypeExpr = flat[0] if len(flat) == 1 else UnionType(tuple(flat)) if flat else NONE
    return nullable(result) if has_null else result
