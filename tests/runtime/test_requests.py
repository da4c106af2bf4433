"""What goes on the wire: URL, method, headers, body, query, auth."""

from __future__ import annotations

import json
import sys
from typing import Any

import httpx
import pytest

from .conftest import API_KEY, Recorder, json_response, sync_client

THING = {"id": "t1", "name": "n"}


def test_post_url_method_headers_and_body(rt: Any) -> None:
    rec = Recorder(json_response(200, THING))
    client = sync_client(rt, rec)
    thing = client.things.create(name="n", size=None, tags=("a", "b"))
    req = rec.last
    assert req.method == "POST"
    assert str(req.url) == "https://api.example.com/v1/things"
    assert req.headers["authorization"] == f"Bearer {API_KEY}"
    assert req.headers["content-type"] == "application/json"
    assert req.headers["accept"] == "application/json"
    py = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert req.headers["user-agent"] == f"{rt.name}/0.1.0 python/{py} httpx/{httpx.__version__}"
    assert "x-retry-count" not in req.headers
    assert rt.import_module("_api_response").RAW_RESPONSE_HEADER.lower() not in req.headers
    # omit dropped, explicit None sent as null, tuple sent as list
    assert json.loads(req.content) == {"name": "n", "size": None, "tags": ["a", "b"]}
    assert thing.id == "t1" and type(thing).__name__ == "Thing"


def test_omitted_arguments_are_not_sent(rt: Any) -> None:
    rec = Recorder(json_response(200, THING))
    sync_client(rt, rec).things.create(name="n")
    assert json.loads(rec.last.content) == {"name": "n"}


def test_extra_body_query_headers_and_omit_header(rt: Any) -> None:
    rec = Recorder(json_response(200, THING))
    client = sync_client(rt, rec, default_headers={"X-Team": "a"}, default_query={"v": "1"})
    client.things.create(
        name="n",
        extra_body={"extra": {"deep": True}},
        extra_query={"debug": True},
        extra_headers={"X-Extra": "1", "user-agent": rt.types.omit, "x-team": "b"},
    )
    req = rec.last
    assert json.loads(req.content) == {"name": "n", "extra": {"deep": True}}
    assert req.url.params.multi_items() == [("v", "1"), ("debug", "true")]
    assert req.headers["x-extra"] == "1"
    assert req.headers["x-team"] == "b"
    # an omit header value removes the header we would send; httpx then adds its own
    assert not req.headers["user-agent"].startswith(rt.name)


def test_get_with_path_template_query_and_header(rt: Any) -> None:
    rec = Recorder(json_response(200, THING))
    client = sync_client(rt, rec)
    client.things.retrieve("a/b c?", expand=["x", "y"], verbose=False, x_trace="tr")
    req = rec.last
    assert req.method == "GET"
    assert req.url.raw_path == b"/v1/things/a%2Fb%20c%3F?expand=x&expand=y&verbose=false"
    assert req.headers["x-trace"] == "tr"
    assert req.content == b""
    assert "content-type" not in req.headers

    client.things.retrieve("..")
    assert rec.last.url.raw_path == b"/v1/things/%2E%2E"
    with pytest.raises(ValueError, match="non-empty"):
        client.things.retrieve("")


def test_query_encoding(rt: Any) -> None:
    encode = rt.utils.encode_query
    pairs = encode(
        {
            "list": [1, 2],
            "obj": {"a": {"b": "c"}, "flag": True},
            "none": None,
            "omitted": rt.types.omit,
            "f": False,
        }
    )
    assert pairs == [
        ("list", "1"),
        ("list", "2"),
        ("obj[a][b]", "c"),
        ("obj[flag]", "true"),
        ("f", "false"),
    ]


def test_unexploded_query_values_are_comma_separated(rt: Any) -> None:
    import datetime

    join = rt.utils.comma_separated
    assert join([1, "b", True, datetime.date(2024, 1, 2)]) == "1,b,true,2024-01-02"
    assert join({"role": "admin", "n": 2}) == "role,admin,n,2"
    assert join("single") == "single" and join(None) is None
    assert join(rt.types.omit) is rt.types.omit
    assert rt.utils.encode_query({"ids": join([3, 4]), "gone": join(rt.types.omit)}) == [
        ("ids", "3,4")
    ]


