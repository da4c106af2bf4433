"""The runtime's Stream and AsyncStream against a real server (uvicorn, tests/live_server.py):
events as they arrive, typed and forward-compatible parsing, the terminator, error events,
broken and cut streams, and connections released however the loop ends.

`python -m tests.runtime.test_streaming` measures events per second (ours, the official
OpenAI SDK's Stream, a bare iter_lines + json.loads loop) on chat-completion chunks."""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.live_server import live_server_fixture, serve
from tests.runtime.conftest import Rendered, generate_into
from tests.runtime.conftest import _forget as forget_package
from tests.runtime.conftest import _import as import_package

__all__ = ["live_server_fixture"]  # the `live_server` fixture, for the test that uses it

# --- the server ------------------------------------------------------------------------------

FAIL = b"<the server raises here>"
THING = {"id": "t1", "name": "one", "status": "active", "created_at": "2024-05-01T12:00:00Z",
         "input": {"turn_detection": {"type": "server_vad", "threshold": 0.5}}}
FUTURE_THING = {"id": "t2", "status": "deleted", "brand_new": {"x": [1, 2]},
                "input": {"turn_detection": {"type": "future_vad", "level": 3}}}


def data(value: object) -> bytes:
    return b"data: " + json.dumps(value).encode() + b"\n\n"


# Each script is the exact chunks the server writes, one write each.
SCRIPTS: dict[str, list[bytes]] = {
    "things": [data(THING), data(FUTURE_THING), b"data: [DONE]\n\n"],
    "detections": [data({"type": "semantic_vad", "eagerness": "high"}),
                   data({"type": "future_vad", "level": 3})],
    "done": [data({"n": 1}), b"data: [DONE]\n\n", data({"n": "after the terminator"})],
    "text": [b"data: plain words\n\n", b"data: {not json\n\n", b"data: [DONE]\n\n"],
    "error-event": [data({"n": 1}), b"event: error\n",
                    data({"error": {"message": "the model is overloaded", "code": "E42"}}),
                    data({"n": "after the error"})],
    "error-event-flat": [b"event: error\n",
                         data({"type": "error", "message": "slow down", "code": "rate_limit"})],
    "error-event-text": [b"event: error\ndata: it broke\n\n"],
    "error-member": [data({"n": 1}), data({"error": {"message": "bad chunk", "type": "server"}})],
    "not-errors": [data({"id": "a", "error": None}), data({"id": "b", "error": "a string"}),
                   data({"id": "c", "error": {}}), b"data: [DONE]\n\n"],
    "cut-by-failure": [data({"n": 1}), b'data: {"n": ', FAIL],
    "cut-at-eof": [data({"n": 1}), b'data: {"n": 2}\n'],
    "ends-without-terminator": [data({"n": 1}), data({"n": 2})],
    "split": [b'da', b'ta: {"n"', b': "\xe2\x98', b'\x83"}\r', b'\n\r', b'\nda', b'ta: [DONE]\n\n'],
}
GATES: dict[str, threading.Event] = {}
WAIT = 10.0  # seconds a server handler waits for the test at most


async def scripted(request: Request) -> Response:
    chunks = SCRIPTS[request.path_params["name"]]

    async def body() -> AsyncIterator[bytes]:
        for chunk in chunks:
            if chunk is FAIL:
                raise RuntimeError("the server fails in the middle of an event")
            yield chunk
            await asyncio.sleep(0)  # one write each

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"x-request-id": "req_42"})


async def _opened(request: Request, gate: threading.Event) -> bool:
    deadline = time.monotonic() + WAIT
    while not gate.is_set():
        if time.monotonic() > deadline or await request.is_disconnected():
            return False
        await asyncio.sleep(0.005)
    return True


