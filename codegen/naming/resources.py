"""Resources and methods: where each operation lives on the client (attribute paths, class
names, module files) and what its method is called."""

from __future__ import annotations

import keyword
from dataclasses import dataclass

from ..diagnostics import Diagnostics
from ..ir import Api, Operation
from ..words import pascal
from .members import attribute_identifier, report_long_attributes
from .namespace import Namespace
from .placement import Placement
from .reserved import RESERVED_CLASS_BODY, RESERVED_CLASSES, RESERVED_CLIENT, RESERVED_FILES


@dataclass(frozen=True)
class ResourceNames:
    path: tuple[str, ...]
    attr: str  # the attribute on the client or the parent resource
    sync_class: str
    async_class: str
    module: str  # dotted path of the module holding the classes: 'resources.realtime.realtime'
    package: str  # what to import them from: the module, or for a resource with sub-resources
    # its package ('resources.realtime'), whose __init__ re-exports them
    is_package: bool
    display: str  # how users reach it: 'realtime.client_secrets' (attributes, not path names)


def operations_by_resource(api: Api, placements: dict[str, Placement],
                           ) -> dict[tuple[str, ...], list[Operation]]:
    """Each resource path with its operations, in spec order."""
    out: dict[tuple[str, ...], list[Operation]] = {}
    for op in api.operations:
        out.setdefault(placements[op.key].resource, []).append(op)
    return out


def name_resources(api: Api, placements: dict[str, Placement], diagnostics: Diagnostics,
                   client: set[str]) -> tuple[dict[str, str], dict[tuple[str, ...], ResourceNames]]:
    """(operation key -> method name, resource path -> its names)."""
    paths: set[tuple[str, ...]] = set()
    for where in placements.values():
        for i in range(1, len(where.resource) + 1):
            paths.add(where.resource[:i])
    children: dict[tuple[str, ...], list[str]] = {p: [] for p in paths}
    for path in sorted(paths):  # one pass: Graph has 4,400 resources
        if path[:-1] in children:
            children[path[:-1]].append(path[-1])
    attrs = {path: _resource_attr(path) for path in paths}
    methods: dict[str, str] = {}
    for resource, ops in operations_by_resource(api, placements).items():
        reserved = frozenset({attrs[resource + (c,)] for c in children.get(resource, [])}
                             | RESERVED_CLASS_BODY)
        wanted = {op.key: placements[op.key].method for op in ops}
        _name_methods(resource, ops, wanted, reserved, methods, diagnostics)
    stems = _file_stems(paths, children)
    classes = _resource_classes(paths, client)
    resources = {}
    for path in sorted(paths):
        cls = classes[path]
        folder = ["resources", *(stems[path[:i]] for i in range(1, len(path) + 1))]
        is_package = bool(children.get(path))
        package = ".".join(folder)
        module = ".".join([*folder, stems[path]]) if is_package else package
        display = ".".join(attrs[path[:i]] for i in range(1, len(path) + 1))
        resources[path] = ResourceNames(path, attrs[path], cls, "Async" + cls, module, package,
                                        is_package, display)
    return methods, resources


def _resource_classes(paths: set[tuple[str, ...]],
                      client: set[str]) -> dict[tuple[str, ...], str]:
    """Class names, unique where they meet: a parent's module imports its children's classes,
    so `connection_manager.connection_manager` must not be two `ConnectionManager`s."""
    out: dict[tuple[str, ...], str] = {}
    in_module: dict[tuple[str, ...], Namespace] = {}  # parent path -> names in its module
    for path in sorted(paths, key=lambda p: (len(p), p)):
        parent = path[:-1]
        taken = in_module.get(parent)
        if taken is None:  # top-level classes meet the client's in _client.py
            taken = in_module[parent] = Namespace(companions=lambda c: (c, "Async" + c))
            taken.reserve(*([out[parent]] if parent else sorted(client)))
        cls = pascal(path[-1]) or "Root"
        if cls[0].isdigit():
            cls = "R" + cls
        if cls in RESERVED_CLASSES or cls.removeprefix("Async") in RESERVED_CLASSES:
            cls += "Resource"  # `Headers`, `Query`, `Body`: names the resource module imports
        if cls in taken and parent:
            cls = out[parent] + cls
        out[path] = taken.claim(cls)
    return out


def _resource_attr(path: tuple[str, ...]) -> str:
    name = path[-1]
    reserved = RESERVED_CLIENT if len(path) == 1 else RESERVED_CLASS_BODY
    return name + "_" if name in reserved else name


def _file_stems(paths: set[tuple[str, ...]],
                children: dict[tuple[str, ...], list[str]]) -> dict[tuple[str, ...], str]:
    """File (or folder) names of resources, unique in each folder: a resource with
    sub-resources keeps its classes in `<name>/<name>.py`, so a child of the same name
    becomes `<name>_.py`; names Windows refuses get an underscore too."""
    stems: dict[tuple[str, ...], str] = {}
    folders: dict[tuple[str, ...], Namespace] = {}
    for path in sorted(paths, key=lambda p: (len(p), p)):
        parent = path[:-1]
        folder = folders.get(parent)
        if folder is None:
            folder = folders[parent] = Namespace(numbered=lambda base, n: base + "_" * (n - 1))
            folder.reserve("__init__")
            if parent and children.get(parent):
                folder.reserve(stems[parent])  # the parent's own module in this folder
        stem = path[-1]
        if stem in RESERVED_FILES or keyword.iskeyword(stem):
            stem += "_"
        stems[path] = folder.claim(stem)
    return stems


def _name_methods(resource: tuple[str, ...], ops: list[Operation], wanted_names: dict[str, str],
                  reserved: frozenset[str], out: dict[str, str], diagnostics: Diagnostics) -> None:
    """Each operation's method name in one resource: the wanted name when it is the only one
    wanting it, else a name from its operationId (or verb and path), numbered if still taken."""
    wanted: dict[str, list[Operation]] = {}
    for op in ops:
        wanted.setdefault(wanted_names[op.key], []).append(op)
    taken = Namespace(numbered=lambda base, n: f"{base}_{n}")
    taken.reserve(*reserved)
    for name, group in wanted.items():
        if len(group) == 1 and taken.free(name):
            out[group[0].key] = taken.claim(name)
            continue
        for op in group:
            fallback = attribute_identifier(op.operation_id or f"{op.method}_{op.path}")
            report_long_attributes([op.operation_id or f"{op.method}_{op.path}"], op.key,
                                   diagnostics, "method")
            final = out[op.key] = taken.claim(fallback)
            _report_method_clash(resource, name, op, group, final, diagnostics)


def _report_method_clash(resource: tuple[str, ...], name: str, op: Operation,
                         group: list[Operation], final: str, diagnostics: Diagnostics) -> None:
    others = [o.key for o in group if o.key != op.key]
    where = f"also wanted by {', '.join(others)}" if others else "a sub-resource or a name " \
        "the resource class uses"
    diagnostics.warning(op.key, f"method name {name} in resource {'.'.join(resource)} is "
                        f"ambiguous ({where}); this one is named {final}",
                        f"to choose, map it in codegen.yaml `resources:`, e.g. `{final}: "
                        f"{op.method} {op.path}`")
