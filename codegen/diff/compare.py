"""Two surfaces -> the changes of the Python API, each saying whether it breaks and whom.

Callers: code that calls methods or builds request dicts (a removed or renamed argument, a new
required one, a narrowed type). Readers: code that reads responses (a removed field, a field
now Optional, a widened type). Imports: code that imports a class or module by name.

Rules beyond the obvious ones:
- A class whose name changed but whose schema (declaration key) and side did not is renamed,
  and references to it elsewhere count as unchanged.
- An enum value or union variant added to a response type breaks nobody: the package's parser
  keeps what it does not know (a note says so); a removed one breaks callers that send it.
- A method's Params TypedDict is compared as the method's arguments, not twice.
- A method whose path changed but whose endpoint did not is moved (breaking callers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .surface import Arg, Attr, Class, Method, Returns, Surface, Term
from .terms import (
    accepts,
    is_nullable,
    literal_values,
    renamed,
    spell,
    strip_null,
    variants,
)

CALLERS, READERS, IMPORTS = "callers", "readers", "imports"
KEPT_BY_PARSER = ("the parser keeps values it does not know; code that handles every value "
                  "needs a fallback")


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
class _Side:
    """Where a type is used: what breaks when it narrows or widens."""

    request: bool
    response: bool


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every change from old to new, breaking ones first, then by path."""
    renames = _renamed_classes(old, new)
    changes = _methods(old, new, renames) + _classes(old, new, renames)
    return sorted(changes, key=lambda c: (not c.breaking, c.path, c.kind, c.detail))


# ---- methods ---------------------------------------------------------------------------------

def _call(method: Method, inside: str = "") -> str:
    return f"client.{method.path}({inside})"


def _methods(old: Surface, new: Surface, renames: Mapping[str, str]) -> list[Change]:
    out: list[Change] = []
    new_at = {m.endpoint: m for m in new.methods.values()}
    pairs: list[tuple[Method, Method]] = []
    for path, m in old.methods.items():
        moved = new_at.get(m.endpoint)
        if path in new.methods:
            pairs.append((m, new.methods[path]))
        elif moved is not None and moved.path not in old.methods:
            out.append(Change("method_moved", _call(m), f"now {_call(moved)}", (CALLERS,),
                              m.pointer, moved.pointer))
            pairs.append((m, moved))
        else:
            out.append(Change("method_removed", _call(m), f"removed (was {m.endpoint})",
                              (CALLERS,), m.pointer))
    paired = {n.path for _, n in pairs}
    for path, n in new.methods.items():
        if path not in old.methods and path not in paired:
            out.append(Change("method_added", _call(n), f"new method for {n.endpoint}",
                              new=n.pointer))
    for m, n in pairs:
        out += _method_changes(m, n, renames)
    return out


def _method_changes(m: Method, n: Method, renames: Mapping[str, str]) -> list[Change]:
    out: list[Change] = []
    if n.deprecated and not m.deprecated:
        out.append(Change("method_deprecated", _call(n), "deprecated", (), m.pointer, n.pointer))
    if m.endpoint != n.endpoint:
        out.append(Change("method_endpoint", _call(n), f"now calls {n.endpoint} (was "
                          f"{m.endpoint})", (), m.pointer, n.pointer))
    out += _arguments(m, n, renames)
    out += _returns(m, n, renames)
    return out


def _arguments(m: Method, n: Method, renames: Mapping[str, str]) -> list[Change]:
    olds = {(a.location, a.wire): a for a in m.args}
    news = {(a.location, a.wire): a for a in n.args}
    # An argument that moved on the wire (query -> body) under the same Python name is the
    # same argument to its callers.
    by_name = {a.name: a for key, a in news.items() if key not in olds}
    out: list[Change] = []
    matched: set[tuple[str, str]] = set()
    for key, a in olds.items():
        b = news.get(key) or by_name.get(a.name)
        if b is None:
            out.append(Change("argument_removed", _arg_path(m, a), "removed", (CALLERS,),
                              a.pointer))
            continue
        matched.add((b.location, b.wire))
        out += _argument(n, a, b, renames)
    for key, b in news.items():
        if key not in matched:
            out.append(Change("argument_added", _arg_path(n, b),
                              f"new {'required' if b.required else 'optional'} argument: "
                              f"{spell(b.type, True)}", (CALLERS,) if b.required else (),
                              new=b.pointer))
    return out