async def gated(request: Request) -> Response:
    """The first event, then the rest only once the test has opened the gate."""
    gate = GATES[request.path_params["token"]]

    async def body() -> AsyncIterator[bytes]:
        yield data({"id": "first"})
        if await _opened(request, gate):
            yield data({"id": "second"}) + b"data: [DONE]\n\n"
        else:
            yield data({"id": "the gate never opened"})

    return StreamingResponse(body(), media_type="text/event-stream")


async def endless(request: Request) -> Response:
    """An event, then silence for as long as the client listens (WAIT at most)."""

    async def body() -> AsyncIterator[bytes]:
        yield data({"id": "first"})
        await _opened(request, threading.Event())

    return StreamingResponse(body(), media_type="text/event-stream")


async def sse_starlette_things(request: Request) -> Response:
    """The same things through sse-starlette (its events end in CRLF)."""

    async def events() -> AsyncIterator[dict[str, str]]:
        for thing in (THING, FUTURE_THING):
            yield {"event": "thing", "id": thing["id"], "data": json.dumps(thing)}
        yield {"data": "[DONE]"}

    return EventSourceResponse(events())


async def hello(request: Request) -> Response:
    return PlainTextResponse("hello")


APP = Starlette(routes=[
    Route("/script/{name}", scripted),
    Route("/gated/{token}", gated),
    Route("/endless", endless),
    Route("/sse-starlette", sse_starlette_things),
    Route("/hello", hello),
])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(APP) as url:
        yield url


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """A package generated from api.yaml, one for the whole module."""
    name = "rt_sse_stream"
    root = tmp_path_factory.mktemp(name)
    generate_into(root, name)
    yield import_package(name, root)
    forget_package(name)


@pytest.fixture(scope="module")
def streaming(rt: Rendered) -> ModuleType:
    return rt.import_module("_streaming")


@pytest.fixture
def gate() -> Iterator[tuple[str, threading.Event]]:
    token, event = f"g{len(GATES)}", threading.Event()
    GATES[token] = event
    yield token, event
    event.set()  # whatever happened, let the server's handler end


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=httpx.Timeout(5, pool=2)) as http:
        yield http


@pytest.fixture
async def aclient() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=httpx.Timeout(5, pool=2)) as http:
        yield http


def open_stream(streaming: ModuleType, http: httpx.Client, url: str, event_type: Any = Any,
                strict: bool = False) -> Any:
    response = http.send(http.build_request("GET", url), stream=True)
    assert response.status_code == 200
    return streaming.Stream(event_type=event_type, response=response, strict=strict)


async def open_async_stream(streaming: ModuleType, http: httpx.AsyncClient, url: str,
                            event_type: Any = Any, strict: bool = False) -> Any:
    response = await http.send(http.build_request("GET", url), stream=True)
    assert response.status_code == 200
    return streaming.AsyncStream(event_type=event_type, response=response, strict=strict)


async def collect(stream: Any) -> list[Any]:
    return [event async for event in stream]


# --- events as they arrive -----------------------------------------------------------------


def test_the_first_event_arrives_before_the_stream_ends(
        streaming: ModuleType, client: httpx.Client, base_url: str,
        gate: tuple[str, threading.Event]) -> None:
    token, opened = gate
    seen = []
    for event in open_stream(streaming, client, f"{base_url}/gated/{token}"):
        seen.append(event)
        opened.set()  # the server sends the rest only now
    assert seen == [{"id": "first"}, {"id": "second"}]


async def test_async_the_first_event_arrives_before_the_stream_ends(
        streaming: ModuleType, aclient: httpx.AsyncClient, base_url: str,
        gate: tuple[str, threading.Event]) -> None:
    token, opened = gate
    seen = []
    async for event in await open_async_stream(streaming, aclient, f"{base_url}/gated/{token}"):
        seen.append(event)
        opened.set()
    assert seen == [{"id": "first"}, {"id": "second"}]


# --- parsing -------------------------------------------------------------------------------


