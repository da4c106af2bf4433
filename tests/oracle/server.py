"""A local stand-in for the OpenAI API: the same bytes for both SDKs, and a record of every
request each one made. Streams, pages, downloads and errors, built from realistic payloads
(the fields a real server sends, including one the spec does not know)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

BLOB = bytes(range(256)) * 4  # 1,024 bytes, half of them invalid as UTF-8
FILES = [f"file-{n:03d}" for n in range(10)]


def chat_chunks(count: int = 6) -> list[dict[str, Any]]:
    base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1700000000,
            "model": "gpt-4o-mini", "system_fingerprint": "fp_1", "service_tier": "default"}
    chunks = [{**base, "obfuscation": "q9", "choices": [
        {"index": 0, "delta": {"role": "assistant", "content": ""}, "logprobs": None,
         "finish_reason": None}]}]
    for n in range(count):
        chunks.append({**base, "choices": [{"index": 0, "delta": {"content": f"w{n} "},
                                            "logprobs": None, "finish_reason": None}]})
    chunks.append({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None,
                                        "finish_reason": "stop"}]})
    chunks.append({**base, "choices": [], "usage": {
        "prompt_tokens": 5, "completion_tokens": count, "total_tokens": 5 + count}})
    return chunks


def _response_object(status: str, text: str) -> dict[str, Any]:
    output = [] if not text else [{
        "id": "msg_1", "type": "message", "status": "completed", "role": "assistant",
        "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]}]
    return {"id": "resp_1", "object": "response", "created_at": 1700000000, "status": status,
            "model": "gpt-4o-mini", "output": output, "parallel_tool_calls": True,
            "tool_choice": "auto", "tools": [], "temperature": 1.0, "top_p": 1.0,
            "error": None, "incomplete_details": None, "instructions": None, "metadata": {}}


def response_events() -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [
        {"type": "response.created", "sequence_number": 0,
         "response": _response_object("in_progress", "")},
        {"type": "response.output_item.added", "sequence_number": 1, "output_index": 0,
         "item": {"id": "msg_1", "type": "message", "status": "in_progress",
                  "role": "assistant", "content": []}},
    ]
    for n, word in enumerate(["Hello", " there", "!"]):
        events.append({"type": "response.output_text.delta", "sequence_number": 2 + n,
                       "item_id": "msg_1", "output_index": 0, "content_index": 0,
                       "delta": word, "logprobs": []})
    events.append({"type": "response.brand_new_event", "sequence_number": 5, "detail": "x"})
    events.append({"type": "response.completed", "sequence_number": 6,
                   "response": _response_object("completed", "Hello there!")})
    return events


def sse(events: list[dict[str, Any]], *, named: bool, done: bool) -> bytes:
    out = []
    for event in events:
        head = f"event: {event['type']}\n" if named else ""
        out.append(f"{head}data: {json.dumps(event)}\n\n")
    if done:
        out.append("data: [DONE]\n\n")
    return "".join(out).encode()


def file_object(file_id: str) -> dict[str, Any]:
    return {"id": file_id, "object": "file", "bytes": 1024, "created_at": 1700000000,
            "filename": f"{file_id}.jsonl", "purpose": "batch", "status": "processed"}


@dataclass
class Recorder:
    """Every request the server saw: (method, path, sorted query pairs)."""

    requests: list[tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=list)
    failures_left: int = 0  # answer this many stream requests with a 500 first

    def take(self) -> list[tuple[str, str, tuple[tuple[str, str], ...]]]:
        taken, self.requests = self.requests, []
        return taken


def _stream(body: bytes, chunk: int = 7) -> StreamingResponse:
    """The body in small pieces, cut anywhere, as networks do."""
    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(body), chunk):
            yield body[start:start + chunk]
            await asyncio.sleep(0)
    return StreamingResponse(pieces(), media_type="text/event-stream",
                             headers={"x-request-id": "req_stream"})


class FakeOpenAI:
    """The endpoints both SDKs call, recording every request."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def record(self, request: Request) -> dict[str, Any]:
        self.recorder.requests.append((request.method, request.url.path,
                                       tuple(sorted(request.query_params.multi_items()))))
        raw = await request.body()
        if raw and "json" in request.headers.get("content-type", ""):
            return dict(json.loads(raw))
        return {}

    def failing_first(self) -> Response | None:
        if self.recorder.failures_left:
            self.recorder.failures_left -= 1
            return JSONResponse({"error": {"message": "overloaded", "type": "server_error"}},
                                status_code=500, headers={"retry-after-ms": "1"})
        return None

    async def chat(self, request: Request) -> Response:
        if (await self.record(request)).get("stream"):
            return self.failing_first() or _stream(sse(chat_chunks(), named=False, done=True))
        chunk = chat_chunks()[1]
        return JSONResponse({**chunk, "object": "chat.completion", "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "hi", "refusal": None,
                                     "annotations": []},
             "logprobs": None, "finish_reason": "stop"}]}, headers={"x-request-id": "req_1"})

    async def responses(self, request: Request) -> Response:
        if (await self.record(request)).get("stream"):
            return _stream(sse(response_events(), named=True, done=False))
        return JSONResponse(_response_object("completed", "hi"))

    async def files(self, request: Request) -> Response:
        await self.record(request)
        after = request.query_params.get("after")
        limit = int(request.query_params.get("limit", "4"))
        start = FILES.index(after) + 1 if after in FILES else 0
        page = FILES[start:start + limit]
        return JSONResponse({"object": "list", "data": [file_object(f) for f in page],
                             "first_id": page[0] if page else None,
                             "last_id": page[-1] if page else None,
                             "has_more": start + limit < len(FILES)})

    async def download(self, request: Request) -> Response:
        await self.record(request)
        media = {"videos": "video/mp4", "audio": "audio/mpeg"}.get(
            request.url.path.split("/")[2], "application/octet-stream")
        return Response(BLOB, media_type=media, headers={"x-request-id": "req_bytes"})

    async def bad_request(self, request: Request) -> Response:
        await self.record(request)
        return JSONResponse({"error": {"message": "Invalid model 'nope'.", "type":
                                       "invalid_request_error", "param": "model",
                                       "code": "model_not_found"}},
                            status_code=400, headers={"x-request-id": "req_bad"})


def build_app(recorder: Recorder) -> Starlette:
    api = FakeOpenAI(recorder)
    return Starlette(routes=[
        Route("/v1/chat/completions", api.chat, methods=["POST"]),
        Route("/v1/responses", api.responses, methods=["POST"]),
        Route("/v1/files", api.files, methods=["GET"]),
        Route("/v1/files/{file_id}/content", api.download, methods=["GET"]),
        Route("/v1/containers/{cid}/files/{fid}/content", api.download, methods=["GET"]),
        Route("/v1/videos/{video_id}/content", api.download, methods=["GET"]),
        Route("/v1/audio/speech", api.download, methods=["POST"]),
        Route("/v1/embeddings", api.bad_request, methods=["POST"]),
    ])
