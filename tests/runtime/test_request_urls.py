"""Request URLs: the shortcut that joins a method's path to the base URL as text gives the URL
the long way (httpx URL objects) gives, for any path; everything else takes the long way."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import Recorder, json_response, sync_client

BASE_URLS = [
    "https://api.example.com/v1",
    "http://localhost:4010/api/?api-version=2",
    "http://user:p%40ss@127.0.0.1:8080/",
    "https://[::1]:9/x%20y/",
    "https://API.Example.com",
]
# What a filled-in path template can hold, and what a hand-written path might.
PATH_CHARS = st.sampled_from(list("az09-._~%!$&'()*+,;=:@/ ") + ["é", "\u2603", "%2F", "%zz"])
PLAIN_PATHS = st.lists(PATH_CHARS, max_size=12).map(lambda chars: "/" + "".join(chars)).filter(
    lambda path: not path.startswith("//")
)


def _pending(rt: Any, path: str) -> Any:
    request = rt.import_module("_request")
    return request.PendingRequest(
        "GET", path, body=None, query=None, headers=None, files=None, multipart=False,
        encoding=None, bare=None, content_type=None, accept=None, options={}, cast_to=object,
    )  # fmt: skip


def _outcome(build: Any) -> tuple[str, str]:
    """("ok", the URL) or ("error", the exception's type)."""
    try:
        return "ok", str(build())
    except httpx.InvalidURL as exc:
        return "error", type(exc).__name__


def _joins_alike(rt: Any, client: Any) -> None:
    @settings(max_examples=80, deadline=None, database=None)
    @given(path=PLAIN_PATHS)
    def check(path: str) -> None:
        url, params = client._url_and_params(_pending(rt, path))
        assert isinstance(url, str)  # the shortcut was taken
        long_params: dict[str, object] = {}
        long_way = _outcome(lambda: client._joined_url(path, long_params))
        assert _outcome(lambda: httpx.URL(url)) == long_way
        assert params == rt.utils.encode_query(long_params)

    check()


def test_the_shortcut_joins_a_path_as_the_long_way_does(rt: Any) -> None:
    for base_url in BASE_URLS:
        _joins_alike(rt, sync_client(rt, Recorder(json_response(200, {})), base_url=base_url))


@pytest.mark.parametrize(
    ("base_url", "path", "sent"),
    [
        ("https://api.example.com/v1", "https://other.example.com/x?q=1",
         "https://other.example.com/x?q=1"),
        ("https://api.example.com/v1", "/things?page=2", "https://api.example.com/v1/things?page=2"),
        ("https://api.example.com/v1", "//evil.example.com/x", "https://api.example.com/v1/x"),
        ("https://api.example.com/v1#frag", "/things", "https://api.example.com/v1/things#frag"),
    ],
    ids=["absolute", "query-in-path", "network-path", "base-with-fragment"],
)  # fmt: skip
def test_other_paths_take_the_long_way(rt: Any, base_url: str, path: str, sent: str) -> None:
    rec = Recorder(json_response(200, {}))
    client = sync_client(rt, rec, base_url=base_url)
    url, _ = client._url_and_params(_pending(rt, path))
    assert isinstance(url, httpx.URL)
    client._client.send(client._build_request(_pending(rt, path), 0))
    assert str(rec.last.url) == sent


def test_a_request_without_query_has_no_question_mark(rt: Any) -> None:
    rec = Recorder(json_response(200, {}))
    client = sync_client(rt, rec, base_url="https://api.example.com/v1?")
    client._client.send(client._build_request(_pending(rt, "/things/a%2Fb"), 0))
    assert str(rec.last.url) == "https://api.example.com/v1/things/a%2Fb"