def check_things(rt: Rendered, things: list[Any]) -> None:
    known, future = things
    assert isinstance(known, rt.api.Thing)
    assert known.created_at.year == 2024
    assert isinstance(known.input.turn_detection, rt.api.DetectionServer)
    assert known.input.turn_detection.threshold == 0.5
    # what a newer server sends is kept: a new enum value, a new field, a new union variant
    assert isinstance(future, rt.api.Thing)
    assert future.status == "deleted"
    assert future.brand_new == {"x": [1, 2]}
    assert future.input.turn_detection == {"type": "future_vad", "level": 3}


@pytest.mark.parametrize("path", ["/script/things", "/sse-starlette"])
def test_events_parse_as_the_event_type_and_keep_what_is_new(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str,
        path: str) -> None:
    with open_stream(streaming, client, base_url + path, rt.api.Thing) as stream:
        check_things(rt, list(stream))


async def test_async_events_parse_as_the_event_type_and_keep_what_is_new(
        streaming: ModuleType, rt: Rendered, aclient: httpx.AsyncClient, base_url: str) -> None:
    stream = await open_async_stream(streaming, aclient, f"{base_url}/script/things", rt.api.Thing)
    async with stream:
        check_things(rt, await collect(stream))


def test_a_union_event_type_keeps_an_unknown_variant(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/detections", rt.api.Detection)
    known, future = stream
    assert isinstance(known, rt.api.DetectionSemantic)
    assert known.eagerness == "high"
    assert future == {"type": "future_vad", "level": 3}


def test_dict_event_type_and_text_that_is_not_json(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    assert list(open_stream(streaming, client, f"{base_url}/script/text", dict[str, Any])) == [
        "plain words", "{not json"]
    assert list(open_stream(streaming, client, f"{base_url}/script/split", dict[str, Any])) == [
        {"n": "\u2603"}]


def test_str_event_type_gives_the_data_as_sent(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    assert list(open_stream(streaming, client, f"{base_url}/script/done", str)) == ['{"n": 1}']


def test_strict_raises_on_data_that_does_not_conform(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/things", rt.api.Thing,
                         strict=True)
    events = iter(stream)
    assert isinstance(next(events), rt.api.Thing)
    with pytest.raises(rt.exceptions.APIResponseValidationError, match="status") as caught:
        next(events)
    assert caught.value.body == FUTURE_THING
    assert stream.response.is_closed


# --- the terminator ------------------------------------------------------------------------


def test_the_terminator_ends_the_stream_and_closes_the_response(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/done")
    assert stream.request_id == "req_42"
    assert list(stream) == [{"n": 1}]
    assert stream.response.is_closed


def test_without_a_terminator_done_is_data(
        streaming: ModuleType, client: httpx.Client, base_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "STREAM_TERMINATOR", None)
    assert list(open_stream(streaming, client, f"{base_url}/script/done")) == [
        {"n": 1}, "[DONE]", {"n": "after the terminator"}]


def test_a_stream_may_end_without_a_terminator(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    url = f"{base_url}/script/ends-without-terminator"
    assert list(open_stream(streaming, client, url)) == [{"n": 1}, {"n": 2}]


async def test_async_the_terminator_ends_the_stream_and_closes_the_response(
        streaming: ModuleType, aclient: httpx.AsyncClient, base_url: str) -> None:
    stream = await open_async_stream(streaming, aclient, f"{base_url}/script/done")
    assert await collect(stream) == [{"n": 1}]
    assert stream.response.is_closed


# --- errors the server sends ---------------------------------------------------------------

ERRORS = [
    ("error-event", "the model is overloaded",
     {"message": "the model is overloaded", "code": "E42"}),
    ("error-event-flat", "slow down", {"type": "error", "message": "slow down",
                                       "code": "rate_limit"}),
    ("error-event-text", "it broke", "it broke"),
    ("error-member", "bad chunk", {"message": "bad chunk", "type": "server"}),
]


@pytest.mark.parametrize(("name", "message", "body"), ERRORS, ids=[e[0] for e in ERRORS])
def test_an_error_from_the_server_raises_api_error(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str, name: str,
        message: str, body: object) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/{name}")
    seen = []
    with pytest.raises(rt.exceptions.APIError) as caught:
        seen.extend(stream)
    assert type(caught.value) is rt.exceptions.APIError
    assert (caught.value.message, caught.value.body) == (message, body)
    assert caught.value.request is stream.response.request
    assert seen == ([] if name.startswith("error-event-") else [{"n": 1}])
    assert stream.response.is_closed


async def test_async_an_error_event_raises_api_error(
        streaming: ModuleType, rt: Rendered, aclient: httpx.AsyncClient, base_url: str) -> None:
    stream = await open_async_stream(streaming, aclient, f"{base_url}/script/error-event")
    with pytest.raises(rt.exceptions.APIError, match="^the model is overloaded$"):
        await collect(stream)
    assert stream.response.is_closed


def test_an_error_member_that_is_not_an_object_is_data(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    events = list(open_stream(streaming, client, f"{base_url}/script/not-errors"))
    assert [e["id"] for e in events] == ["a", "b", "c"]


def test_without_an_error_event_name_the_event_is_data(
        streaming: ModuleType, client: httpx.Client, base_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "STREAM_ERROR_EVENT", None)
    flat = list(open_stream(streaming, client, f"{base_url}/script/error-event-flat"))
    assert flat == [{"type": "error", "message": "slow down", "code": "rate_limit"}]


# --- broken streams ------------------------------------------------------------------------


def test_a_connection_broken_mid_event_raises_connection_error(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/cut-by-failure")
    seen = []
    with pytest.raises(rt.exceptions.APIConnectionError) as caught:
        seen.extend(stream)
    assert seen == [{"n": 1}]
    assert isinstance(caught.value.__cause__, httpx.TransportError)
    assert caught.value.request is stream.response.request
    assert stream.response.is_closed


def test_a_stream_that_ends_inside_an_event_raises_connection_error(
        streaming: ModuleType, rt: Rendered, client: httpx.Client, base_url: str) -> None:
    stream = open_stream(streaming, client, f"{base_url}/script/cut-at-eof")
    seen = []
    with pytest.raises(rt.exceptions.APIConnectionError, match="middle of an event"):
        seen.extend(stream)
    assert seen == [{"n": 1}]


def test_a_read_timeout_raises_timeout_error(
        streaming: ModuleType, rt: Rendered, base_url: str,
        gate: tuple[str, threading.Event]) -> None:
    token, _ = gate  # never opened: the server sends nothing after the first event
    with httpx.Client(timeout=httpx.Timeout(5, read=0.2)) as http:
        stream = open_stream(streaming, http, f"{base_url}/gated/{token}")
        with pytest.raises(rt.exceptions.APITimeoutError) as caught:
            list(stream)
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)


@pytest.mark.parametrize("name", ["cut-by-failure", "cut-at-eof"])
async def test_async_a_broken_stream_raises_connection_error(
        streaming: ModuleType, rt: Rendered, aclient: httpx.AsyncClient, base_url: str,
        name: str) -> None:
    stream = await open_async_stream(streaming, aclient, f"{base_url}/script/{name}")
    seen = []
    with pytest.raises(rt.exceptions.APIConnectionError):
        async for event in stream:
            seen.append(event)
    assert seen == [{"n": 1}]
    assert stream.response.is_closed


# --- connections released ------------------------------------------------------------------

REPEATS = 1000


def busy_connections(http: httpx.Client | httpx.AsyncClient) -> list[Any]:
    pool = http._transport._pool  # type: ignore[union-attr]
    return [c for c in pool.connections if not (c.is_idle() or c.is_closed())]


def test_breaking_out_of_the_loop_releases_the_connection(
        streaming: ModuleType, base_url: str) -> None:
    # Two connections and a short pool timeout: one leaked connection per loop would block
    # the third stream (httpx.PoolTimeout). The read timeout fails a stream that waits for
    # the end of the response (which never comes) instead of delivering the first event.
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    with httpx.Client(limits=limits, timeout=httpx.Timeout(2, pool=2)) as http:
        for _ in range(REPEATS):
            stream = open_stream(streaming, http, f"{base_url}/endless")
            for event in stream:
                assert event == {"id": "first"}
                break
            assert stream.response.is_closed
        assert busy_connections(http) == []


async def test_async_breaking_out_of_the_loop_releases_the_connection(
        streaming: ModuleType, base_url: str) -> None:
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)
    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(2, pool=2)) as http:
        for _ in range(REPEATS // 4):
            stream = await open_async_stream(streaming, http, f"{base_url}/endless")
            async for event in stream:
                assert event == {"id": "first"}
                break
            # asyncio closes the abandoned iterator in a task of its own: give it its turns
            for _ in range(1000):
                if stream.response.is_closed and not busy_connections(http):
                    break
                await asyncio.sleep(0.001)
            assert stream.response.is_closed
            assert busy_connections(http) == []


def test_with_closes_and_a_stream_is_iterated_once(
        streaming: ModuleType, client: httpx.Client, base_url: str) -> None:
    with open_stream(streaming, client, f"{base_url}/endless") as stream:
        assert next(iter(stream)) == {"id": "first"}
    assert stream.response.is_closed
    with pytest.raises(RuntimeError, match="iterated already"):
        iter(stream)
    closed = open_stream(streaming, client, f"{base_url}/endless")
    closed.close()
    assert closed.response.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        list(closed)
    finished = open_stream(streaming, client, f"{base_url}/script/done")
    assert list(finished) == [{"n": 1}]
    with pytest.raises(RuntimeError, match="iterated already"):
        list(finished)


async def test_async_with_closes_and_a_stream_is_iterated_once(
        streaming: ModuleType, aclient: httpx.AsyncClient, base_url: str) -> None:
    async with await open_async_stream(streaming, aclient, f"{base_url}/endless") as stream:
        async for event in stream:
            assert event == {"id": "first"}
            break
    assert stream.response.is_closed
    with pytest.raises(RuntimeError, match="iterated already"):
        stream.__aiter__()
    closed = await open_async_stream(streaming, aclient, f"{base_url}/endless")
    await closed.close()
    assert closed.response.is_closed
    with pytest.raises(RuntimeError, match="closed"):
        await collect(closed)


# --- the live server itself ----------------------------------------------------------------


def server_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "live-server")


def test_serve_serves_then_stops() -> None:
    before = server_threads()
    with serve(APP) as url:
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/hello").text == "hello"
        assert server_threads() == before + 1
    assert server_threads() == before
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/hello")


def test_serve_raises_when_the_server_cannot_start() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(RuntimeError, match="did not start"), \
                serve(APP, port=taken.getsockname()[1]):
            pass


def test_the_live_server_fixture(live_server: Callable[..., str]) -> None:
    first, second = live_server(APP), live_server(APP, http="h11")
    assert first != second
    assert httpx.get(f"{second}/hello").text == "hello"


# --- the speed of a stream: python -m tests.runtime.test_streaming ---------------------------


def chunk_event(n: int) -> bytes:
    chunk = {"id": "chatcmpl-9xYz", "object": "chat.completion.chunk", "created": 1_718_000_000,
             "model": "gpt-4o-mini-2024-07-18", "system_fingerprint": "fp_0123456789",
             "choices": [{"index": 0, "delta": {"content": f" token{n}"}, "logprobs": None,
                          "finish_reason": None}]}
    return b"data: " + json.dumps(chunk, separators=(",", ":")).encode() + b"\n\n"


def _bench(events: int = 20_000, runs: int = 5) -> None:  # pragma: no cover - a measurement
    import httpx2
    import openai
    from openai.types.chat import ChatCompletionChunk

    body = [chunk_event(n) for n in range(events)] + [b"data: [DONE]\n\n"]
    with tempfile.TemporaryDirectory() as tmp:
        generate_into(Path(tmp), "rt_bench")
        streaming = import_package("rt_bench", Path(tmp)).import_module("_streaming")
        chunk_type = _chunk_model(sys.modules["rt_bench._models"].BaseModel)
        oai = openai.OpenAI(api_key="sk-bench", base_url="http://127.0.0.1:9")
        request, request2 = httpx.Request("GET", "http://x"), httpx2.Request("GET", "http://x")

        def ours(chunks: list[bytes]) -> int:
            response = httpx.Response(200, content=iter(chunks), request=request)
            return sum(1 for _ in streaming.Stream(event_type=chunk_type, response=response,
                                                   strict=False))

        def theirs(chunks: list[bytes]) -> int:
            response = httpx2.Response(200, content=iter(chunks), request=request2)
            return sum(1 for _ in openai.Stream(cast_to=ChatCompletionChunk, response=response,
                                                client=oai))

        def bare(chunks: list[bytes]) -> int:
            response = httpx.Response(200, content=iter(chunks), request=request)
            count = 0
            for line in response.iter_lines():
                if line.startswith("data: "):
                    if line[6:] == "[DONE]":
                        break
                    json.loads(line[6:])
                    count += 1
            return count

        candidates = {"ours": ours, "openai.Stream": theirs, "bare loop": bare}
        for label, chunks in [("one event per read", body),
                              ("64 KiB reads", _regroup(b"".join(body), 65536))]:
            print(f"{events} chat-completion chunks, {label}; medians of {runs} rounds:")
            assert all(run(chunks) == events for run in candidates.values())
            # Round-robin, so that a change in the machine's load falls on every candidate;
            # each ratio is taken within a round, then the median of the rounds'.
            rounds = [{name: _rate(run, chunks, events) for name, run in candidates.items()}
                      for _ in range(runs)]
            for name in candidates:
                print(f"  {name:14} {statistics.median(r[name] for r in rounds):>10,.0f} events/s")
            vs_openai = statistics.median(r["ours"] / r["openai.Stream"] for r in rounds)
            vs_bare = statistics.median(r["bare loop"] / r["ours"] for r in rounds)
            print(f"  ours / openai.Stream: {vs_openai:.2f}x; bare loop / ours: {vs_bare:.2f}x")


def _rate(run: Callable[[list[bytes]], int], chunks: list[bytes], events: int) -> float:
    start = time.perf_counter()
    run(chunks)
    return events / (time.perf_counter() - start)


def _regroup(stream: bytes, size: int) -> list[bytes]:
    return [stream[i:i + size] for i in range(0, len(stream), size)]


def _chunk_model(base: Any) -> Any:  # pragma: no cover - a measurement
    """A chat-completion chunk, as codegen generates it from the OpenAI spec."""
    from typing import Literal

    class Delta(base):  # type: ignore[misc, valid-type]
        content: str | None = None
        role: Literal["developer", "system", "user", "assistant", "tool"] | None = None
        refusal: str | None = None

    class Choice(base):  # type: ignore[misc, valid-type]
        index: int
        delta: Delta
        finish_reason: Literal["stop", "length", "tool_calls", "content_filter",
                               "function_call"] | None = None
        logprobs: dict[str, Any] | None = None

    class ChatCompletionChunk(base):  # type: ignore[misc, valid-type]
        id: str
        object: Literal["chat.completion.chunk"]
        created: int
        model: str
        choices: list[Choice]
        system_fingerprint: str | None = None
        service_tier: str | None = None

    ChatCompletionChunk.model_rebuild(_types_namespace=locals())
    return ChatCompletionChunk


if __name__ == "__main__":  # pragma: no cover
    _bench()
