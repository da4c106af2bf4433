"""Stage 4: one deterministic pass that names everything: classes, modules, fields, keyword
arguments, resources and methods. Names pinned in the config win; every collision is resolved
the same way on every run (declaration order of the spec, then numeric suffixes) and reported.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .config import Config
from .diagnostics import Diagnostics
from .graphs import strongly_connected
from .ir import (
    Api,
    Decl,
    DictType,
    ListType,
    Model,
    Nullable,
    Operation,
    Prim,
    UnionType,
    all_fields,
)
from .pointers import pointer_join
from .words import pascal, singular, snake

# Names the generated modules import or define: a class may not take them.
RESERVED_CLASSES = frozenset({
    "List", "Dict", "Optional", "Union", "Literal", "Any", "TypeAlias", "Annotated", "Required",
    "TypedDict", "Iterable", "Mapping", "Sequence", "BaseModel", "FieldInfo", "Field",
    "FileTypes", "SequenceNotStr", "Omit", "NotGiven", "Headers", "Query", "Body", "Timeout",
    "None", "True", "False", "TYPE_CHECKING", "Type", "Object", "Tuple", "Set",
})
# Attributes of pydantic's BaseModel and of the runtime's: a field may not shadow them.
RESERVED_ATTRIBUTES = frozenset({
    "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
    "schema", "schema_json", "update_forward_refs", "validate", "to_dict", "to_json",
    "model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set",
    "mro", "register",  # attributes of the class's metaclass (type, and pydantic's ABCMeta)
})
# Keyword arguments every method has, and the names a method's body uses (an argument of the
# same name would shadow them).
RESERVED_KWARGS = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout",
                             "make_request_options", "path_template", "header_value", "cast",
                             "Any", "str", "bytes", "object", "NoneType"})
# Names evaluated in the body of a generated class (decorators, argument defaults): no method
# or sub-resource may take them, or the class would shadow what it uses.
RESERVED_CLASS_BODY = frozenset({"cached_property", "omit", "not_given", "with_raw_response",
                                 "mro"})
# The client's own attributes: a top-level resource may not take them.
RESERVED_CLIENT = RESERVED_CLASS_BODY | frozenset({
    "api_key", "base_url", "timeout", "max_retries", "with_options", "request", "get", "post",
    "put", "patch", "delete", "close", "aclose", "is_closed", "auth_headers", "auth_query",
    "user_agent", "default_headers", "default_query", "copy", "types",
})
# File names that Windows refuses, whatever the extension.
RESERVED_FILES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                            *(f"lpt{i}" for i in range(10)), "types", "resources"})
ROLE_SUFFIX = {"params": "Params", "response": "Response", "body": "Body"}


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


@dataclass(frozen=True)
class Names:
    classes: dict[str, str]  # decl key -> class name (model side, or params side for params)
    twin_classes: dict[str, str]  # module root key -> 'XParam' for roots with a request twin
    modules: dict[str, str]  # module root key -> module name under types/
    twin_modules: dict[str, str]  # module root key -> module name of its request twin
    roots: dict[str, str]  # decl key -> key of its module's root
    params_roots: frozenset[str]  # roots rendered only as request TypedDicts
    fields: dict[tuple[str, str], str]  # (decl key, wire name) -> Python attribute
    kwargs: dict[tuple[str, str, str], str]  # (op key, location, wire name) -> argument
    methods: dict[str, str]  # op key -> method name
    resources: dict[tuple[str, ...], ResourceNames] = field(default_factory=dict)


def name_api(api: Api, config: Config, diagnostics: Diagnostics) -> Names:
    pins = _resolve_pins(api, config, diagnostics)
    roots = _roots(api, set(pins))
    ops = {op.key: op for op in api.operations}
    params_roots = frozenset(k for k in roots.values() if _role(api.decls[k]) == "params")
    client = {config.client.name or "Client",
              config.client.async_name or ("Async" + (config.client.name or "Client"))}
    methods, resources = _resources(api, diagnostics, client)
    taken: dict[str, str] = {}  # class name -> key holding it
    classes: dict[str, str] = {}
    wanted_names = _wanted_root_names(api, roots, pins, ops, methods)
    _report_schema_collisions(api, wanted_names, pins, diagnostics)
    for key, wanted in wanted_names.items():
        classes[key] = _claim(wanted, key, taken, diagnostics, api.decls[key].key)
    twins = _twins(api, roots, params_roots)
    twin_classes = {k: _claim(classes[k] + "Param", k, taken, diagnostics, k) for k in
                    sorted(twins, key=_spec_order(api))}
    _name_inline(api, roots, classes, set(taken), diagnostics)
    modules, twin_modules = _modules(api, roots, classes, twin_classes, diagnostics)
    return Names(
        classes=classes, twin_classes=twin_classes, modules=modules, twin_modules=twin_modules,
        roots=roots, params_roots=params_roots,
        fields=_field_names(api, classes), kwargs=_kwarg_names(api), methods=methods,
        resources=resources,
    )


# ---- classes and modules ---------------------------------------------------------------------

def _role(decl: Decl) -> str:
    return decl.hint.role if decl.hint.operation else ""


def _resolve_pins(api: Api, config: Config, diagnostics: Diagnostics) -> dict[str, str]:
    """Config `models:` keys (a component name, or a path below it) -> declaration keys."""
    pins: dict[str, str] = {}
    for wanted, name in config.models.items():
        pointer = "#/components/schemas/" + wanted.strip("/")
        candidates = [pointer] if pointer in api.decls else [
            k for k in api.decls if k.startswith(pointer + "/")
            and k[len(pointer):].count("/") == 2 and k[len(pointer):].split("/")[1] in (
                "anyOf", "oneOf", "allOf")]
        if len(candidates) != 1:
            diagnostics.error(pointer_join("codegen.yaml#/models", wanted),
                              f"the config names '{wanted}', which is not a schema of the "
                              "spec (a component name, or a path below one to an inline "
                              "object)", "check the spelling against the spec")
            continue
        pins[candidates[0]] = name
    return pins


def _roots(api: Api, promoted: set[str]) -> dict[str, str]:
    """Every declaration's module root: itself for a root, else its owner (or the owner's).
    An inline type named in the config becomes a root, with the types nested in it."""
    out: dict[str, str] = {}
    for key, decl in api.decls.items():
        if key in promoted:
            out[key] = key
            continue
        inner = [p for p in promoted if key.startswith(p + "/")]
        if inner:
            out[key] = max(inner, key=len)
            continue
        owner = decl.hint.owner
        seen = {key}
        while owner and owner in api.decls and owner not in seen:
            seen.add(owner)
            next_owner = api.decls[owner].hint.owner
            if not next_owner:
                break
            owner = next_owner
        out[key] = owner if owner in api.decls else key
    return out


def _root_order(api: Api, roots: dict[str, str]) -> list[str]:
    """Roots in spec order, components first, so a collision keeps the first comer's name."""
    keys = [k for k in api.decls if roots[k] == k]
    position = _spec_order(api)
    return sorted(keys, key=lambda k: (bool(api.decls[k].hint.operation), position(k)))


