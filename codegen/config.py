"""spec/codegen.yaml: everything API-specific (names, resource layout), validated with pydantic.

An absent config is fine: `--package NAME` alone configures any spec.
"""

from __future__ import annotations

import keyword
import re
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .diagnostics import Diagnostic, FatalError, Severity, pointer_join

_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")
_CLASS = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENV = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ENDPOINT = re.compile(r"^(get|put|post|delete|options|head|patch|trace) (/.*)$", re.IGNORECASE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackageConfig(_Strict):
    name: str = ""
    version: str = "0.1.0"
    title: str = ""

    @field_validator("name")
    @classmethod
    def _valid_name(cls, value: str) -> str:
        if value and (not _PACKAGE.match(value) or keyword.iskeyword(value)):
            raise ValueError("must be a lowercase Python module name (letters, digits, _)")
        return value


class ClientConfig(_Strict):
    name: str = ""
    async_name: str = ""
    api_key_env: str = ""
    base_url_env: str = ""
    log_env: str = ""
    base_url: str = ""

    @field_validator("name", "async_name")
    @classmethod
    def _valid_class(cls, value: str) -> str:
        if value and (not _CLASS.match(value) or keyword.iskeyword(value)):
            raise ValueError("must be a Python class name")
        return value

    @field_validator("api_key_env", "base_url_env", "log_env")
    @classmethod
    def _valid_env(cls, value: str) -> str:
        if value and not _ENV.match(value):
            raise ValueError("must be an environment variable name")
        return value


class ResourceConfig(_Strict):
    methods: dict[str, str] = Field(default_factory=dict)
    subresources: dict[str, ResourceConfig] = Field(default_factory=dict)
    doc: str = ""

    @field_validator("methods")
    @classmethod
    def _valid_methods(cls, value: dict[str, str]) -> dict[str, str]:
        for name, endpoint in value.items():
            if not name.isidentifier() or keyword.iskeyword(name):
                raise ValueError(f"method name {name!r} is not a Python identifier")
            if not _ENDPOINT.match(endpoint.strip()):
                raise ValueError(f"endpoint {endpoint!r} must look like 'post /path'")
        return value


class Config(_Strict):
    package: PackageConfig = Field(default_factory=PackageConfig)
    client: ClientConfig = Field(default_factory=ClientConfig)
    resources: dict[str, ResourceConfig] = Field(default_factory=dict)
    models: dict[str, str] = Field(default_factory=dict)

    @field_validator("models")
    @classmethod
    def _valid_models(cls, value: dict[str, str]) -> dict[str, str]:
        for schema, name in value.items():
            if not _CLASS.match(name) or keyword.iskeyword(name):
                raise ValueError(f"model name {name!r} for {schema!r} is not a class name")
        return value


def endpoint_key(endpoint: str) -> tuple[str, str]:
    """'POST /a/b' -> ('post', '/a/b')."""
    match = _ENDPOINT.match(endpoint.strip())
    if not match:
        raise ValueError(endpoint)
    return match.group(1).lower(), match.group(2)


def parse_config(data: Any, path: str) -> Config:
    if data is None:
        data = {}
    try:
        return Config.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors():
            pointer = pointer_join("#", *[str(p) for p in err["loc"]])
            message = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown key '{err['loc'][-1]}'"
            problems.append(Diagnostic(pointer, Severity.ERROR, f"config: {message}",
                                       "see README.md, section 'Configuration'", path))
        raise FatalError(*problems) from None


def with_package(config: Config, package: str | None) -> Config:
    """Applies --package NAME over the config file's package name."""
    if not package:
        return config
    try:
        new_package = PackageConfig.model_validate({**config.package.model_dump(), "name": package})
    except pydantic.ValidationError:
        raise FatalError(Diagnostic("", Severity.ERROR, f"--package {package!r}: must be a "
                                    "lowercase Python module name (letters, digits, _)")) from None
    return config.model_copy(update={"package": new_package})
