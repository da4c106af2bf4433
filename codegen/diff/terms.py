"""Type terms of a surface (see surface.py): how they read in Python, and which one accepts
every value of another (the question behind "narrowed" and "widened")."""

from __future__ import annotations

import json
from collections.abc import Mapping

from .surface import Term

_PRIMS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "none": "None",
          "any": "object", "datetime": "datetime", "date": "date", "file": "FileTypes"}
_NUMBERS = {"int": (int,), "float": (int, float)}


def spell(term: Term, request: bool = False) -> str:
    """The annotation codegen writes for the term (request side: what a caller may pass)."""
    if isinstance(term, str):
        if request and term in ("datetime", "date"):
            return f"Union[str, {term}]"
        return "str" if term == "file" and not request else _PRIMS.get(term, term)
    if "literal" in term:
        return "Literal[" + ", ".join(json.dumps(v) for v in term["literal"]) + "]"
    if "list" in term:
        outer = "Iterable" if request else "List"
        return f"{outer}[{spell(term['list'], request)}]"
    if "dict" in term:
        return f"Dict[str, {spell(term['dict'], request)}]"
    if "nullable" in term:
        return f"Optional[{spell(term['nullable'], request)}]"
    if "union" in term:
        return "Union[" + ", ".join(spell(v, request) for v in term["union"]) + "]"
    return str(term["ref"])


def renamed(term: Term, names: Mapping[str, str]) -> Term:
    """The term with class names replaced (an old class by the new name of the same type)."""
    if isinstance(term, str) or not names:
        return term
    if "ref" in term:
        return {"ref": names.get(term["ref"], term["ref"])}
    if "union" in term:
        return {"union": [renamed(v, names) for v in term["union"]]}
    if "literal" in term:
        return term
    (key, inner), = term.items()
    return {key: renamed(inner, names)}


def is_nullable(term: Term) -> bool:
    return isinstance(term, dict) and "nullable" in term


def strip_null(term: Term) -> Term:
    return term["nullable"] if is_nullable(term) else term


def literal_values(term: Term) -> list[object] | None:
    term = strip_null(term)
    return term["literal"] if isinstance(term, dict) and "literal" in term else None


def variants(term: Term) -> list[Term] | None:
    term = strip_null(term)
    return term["union"] if isinstance(term, dict) and "union" in term else None


def accepts(wide: Term, narrow: Term) -> bool:
    """Whether every value of `narrow` is a value of `wide` (classes by name only: their
    contents are compared class by class)."""
    if wide in (narrow, "any"):
        return True
    if is_nullable(wide):
        return narrow == "none" or accepts(wide["nullable"], strip_null(narrow))
    if is_nullable(narrow):
        return False
    if isinstance(narrow, dict) and "union" in narrow:
        return all(accepts(wide, v) for v in narrow["union"])
    if isinstance(wide, dict) and "union" in wide:
        return any(accepts(v, narrow) for v in wide["union"])
    return _accepts_plain(wide, narrow)


def _accepts_plain(wide: Term, narrow: Term) -> bool:
    if isinstance(wide, str):
        if isinstance(narrow, str):
            return wide == "float" and narrow == "int"
        values = narrow.get("literal") if isinstance(narrow, dict) else None
        return values is not None and all(_of_kind(v, wide) for v in values)
    if isinstance(narrow, str):
        return False
    if "literal" in wide and "literal" in narrow:
        return all(v in wide["literal"] for v in narrow["literal"])
    for shape in ("list", "dict"):
        if shape in wide and shape in narrow:
            return accepts(wide[shape], narrow[shape])
    return False


def _of_kind(value: object, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind in _NUMBERS:
        return isinstance(value, _NUMBERS[kind]) and not isinstance(value, bool)
    return kind == "bool" and isinstance(value, bool)