def _spec_order(api: Api) -> Callable[[str], int]:
    """A sort key: the position of a declaration in the order the spec defined them."""
    index = {key: i for i, key in enumerate(api.decls)}
    return index.__getitem__


def _wanted_root_names(api: Api, roots: dict[str, str], pins: dict[str, str],
                       ops: dict[str, Operation], methods: dict[str, str]) -> dict[str, str]:
    """Pinned names, component names, and for operation types `<Resource><Method>Params`;
    an operation name wanted twice is qualified by the parent resources in every place that
    wants it, so names do not depend on which operation comes first in the spec."""
    out: dict[str, str] = {}
    qualified: dict[str, str] = {}
    for key in _root_order(api, roots):
        hint = api.decls[key].hint
        if key in pins:
            out[key] = pins[key]
        elif hint.operation and hint.operation in ops:
            op = ops[hint.operation]
            decl = api.decls[key]
            role = "body" if hint.role == "params" and not isinstance(decl, Model) else hint.role
            suffix = pascal(methods[op.key]) + ROLE_SUFFIX.get(role, "")
            stems = [singular(pascal(r)) for r in op.resource] or ["Root"]
            out[key] = class_identifier(stems[-1] + suffix)
            qualified[key] = class_identifier("".join(stems) + suffix)
        else:
            out[key] = class_identifier(hint.component or hint.title or "Model")
    fixed = {name for key, name in out.items() if key not in qualified}
    counts: dict[str, int] = {}
    for key in qualified:
        counts[out[key]] = counts.get(out[key], 0) + 1
    for key, long_name in qualified.items():
        if counts[out[key]] > 1 or out[key] in fixed:
            out[key] = long_name
    return out


