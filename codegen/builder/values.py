"""The spec's values beside its types: the bounds an example must respect, and the check,
once every declaration exists, that defaults and examples fit their types."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import MISSING, Constraints, Decl, Field, Model, value_fits
from ..pointers import pointer_join

_CONSTRAINT_KEYS = frozenset({"minimum", "maximum", "exclusiveMinimum", "minLength",
                              "maxLength", "minItems"})
_NO_CONSTRAINTS = Constraints()


def constraints(node: dict[str, Any]) -> Constraints:
    if _CONSTRAINT_KEYS.isdisjoint(node):  # most properties have none
        return _NO_CONSTRAINTS

    def num(key: str) -> float | None:
        value = node.get(key)
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    def count(key: str) -> int | None:
        value = node.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return Constraints(
        minimum=num("minimum"), maximum=num("maximum"),
        exclusive_minimum=num("exclusiveMinimum"),
        min_length=count("minLength"), max_length=count("maxLength"),
        min_items=count("minItems"),
    )


def check_values(decls: dict[str, Decl], diagnostics: Diagnostics) -> dict[str, Decl]:
    """The declarations with every default and example that does not fit its field's type
    dropped: a default with a warning (the spec contradicts itself), an example silently
    (examples are illustrations, often stale)."""
    out = dict(decls)
    for key, decl in decls.items():
        if not isinstance(decl, Model):
            continue
        fields = tuple(_checked(decls, f, diagnostics) for f in decl.fields)
        if any(new is not old for new, old in zip(fields, decl.fields, strict=True)):
            out[key] = replace(decl, fields=fields)
    return out


def _checked(decls: dict[str, Decl], f: Field, diagnostics: Diagnostics) -> Field:
    default, example = f.default, f.example
    if default is not MISSING and not value_fits(decls, default, f.type):
        diagnostics.warning(pointer_join(f.pointer, "default"),
                            f"default {default!r} does not match the schema; ignored",
                            "fix the default in the spec, or make the schema nullable")
        default = MISSING
    if example is not MISSING and not value_fits(decls, example, f.type):
        example = MISSING
    if default is f.default and example is f.example:
        return f
    return replace(f, default=default, example=example)
