"""Everything a template receives: one module a template author reads top to bottom.

Views hold finished text (identifiers, annotations, Python expressions, wrapped docstrings);
templates only place it. Built by types.py (types/ modules), resources.py (resources/),
package.py (client, package __init__, runtime constants) and docs.py (README, api.md, tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..config import ErrorsConfig, StreamingConfig, WebhooksConfig

# ---- types/: one module per named type -------------------------------------------------

@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: str
    default: str  # the text after the annotation: "", " = None", ' = FieldInfo(alias="x")'
    doc: str


@dataclass(frozen=True)
class ItemView:
    kind: Literal["model", "typeddict", "typeddict_functional", "alias"]
    name: str
    bases: str
    doc: str
    fields: tuple[FieldView, ...] = ()
    annotation: str = ""
    extra: str = ""  # a model's typed additional properties: 'Dict[str, X]', or ""


@dataclass(frozen=True)
class ModuleView:
    future_annotations: bool
    imports: tuple[str, ...]
    exports: tuple[str, ...]
    items: tuple[ItemView, ...]
    rebuild: tuple[str, ...]
    home: str = ""  # for a module whose types live in a merged home module


# ---- resources/: sync and async classes per resource -----------------------------------

@dataclass(frozen=True)
class ArgView:
    name: str
    annotation: str  # with `Union[..., Omit]` for an optional argument
    default: str  # "" or " = omit"
    wire: str
    location: str  # path, query, header, cookie, body
    doc: str


@dataclass(frozen=True)
class ResultView:
    """A method's result in one mode (sync or async)."""

    annotation: str
    cast_to: str  # what the runtime parses the response into
    result_cast: str  # the type to cast the result to, when cast_to cannot carry it
    page: str  # a list method's page class ('SyncPage[FileObject]'), or ""


@dataclass(frozen=True)
class OverloadView:
    """One `@overload` of a method whose body property selects a stream of events."""

    keyword: tuple[ArgView, ...]  # the method's, the selector's annotation narrowed
    results: tuple[str, str]  # the return annotation, sync and async


@dataclass(frozen=True)
class MethodView:
    name: str
    http_method: str
    doc: str
    path: str  # a Python expression
    positional: tuple[ArgView, ...]
    keyword: tuple[ArgView, ...]
    body: str  # a Python expression or ""
    query: str
    headers: str
    multipart: str  # `True`, `"with_files"` (JSON unless a file is given) or ""
    encoding: str  # multipart fields sent as parts of their own media type: a dict expression
    bare: str  # the field that, given alone, is the whole body (of its `encoding` type)
    content_type: str
    accept: str  # the media type asked for, when it is not JSON
    results: tuple[ResultView, ResultView]  # sync, async
    overloads: tuple[OverloadView, ...]
    paging: str  # a list method's `Paging(...)` expression, or ""
    local_imports: tuple[str, ...]  # the types cast_to needs, imported when first called


@dataclass(frozen=True)
class ChildView:
    attr: str
    module: str  # relative import path of the child's module, e.g. '.client_secrets'
    sync_class: str
    async_class: str


@dataclass(frozen=True)
class ResourceView:
    sync_class: str
    async_class: str
    doc: str
    depth: str  # '..' or '...': relative prefix of the package root
    imports: tuple[str, ...]
    type_imports: tuple[str, ...]  # for annotations only: under TYPE_CHECKING
    children: tuple[ChildView, ...]
    methods: tuple[MethodView, ...]


# ---- the client and the package --------------------------------------------------------

@dataclass(frozen=True)
class PackageView:
    name: str
    version: str
    title: str
    description: str


@dataclass(frozen=True)
class AuthView:
    kind: str
    name: str


@dataclass(frozen=True)
class ResourceRef:
    attr: str
    module: str  # below `resources.`: 'realtime' (a package) or 'files' (a module)
    sync_class: str
    async_class: str
    doc: str


@dataclass(frozen=True)
class BehaviourView:
    """What the runtime's `_constants.py` tells it about the API's conventions."""

    request_id_header: str
    streaming: StreamingConfig
    errors: ErrorsConfig
    webhooks: WebhooksConfig


@dataclass(frozen=True)
class WebhooksView:
    attr: str  # the client's attribute and the module under resources/
    union_class: str
    union_module: str
    verifies: bool  # a signing scheme is configured
    secret_env: str


@dataclass(frozen=True)
class ClientView:
    sync_name: str
    async_name: str
    api_key_env: str | None
    base_url_env: str | None
    log_env: str | None
    default_base_url: str
    auth: AuthView
    resources: tuple[ResourceRef, ...]
    webhooks: WebhooksView | None = None


# ---- README.md, api.md and the generated tests -----------------------------------------

@dataclass(frozen=True)
class CallView:
    """One method as the docs and tests show it."""

    resource_path: str  # 'realtime.client_secrets'
    method: str
    http: str  # 'post /realtime/client_secrets'
    summary: str
    required_args: str  # Python source of the arguments, required ones only
    all_args: str  # ... every argument
    returns: str  # the return annotation, e.g. 'ClientSecretCreateResponse'
    returns_model: str  # the class to isinstance-check, or ''
    returns_module: str  # types module of that class
    params_class: str  # the Params TypedDict, or ''
    params_module: str
    resource_module: str  # path of the resource file, for api.md links
    unsatisfiable: str  # a schema that admits no finite value, when the spec has one here
    kind: str = "json"  # what it returns: json, stream, page, binary, text or none
    stream_arg: str = ""  # the argument that asks for a stream of events ('stream=True')
    headers_class: str = ""  # the typed model of the response headers the spec declares
    lead: bool = False  # the call the README leads with
