"""with_raw_response: status, headers and the parsed value of the same call."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from .conftest import Recorder, async_client, json_response, sync_client


def test_raw_response_sync(rt: Any) -> None:
    rec = Recorder(json_response(201, {"id": "t1", "name": "n"}, {"x-request-id": "req_9"}))
    client = sync_client(rt, rec)
    raw = client.things.with_raw_response.create(name="n", extra_headers={"X-Mine": "1"})
    assert isinstance(raw, rt.import_module("_api_response").APIResponse)
    assert raw.status_code == 201
    assert raw.headers["x-request-id"] == "req_9"
    assert raw.request_id == "req_9"
    assert raw.http_response.status_code == 201
    assert raw.json() == {"id": "t1", "name": "n"}
    assert raw.text == '{"id":"t1","name":"n"}'
    thing = raw.parse()
    assert type(thing).__name__ == "Thing" and thing.id == "t1"
    assert raw.parse() is thing  # cached
    # the marker never reaches the server; the caller's own headers do
    sent = rec.last.headers
    assert rt.import_module("_api_response").RAW_RESPONSE_HEADER.lower() not in sent
    assert sent["x-mine"] == "1"
    assert "APIResponse [201 Created] type=Thing" in repr(raw)


def test_raw_response_keeps_positional_arguments(rt: Any) -> None:
    rec = Recorder(json_response(200, {"id": "abc"}))
    client = sync_client(rt, rec)
    raw = client.things.with_raw_response.retrieve("abc", verbose=True)
    assert raw.parse().id == "abc"
    assert rec.last.url.path == "/v1/things/abc"


def test_raw_response_errors_still_raise(rt: Any) -> None:
    client = sync_client(rt, Recorder(json_response(400, {"error": {"message": "bad"}})))
    with pytest.raises(rt.exceptions.BadRequestError, match="bad"):
        client.things.with_raw_response.create(name="n")


def test_raw_response_parse_is_lenient_or_strict(rt: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {"id": "t", "status": "new-status"}
    raw = sync_client(rt, Recorder(json_response(200, data))).things.with_raw_response.create(
        name="n"
    )
    assert raw.parse().status == "new-status"
    strict = sync_client(rt, Recorder(json_response(200, data)), strict_response_validation=True)
    raw = strict.things.with_raw_response.create(name="n")  # the call itself succeeds
    with pytest.raises(rt.exceptions.APIResponseValidationError):
        raw.parse()


async def test_raw_response_async(rt: Any) -> None:
    rec = Recorder(json_response(200, {"id": "t2"}, {"x-request-id": "req_a"}))
    client = async_client(rt, rec)
    raw = await client.things.with_raw_response.create(name="n")
    assert isinstance(raw, rt.import_module("_api_response").AsyncAPIResponse)
    assert raw.status_code == 200 and raw.request_id == "req_a"
    assert await raw.json() == {"id": "t2"}
    assert (await raw.parse()).id == "t2"
    assert await raw.read() == b'{"id":"t2"}'
    assert rt.import_module("_api_response").RAW_RESPONSE_HEADER.lower() not in rec.last.headers


async def test_async_resource_request(rt: Any) -> None:
    import json

    rec = Recorder(json_response(200, {"id": "t3"}))
    client = async_client(rt, rec)
    thing = await client.things.create(name="n", size=None, extra_query={"a": [1, 2]})
    assert thing.id == "t3"
    req = rec.last
    assert str(req.url) == "https://api.example.com/v1/things?a=1&a=2"
    assert req.headers["authorization"].startswith("Bearer ")
    assert json.loads(req.content) == {"name": "n", "size": None}
    assert client.things is client.things
