"""The intermediate representation: plain frozen dataclasses, each node keeping its JSON pointer.

Built from the spec by `builder`, named by `naming`, read by `render`: the one contract
between the stages. Type expressions refer to declarations by key (the JSON pointer of the
schema that defines them), never by name, so that naming is one separate, deterministic pass.
The functions at the end answer the questions every later stage asks (all fields of a model,
whether a value fits a type, the operations of each resource), once.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal


class _Missing:
    """No value given (distinct from a default of null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


# ---- type expressions ------------------------------------------------------------------------

PrimKind = Literal["str", "int", "float", "bool", "none", "datetime", "date", "file", "any"]
Location = Literal["path", "query", "header", "cookie"]
BodyEncoding = Literal["json", "multipart", "form", "binary", "text"]
ResponseEncoding = Literal["json", "binary", "text", "none"]
AuthKind = Literal["bearer", "header", "query", "basic", "none"]
PageScheme = Literal["cursor", "token", "page", "offset", "next_url", "link"]


class Side(str, enum.Enum):
    """Which form of a type: the response model or the request-side TypedDict (ordered by
    value, so that sorting by side is deterministic)."""

    MODEL = "model"
    PARAM = "param"


@dataclass(frozen=True)
class Prim:
    kind: PrimKind


@dataclass(frozen=True)
class LiteralType:
    values: tuple[str | int | float | bool | None, ...]


@dataclass(frozen=True)
class ListType:
    item: TypeExpr


@dataclass(frozen=True)
class DictType:
    value: TypeExpr


@dataclass(frozen=True)
class UnionType:
    variants: tuple[TypeExpr, ...]
    # The property whose Literal value tells variants apart; set only when every variant is a
    # model with a required Literal field of that name and no two variants share a value.
    discriminator: str | None = None


@dataclass(frozen=True)
class Nullable:
    inner: TypeExpr


@dataclass(frozen=True)
class RefType:
    target: str  # key of a Decl


TypeExpr = Prim | LiteralType | ListType | DictType | UnionType | Nullable | RefType

ANY = Prim("any")
NONE = Prim("none")


# ---- declarations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Constraints:
    """The bounds an example value must respect (examples are the only reader)."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None


@dataclass(frozen=True)
class Field:
    wire_name: str
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    default: object = MISSING  # the spec's default, when it fits the type
    constraints: Constraints = Constraints()
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    example: object = MISSING  # the spec's example, when it fits the type


@dataclass(frozen=True)
class ComponentHint:
    """A component schema: named after its key under components/schemas."""

    name: str  # 'RealtimeTruncation'
    title: str = ""  # the schema's title


@dataclass(frozen=True)
class InlineHint:
    """A schema inside another declaration: it lives in that declaration's module, named by
    its path below the module's root. Without an owner it is a root named by its title."""

    owner: str = ""  # key of the module's root declaration
    path: tuple[str, ...] = ()  # PascalCase path below the owner ('Audio', 'Input')
    title: str = ""


@dataclass(frozen=True)
class OperationHint:
    """An operation's params or response type: named after the operation's method."""

    operation: str  # the operation's key
    role: Literal["params", "response", "event", "headers"]
    component: str = ""  # the component whose schema this is, when one was absorbed


NameHint = ComponentHint | InlineHint | OperationHint


def owner_of(hint: NameHint) -> str:
    """Key of the module root a declaration is nested in; "" for a root."""
    return hint.owner if isinstance(hint, InlineHint) else ""


def path_of(hint: NameHint) -> tuple[str, ...]:
    return hint.path if isinstance(hint, InlineHint) else ()


def component_of(hint: NameHint) -> str:
    """The component schema's name a declaration stands for, if it is one."""
    if isinstance(hint, ComponentHint):
        return hint.name
    return hint.component if isinstance(hint, OperationHint) else ""


def nested(hint: NameHint, key: str, path: tuple[str, ...], title: str = "") -> InlineHint:
    """The hint of a type nested at `path` below declaration `key` (whose hint is `hint`):
    in the same module as `key`, named by the path below the module's root."""
    owner = owner_of(hint) or key
    return InlineHint(owner, path, title)


@dataclass(frozen=True)
class Model:
    key: str
    hint: NameHint
    doc: str
    fields: tuple[Field, ...]
    base: str | None = None  # key of the parent model (allOf with one $ref plus additions)
    extra: TypeExpr | None = None  # typed additionalProperties beside properties

    @cached_property
    def refs(self) -> tuple[str, ...]:
        """Keys of the declarations the class refers to (its base, its fields' types, then the
        type of its additional properties)."""
        out = [self.base] if self.base else []
        for f in self.fields:
            out.extend(walk_refs(f.type))
        if self.extra is not None:
            out.extend(walk_refs(self.extra))
        return tuple(out)


@dataclass(frozen=True)
class Alias:
    key: str
    hint: NameHint
    doc: str
    type: TypeExpr

    @cached_property
    def refs(self) -> tuple[str, ...]:
        """Keys of the declarations the type refers to. Naming and render both ask, often."""
        return tuple(walk_refs(self.type))


Decl = Model | Alias


# ---- operations ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Parameter:
    wire_name: str
    location: Location
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    explode: bool = True
    style: str = ""
    default: object = MISSING


@dataclass(frozen=True)
class Part:
    """A body property sent with its own media type: a multipart part named in the media
    type's `encoding`, or the property that alone makes up another media type's body."""

    name: str  # the property's wire name
    media_type: str  # application/json (the value goes JSON-encoded), application/sdp, ...


@dataclass(frozen=True)
class Body:
    media_type: str  # application/json, multipart/form-data, application/x-www-form-urlencoded, ...
    encoding: BodyEncoding
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    # Key of the Model whose fields become keyword arguments; None: one `body` argument.
    flattened_model: str | None = None
    parts: tuple[Part, ...] = ()  # multipart properties with their own media type
    # Another media type whose whole body is one property: sent that way when the caller
    # gives only that property (`sdp=` alone is an application/sdp body, with more multipart).
    bare: Part | None = None
    # JSON, but the same fields as multipart when a file is among them (JSON cannot carry one).
    multipart_with_files: bool = False


@dataclass(frozen=True)
class Response:
    encoding: ResponseEncoding
    type: TypeExpr | None
    pointer: str
    media_type: str = ""
    doc: str = ""
    # The Model of the response headers the spec declares (lower-case names), if any.
    headers: str | None = None


@dataclass(frozen=True)
class EventStream:
    """A success response offered as `text/event-stream`: each event's data is an `event`."""

    event: TypeExpr
    pointer: str  # of the event-stream media type
    only: bool = False  # the operation offers no other success body: it always streams
    # Otherwise the body property that asks for the stream, and its value: ("stream", True)
    # by convention; "" when nothing selects it (the method returns the other body).
    selector: str = ""
    value: str | bool = True

    @property
    def used(self) -> bool:
        return self.only or bool(self.selector)


@dataclass(frozen=True)
class Pagination:
    """How a list operation's next page is asked for (see codegen/runtime/_pagination.py)."""

    scheme: PageScheme
    item: TypeExpr  # the type of one item
    items: str  # wire name of the response field holding the items; "" when the body is a list
    param: str = ""  # the query parameter that takes the cursor, token, page number or offset
    # cursor: the item field whose value is the next cursor ("id"); token and next_url: the
    # dotted path of the response field holding it ("next_page_token", "links.next").
    field: str = ""
    more: str = ""  # the response field that says whether there is a next page ("has_more")
    limit: str = ""  # offset: the page-size parameter
    pointer: str = ""  # of the response schema the scheme was recognised in


@dataclass(frozen=True)
class Operation:
    key: str  # '#/paths/~1realtime~1client_secrets/post'
    method: str  # http verb, lower case
    path: str
    operation_id: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: Body | None
    response: Response
    deprecated: bool = False
    # Key of the params declaration (a Model on the request side) when the method has any
    # parameters besides path ones; its fields are the method's keyword arguments.
    params_key: str | None = None
    stream: EventStream | None = None
    page: Pagination | None = None


@dataclass(frozen=True)
class Webhook:
    """An incoming request the API sends (OpenAPI 3.1 `webhooks`, 3.0 `x-webhooks`)."""

    name: str  # its key under webhooks
    method: str
    type: TypeExpr  # the payload
    pointer: str
    summary: str = ""


@dataclass(frozen=True)
class Server:
    url: str
    description: str = ""


@dataclass(frozen=True)
class Auth:
    kind: AuthKind
    name: str = ""
    pointer: str = ""


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str
    spec_path: str
    spec_sha256: str
    servers: tuple[Server, ...]
    auth: Auth
    decls: Mapping[str, Decl]  # read-only once built, in spec order
    operations: tuple[Operation, ...] = ()
    # Declarations used on the request side (they need a TypedDict twin when they differ).
    request_side: frozenset[str] = frozenset()
    # Components absorbed into an operation's params (rendered only as that Params TypedDict).
    absorbed: frozenset[str] = frozenset()
    webhooks: tuple[Webhook, ...] = ()
    webhook_union: str = ""  # key of the Alias that is the union of every webhook's payload


def walk_refs(expr: TypeExpr) -> list[str]:
    """Keys of the declarations a type expression refers to, in order of appearance."""
    out: list[str] = []
    stack: list[TypeExpr] = [expr]
    while stack:
        item = stack.pop()
        if isinstance(item, RefType):
            out.append(item.target)
        elif isinstance(item, (ListType,)):
            stack.append(item.item)
        elif isinstance(item, DictType):
            stack.append(item.value)
        elif isinstance(item, Nullable):
            stack.append(item.inner)
        elif isinstance(item, UnionType):
            stack.extend(reversed(item.variants))
    return out


def all_fields(decls: Mapping[str, Decl], model: Model) -> tuple[Field, ...]:
    """A model's fields with the inherited ones first; a field redefined below its base is
    listed once, where the subclass defines it. Safe on (invalid) inheritance cycles."""
    chain = [model]
    while chain[-1].base:
        parent = decls.get(chain[-1].base)
        if not isinstance(parent, Model) or parent in chain:
            break
        chain.append(parent)
    out: dict[str, Field] = {}
    for ancestor in reversed(chain):
        for f in ancestor.fields:
            out.pop(f.wire_name, None)
            out[f.wire_name] = f
    return tuple(out.values())


def value_fits(decls: Mapping[str, Decl], value: Any, t: TypeExpr) -> bool:
    """Whether a JSON value from the spec (a default or an example) is a value of `t`: specs'
    examples and defaults are often stale, and the docs and generated tests use them. A file
    has no JSON form, so nothing fits it."""
    if isinstance(t, Nullable):
        return value is None or value_fits(decls, value, t.inner)
    if isinstance(t, LiteralType):
        return any(value == v and type(value) is type(v) for v in t.values)
    if isinstance(t, Prim):
        return _prim_fits(value, t.kind)
    if isinstance(t, ListType):
        return isinstance(value, list) and all(value_fits(decls, v, t.item) for v in value)
    if isinstance(t, DictType):
        return isinstance(value, dict) and all(value_fits(decls, v, t.value)
                                               for v in value.values())
    if isinstance(t, UnionType):
        return any(value_fits(decls, value, v) for v in t.variants)
    decl = decls.get(t.target)
    if isinstance(decl, Alias):
        return value_fits(decls, value, decl.type)
    if isinstance(decl, Model) and isinstance(value, dict):
        # Request side (where examples are used): read-only fields are not sent.
        fields = {f.wire_name: f for f in all_fields(decls, decl) if not f.read_only}
        return all(name in value for name, f in fields.items() if f.required) and all(
            k in fields and value_fits(decls, v, fields[k].type) for k, v in value.items())
    return False


def _prim_fits(value: Any, kind: PrimKind) -> bool:
    if kind in ("str", "datetime", "date"):
        return isinstance(value, str)
    if kind in ("int", "float"):
        number = (int,) if kind == "int" else (int, float)
        return isinstance(value, number) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "none":
        return value is None
    return kind == "any"
