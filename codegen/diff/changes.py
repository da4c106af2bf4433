"""A change of the Python API, whom it breaks, and the changes between two types (narrowed,
widened, nullable, enum values, union variants), shared by the method and class comparisons.

Callers: code that calls methods or builds request dicts (a removed or renamed argument, a new
required one, a narrowed type). Readers: code that reads responses (a removed field, a field
now Optional, a widened type). Imports: code that imports a class or module by name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .surface import Term
from .terms import accepts, is_nullable, literal_values, renamed, spell, strip_null, variants

CALLERS, READERS, IMPORTS = "callers", "readers", "imports"

# Every kind of change, with when it breaks (README.md, section `codegen diff`, lists them).
KINDS = {
    "method_added": "a new method",
    "method_removed": "a method is gone (callers)",
    "method_moved": "the same endpoint under another client path (callers)",
    "method_deprecated": "the spec deprecates the method",
    "method_endpoint": "the same method calls another endpoint",
    "method_kind": "it returns another kind: JSON, pages, a stream, bytes, text, None (readers)",
    "method_stream": "it streams now, no longer, or by another argument (callers when lost)",
    "method_returns": "its return type changed (readers when widened)",
    "method_nullable": "it may return None now (readers)",
    "method_not_nullable": "it no longer returns None",
    "argument_added": "a new argument (callers when required)",
    "argument_removed": "an argument is gone (callers)",
    "argument_renamed": "an argument's Python name changed (callers)",
    "argument_positional": "positional <-> keyword-only (callers)",
    "argument_required": "an argument became required (callers)",
    "argument_optional": "an argument became optional",
    "argument_retyped": "its type changed (callers when narrowed)",
    "argument_nullable": "it accepts None now",
    "argument_not_nullable": "it refuses None now (callers)",
    "field_added": "a new field (a request TypedDict's required key: callers)",
    "field_removed": "a field is gone (readers; a TypedDict's key: callers)",
    "field_renamed": "a field's Python attribute changed (readers)",
    "field_required": "a field became required (a TypedDict's key: callers)",
    "field_optional": "a response field may be absent: Optional (readers)",
    "field_deprecated": "the spec deprecates the field",
    "field_retyped": "its type changed (readers when widened; callers when narrowed)",
    "field_nullable": "a response field may be None (readers)",
    "field_not_nullable": "a request key refuses None (callers)",
    "enum_value_added": "a new enum value (a response's: the parser keeps unknown ones)",
    "enum_value_removed": "an enum value is gone (callers, in a request type)",
    "union_variant_added": "a new union variant (a response's: the parser keeps unknown ones)",
    "union_variant_removed": "a union variant is gone (callers, in a request type)",
    "class_added": "a new class",
    "class_removed": "a class is gone (imports)",
    "class_renamed": "the same schema under another class name (imports)",
    "module_renamed": "a class lives in another module under types/ (imports of the module)",
    "class_retyped": "a type alias changed, or a model became an alias (by where it is used)",
    "class_nullable": "a type alias now includes None (readers)",
    "class_not_nullable": "a type alias no longer includes None (callers)",
}
KEPT_BY_PARSER = {
    "enum_value": "not breaking: the parser keeps values it does not know; code that handles "
                  "every value needs a fallback",
    "union_variant": "not breaking: the parser keeps data of a variant it does not know; code "
                     "that handles every variant needs a fallback"}


@dataclass(frozen=True)
class Change:
    kind: str  # method_removed, argument_added, field_optional, enum_value_added, ...
    path: str  # client.files.list(purpose=...), types.FileObject.status
    detail: str
    breaks: tuple[str, ...] = ()  # whom: callers, readers, imports; () when nothing breaks
    old: str = ""  # JSON pointer in the old spec
    new: str = ""  # and in the new one
    note: str = ""

    @property
    def breaking(self) -> bool:
        return bool(self.breaks)


@dataclass(frozen=True)
class Side:
    """Where a type is used: what breaks when it narrows or widens."""

    request: bool
    response: bool


def type_changes(path: str, old: Term, new: Term, side: Side, renames: Mapping[str, str],
                  pointers: tuple[str, str], retyped: str = "argument_retyped") -> list[Change]:
    old = renamed(old, renames)
    if old == new:
        return []
    out: list[Change] = []
    if is_nullable(old) != is_nullable(new):
        out.append(_nullability(path, new, side, pointers, retyped))
        if strip_null(old) == strip_null(new):
            return out
    values = _value_changes(path, old, new, side, pointers)
    if values is not None:
        return out + values
    out.append(_retyped(path, old, new, side, pointers, retyped))
    return out


def _nullability(path: str, new: Term, side: Side, pointers: tuple[str, str],
                 retyped: str) -> Change:
    prefix = retyped.rsplit("_", 1)[0]
    if is_nullable(new):  # readers must now handle None
        return Change(f"{prefix}_nullable", path, "now nullable (may be None)",
                      (READERS,) if side.response else (), *pointers)
    detail = "no longer nullable (None is refused)" if side.request else \
        "no longer nullable (never None now)"
    return Change(f"{prefix}_not_nullable", path, detail, (CALLERS,) if side.request else (),
                  *pointers)


def _value_changes(path: str, old: Term, new: Term, side: Side,
                   pointers: tuple[str, str]) -> list[Change] | None:
    """Literal values or union variants added and removed; None for another kind of change."""
    old_values, new_values = literal_values(old), literal_values(new)
    kind = "enum_value"
    if old_values is None or new_values is None:
        old_values, new_values = variants(old), variants(new)
        kind = "union_variant"
        if old_values is None or new_values is None:
            return None
    out = []
    for value in old_values:
        if value not in new_values:
            out.append(Change(f"{kind}_removed", path, f"{_show(value, kind)} removed",
                              (CALLERS,) if side.request else (), *pointers))
    for value in new_values:
        if value not in old_values:
            note = KEPT_BY_PARSER[kind] if side.response else ""
            out.append(Change(f"{kind}_added", path, f"{_show(value, kind)} added", (),
                              *pointers, note=note))
    return out


def _show(value: object, kind: str) -> str:
    return json.dumps(value) if kind == "enum_value" else spell(value)


def _retyped(path: str, old: Term, new: Term, side: Side, pointers: tuple[str, str],
             retyped: str) -> Change:
    core_old, core_new = strip_null(old), strip_null(new)
    widened, narrowed = accepts(core_new, core_old), accepts(core_old, core_new)
    how = " (widened)" if widened and not narrowed else (
        " (narrowed)" if narrowed and not widened else "")
    whom = []
    if side.request and not widened:
        whom.append(CALLERS)
    if side.response and not narrowed:
        whom.append(READERS)
    detail = f"{spell(old, side.request)} -> {spell(new, side.request)}{how}"
    return Change(retyped, path, detail, tuple(whom), *pointers)
