"""Types: the class name of every declaration, its module under types/, and which module
roots get a request-side TypedDict twin."""

from __future__ import annotations

import keyword
from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..diagnostics import Diagnostics
from ..graphs import strongly_connected
from ..ir import (
    Api,
    Decl,
    DictType,
    ListType,
    Model,
    NameHint,
    Nullable,
    Operation,
    OperationHint,
    Prim,
    UnionType,
    component_of,
    owner_of,
    path_of,
)
from ..pointers import pointer_join
from ..words import pascal, singular, snake
from .budget import fit, shorten
from .collisions import settle_schema_collisions
from .namespace import Namespace
from .placement import Placement
from .reserved import RESERVED_CLASSES, RESERVED_FILES

PIN_HINT = "pin a shorter class name in codegen.yaml `models:`"
ROLE_SUFFIX = {"params": "Params", "response": "Response", "body": "Body", "event": "Event",
               "headers": "ResponseHeaders"}


def _title(hint: NameHint) -> str:
    return "" if isinstance(hint, OperationHint) else hint.title


def _role(decl: Decl) -> str:
    return decl.hint.role if isinstance(decl.hint, OperationHint) else ""


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
    if api.webhook_union:
        pins[api.webhook_union] = config.webhooks.union
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
        owner = owner_of(decl.hint)
        seen = {key}
        while owner and owner in api.decls and owner not in seen:
            seen.add(owner)
            next_owner = owner_of(api.decls[owner].hint)
            if not next_owner:
                break
            owner = next_owner
        out[key] = owner if owner in api.decls else key
    return out


def _root_order(api: Api, roots: dict[str, str]) -> list[str]:
    """Roots in spec order, components first, so a collision keeps the first comer's name."""
    keys = [k for k in api.decls if roots[k] == k]
    position = _spec_order(api)
    return sorted(keys, key=lambda k: (isinstance(api.decls[k].hint, OperationHint),
                                       position(k)))


def _spec_order(api: Api) -> Callable[[str], int]:
    """A sort key: the position of a declaration in the order the spec defined them."""
    index = {key: i for i, key in enumerate(api.decls)}
    return index.__getitem__


def _wanted_root_names(api: Api, roots: dict[str, str], pins: dict[str, str],
                       ops: dict[str, Operation], methods: dict[str, str],
                       placements: dict[str, Placement]) -> dict[str, str]:
    """Pinned names, component names, and for operation types `<Resource><Method>Params`;
    an operation name wanted twice is qualified by the parent resources in every place that
    wants it, so names do not depend on which operation comes first in the spec."""
    out: dict[str, str] = {}
    qualified: dict[str, str] = {}
    for key in _root_order(api, roots):
        hint = api.decls[key].hint
        if key in pins:
            out[key] = pins[key]
        elif isinstance(hint, OperationHint) and hint.operation in ops:
            op = ops[hint.operation]
            decl = api.decls[key]
            role = "body" if hint.role == "params" and not isinstance(decl, Model) else hint.role
            suffix = pascal(methods[op.key]) + ROLE_SUFFIX.get(role, "")
            stems = [singular(pascal(r)) for r in placements[op.key].resource] or ["Root"]
            out[key] = class_identifier(stems[-1] + suffix)
            qualified[key] = class_identifier("".join(stems) + suffix)
        else:
            out[key] = class_identifier(component_of(hint) or _title(hint) or "Model")
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


def _claim(wanted: str, key: str, classes: Namespace, diagnostics: Diagnostics) -> str:
    name = classes.claim(wanted, key)
    other = classes.owner(wanted)
    if name != wanted:
        diagnostics.warning(key, f"the class name {wanted} is already used by {other}; this "
                            f"one is named {name}", "pin a name in codegen.yaml `models:`")
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
    used = _closure({roots[k] for k in api.request_side if k in roots}, api, roots)
    return {r for r in used & differs if r not in params_roots and r not in api.absorbed}


def _closure(used: set[str], api: Api, roots: dict[str, str]) -> set[str]:
    """The roots a request-side module refers to are request-side too: a twin renders every
    declaration of its module, and a TypedDict's base must be a TypedDict."""
    members: dict[str, list[str]] = {}
    for key in api.decls:
        members.setdefault(roots[key], []).append(key)
    out = set(used)
    work = list(used)
    while work:
        for key in members.get(work.pop(), ()):
            for target in api.decls[key].refs:
                root = roots.get(target)
                if root is not None and root not in out:
                    out.add(root)
                    work.append(root)
    return out


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


