"""The local API the client benchmarks call: uvicorn + Starlette on 127.0.0.1, every body built
before the first request, so that serving costs the clients as little as it can.

    python bench/client_server.py --events N --items N --page-size N --chunk BYTES

Run with the project's Python (it has uvicorn and Starlette). Binds a free port, prints
`PORT <n>` once it listens, then serves until SIGTERM or SIGINT:

- `GET /v1/files/{file_id}`: one file object (the tiny JSON body of the per-request suite);
- `GET /v1/files?limit=&after=`: `items` file objects in pages of `page-size`, cursor `after`
  (the id of the last item seen), `has_more` on every page but the last;
- `POST /v1/chat/completions`: `events` chat-completion chunks as server-sent events, then
  `data: [DONE]`, whatever the request asks, served from one prebuilt body in `chunk`-byte
  pieces.

The payloads are the oracle tests' (tests/oracle/server.py), which the generated package and
the official SDK parse alike.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `tests` (the payload builders) importable
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from tests.oracle.server import chat_chunks, file_object, sse

JSON = "application/json"
ITEM_PREFIX = "file-"


def item_id(number: int) -> str:
    return f"{ITEM_PREFIX}{number:06d}"


def chunk_events(count: int) -> list[dict[str, Any]]:
    """Exactly `count` chat-completion chunks: a role chunk, content chunks, a finish chunk and
    a usage chunk (the shape of a real stream)."""
    if count < 3:
        raise ValueError("a chat-completion stream has at least 3 chunks")
    return chat_chunks(count - 3)


def stream_body(events: int) -> bytes:
    return sse(chunk_events(events), named=False, done=True)


def page_bodies(items: int, page_size: int) -> dict[str, bytes]:
    """Each page's JSON body by the `after` that asks for it ("" for the first page)."""
    ids = [item_id(n) for n in range(items)]
    pages: dict[str, bytes] = {}
    for start in range(0, max(items, 1), page_size):
        page = ids[start : start + page_size]
        body = {
            "object": "list",
            "data": [file_object(i) for i in page],
            "first_id": page[0] if page else None,
            "last_id": page[-1] if page else None,
            "has_more": start + page_size < items,
        }
        pages[ids[start - 1] if start else ""] = json.dumps(body).encode()
    return pages


def build_app(events: int, items: int, page_size: int, chunk: int) -> Starlette:
    body = stream_body(events)
    pages = page_bodies(items, page_size)
    files: dict[str, bytes] = {}

    async def retrieve(request: Request) -> Response:
        file_id = request.path_params["file_id"]
        if file_id not in files:
            files[file_id] = json.dumps(file_object(file_id)).encode()
        return Response(files[file_id], media_type=JSON, headers={"x-request-id": "req_1"})

    async def listing(request: Request) -> Response:
        page = pages.get(request.query_params.get("after", ""))
        if page is None:
            return Response(b'{"error": {"message": "no such cursor"}}', 400, media_type=JSON)
        return Response(page, media_type=JSON)

    async def completions(request: Request) -> Response:
        async def pieces() -> AsyncIterator[bytes]:
            for start in range(0, len(body), chunk):
                yield body[start : start + chunk]

        return StreamingResponse(pieces(), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/v1/files/{file_id}", retrieve, methods=["GET"]),
            Route("/v1/files", listing, methods=["GET"]),
            Route("/v1/chat/completions", completions, methods=["POST"]),
        ]
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--page-size", type=int, required=True)
    parser.add_argument("--chunk", type=int, default=65536)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    args = parse_args(argv)
    app = build_app(args.events, args.items, args.page_size, args.chunk)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Inherited by the accepted connections, which uvicorn leaves as they come when it is given
    # a socket: without it the body waits for the ACK of the headers (40 ms per response).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)  # connections queue from here on: the port can be announced
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
