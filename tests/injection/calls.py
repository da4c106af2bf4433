"""A call of every operation through httpx.MockTransport: each path, query, header and body
parameter is sent under its wire name, and the response parses back to the JSON it came from."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import httpx
import pydantic

from codegen.pipeline import Generated

from .expectations import (
    Op,
    auth_name,
    body_is_flattened,
    body_schema,
    fail,
    record,
    resolve,
    sample,
    schemes_of,
)
from .strategies import Case
from .structure import BASE_URL, check_model_class

MISSING = object()
TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
MANAGED_HEADERS = frozenset({"content-type", "content-length", "host", "authorization",
                             "accept", "user-agent", "transfer-encoding", "connection",
                             "accept-encoding", "cookie", "expect", "te", "upgrade",
                             "idempotency-key", "x-stainless-retry-count"})


@dataclass
class Call:
    kwargs: dict[str, Any]
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    path_values: dict[str, str]


def plan_call(case: Case, gen: Generated, op: Op) -> Call:
    assert gen.names is not None
    kw = {(a.location, a.wire): a.name for a in gen.names.signatures[op.key].arguments}
    call = Call({}, {}, {}, MISSING, {})
    for i, p in enumerate(op.params("path")):
        call.path_values[p["name"]] = f"v{i}"
        call.kwargs[kw[("path", p["name"])]] = f"v{i}"
    for p in op.params("query"):
        value = sample(p["schema"])
        call.query[p["name"]] = str(value)
        call.kwargs[kw[("query", p["name"])]] = value
    for p in op.params("header"):
        if TOKEN.match(p["name"]) and p["name"].lower() not in MANAGED_HEADERS:
            call.headers[p["name"]] = "h"
            call.kwargs[kw[("header", p["name"])]] = "h"
    schema = body_schema(case.doc, op)
    if schema is not None:
        call.body = sample(schema)
        if body_is_flattened(case.doc, op):
            for wire, value in call.body.items():
                call.kwargs[kw[("body", wire)]] = value
        else:
            call.kwargs[kw[("body", "body")]] = call.body
    return call


def response_payload(case: Case, op: Op) -> tuple[str, Any]:
    """The media type and content the mock server answers with."""
    response = next(iter(op.node["responses"].values()))
    if "content" not in response:
        return "", None
    media, content = next(iter(response["content"].items()))
    if media == "text/plain":
        return media, "text \u2028 \"\"\" \x00"
    if media == "application/octet-stream":
        return media, b"\x00\xff binary"
    return media, sample(resolve(case.doc, content["schema"]))


def response_schema(case: Case, op: Op) -> dict[str, Any]:
    response = next(iter(op.node["responses"].values()))
    return resolve(case.doc, response["content"]["application/json"]["schema"])


def answer(media: str, payload: Any) -> httpx.Response:
    if not media:
        return httpx.Response(204)
    if media == "application/json":
        return httpx.Response(200, json=payload)
    content = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    return httpx.Response(200, content=content, headers={"content-type": media})


def expected_path(op: Op, call: Call) -> str | None:
    """The URL path the call must hit, when its static segments are plain enough to predict."""
    out = []
    for segment in op.path.split("/")[1:]:
        name = segment[1:-1] if segment.startswith("{") and segment.endswith("}") else None
        if name is not None:
            out.append(call.path_values[name])
        elif re.fullmatch(r"[A-Za-z0-9_~-]*", segment) and segment not in ("", ".", ".."):
            out.append(segment)
        else:
            return None
    return "/" + "/".join(out)


def client_for(pkg: ModuleType, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
    transport = httpx.MockTransport(handler)
    return pkg.Client(api_key="k", base_url=BASE_URL, max_retries=0,
                      http_client=httpx.Client(transport=transport),
                      strict_response_validation=True)


def resource_of(gen: Generated, client: Any, op: Op) -> Any:
    assert gen.api is not None and gen.names is not None
    resource = gen.names.placements[op.key].resource
    target = client
    for depth in range(1, len(resource) + 1):
        names = gen.names.resources[resource[:depth]]
        target = getattr(target, names.attr, None)
        if type(target).__name__ != names.sync_class:
            fail("collision", f"client.{'.'.join(resource[:depth])} (attribute "
                 f"{names.attr!r}) is {type(target).__name__}, not {names.sync_class}")
    method = getattr(target, gen.names.methods[op.key], None)
    if getattr(method, "__self__", None) is not target or not callable(method):
        fail("collision", f"{gen.names.methods[op.key]!r} of {type(target).__name__} for "
             f"{op.verb} {op.path!r} is {method!r}, not the operation's method")
    return method


def check_signature(gen: Generated, op: Op, method: Any) -> None:
    assert gen.names is not None
    arguments = gen.names.signatures[op.key].arguments
    expected = {a.name for a in arguments}
    got = set(inspect.signature(method).parameters) - {"extra_headers", "extra_query",
                                                       "extra_body", "timeout"}
    if got != expected or len(expected) != len(arguments):
        fail("collision", f"{op.verb} {op.path!r}: arguments {sorted(got)} for "
             f"{len(arguments)} parameters {sorted((a.location, a.wire) for a in arguments)}")


def sendable(case: Case, op: Op) -> bool:
    """Whether httpx can send this operation at all: a control character in a static path
    segment makes the URL invalid, and a header name must be an HTTP token."""
    statics = [s for s in op.path.split("/") if not (s.startswith("{") and s.endswith("}"))]
    if any(ord(c) < 0x20 or ord(c) == 0x7F for s in statics for c in s):
        return False
    schemes = schemes_of(case.doc)
    return all(s["in"] != "header" or TOKEN.match(s["name"]) for s in schemes.values())


def check_call(case: Case, gen: Generated, pkg: ModuleType, op: Op) -> None:
    seen: list[httpx.Request] = []
    media, payload = response_payload(case, op)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(media, payload)

    client = client_for(pkg, handler)
    method = resource_of(gen, client, op)
    check_signature(gen, op, method)
    if not sendable(case, op):
        record("call skipped: the path or auth header cannot be sent over HTTP")
        return
    call = plan_call(case, gen, op)
    try:
        result = method(**call.kwargs)
    except Exception as exc:  # any exception is the finding
        fail("round-trip", f"{op.verb} {op.path!r}({call.kwargs!r}): {type(exc).__name__}: "
             f"{exc}")
    request = seen[-1]
    record("checked: a call through the mock transport")
    check_request(case, op, call, request)
    got = result.to_dict(mode="json") if hasattr(result, "to_dict") else result
    if type(result).__name__ == "BinaryResponse":  # bytes come back whole, never decoded
        got = result.content
    if got != payload:
        fail("round-trip", f"{op.verb} {op.path!r}: response {payload!r} parsed to {got!r}")
    if isinstance(result, pydantic.BaseModel):
        schema = response_schema(case, op)
        check_model_class(type(result), schema, f"response of {op.verb} {op.path!r}")


def check_request(case: Case, op: Op, call: Call, request: httpx.Request) -> None:
    where = f"{op.verb} {op.path!r}"
    if request.method != op.verb.upper():
        fail("round-trip", f"{where}: sent as {request.method}")
    path = expected_path(op, call)
    if path is not None and request.url.path != path:
        fail("round-trip", f"{where}: requested {request.url.path!r}, expected {path!r}")
    auth = auth_name(case)
    for wire, value in call.query.items():
        if wire != auth and request.url.params.get_list(wire) != [value]:
            fail("round-trip", f"{where}: query {wire!r} = {value!r} sent as "
                 f"{request.url.params.get_list(wire)!r} in {request.url.query!r}")
    for wire, value in call.headers.items():
        if wire.lower() != (auth or "").lower() and request.headers.get_list(wire) != [value]:
            fail("round-trip", f"{where}: header {wire!r} sent as "
                 f"{request.headers.get_list(wire)!r}")
    if call.body is not MISSING:
        sent = json.loads(request.content) if request.content else None
        optional_empty = call.body == {} and not op.node["requestBody"]["required"]
        if sent != call.body and not (sent is None and optional_empty):
            fail("round-trip", f"{where}: body {call.body!r} sent as {sent!r}")