def class_identifier(text: str) -> str:
    name = text if text.isidentifier() and text.isascii() and "_" not in text else pascal(text)
    name = name[:1].upper() + name[1:]
    if not name:
        name = "Model"
    if name[0].isdigit():
        name = "Model" + name
    if keyword.iskeyword(name) or name in RESERVED_CLASSES:
        name += "Model"
    return name


def _report_schema_collisions(api: Api, wanted: dict[str, str], pins: dict[str, str],
                              diagnostics: Diagnostics) -> None:
    """Two schemas of the spec whose names become one class name: the user must choose.

    (Names codegen makes up itself, for inline types, twins and operation types, are made
    unique with a suffix instead.)"""
    first: dict[str, str] = {}
    for key, name in wanted.items():
        hint = api.decls[key].hint
        if not hint.component or key in pins:
            continue
        other = first.setdefault(name.lower(), key)
        if other != key:
            a, b = api.decls[other].hint.component, hint.component
            diagnostics.error(key, f"schemas '{a}' and '{b}' both become the Python class "
                              f"{name}", f"name one of them in codegen.yaml, e.g. `models: "
                              f"{{{b}: {name}2}}`")


def _claim(wanted: str, key: str, taken: dict[str, str], diagnostics: Diagnostics,
           pointer: str) -> str:
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}{n}"
    both_schemas = "/components/schemas/" in key and "/components/schemas/" in taken.get(
        wanted, "") and key.count("/") == taken.get(wanted, "").count("/") == 3
    if name != wanted and not both_schemas:
        diagnostics.warning(pointer, f"the class name {wanted} is already used by "
                            f"{taken[wanted]}; this one is named {name}",
                            "pin a name in codegen.yaml `models:`")
    taken[name] = key
    return name


def _twins(api: Api, roots: dict[str, str], params_roots: frozenset[str]) -> set[str]:
    """Module roots used on the request side whose TypedDict form differs from the model:
    those holding an object, a list, a date or a file, and those referring to such a one."""
    differs: set[str] = set()
    users: dict[str, set[str]] = {}  # root -> roots whose types refer to it
    for key, decl in api.decls.items():
        root = roots[key]
        if _differs_itself(decl):
            differs.add(root)
        for target in decl.refs:
            if target in roots and roots[target] != root:
                users.setdefault(roots[target], set()).add(root)
    work = list(differs)
    while work:
        for user in users.get(work.pop(), ()):
            if user not in differs:
                differs.add(user)
                work.append(user)
    used = {roots[k] for k in api.request_side if k in roots}
    return {r for r in used & differs if r not in params_roots and r not in api.absorbed}


def _differs_itself(decl: Decl) -> bool:
    if isinstance(decl, Model):
        return True
    stack = [decl.type]
    while stack:
        item = stack.pop()
        if isinstance(item, ListType):
            return True
        if isinstance(item, Prim) and item.kind in ("datetime", "date", "file"):
            return True
        if isinstance(item, DictType):
            stack.append(item.value)
        elif isinstance(item, Nullable):
            stack.append(item.inner)
        elif isinstance(item, UnionType):
            stack.extend(item.variants)
    return False


def _name_inline(api: Api, roots: dict[str, str], classes: dict[str, str], global_names: set[str],
                 diagnostics: Diagnostics) -> None:
    """Inline declarations: the PascalCase path inside their module, never a root's name.

    Modules whose types refer to each other in a cycle are merged into one when rendered, so
    names are made unique across each such group, not just each module."""
    group = _cycle_groups(api, roots)
    per_group: dict[str, set[str]] = {}
    for key, decl in api.decls.items():
        root = roots[key]
        if root == key:
            continue
        local = per_group.setdefault(group.get(root, root), set())
        local.add(classes[root])
        path = decl.hint.path
        root_path = api.decls[root].hint.path
        if root_path and path[:len(root_path)] == root_path:
            path = path[len(root_path):]  # nested in a promoted inline type
        wanted = class_identifier("".join(path) or decl.hint.title or "Item")
        name = wanted
        if name in global_names:
            name = classes[root] + wanted
        n = 1
        base = name
        while name in local or name in global_names:
            n += 1
            name = f"{base}{n}"
        if name != wanted:
            diagnostics.info(decl.key, f"inline type named {name} (not {wanted}): that name is "
                             "taken by a component or another inline type")
        local.add(name)
        classes[key] = name


