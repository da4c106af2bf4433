"""spec/codegen.yaml: everything API-specific (names, resource layout).

Plain frozen dataclasses; pydantic validates a config file's structure, and is imported only
when there is one (it costs a third of a second, a fifth of a large spec's generation).
An absent config is fine: `--package NAME` alone configures any spec.
"""

from __future__ import annotations

import keyword
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .diagnostics import Diagnostic, FatalError, Severity
from .pointers import pointer_join

_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")
_CLASS = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENDPOINT = re.compile(r"^(get|put|post|delete|options|head|patch|trace) (/.*)$", re.IGNORECASE)
_FORBID = {"extra": "forbid"}  # read by pydantic; a plain dict keeps pydantic unimported here


@dataclass(frozen=True)
class PackageConfig:
    __pydantic_config__ = _FORBID
    name: str = ""
    version: str = "0.1.0"
    title: str = ""


@dataclass(frozen=True)
class ClientConfig:
    __pydantic_config__ = _FORBID
    name: str = ""
    async_name: str = ""
    api_key_env: str = ""
    base_url_env: str = ""
    log_env: str = ""
    base_url: str = ""
    request_id_header: str = "x-request-id"  # its value becomes `_request_id` on results


@dataclass(frozen=True)
class ResourceConfig:
    __pydantic_config__ = _FORBID
    methods: dict[str, str] = field(default_factory=dict)
    subresources: dict[str, ResourceConfig] = field(default_factory=dict)
    doc: str = ""


@dataclass(frozen=True)
class PageRule:
    """A method's pagination, for when detection misses it or gets it wrong (see ir.Pagination
    for what each key means)."""

    __pydantic_config__ = _FORBID
    scheme: Literal["cursor", "token", "page", "offset", "next_url", "link"]
    items: str = ""
    param: str = ""
    field: str = ""
    more: str = ""
    limit: str = ""


@dataclass(frozen=True)
class PaginationConfig:
    __pydantic_config__ = _FORBID
    detect: bool = True  # recognise list operations from their shape
    # By endpoint ('get /files'): the scheme to use, or false for a plain method.
    methods: dict[str, PageRule | Literal[False]] = field(default_factory=dict)


@dataclass(frozen=True)
class StreamingConfig:
    __pydantic_config__ = _FORBID
    terminator: str | None = "[DONE]"  # the `data` that ends a stream; null: none does
    error_event: str | None = "error"  # the `event` name that carries an error
    # By endpoint ('post /audio/speech'): the body property that asks for the stream, as
    # "stream" (a boolean set to true) or "stream_format=sse" (a value); false: never stream.
    methods: dict[str, str | Literal[False]] = field(default_factory=dict)


@dataclass(frozen=True)
class ErrorsConfig:
    __pydantic_config__ = _FORBID
    envelope: str = ""  # the response field that holds the error object ("error"); "": the body
    message: str = "message"  # the error object's field holding the server's message
    attributes: list[str] = field(default_factory=list)  # its fields set on the exception


@dataclass(frozen=True)
class WebhooksConfig:
    __pydantic_config__ = _FORBID
    scheme: Literal["standard", "hmac", "none"] = "standard"
    secret_env: str = ""  # the environment variable that holds the signing secret
    header: str = "X-Hub-Signature-256"  # hmac: the header with the signature
    prefix: str = "sha256="  # hmac: what precedes the hex digest in that header
    union: str = "WebhookEvent"  # the class name of the union of every event


@dataclass(frozen=True)
class ReadmeConfig:
    __pydantic_config__ = _FORBID
    # Markdown files, relative to the config file, included whole in the package's README.md
    # (after "Async usage", in this order): walkthroughs of the API's real flows.
    guides: list[str] = field(default_factory=list)
    # The guides' text, read by parse_config (never a key of the file): rendering stays free of
    # disk I/O, and the inputs' fingerprint, made from the whole config, covers the guides.
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    __pydantic_config__ = _FORBID
    package: PackageConfig = field(default_factory=PackageConfig)
    client: ClientConfig = field(default_factory=ClientConfig)
    resources: dict[str, ResourceConfig] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)
    pagination: PaginationConfig = field(default_factory=PaginationConfig)
    streaming: StreamingConfig = field(default_factory=StreamingConfig)
    errors: ErrorsConfig = field(default_factory=ErrorsConfig)
    webhooks: WebhooksConfig = field(default_factory=WebhooksConfig)
    readme: ReadmeConfig = field(default_factory=ReadmeConfig)
    # Also write tests/ (pytest, against a mock server of the API) inside the package. Off by
    # default: a vendored package needs httpx, pydantic and typing_extensions, not pytest.
    tests: bool = False
    # Every warning is an error (exit 1, nothing written): a gate for teams that want one.
    strict: bool = False
    # What to write: the whole SDK, or only the models (types/ and the base they need; no httpx).
    output: Literal["sdk", "models"] = "sdk"
    # What the spec is: an OpenAPI document or a JSON Schema; "auto" tells them apart by content.
    input: Literal["auto", "openapi", "jsonschema"] = "auto"
    # A folder of templates that replace the built-in ones of the same relative path
    # (relative to the config file; codegen/options.py).
    templates: str = ""
    format: Literal["ruff", "black", "none"] = "ruff"  # the formatter of the generated code


