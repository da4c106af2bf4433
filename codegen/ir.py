"""The intermediate representation: plain frozen dataclasses, each node keeping its JSON pointer.

Built from the spec by `build`, named by `naming`, read by `render`. Type expressions refer to
declarations by key (the JSON pointer of the schema that defines them), never by name, so that
naming is one separate, deterministic pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Union

JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]  # noqa: UP007


class _Missing:
    """No value given (distinct from a default of null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


# ---- type expressions ------------------------------------------------------------------------

@dataclass(frozen=True)
class Prim:
    """str, int, float, bool, none, datetime, date, time, file, bytes or any."""

    kind: str


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
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None


@dataclass(frozen=True)
class Field:
    wire_name: str
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    default: object = MISSING
    constraints: Constraints = Constraints()
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    example: object = MISSING  # the spec's example, when it fits the type


@dataclass(frozen=True)
class NameHint:
    """Where a declaration's name comes from: a component name, or its owner plus a path."""

    component: str = ""  # the schema's own name ('RealtimeTruncation')
    owner: str = ""  # key of the module's root declaration; "" for a root
    path: tuple[str, ...] = ()  # PascalCase path below the owner ('Audio', 'Input')
    title: str = ""  # the schema's title
    operation: str = ""  # for an operation's root declarations: the operation's key
    role: str = ""  # params, response or body (with `operation`)


@dataclass(frozen=True)
class Model:
    key: str
    hint: NameHint
    doc: str
    fields: tuple[Field, ...]
    base: str | None = None  # key of the parent model (allOf with one $ref plus additions)
    extra: TypeExpr | None = None  # typed additionalProperties beside properties
    closed: bool = False  # additionalProperties: false

    @cached_property
    def refs(self) -> tuple[str, ...]:
        """Keys of the declarations the class refers to (its base, then its fields' types)."""
        out = [self.base] if self.base else []
        for f in self.fields:
            out.extend(walk_refs(f.type))
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
    location: str  # path, query, header, cookie
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    explode: bool = True
    style: str = ""
    default: object = MISSING


@dataclass(frozen=True)
class Body:
    media_type: str  # application/json, multipart/form-data, application/x-www-form-urlencoded, ...
    encoding: str  # json, multipart, form, binary, text
    type: TypeExpr
    required: bool
    pointer: str
    doc: str = ""
    # Key of the Model whose fields become keyword arguments; None: one `body` argument.
    flattened: str | None = None


@dataclass(frozen=True)
class Response:
    status: str
    encoding: str  # json, binary, text, none
    type: TypeExpr | None
    pointer: str
    media_type: str = ""
    doc: str = ""


@dataclass(frozen=True)
class Operation:
    key: str  # '#/paths/~1realtime~1client_secrets/post'
    method: str  # http verb, lower case
    path: str
    operation_id: str
    resource: tuple[str, ...]  # ('realtime', 'client_secrets')
    name: str  # python method name
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    body: Body | None
    response: Response
    deprecated: bool = False
    # Key of the params declaration (a Model on the request side) when the method has any
    # parameters besides path ones; its fields are the method's keyword arguments.
    params_key: str | None = None
    example_request: JSONValue = None


@dataclass(frozen=True)
class Server:
    url: str
    description: str = ""


@dataclass(frozen=True)
class Auth:
    kind: str  # bearer, header, query, basic, none
    name: str = ""
    pointer: str = ""


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str
    spec_path: str
    spec_sha256: str
    openapi_version: str
    servers: tuple[Server, ...]
    auth: Auth
    decls: dict[str, Decl] = field(hash=False)
    operations: tuple[Operation, ...] = ()
    # Declarations used on the request side (they need a TypedDict twin when they differ).
    request_side: frozenset[str] = frozenset()
    # Components absorbed into an operation's params (rendered only as that Params TypedDict).
    absorbed: frozenset[str] = frozenset()


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