def test_to_jsonable_drops_omit_at_any_depth(rt: Any) -> None:
    import datetime

    omit = rt.types.omit
    body = {"a": {"b": omit, "c": None}, "l": [1, omit, 2], "d": datetime.date(2024, 1, 2)}
    assert rt.utils.to_jsonable(body) == {"a": {"c": None}, "l": [1, 2], "d": "2024-01-02"}


def test_model_in_body_is_dumped_by_alias_and_exclude_unset(rt: Any) -> None:
    thing = rt.api.Thing.model_validate({"id": "x", "from": "me"})
    assert rt.utils.to_jsonable({"t": thing}) == {"t": {"id": "x", "from": "me"}}


def test_base_url_without_trailing_slash_and_with_query(rt: Any) -> None:
    rec = Recorder(json_response(200, THING))
    client = sync_client(rt, rec, base_url="http://localhost:4010/api?api-version=2")
    client.things.create(name="n", extra_query={"z": "1"})
    assert str(rec.last.url) == "http://localhost:4010/api/things?api-version=2&z=1"


def test_absolute_path_is_used_as_is(rt: Any) -> None:
    rec = Recorder(json_response(200, {"ok": True}))
    client = sync_client(rt, rec)
    assert client.get("https://other.example.com/x", cast_to=object) == {"ok": True}
    assert str(rec.last.url) == "https://other.example.com/x"


def test_public_verbs(rt: Any) -> None:
    rec = Recorder(json_response(200, {"ok": True}))
    client = sync_client(rt, rec)
    for verb in ("get", "post", "put", "patch", "delete"):
        getattr(client, verb)("/x", cast_to=object, query={"q": 1})
        assert rec.last.method == verb.upper()
        assert str(rec.last.url) == "https://api.example.com/v1/x?q=1"
    assert client.delete("/x", cast_to=type(None)) is None
    assert client.get("/x", cast_to=bytes) == b'{"ok":true}'
    assert client.get("/x", cast_to=str) == '{"ok":true}'
    assert client.get("/x", cast_to=httpx.Response).status_code == 200


@pytest.mark.parametrize(
    ("kind", "check"),
    [
        ("bearer", lambda r: r.headers["authorization"] == f"Bearer {API_KEY}"),
        ("header", lambda r: r.headers["x-api-key"] == API_KEY),
        ("query", lambda r: r.url.params["key"] == API_KEY),
        ("none", lambda r: "authorization" not in r.headers and not r.url.params),
    ],
)
def test_auth_kinds(render: Any, monkeypatch: Any, kind: str, check: Any) -> None:
    monkeypatch.delenv("TESTAPI_API_KEY", raising=False)
    rt = render(auth=kind)
    rec = Recorder(json_response(200, {}))
    client = sync_client(rt, rec, api_key=None if kind == "none" else API_KEY)
    client.get("/x", cast_to=object)
    assert check(rec.last)
    if kind != "bearer":
        assert "authorization" not in rec.last.headers


def test_basic_auth(render: Any) -> None:
    import base64

    rt = render(auth="basic")
    rec = Recorder(json_response(200, {}))
    client = sync_client(rt, rec, api_key="user:pa ss")
    client.get("/x", cast_to=object)
    token = base64.b64encode(b"user:pa ss").decode()
    assert rec.last.headers["authorization"] == f"Basic {token}"
    client = sync_client(rt, rec, api_key="token-only")  # a user name without a password
    client.get("/x", cast_to=object)
    assert rec.last.headers["authorization"] == "Basic " + base64.b64encode(b"token-only").decode()


def test_multipart_upload(rt: Any, tmp_path: Any) -> None:
    rec = Recorder(json_response(200, THING))
    client = sync_client(rt, rec)
    path = tmp_path / "hello.txt"
    path.write_bytes(b"hello file")
    client.things.upload(file=path, purpose="test", meta={"k": "v"})
    req = rec.last
    ctype = req.headers["content-type"]
    assert ctype.startswith("multipart/form-data; boundary=")
    body = req.content
    assert b'name="file"; filename="hello.txt"' in body
    assert b"hello file" in body
    assert b'name="purpose"\r\n\r\ntest' in body
    assert b'name="meta"\r\n\r\n{"k":"v"}' in body

    client.things.upload(file=("x.bin", b"\x00\x01", "application/octet-stream"), purpose="p")
    body = rec.last.content
    assert b'filename="x.bin"' in body and b"Content-Type: application/octet-stream" in body
    assert b'name="meta"' not in body