def _arg_path(method: Method, arg: Arg) -> str:
    return _call(method, arg.name if arg.positional else f"{arg.name}=...")


def _argument(n: Method, a: Arg, b: Arg, renames: Mapping[str, str]) -> list[Change]:
    path = _arg_path(n, b)
    out: list[Change] = []

    def change(kind: str, detail: str, breaking: bool) -> None:
        out.append(Change(kind, path, detail, (CALLERS,) if breaking else (), a.pointer,
                          b.pointer))

    if a.name != b.name:
        change("argument_renamed", f"renamed from {a.name}", True)
    if a.positional != b.positional:
        change("argument_positional", "now positional" if b.positional else "now keyword-only",
               True)
    if a.required != b.required:
        change("argument_required" if b.required else "argument_optional",
               "now required" if b.required else "now optional", b.required)
    out += _type_changes(path, a.type, b.type, _Side(True, False), renames, (a.pointer,
                                                                             b.pointer))
    return out


def _returns(m: Method, n: Method, renames: Mapping[str, str]) -> list[Change]:
    old, new = m.returns, n.returns
    path, pointers = _call(n), (m.pointer, n.pointer)
    if old.kind != new.kind:
        return [Change("method_kind", path, f"returns {_kind(new)}, was {_kind(old)}",
                       (READERS,), *pointers)]
    out = _type_changes(path, old.type, new.type, _Side(False, True), renames, pointers,
                        "method_returns") if old.type is not None and new.type is not None \
        else []
    if (old.event is None) != (new.event is None) or old.selector != new.selector:
        out.append(Change("method_stream", path, _stream_detail(old, new),
                          (CALLERS,) if old.event is not None and (
                              new.event is None or old.selector) else (), *pointers))
    elif old.event is not None and new.event is not None:
        out += _type_changes(path + " events", old.event, new.event, _Side(False, True),
                             renames, pointers, "method_returns")
    return out


def _kind(returns: Returns) -> str:
    what = {"json": "a JSON body", "page": "pages", "stream": "a stream of events",
            "binary": "a BinaryResponse", "text": "str", "none": "None"}[returns.kind]
    if returns.kind in ("json", "page") and returns.type is not None:
        what += f" ({spell(returns.type)})"
    return what


def _stream_detail(old: Returns, new: Returns) -> str:
    if new.event is None:
        return "no longer streams"
    if old.event is None:
        return f"can stream now ({new.selector}=True)" if new.selector else "streams now"
    return f"the stream is now asked for by {new.selector or 'nothing'} (was {old.selector})"


# ---- classes ---------------------------------------------------------------------------------

def _renamed_classes(old: Surface, new: Surface) -> dict[str, str]:
    """Old class name -> new one, for a schema whose class got another name."""
    appeared = {(c.pointer, c.side): c.name for c in new.classes.values()
                if c.name not in old.classes}
    out = {}
    for c in old.classes.values():
        if c.name not in new.classes and (c.pointer, c.side) in appeared:
            out[c.name] = appeared[(c.pointer, c.side)]
    return out


def _classes(old: Surface, new: Surface, renames: Mapping[str, str]) -> list[Change]:
    out: list[Change] = []
    seen: set[str] = set()
    for name, c in old.classes.items():
        d = new.classes.get(renames.get(name, name))
        if d is None:
            out.append(Change("class_removed", f"types.{name}", f"removed (module "
                              f"types.{c.module})", (IMPORTS,), c.pointer))
            continue
        seen.add(d.name)
        out += _class(c, d, renames)
    for name, d in new.classes.items():
        if name not in seen:
            out.append(Change("class_added", f"types.{name}", f"new {_form(d)} in "
                              f"types.{d.module}", new=d.pointer))
    return out


def _form(c: Class) -> str:
    return {"model": "model", "typeddict": "TypedDict", "alias": "type alias"}[c.form]