def _cycle_groups(api: Api, roots: dict[str, str]) -> dict[str, str]:
    """Module root -> a representative of the cycle of modules it is part of."""
    graph: dict[str, set[str]] = {root: set() for root in set(roots.values())}
    for key, decl in api.decls.items():
        for target in decl.refs:
            if target in roots and roots[target] != roots[key]:
                graph[roots[key]].add(roots[target])
    return {member: component[0] for component in strongly_connected(graph)
            for member in component}


def module_identifier(class_name: str) -> str:
    name = snake(class_name) or "model"
    if name[0].isdigit():
        name = "m_" + name
    if keyword.iskeyword(name) or name in RESERVED_FILES or name.startswith("_"):
        name += "_"
    return name


def _modules(api: Api, roots: dict[str, str], classes: dict[str, str],
             twin_classes: dict[str, str],
             diagnostics: Diagnostics) -> tuple[dict[str, str], dict[str, str]]:
    taken: dict[str, str] = {}
    modules: dict[str, str] = {}
    twin_modules: dict[str, str] = {}

    def claim(wanted: str, key: str) -> str:
        name, n = wanted, 1
        while name.lower() in taken:
            n += 1
            name = f"{wanted}_{n}"
        if name != wanted:
            diagnostics.info(key, f"module {wanted}.py is taken; this type lives in {name}.py")
        taken[name.lower()] = key
        return name

    for key in _root_order(api, roots):
        modules[key] = claim(module_identifier(classes[key]), key)
    for key in sorted(twin_classes, key=_spec_order(api)):
        twin_modules[key] = claim(modules[key] + "_param", key)
    return modules, twin_modules


# ---- fields and arguments --------------------------------------------------------------------

def attribute_identifier(wire: str) -> str:
    name = snake(wire)
    if not name:
        name = "field"
    if name[0].isdigit():
        name = "n_" + name
    if keyword.iskeyword(name) or name in RESERVED_ATTRIBUTES or name.startswith("model_"):
        name += "_"
    return name


def unique_identifiers(wires: Iterable[str], reserved: frozenset[str] = frozenset(),
                       make: object = attribute_identifier) -> dict[str, str]:
    """Python names for wire names, all distinct: a name equal to its wire name wins; the
    others fall back to the wire name itself when usable, then to numeric suffixes."""
    wires = list(dict.fromkeys(wires))
    wanted = {w: make(w) for w in wires}  # type: ignore[operator]
    taken: set[str] = set(reserved)
    out: dict[str, str] = {}
    for wire in sorted(wires, key=lambda w: (wanted[w] != w, wires.index(w))):
        name = wanted[wire]
        if name in taken and _clean(wire) and wire not in taken:
            name = wire
        base, n = name, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        out[wire] = name
    return out


def _clean(name: str) -> bool:
    """Usable as it is: an ASCII identifier, no keyword, no leading underscore (pydantic
    makes those private), nothing reserved."""
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name) \
        and not name.startswith("_") and name not in RESERVED_ATTRIBUTES \
        and not name.startswith("model_")


def _field_names(api: Api, classes: dict[str, str]) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for key, decl in api.decls.items():
        if not isinstance(decl, Model):
            continue
        # A field named like a type its class body mentions would shadow that type there:
        # pydantic then reads `Datetime: Optional[Datetime] = None` as a field of type None.
        # `builtins` too: a field named `str` makes the class body say `builtins.str`.
        in_scope = RESERVED_CLASSES | {"builtins"} | {classes[t] for t in decl.refs
                                                      if t in classes}
        names = unique_identifiers([f.wire_name for f in all_fields(api.decls, decl)], in_scope)
        for f in decl.fields:
            out[(key, f.wire_name)] = names[f.wire_name]
    return out


