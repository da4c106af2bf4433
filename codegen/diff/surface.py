"""The Python API a generated package offers, derived from the IR and its names: what users
program against, not the generated text.

Methods with their arguments (types on the request side, requiredness, positional or keyword)
and what they return (a model, a stream, a page, bytes); classes with their fields or, for a
type alias, its type, and whether requests, responses or both use them. A surface is plain
data: it is saved beside a generated package (`.codegen-surface.json`) so that the next
generation can say what changed, and compared by `compare.py`.

Type expressions become small JSON terms with class names instead of declaration keys:
`"str"`, `{"literal": [...]}`, `{"list": T}`, `{"dict": T}`, `{"union": [T, ...]}`,
`{"nullable": T}`, `{"ref": "ClassName"}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..ir import (
    Alias,
    Api,
    DictType,
    ListType,
    LiteralType,
    Model,
    Nullable,
    Operation,
    Prim,
    Side,
    TypeExpr,
    UnionType,
    walk_refs,
)
from ..naming import Names

Term = Any  # a JSON value: str | dict[str, Term | list[Term]]
FORMAT = 1  # of the saved surface; a file of another format is ignored


@dataclass(frozen=True)
class Arg:
    name: str  # the Python name
    wire: str
    location: str  # path, query, header, cookie, body
    type: Term
    required: bool
    positional: bool
    pointer: str


@dataclass(frozen=True)
class Returns:
    kind: str  # json, page, stream, binary, text, none
    type: Term = None  # of a JSON body, or a page's item
    event: Term = None  # of a stream's events, also when `stream=True` selects it
    selector: str = ""  # the body argument that asks for the stream ("stream")


@dataclass(frozen=True)
class Method:
    path: str  # 'files.list': the attributes below the client
    endpoint: str  # 'get /files'
    pointer: str
    deprecated: bool
    args: tuple[Arg, ...]
    returns: Returns


@dataclass(frozen=True)
class Attr:
    name: str  # the Python attribute (a TypedDict's key is its wire name)
    wire: str
    type: Term  # as the spec says (a response field that may be absent is also Optional)
    required: bool
    pointer: str
    deprecated: bool = False


@dataclass(frozen=True)
class Class:
    name: str
    module: str  # under types/
    side: str  # model (response class) or param (request TypedDict)
    form: str  # model, typeddict, alias
    pointer: str  # the declaration's key
    uses: tuple[str, ...]  # 'request', 'response': which side of the API reaches it
    fields: tuple[Attr, ...] = ()
    alias: Term = None  # the aliased type
    base: str = ""
    params_of: str = ""  # a method's Params TypedDict: its arguments are compared instead


@dataclass(frozen=True)
class Surface:
    package: str
    spec: str  # the spec's file name
    methods: dict[str, Method] = field(default_factory=dict)
    classes: dict[str, Class] = field(default_factory=dict)

    def to_json(self) -> str:
        """Stable text: sorted keys, one method or class per line, so that a regeneration that
        changes no API changes no byte of it, and a changed entry is one line of a diff.
        (Indented JSON would take Python's pure-Python encoder: 3x the time on a large spec.)"""
        head = _compact({"format": FORMAT, "package": self.package, "spec": self.spec})
        return (f"{head[:-1]},\n\"classes\": {_block(self.classes)},\n"
                f"\"methods\": {_block(self.methods)}}}\n")


def _block(entries: dict[str, Method] | dict[str, Class]) -> str:
    if not entries:
        return "{}"
    lines = (f"{_compact(key)}: {_compact(value)}" for key, value in sorted(entries.items()))
    return "{\n" + ",\n".join(lines) + "\n}"


def _compact(value: object) -> str:
    return json.dumps(value, default=_fields_of, sort_keys=True, ensure_ascii=False)


def _fields_of(value: object) -> dict[str, object]:
    """A surface dataclass as the JSON encoder's dict (no deep copy, unlike `asdict`)."""
    return {name: getattr(value, name) for name in _FIELD_NAMES[type(value)]}


def from_json(text: str) -> Surface | None:
    """A saved surface, or None when the text is not one of this format."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            return None
        methods = {k: _method(v) for k, v in data["methods"].items()}
        classes = {k: _class(v) for k, v in data["classes"].items()}
        return Surface(data["package"], data["spec"], methods, classes)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _method(data: dict[str, Any]) -> Method:
    args = tuple(Arg(**a) for a in data["args"])
    return Method(data["path"], data["endpoint"], data["pointer"], data["deprecated"], args,
                  Returns(**data["returns"]))


def _class(data: dict[str, Any]) -> Class:
    fields = tuple(Attr(**f) for f in data["fields"])
    return Class(**{**data, "fields": fields, "uses": tuple(data["uses"])})


# ---- derivation ------------------------------------------------------------------------------

class _Terms:
    """IR type expressions -> terms, with references spelled as the class seen from a side."""

    def __init__(self, names: Names) -> None:
        self.names = names

    def of(self, t: TypeExpr, side: Side) -> Term:
        if isinstance(t, Prim):
            return t.kind
        if isinstance(t, LiteralType):
            return {"literal": list(t.values)}
        if isinstance(t, ListType):
            return {"list": self.of(t.item, side)}
        if isinstance(t, DictType):
            return {"dict": self.of(t.value, side)}
        if isinstance(t, Nullable):
            return {"nullable": self.of(t.inner, side)}
        if isinstance(t, UnionType):
            return {"union": [self.of(v, side) for v in t.variants]}
        return {"ref": self.names.class_of(t.target, side)}


def derive(api: Api, names: Names, package: str) -> Surface:
    terms = _Terms(names)
    methods = {}
    params_of: dict[str, str] = {}
    for op in api.operations:
        method = _method_of(api, names, terms, op)
        methods[method.path] = method
        if op.params_key:
            params_of[op.params_key] = method.path
    classes = _classes(api, names, terms, params_of)
    return Surface(package, api.spec_path.rsplit("/", 1)[-1], methods, classes)


def _method_of(api: Api, names: Names, terms: _Terms, op: Operation) -> Method:
    signature = names.signatures[op.key]
    args = tuple(
        Arg(a.name, a.wire, a.location, terms.of(a.type, Side.PARAM), a.required,
            index < len(signature.positional), a.source.pointer)
        for index, a in enumerate(signature.arguments))
    display = names.resource_of(op).display
    return Method(f"{display}.{names.methods[op.key]}", f"{op.method} {op.path}", op.key,
                  op.deprecated, args, _returns(api, terms, op))


def _returns(api: Api, terms: _Terms, op: Operation) -> Returns:
    from ..render.returns import returns_of

    returns = returns_of(api, op)
    stream = returns.stream
    event = terms.of(stream.event, Side.MODEL) if stream is not None else None
    selector = stream.selector if stream is not None and not stream.only else ""
    if returns.kind == "page" and returns.page is not None:
        return Returns("page", terms.of(returns.page.item, Side.MODEL))
    body = terms.of(returns.type, Side.MODEL) if returns.kind == "json" else None
    return Returns(returns.kind, body, event, selector)


def _classes(api: Api, names: Names, terms: _Terms,
             params_of: dict[str, str]) -> dict[str, Class]:
    from ..render.modules import plan_modules

    plans = plan_modules(api, names).values()
    module_of = {(plan.side, name): plan.name for plan in plans for name in plan.exports}
    responses = _response_side(api)
    out: dict[str, Class] = {}
    for plan in plans:
        for key in plan.members:
            name = names.class_of(key, plan.side)
            uses = _uses(api, names, key, plan.side, responses)
            entry = _class_of(api, names, terms, key, name, plan.side, uses)
            module = module_of.get((plan.side, name), plan.name)
            out[name] = replace(entry, module=module, params_of=params_of.get(key, ""))
    return out


def _uses(api: Api, names: Names, key: str, side: Side,
          responses: set[str]) -> tuple[str, ...]:
    if side is Side.PARAM:
        return ("request",)
    root = names.types.roots[key]
    request = key in api.request_side and root not in names.types.twin_classes
    return tuple(u for u, used in (("request", request), ("response", key in responses))
                 if used)


def _response_side(api: Api) -> set[str]:
    """Keys of the declarations a response, an event or a webhook payload reaches."""
    work: list[str] = []
    for op in api.operations:
        for t in (op.response.type, op.stream.event if op.stream else None,
                  op.page.item if op.page else None):
            if t is not None:
                work.extend(walk_refs(t))
    for hook in api.webhooks:
        work.extend(walk_refs(hook.type))
    seen: set[str] = set()
    while work:
        key = work.pop()
        if key in seen or key not in api.decls:
            continue
        seen.add(key)
        work.extend(api.decls[key].refs)
    return seen


def _class_of(api: Api, names: Names, terms: _Terms, key: str, name: str, side: Side,
              uses: tuple[str, ...]) -> Class:
    decl = api.decls[key]
    if isinstance(decl, Alias):
        return Class(name, "", side.value, "alias", key, uses, alias=terms.of(decl.type, side))
    assert isinstance(decl, Model)
    base = names.class_of(decl.base, side) if decl.base and decl.base in api.decls else ""
    if side is Side.MODEL:
        fields = tuple(Attr(names.fields[(key, f.wire_name)], f.wire_name,
                            terms.of(f.type, side), f.required, f.pointer, f.deprecated)
                       for f in decl.fields if not f.write_only)
        return Class(name, "", side.value, "model", key, uses, fields, base=base)
    fields = tuple(Attr(f.wire_name, f.wire_name, terms.of(f.type, side), f.required, f.pointer,
                        f.deprecated) for f in decl.fields if not f.read_only)
    return Class(name, "", side.value, "typeddict", key, uses, fields, base=base)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(kind)) for kind in (Arg, Returns, Method, Attr, Class)}
