"""The document as a whole: is it OpenAPI 3.0/3.1, its info, servers and authentication."""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic, Diagnostics, FatalError, Severity
from ..ir import Auth, Server
from ..pointers import pointer_join

SUPPORTED = re.compile(r"^3\.(0|1)\.\d+$")


def check_version(data: Any, path: str) -> str:
    """The OpenAPI version, or a FatalError saying what the document is instead."""
    def fatal(message: str, hint: str, pointer: str = "") -> FatalError:
        return FatalError(Diagnostic(pointer, Severity.ERROR, message, hint, path))

    if data is None or data in ({}, ""):
        raise fatal("the spec is empty", "give the path of an OpenAPI 3.0 or 3.1 document")
    if not isinstance(data, dict):
        raise fatal(f"the document is a {type(data).__name__}, not an OpenAPI object",
                    "an OpenAPI document is a mapping with `openapi`, `info` and `paths`")
    if "swagger" in data:
        raise fatal(f"Swagger {data.get('swagger')} (OpenAPI 2) is not supported",
                    "convert it to OpenAPI 3 first, e.g. `npx swagger2openapi spec.json -o "
                    "spec3.yaml` or https://converter.swagger.io", "#/swagger")
    version = data.get("openapi")
    if version is None:
        raise fatal("not an OpenAPI document: there is no `openapi` field",
                    "an OpenAPI 3 document starts with `openapi: 3.1.0` (or 3.0.x)")
    text = str(version)
    if not SUPPORTED.match(text):
        raise fatal(f"OpenAPI version {text} is not supported (supported: 3.0.x and 3.1.x)",
                    "set `openapi:` to a 3.0 or 3.1 version if the document follows one",
                    "#/openapi")
    return text


# Top-level fields read as containers: the JSON type each must have, and whether the API can
# still be generated without it (a warning) or not (an error).
CONTAINERS: dict[str, tuple[type, bool]] = {
    "info": (dict, True), "servers": (list, True), "security": (list, True),
    "webhooks": (dict, True), "paths": (dict, False), "components": (dict, False)}


def well_formed(data: dict[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    """The document with each top-level container (and components section) of the wrong JSON
    type reported and left out, so that later stages may trust the types they read."""
    out = dict(data)
    for key, (kind, optional) in CONTAINERS.items():
        if out.get(key) is not None and not isinstance(out[key], kind):
            report = diagnostics.warning if optional else diagnostics.error
            report(f"#/{key}", f"`{key}` must be a {'mapping' if kind is dict else 'list'}, "
                   f"got {type(out[key]).__name__}; ignored")
            del out[key]
    components = out.get("components") or {}
    for name, section in components.items():
        if section is not None and not isinstance(section, dict):
            diagnostics.error(f"#/components/{name}", f"components.{name} must be a mapping, "
                              f"got {type(section).__name__}; ignored")
    out["components"] = {k: v for k, v in components.items() if isinstance(v, dict)}
    return out


def servers(data: dict[str, Any], diagnostics: Diagnostics) -> tuple[Server, ...]:
    out = []
    for index, server in enumerate(data.get("servers") or []):
        if not isinstance(server, dict) or not isinstance(server.get("url"), str):
            diagnostics.warning(pointer_join("#/servers", index), "server without a url; skipped")
            continue
        variables = server.get("variables")
        url = _fill_variables(server["url"], variables if isinstance(variables, dict) else {})
        out.append(Server(url, str(server.get("description") or "")))
    return tuple(out)


def _fill_variables(url: str, variables: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        var = variables.get(match.group(1))
        if isinstance(var, dict) and "default" in var:
            return str(var["default"])
        return match.group(0)

    return re.sub(r"\{([^}]*)\}", value, url)


def auth(data: dict[str, Any], diagnostics: Diagnostics) -> Auth:
    """The client's authentication, from the first scheme the document requires (or offers)."""
    schemes = (data.get("components") or {}).get("securitySchemes") or {}
    if not isinstance(schemes, dict) or not schemes:
        return Auth("none")
    names = [name for req in data.get("security") or [] if isinstance(req, dict) for name in req]
    names += [name for name in schemes if name not in names]
    for name in names:
        scheme = schemes.get(name)
        if not isinstance(scheme, dict):
            continue
        pointer = pointer_join("#/components/securitySchemes", name)
        found = _auth_of(scheme, pointer)
        if found is not None:
            return found
        diagnostics.warning(pointer, f"security scheme '{name}' ({scheme.get('type')}) is not "
                            "supported by the generated client; requests carry no credentials "
                            "for it", "pass them with default_headers or extra_headers")
    return Auth("none")


def _auth_of(scheme: dict[str, Any], pointer: str) -> Auth | None:
    kind = scheme.get("type")
    if kind == "http":
        http = str(scheme.get("scheme", "")).lower()
        if http == "bearer":
            return Auth("bearer", "", pointer)
        if http == "basic":
            return Auth("basic", "", pointer)
        return None
    if kind == "apiKey":
        where, name = scheme.get("in"), scheme.get("name")
        if where in ("header", "query") and isinstance(name, str) and name:
            return Auth(where, name, pointer)
        return None
    if kind in ("oauth2", "openIdConnect"):
        return Auth("bearer", "", pointer)
    return None