def _name_inline(api: Api, roots: dict[str, str], classes: dict[str, str],
                 global_names: Namespace, diagnostics: Diagnostics) -> None:
    """Inline declarations: the PascalCase path inside their module, never a root's name.

    Modules whose types refer to each other in a cycle are merged into one when rendered, so
    names are made unique across each such group, not just each module."""
    group = _cycle_groups(api, roots)
    per_group: dict[str, Namespace] = {}
    for key, decl in api.decls.items():
        root = roots[key]
        if root == key:
            continue
        local = per_group.setdefault(group.get(root, root), Namespace(parent=global_names))
        local.reserve(classes[root])
        path = path_of(decl.hint)
        root_path = path_of(api.decls[root].hint)
        if root_path and path[:len(root_path)] == root_path:
            path = path[len(root_path):]  # nested in a promoted inline type
        wanted = class_identifier("".join(path) or _title(decl.hint) or "Item")
        base = wanted if global_names.free(wanted) else classes[root] + wanted
        base = fit(base, "pascal", decl.key, "class", diagnostics, PIN_HINT)
        name = local.claim(base, key)
        if name != shorten(wanted, "pascal"):  # a shortening alone is reported by `fit`
            diagnostics.info(decl.key, f"inline type named {name} (not {wanted}): that name is "
                             "taken by a component or another inline type")
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
    # file systems may ignore case: `Address.py` and `address.py` are one file
    files = Namespace(numbered=lambda base, n: f"{base}_{n}", fold=str.lower)

    def claim(wanted: str, key: str) -> str:
        name = files.claim(wanted, key)
        if name != wanted:
            diagnostics.warning(key, f"module {wanted}.py is taken (by {files.owner(wanted)}, "
                                "the same file where case is ignored); this type lives in "
                                f"{name}.py", PIN_HINT)
        return name

    modules = {key: claim(fit(module_identifier(classes[key]), "snake", key, "module",
                              diagnostics, PIN_HINT), key)
               for key in _root_order(api, roots)}
    twin_modules = {key: claim(modules[key] + "_param", key)
                    for key in sorted(twin_classes, key=_spec_order(api))}
    return modules, twin_modules


@dataclass(frozen=True)
class TypeNames:
    classes: dict[str, str]  # decl key -> class name (model side, or params side for params)
    twin_classes: dict[str, str]  # module root key -> 'XParam' for roots with a request twin
    modules: dict[str, str]  # module root key -> module name under types/
    twin_modules: dict[str, str]  # module root key -> module name of its request twin
    roots: dict[str, str]  # decl key -> key of its module's root
    params_roots: frozenset[str]  # roots rendered only as request TypedDicts


def name_types(api: Api, config: Config, placements: dict[str, Placement],
               methods: dict[str, str], diagnostics: Diagnostics) -> TypeNames:
    pins = _resolve_pins(api, config, diagnostics)
    roots = _roots(api, set(pins))
    ops = {op.key: op for op in api.operations}
    params_roots = frozenset(k for k in roots.values() if _role(api.decls[k]) == "params")
    taken = Namespace()  # every class name of the package's types
    wanted_names = _wanted_root_names(api, roots, pins, ops, methods, placements)
    wanted_names = {key: name if key in pins else fit(name, "pascal", key, "class",
                                                      diagnostics, PIN_HINT)
                    for key, name in wanted_names.items()}
    wanted_names = settle_schema_collisions(api, wanted_names, pins, diagnostics)
    classes = {key: _claim(wanted, key, taken, diagnostics)
               for key, wanted in wanted_names.items()}
    twins = _twins(api, roots, params_roots)
    twin_classes = {k: _claim(classes[k] + "Param", k, taken, diagnostics) for k in
                    sorted(twins, key=_spec_order(api))}
    _name_inline(api, roots, classes, taken, diagnostics)
    modules, twin_modules = _modules(api, roots, classes, twin_classes, diagnostics)
    return TypeNames(classes, twin_classes, modules, twin_modules, roots, params_roots)
