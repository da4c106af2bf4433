"""Request and response media types, on the golden `media_types` package: multipart parts
with their own media types, a bare body chosen when its field comes alone, form bodies,
text in and out, and the response headers the spec declares, typed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from codegen.pipeline import generate_files
from tests.golden.cases import HERE, config_for
from tests.helpers import imported, multipart_parts, write_package

from .conftest import Recorder

OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"
ANSWER = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n"


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    spec = HERE / "media_types" / "spec.yaml"
    result = generate_files(str(spec), config_for("media_types"))
    assert result.ok, [d.render() for d in result.diagnostics]
    root = tmp_path_factory.mktemp("media")
    write_package(result.files, root, "golden_media_types")
    with imported(root, "golden_media_types") as package:
        yield package


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(201, content=ANSWER.encode(), headers={
        "content-type": "application/sdp", "location": "/calls/c_1", "x-call-seconds": "12"})


def _client(media: Any, handler: Recorder) -> Any:
    return media.Client(api_key="k", base_url="http://test",
                        http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_the_field_alone_is_the_bare_body(media: Any) -> None:
    handler = Recorder(_answer)
    answer = _client(media, handler).calls.create(offer=OFFER)
    assert answer == ANSWER and isinstance(answer, str)
    sent = handler.last
    assert sent.headers["content-type"] == "application/sdp"
    assert sent.headers["accept"] == "application/sdp"
    assert sent.content == OFFER.encode()


def test_more_fields_make_typed_parts(media: Any, tmp_path: Path) -> None:
    handler = Recorder(_answer)
    wav = tmp_path / "call.wav"
    wav.write_bytes(b"RIFF....WAVE")
    _client(media, handler).calls.create(offer=OFFER, session={"voice": "ash", "speed": 1.5},
                                         recording=wav)
    sent = handler.last
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(sent.headers["content-type"], sent.content)
    assert parts["offer"] == ("application/sdp", OFFER.encode(), None)
    session_type, session, _ = parts["session"]
    assert session_type == "application/json"
    assert json.loads(session) == {"voice": "ash", "speed": 1.5}
    assert parts["recording"] == ("audio/wav", b"RIFF....WAVE", "call.wav")


def test_extra_body_keeps_the_multipart_form(media: Any) -> None:
    handler = Recorder(_answer)
    _client(media, handler).calls.create(offer=OFFER, extra_body={"trace": "on"})
    parts = multipart_parts(handler.last.headers["content-type"], handler.last.content)
    assert set(parts) == {"trace", "offer"}
    assert parts["offer"][0] == "application/sdp"


def test_declared_headers_are_typed(media: Any) -> None:
    handler = Recorder(_answer)
    raw = _client(media, handler).calls.with_raw_response.create(offer=OFFER)
    assert raw.parse() == ANSWER
    headers = raw.headers_as(media.types.CallCreateResponseHeaders)
    assert headers.location == "/calls/c_1"
    assert headers.x_call_seconds == 12


def test_a_form_body_is_urlencoded(media: Any) -> None:
    handler = Recorder(httpx.Response(200, json={"id": "f_1"}))
    done = _client(media, handler).forms.create(name="a b", tags=["x", "y"],
                                                metadata={"k": "v"})
    assert done.id == "f_1"
    sent = handler.last
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.content == b"name=a+b&tags=x&tags=y&metadata%5Bk%5D=v"


def test_same_fields_in_another_encoding_go_as_json(media: Any) -> None:
    handler = Recorder(httpx.Response(204))
    assert _client(media, handler).notes.create(text="hi", pinned=True) is None
    sent = handler.last
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["accept"] == "*/*"
    assert json.loads(sent.content) == {"text": "hi", "pinned": True}


def test_json_unless_a_file_is_given(media: Any) -> None:
    handler = Recorder(httpx.Response(204))
    client = _client(media, handler)
    client.uploads.create(file_id="file_1")
    assert handler.last.headers["content-type"] == "application/json"
    assert json.loads(handler.last.content) == {"file_id": "file_1"}
    client.uploads.create(file=("rows.csv", b"a,b\n1,2\n"))
    sent = handler.last
    parts = multipart_parts(sent.headers["content-type"], sent.content)
    assert parts == {"file": ("text/csv", b"a,b\n1,2\n", "rows.csv")}


@pytest.mark.asyncio
async def test_the_async_client_chooses_the_same_forms(media: Any) -> None:
    handler = Recorder(_answer)
    async with media.AsyncClient(api_key="k", base_url="http://test", http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(handler))) as client:
        assert await client.calls.create(offer=OFFER) == ANSWER
        assert handler.last.headers["content-type"] == "application/sdp"
        await client.calls.create(offer=OFFER, session={"voice": "ash"})
    parts = multipart_parts(handler.last.headers["content-type"], handler.last.content)
    assert parts["session"] == ("application/json", b'{"voice":"ash"}', None)
