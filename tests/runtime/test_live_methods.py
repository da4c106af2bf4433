"""Generated methods against a real HTTP server (uvicorn): a method that streams when asked
and answers JSON otherwise, a cursor-paginated list, a download, a text body; request ids,
Accept headers, raw and streamed responses; a 200 MB download streamed to disk in bounded
memory (in a child process, which reports its own peak RSS)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.live_server import serve

from .conftest import API_KEY, Rendered

THINGS = [{"id": f"t{n}", "name": f"thing {n}"} for n in range(7)]
BLOB = bytes(range(256)) * 64
BIG_CHUNKS = 200  # of 1 MiB
SEEN: list[dict[str, Any]] = []


def _events() -> bytes:
    events = [{"type": "thing.delta", "delta": "a"}, {"type": "thing.delta", "delta": "b"},
              {"type": "thing.new_kind", "extra": 1},
              {"type": "thing.done", "thing": {"id": "t0", "status": "brand_new"}}]
    return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events) + b"data: [DONE]\n\n"


async def _seen(request: Request) -> None:
    SEEN.append({"path": request.url.path, "query": dict(request.query_params),
                 "accept": request.headers.get("accept")})


async def events(request: Request) -> Response:
    await _seen(request)
    body = json.loads(await request.body())
    if body.get("stream"):
        async def chunks() -> AsyncIterator[bytes]:
            data = _events()
            for start in range(0, len(data), 5):
                yield data[start:start + 5]
        return StreamingResponse(chunks(), media_type="text/event-stream",
                                 headers={"x-request-id": "req_s"})
    return JSONResponse(THINGS[0], headers={"x-request-id": "req_j"})


async def pages(request: Request) -> Response:
    await _seen(request)
    after, limit = request.query_params.get("after"), int(request.query_params.get("limit", 3))
    start = next((i + 1 for i, t in enumerate(THINGS) if t["id"] == after), 0)
    chunk = THINGS[start:start + limit]
    return JSONResponse({"data": chunk, "has_more": start + limit < len(THINGS),
                         "last_id": chunk[-1]["id"] if chunk else None},
                        headers={"x-request-id": f"req_p{start}"})


async def download(request: Request) -> Response:
    await _seen(request)
    if request.path_params["id"] == "big":
        async def big() -> AsyncIterator[bytes]:
            block = b"\0" * (1 << 20)
            for _ in range(BIG_CHUNKS):
                yield block
        return StreamingResponse(big(), media_type="application/octet-stream")
    return Response(BLOB, media_type="application/octet-stream",
                    headers={"x-request-id": "req_b"})


async def notes(request: Request) -> Response:
    await _seen(request)
    return Response("caf\xe9".encode("latin-1"), media_type="text/plain; charset=latin-1")


APP = Starlette(routes=[
    Route("/v1/events", events, methods=["POST"]),
    Route("/v1/pages", pages, methods=["GET"]),
    Route("/v1/downloads/{id}", download, methods=["GET"]),
    Route("/v1/notes", notes, methods=["GET"]),
])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve(APP) as url:
        yield url + "/v1"


@pytest.fixture
def client(rt: Rendered, base_url: str) -> Iterator[Any]:
    SEEN.clear()
    with rt.client.TestClient(api_key=API_KEY, base_url=base_url) as c:
        yield c


def test_stream_true_streams_typed_events_and_the_rest_is_json(client: Any, rt: Rendered,
                                                                caplog: Any) -> None:
    with client.things.generate(prompt="p", stream=True) as stream:
        assert isinstance(stream, rt.import_module("_streaming").Stream)
        assert stream.request_id == "req_s"
        got = list(stream)
    types = rt.api
    assert [type(e).__name__ for e in got] == ["ThingDelta", "ThingDelta", "dict", "ThingDone"]
    assert got[2] == {"type": "thing.new_kind", "extra": 1}  # an event type added later
    assert got[3].thing.status == "brand_new"  # a value added later, kept
    assert isinstance(got[0], types.ThingDelta)
    thing = client.things.generate(prompt="p")
    assert isinstance(thing, types.Thing) and thing._request_id == "req_j"
    assert [s["accept"] for s in SEEN] == ["text/event-stream", "application/json"]


def test_breaking_out_of_a_stream_releases_the_connection(rt: Rendered, base_url: str) -> None:
    import httpx

    http = httpx.Client(limits=httpx.Limits(max_connections=1))
    client = rt.client.TestClient(api_key=API_KEY, base_url=base_url, http_client=http)
    for _ in range(50):  # with one connection, a leaked one would block the next request
        for _event in client.things.generate(prompt="p", stream=True):
            break
    http.close()


def test_pages_follow_the_cursor(client: Any) -> None:
    page = client.things.list_pages(limit=3)
    assert [t.id for t in page.data] == ["t0", "t1", "t2"] and page.has_next_page()
    assert page._request_id == "req_p0"
    assert [t.id for t in page] == [t["id"] for t in THINGS]
    # iterating goes on from the page in hand, fetching each next one when needed
    assert [s["query"] for s in SEEN] == [{"limit": "3"}, {"limit": "3", "after": "t2"},
                                          {"limit": "3", "after": "t5"}]
    raw = client.things.with_raw_response.list_pages(limit=3)
    assert raw.status_code == 200 and [t.id for t in raw.parse().data] == ["t0", "t1", "t2"]


@pytest.mark.asyncio
async def test_async_pages_and_streams(rt: Rendered, base_url: str) -> None:
    async with rt.client.AsyncTestClient(api_key=API_KEY, base_url=base_url) as client:
        assert [t.id async for t in client.things.list_pages(limit=2)] == [
            t["id"] for t in THINGS]
        first = await client.things.list_pages(limit=2)
        assert [t.id for t in first.data] == ["t0", "t1"]
        stream = await client.things.generate(prompt="p", stream=True)
        assert len([e async for e in stream]) == 4
        assert (await client.things.download("x")).content == BLOB


def test_bytes_and_text_are_never_mangled(client: Any, rt: Rendered) -> None:
    content = client.things.download("x")
    assert isinstance(content, rt.import_module("_response").BinaryResponse)
    assert content.content == BLOB and content.request_id == "req_b"
    assert b"".join(content.iter_bytes(1000)) == BLOB
    assert client.things.notes() == "caf\xe9"  # decoded by the response's charset
    assert [s["accept"] for s in SEEN] == ["application/octet-stream", "text/plain"]


def test_streaming_response_reads_on_demand(client: Any, tmp_path: Path) -> None:
    with client.things.with_streaming_response.download("x") as response:
        assert not response.is_closed
        assert b"".join(response.iter_bytes()) == BLOB
    assert response.is_closed
    with client.things.with_streaming_response.generate(prompt="p") as response:
        assert response.parse().id == "t0"


# VmHWM, not getrusage: ru_maxrss survives exec, so a child of a large test process would report
# its parent's peak.
CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
from {package} import TestClient
client = TestClient(api_key="k", base_url=sys.argv[2])
with client.things.with_streaming_response.download("big") as response:
    response.stream_to_file(sys.argv[3])
status = open("/proc/self/status").read().split("VmHWM:")[1]
print(int(status.split()[0]) // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_200_mb_download_streams_to_disk_in_bounded_memory(rt: Rendered, base_url: str,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(package=rt.name), str(rt.root), base_url,
         str(target)], capture_output=True, text=True, check=False, timeout=120)
    assert child.returncode == 0, child.stderr
    assert target.stat().st_size == BIG_CHUNKS << 20
    peak_mib = int(child.stdout.strip())
    assert peak_mib < 120, f"peak RSS {peak_mib} MiB for a {BIG_CHUNKS} MiB body"