def _kwarg_names(api: Api) -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for op in api.operations:
        items = [("path", p.wire_name) for p in op.parameters if p.location == "path"]
        if op.body is not None and op.body.flattened_model:
            model = api.decls[op.body.flattened_model]
            assert isinstance(model, Model)
            params = {p.wire_name for p in op.parameters if p.location != "path"}
            items += [("body", f.wire_name) for f in all_fields(api.decls, model)
                      if f.wire_name not in params]
        elif op.body is not None:
            items.append(("body", "body"))
        items += [(p.location, p.wire_name) for p in op.parameters if p.location != "path"]
        tagged = [f"{loc}\x00{wire}" for loc, wire in items]
        names = unique_identifiers(tagged, RESERVED_KWARGS,
                                   make=lambda t: attribute_identifier(t.split("\x00", 1)[1]))
        for (loc, wire), tag in zip(items, tagged, strict=True):
            out[(op.key, loc, wire)] = names[tag]
    return out


# ---- resources and methods -------------------------------------------------------------------

def _resources(api: Api, diagnostics: Diagnostics, client: set[str],
               ) -> tuple[dict[str, str], dict[tuple[str, ...], ResourceNames]]:
    paths: set[tuple[str, ...]] = set()
    for op in api.operations:
        for i in range(1, len(op.resource) + 1):
            paths.add(op.resource[:i])
    children = {p: sorted(q[-1] for q in paths if len(q) == len(p) + 1 and q[:-1] == p)
                for p in paths}
    attrs = {path: _resource_attr(path) for path in paths}
    methods: dict[str, str] = {}
    by_resource: dict[tuple[str, ...], list[Operation]] = {}
    for op in api.operations:
        by_resource.setdefault(op.resource, []).append(op)
    for resource, ops in by_resource.items():
        reserved = frozenset({attrs[resource + (c,)] for c in children.get(resource, [])}
                             | RESERVED_CLASS_BODY)
        _name_methods(ops, reserved, methods, diagnostics)
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
    in_module: dict[tuple[str, ...], set[str]] = {}  # parent path -> names in its module
    for path in sorted(paths, key=lambda p: (len(p), p)):
        parent = path[:-1]
        # top-level classes meet the client's in _client.py
        taken = in_module.setdefault(parent, {out[parent]} if parent else set(client))
        cls = pascal(path[-1]) or "Root"
        if cls[0].isdigit():
            cls = "R" + cls
        if cls in RESERVED_CLASSES or cls.removeprefix("Async") in RESERVED_CLASSES:
            cls += "Resource"  # `Headers`, `Query`, `Body`: names the resource module imports
        if cls in taken and parent:
            cls = out[parent] + cls
        base, n = cls, 1
        while cls in taken or "Async" + cls in taken:
            n += 1
            cls = f"{base}{n}"
        taken.update({cls, "Async" + cls})
        out[path] = cls
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
    for path in sorted(paths, key=len):
        stem = path[-1]
        if stem in RESERVED_FILES or keyword.iskeyword(stem):
            stem += "_"
        parent = path[:-1]
        taken = {stems[parent + (c,)] for c in children.get(parent, []) if parent + (c,) in stems}
        if parent and children.get(parent):
            taken.add(stems[parent])  # the parent's own module in this folder
        while stem in taken or stem == "__init__":
            stem += "_"
        stems[path] = stem
    return stems


def _name_methods(ops: list[Operation], reserved: frozenset[str], out: dict[str, str],
                  diagnostics: Diagnostics) -> None:
    wanted: dict[str, list[Operation]] = {}
    for op in ops:
        wanted.setdefault(op.name, []).append(op)
    taken = set(reserved)
    for name, group in wanted.items():
        if len(group) == 1 and name not in taken:
            out[group[0].key] = name
            taken.add(name)
            continue
        for op in group:
            fallback = attribute_identifier(op.operation_id) if op.operation_id else \
                f"{op.method}_{snake(op.path)}"
            final, n = fallback, 1
            while final in taken:
                n += 1
                final = f"{fallback}_{n}"
            taken.add(final)
            out[op.key] = final
            diagnostics.info(op.key, f"method {name} is ambiguous in resource "
                             f"{'.'.join(op.resource)}; named {final} after its operationId")