def endpoint_key(endpoint: str) -> tuple[str, str]:
    """'POST /a/b' -> ('post', '/a/b')."""
    match = _ENDPOINT.match(endpoint.strip())
    if not match:
        raise ValueError(endpoint)
    return match.group(1).lower(), match.group(2)


def _problem(path: str, pointer: str, message: str) -> Diagnostic:
    return Diagnostic(pointer, Severity.ERROR, f"config: {message}",
                      "see README.md, section 'Configuration'", path)


def parse_config(data: Any, path: str) -> Config:
    """The config file's data (from `path`) validated; its guides read from disk."""
    import pydantic

    if _sets_guide_texts(data):
        raise FatalError(_problem(path, "#/readme/texts", "unknown key 'texts'"))
    try:
        config = pydantic.TypeAdapter(Config).validate_python({} if data is None else data)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            message = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
                message = f"unknown key '{err['loc'][-1]}'"
            problems.append(_problem(path, pointer_join("#", *[str(p) for p in err["loc"]]),
                                     message))
        raise FatalError(*problems) from None
    problems = list(_check_names(config, path))
    if problems:
        raise FatalError(*problems)
    if config.templates and not os.path.isabs(config.templates):
        config = replace(config, templates=os.path.join(os.path.dirname(path), config.templates))
    return _with_guide_texts(config, path)


def _sets_guide_texts(data: Any) -> bool:
    readme = data.get("readme") if isinstance(data, dict) else None
    return isinstance(readme, dict) and "texts" in readme


def _with_guide_texts(config: Config, path: str) -> Config:
    """Reads each readme guide, relative to the config file's folder."""
    base = Path(path).parent
    texts, problems = [], []
    for index, guide in enumerate(config.readme.guides):
        at = f"#/readme/guides/{index}"
        if Path(guide).suffix.lower() != ".md":
            problems.append(_problem(path, at, f"guide '{guide}' must be a Markdown file (.md)"))
            continue
        try:
            text = (base / guide).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(_problem(path, at, f"cannot read guide '{guide}': "
                                     f"{getattr(exc, 'strerror', None) or exc}"))
            continue
        texts.append(text.strip("\n") + "\n")
    if problems:
        raise FatalError(*problems)
    return replace(config, readme=replace(config.readme, texts=tuple(texts)))


def _check_names(config: Config, path: str) -> list[Diagnostic]:
    out = []
    if config.package.name and not _valid_package(config.package.name):
        out.append(_problem(path, "#/package/name",
                            "must be a lowercase Python module name (letters, digits, _)"))
    for key in ("name", "async_name"):
        value = getattr(config.client, key)
        if value and (not _CLASS.match(value) or keyword.iskeyword(value)):
            out.append(_problem(path, f"#/client/{key}", "must be a Python class name"))
    for key in ("api_key_env", "base_url_env", "log_env"):
        value = getattr(config.client, key)
        if value and not _ENV.match(value):
            out.append(_problem(path, f"#/client/{key}", "must be an environment variable name"))
    for schema, name in config.models.items():
        if not _CLASS.match(name) or keyword.iskeyword(name):
            out.append(_problem(path, pointer_join("#/models", schema),
                                f"'{name}' is not a Python class name"))
    out += _check_resources(config.resources, "#/resources", path)
    return out


def _check_resources(tree: dict[str, ResourceConfig], base: str,
                     path: str) -> list[Diagnostic]:
    out = []
    for name, resource in tree.items():
        at = pointer_join(base, name)
        if not name.isidentifier() or keyword.iskeyword(name):
            out.append(_problem(path, at, f"resource name '{name}' is not a Python identifier"))
        for method, endpoint in resource.methods.items():
            where = pointer_join(at, "methods", method)
            if not method.isidentifier() or keyword.iskeyword(method):
                out.append(_problem(path, where, f"method name '{method}' is not a Python "
                                    "identifier"))
            if not _ENDPOINT.match(endpoint.strip()):
                out.append(_problem(path, where, f"endpoint '{endpoint}' must look like "
                                    "'post /path'"))
        out += _check_resources(resource.subresources, pointer_join(at, "subresources"), path)
    return out


def _valid_package(name: str) -> bool:
    return bool(_PACKAGE.match(name)) and not keyword.iskeyword(name)


def with_strict(config: Config, strict: bool) -> Config:
    """Applies --strict over the config file's `strict`."""
    return replace(config, strict=True) if strict else config


def with_package(config: Config, package: str | None) -> Config:
    """Applies --package NAME over the config file's package name."""
    if not package:
        return config
    if not _valid_package(package):
        raise FatalError(Diagnostic("", Severity.ERROR, f"--package {package!r}: must be a "
                                    "lowercase Python module name (letters, digits, _)"))
    return replace(config, package=replace(config.package, name=package))
