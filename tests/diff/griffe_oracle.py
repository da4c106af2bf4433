"""griffe as the oracle of `codegen diff`: griffe compares two generated packages' Python
objects; every removal or signature change it reports must be in our report, under the
Python path users write (`client.files.list(...)`, `types.FileObject.status`).

How a griffe path maps to ours:
- `<pkg>.types.<module>.<Params>.<key>` of a method's Params TypedDict: that method's argument.
- `<pkg>.types.X`, `<pkg>.types.<module>.X[.attr]`: the class `types.X` (removed, renamed, moved
  to another module, or a change of its field `attr`); `<pkg>.types.<module>`: a class that
  lived in that module.
- `<pkg>.resources.<...>.<Class>.<method>`: the method `client.<resource>.<method>(...)`, the
  resource found from its class (sync, async, and their raw / streaming response wrappers);
  a resource class or module removed: a method of that resource removed or moved.
- `<pkg>._client.<Client>.<attr>`: a top-level resource whose methods went.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from codegen.diff.changes import Change
from codegen.naming import Names

_WRAPPERS = ("WithRawResponse", "WithStreamingResponse")


@dataclass(frozen=True)
class Breakage:
    kind: str  # griffe's class name: ObjectRemovedBreakage, ParameterRemovedBreakage, ...
    path: str  # below the package: 'types.file_object.FileObject.status'
    detail: str


def griffe_breakages(old_root: Path, new_root: Path, package: str) -> list[Breakage]:
    import griffe

    old = griffe.load(package, search_paths=[str(old_root)], allow_inspection=False)
    new = griffe.load(package, search_paths=[str(new_root)], allow_inspection=False)
    out = []
    for found in griffe.find_breaking_changes(old, new):
        path = found.obj.path.removeprefix(package + ".")
        out.append(Breakage(type(found).__name__, path, found.explain()))
    return out


def resource_classes(names: Names) -> dict[str, str]:
    """'resources.files.Files' (module path and class) -> 'files' (the client's path)."""
    out = {}
    for r in names.resources.values():
        for where in {r.module, r.package}:
            for cls in (r.sync_class, r.async_class):
                for suffix in ("", *_WRAPPERS):
                    out[f"{where}.{cls}{suffix}"] = r.display
    return out


def explained(breakage: Breakage, changes: Iterable[Change], classes: dict[str, str],
              params: dict[str, str]) -> bool:
    """`params`: a method's Params TypedDict -> the method ('files.list'): its keys are the
    method's arguments, and our report names them there."""
    paths = [c.path for c in changes]
    texts = [f"{c.path} {c.detail}" for c in changes]
    parts = breakage.path.split(".")
    if parts[0] == "types" and len(parts) == 4 and parts[2] in params:
        method, attr = params[parts[2]], parts[3]
        return f"client.{method}({attr}=...)" in paths or f"client.{method}({attr})" in paths
    if parts[0] == "types":
        return _type_explained(parts[1:], paths, texts)
    if parts[0] == "_client" and len(parts) >= 3:
        return any(p.startswith(f"client.{parts[2]}.") for p in paths)
    for cut in range(len(parts), 0, -1):
        display = classes.get(".".join(parts[:cut]))
        if display is not None:
            rest = parts[cut:]
            prefix = f"client.{display}.{rest[0]}(" if rest else f"client.{display}."
            return any(p.startswith(prefix) for p in paths)
    if parts[0] == "resources":  # a resource module: a method below it went
        display = ".".join(parts[1:])
        return any(p.startswith(f"client.{display}.") for p in paths)
    return False


def _type_explained(parts: list[str], paths: list[str], texts: list[str]) -> bool:
    if len(parts) == 1:  # an export of types/ (a class) or a module
        name = parts[0]
        return f"types.{name}" in paths or any(f"renamed from {name}" in t for t in texts) \
            or any(f"types.{name})" in t or f"types.{name} " in t for t in texts)
    cls = parts[1]
    whole = f"types.{cls}" in paths or any(f"renamed from {cls}" in t for t in texts)
    if len(parts) == 2 or whole:
        return whole or any(t.startswith(f"types.{cls}") for t in texts)
    attr = parts[2]
    return f"types.{cls}.{attr}" in paths or f'types.{cls}["{attr}"]' in paths
