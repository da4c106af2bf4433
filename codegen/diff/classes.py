"""Classes of two surfaces compared: renamed, moved to another module, removed, added, and
their fields (response models: what breaks readers; request TypedDicts: callers)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from .changes import CALLERS, IMPORTS, READERS, Change, Side, type_changes
from .surface import Attr, Class, Surface
from .terms import spell, strip_null


def renamed_classes(old: Surface, new: Surface) -> dict[str, str]:
    """Old class name -> new one: the same schema (declaration key) and side under another
    name; else a class that went and one that came with the same fields (a component
    schema renamed in the spec), when those fields are unique to each."""
    gone = [c for c in old.classes.values() if c.name not in new.classes]
    came = [c for c in new.classes.values() if c.name not in old.classes]
    by_pointer = {(c.pointer, c.side): c.name for c in came}
    out = {c.name: by_pointer[(c.pointer, c.side)] for c in gone
           if (c.pointer, c.side) in by_pointer}
    taken = set(out.values())
    gone_by_content = _by_content(c for c in gone if c.name not in out)
    came_by_content = _by_content(c for c in came if c.name not in taken)
    for content, names in gone_by_content.items():
        targets = came_by_content.get(content, [])
        if len(names) == 1 and len(targets) == 1:
            out[names[0]] = targets[0]
    return out


def _by_content(classes: Iterable[Class]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in classes:
        content = json.dumps([c.side, c.form, c.alias, c.base,
                              [(f.wire, f.type, f.required) for f in c.fields]], sort_keys=True)
        # Only classes with fields: an empty class is like any other empty one, and an alias
        # (`Union[str, List[str]]`) is often like an unrelated one.
        if c.fields:
            out.setdefault(content, []).append(c.name)
    return out


def compare_classes(old: Surface, new: Surface, renames: Mapping[str, str]) -> list[Change]:
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
        moved = f" (module types.{d.module}, was types.{c.module})" if c.module != d.module \
            else ""
        out.append(Change("class_renamed", path, f"renamed from {c.name}{moved}", (IMPORTS,),
                          *pointers))
    elif c.module != d.module:
        out.append(Change("module_renamed", path, f"now in types.{d.module} (was "
                          f"types.{c.module})", (IMPORTS,), *pointers))
    # A class nothing reaches is still public: whoever imports it uses it as its side says.
    uses = d.uses or (("request",) if d.side == "param" else ("response",))
    side = Side("request" in uses, "response" in uses)
    if c.form != d.form:
        out.append(Change("class_retyped", path, f"now a {_form(d)} (was a {_form(c)})",
                          _whom(side), *pointers))
    elif d.form == "alias":
        out += type_changes(path, c.alias, d.alias, side, renames, pointers, "class_retyped")
    elif not d.params_of:
        out += _fields(c, d, renames)
    return out


def _whom(side: Side) -> tuple[str, ...]:
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
    out += type_changes(path, f.type, g.type, Side(request, not request), renames, pointers,
                         "field_retyped")
    return out