def _class(c: Class, d: Class, renames: Mapping[str, str]) -> list[Change]:
    path, pointers = f"types.{d.name}", (c.pointer, d.pointer)
    out: list[Change] = []
    if c.name != d.name:
        out.append(Change("class_renamed", path, f"renamed from {c.name}", (IMPORTS,),
                          *pointers))
    if c.module != d.module:
        out.append(Change("module_renamed", path, f"now in types.{d.module} (was "
                          f"types.{c.module})", (IMPORTS,), *pointers))
    side = _Side("request" in d.uses, "response" in d.uses)
    if c.form != d.form:
        out.append(Change("class_retyped", path, f"now a {_form(d)} (was a {_form(c)})",
                          _whom(side), *pointers))
    elif d.form == "alias":
        out += _type_changes(path, c.alias, d.alias, side, renames, pointers, "class_retyped")
    elif not d.params_of:
        out += _fields(c, d, renames)
    return out


def _whom(side: _Side) -> tuple[str, ...]:
    return tuple(w for w, used in ((CALLERS, side.request), (READERS, side.response)) if used)


def _fields(c: Class, d: Class, renames: Mapping[str, str]) -> list[Change]:
    request = d.form == "typeddict"
    olds = {f.wire: f for f in c.fields}
    news = {f.wire: f for f in d.fields}
    out: list[Change] = []
    for wire, f in olds.items():
        g = news.get(wire)
        if g is None:
            out.append(Change("field_removed", _field_path(d, f), "removed",
                              (CALLERS,) if request else (READERS,), f.pointer))
        else:
            out += _field(d, f, g, renames)
    for wire, g in news.items():
        if wire not in olds:
            breaking = request and g.required
            out.append(Change("field_added", _field_path(d, g), f"new "
                              f"{'required' if g.required else 'optional'} field: "
                              f"{spell(g.type, request)}", (CALLERS,) if breaking else (),
                              new=g.pointer))
    return out


def _field_path(c: Class, f: Attr) -> str:
    return f'types.{c.name}["{f.wire}"]' if c.form == "typeddict" else f"types.{c.name}.{f.name}"


def _field(d: Class, f: Attr, g: Attr, renames: Mapping[str, str]) -> list[Change]:
    request = d.form == "typeddict"
    path, pointers = _field_path(d, g), (f.pointer, g.pointer)
    out: list[Change] = []
    if f.name != g.name:
        out.append(Change("field_renamed", path, f"renamed from {f.name}", (READERS,),
                          *pointers))
    if f.required != g.required:
        # Request: a key now required breaks callers. Response: a field that may now be
        # absent is Optional, which breaks readers.
        kind = "field_required" if g.required else "field_optional"
        whom = (CALLERS,) if request and g.required else (
            (READERS,) if not request and not g.required else ())
        detail = "now required" if g.required else (
            "now optional" if request else f"now Optional[{spell(strip_null(g.type))}]")
        out.append(Change(kind, path, detail, whom, *pointers))
    if g.deprecated and not f.deprecated:
        out.append(Change("field_deprecated", path, "deprecated", (), *pointers))
    out += _type_changes(path, f.type, g.type, _Side(request, not request), renames, pointers,
                         "field_retyped")
    return out


# ---- types -----------------------------------------------------------------------------------

def _type_changes(path: str, old: Term, new: Term, side: _Side, renames: Mapping[str, str],
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


def _nullability(path: str, new: Term, side: _Side, pointers: tuple[str, str],
                 retyped: str) -> Change:
    prefix = retyped.rsplit("_", 1)[0]
    if is_nullable(new):  # readers must now handle None
        return Change(f"{prefix}_nullable", path, "now nullable (may be None)",
                      (READERS,) if side.response else (), *pointers)
    return Change(f"{prefix}_not_nullable", path, "no longer nullable (None is refused)",
                  (CALLERS,) if side.request else (), *pointers)


def _value_changes(path: str, old: Term, new: Term, side: _Side,
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
            note = KEPT_BY_PARSER if side.response else ""
            out.append(Change(f"{kind}_added", path, f"{_show(value, kind)} added", (),
                              *pointers, note=note))
    return out


def _show(value: object, kind: str) -> str:
    import json

    return json.dumps(value) if kind == "enum_value" else spell(value)


def _retyped(path: str, old: Term, new: Term, side: _Side, pointers: tuple[str, str],
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
