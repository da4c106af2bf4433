"""Ours and the official `openai` SDK against the same local server: the same events from a
stream, the same page requests and items, the same bytes, the same errors and the same
verdicts on signed webhooks. (What the official SDK returns is the oracle.)"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest

from tests.helpers import shared_path

from .conftest import API_KEY, OracleSdk, bound
from .server import BLOB, FILES, Recorder, chat_chunks, response_events

MESSAGES = [{"role": "user", "content": "Say hi"}]


def dump(value: Any) -> Any:
    """A model's data as sent; a value kept as received (an event type the package does not
    know) is already that."""
    if isinstance(value, dict):
        return value
    return value.model_dump(mode="json", by_alias=True, exclude_unset=True)


def test_chat_completion_chunks_are_the_officials(generated: OracleSdk, ours: Any,
                                                  theirs: Any, recorder: Recorder) -> None:
    create = bound(ours, generated.method_path("post", "/chat/completions"))
    with create(model="gpt-4o-mini", messages=MESSAGES, stream=True) as stream:
        mine = [dump(chunk) for chunk in stream]
    official = [dump(chunk) for chunk in theirs.chat.completions.create(
        model="gpt-4o-mini", messages=MESSAGES, stream=True)]
    assert mine == official == chat_chunks()
    sent = recorder.take()
    assert sent[0] == sent[1]
    plain = create(model="gpt-4o-mini", messages=MESSAGES)
    assert plain.choices[0].message.content == "hi"
    assert plain._request_id == "req_1"


def test_response_events_are_the_officials(generated: OracleSdk, ours: Any,
                                           theirs: Any) -> None:
    create = bound(ours, generated.method_path("post", "/responses"))
    mine = list(create(model="gpt-4o-mini", input="hi", stream=True))
    official = list(theirs.responses.create(model="gpt-4o-mini", input="hi", stream=True))
    assert len(mine) == len(official) == len(response_events())
    assert [dump(e) for e in mine] == [dump(e) for e in official]
    # the event type this package does not know is kept as sent, not dropped
    unknown = [e for e in mine if dump(e)["type"] == "response.brand_new_event"]
    assert unknown and dump(unknown[0])["detail"] == "x"
    assert type(mine[-1]).__name__ == type(official[-1]).__name__ == "ResponseCompletedEvent"


@pytest.mark.asyncio
async def test_async_streams_are_the_officials(generated: OracleSdk,
                                               server: tuple[str, Recorder]) -> None:
    import openai

    ours = generated.package.AsyncOpenAI(api_key=API_KEY, base_url=server[0])
    theirs = openai.AsyncOpenAI(api_key=API_KEY, base_url=server[0])
    create = bound(ours, generated.method_path("post", "/chat/completions"))
    mine = [dump(c) async for c in await create(model="m", messages=MESSAGES, stream=True)]
    official = [dump(c) async for c in await theirs.chat.completions.create(
        model="m", messages=MESSAGES, stream=True)]
    assert mine == official == chat_chunks()
    await ours.close()
    await theirs.close()


def test_a_failure_before_the_first_event_is_retried(generated: OracleSdk, ours: Any,
                                                     recorder: Recorder) -> None:
    recorder.failures_left = 1
    create = bound(ours, generated.method_path("post", "/chat/completions"))
    chunks = list(create(model="m", messages=MESSAGES, stream=True))
    assert len(chunks) == len(chat_chunks())
    assert len(recorder.take()) == 2


def test_pages_make_the_officials_requests(generated: OracleSdk, ours: Any, theirs: Any,
                                           recorder: Recorder) -> None:
    listing = bound(ours, generated.method_path("get", "/files"))
    mine = [f.id for f in listing(limit=4)]
    my_requests = recorder.take()
    official = [f.id for f in theirs.files.list(limit=4)]
    assert mine == official == FILES
    assert my_requests == recorder.take()
    assert len(my_requests) == 3
    page = listing(limit=4)
    assert [f.id for f in page.data] == FILES[:4] and page.has_next_page()
    assert page.get_next_page().data[0].id == FILES[4]


@pytest.mark.asyncio
async def test_async_pages_iterate_without_await(generated: OracleSdk,
                                                 server: tuple[str, Recorder]) -> None:
    ours = generated.package.AsyncOpenAI(api_key=API_KEY, base_url=server[0])
    listing = bound(ours, generated.method_path("get", "/files"))
    assert [f.id async for f in listing(limit=3)] == FILES
    first = await listing(limit=3)
    assert [f.id for f in first.data] == FILES[:3]
    await ours.close()


SPEECH = {"model": "tts-1", "input": "hi", "voice": "alloy"}


@pytest.mark.parametrize(("verb", "path", "mine", "official"), [
    ("get", "/files/{file_id}/content", (("file-1",), {}), ("files.content", ("file-1",), {})),
    ("get", "/containers/{container_id}/files/{file_id}/content", (("f",), {"container_id": "c"}),
     ("containers.files.content.retrieve", ("f",), {"container_id": "c"})),
    ("get", "/videos/{video_id}/content", (("v",), {}), ("videos.download_content", ("v",), {})),
    ("post", "/audio/speech", ((), SPEECH), ("audio.speech.create", (), SPEECH)),
], ids=["files", "containers", "videos", "speech"])
def test_bytes_are_the_officials(generated: OracleSdk, ours: Any, theirs: Any, verb: str,
                                 path: str, mine: tuple[Any, Any],
                                 official: tuple[str, Any, Any]) -> None:
    """The spec declares file content as a JSON string and container file content as no
    content at all; the server sends bytes, and the bytes survive."""
    result = bound(ours, generated.method_path(verb, path))(*mine[0], **mine[1])
    expected = bound(theirs, official[0])(*official[1], **official[2])
    assert result.content == expected.content == BLOB


def test_downloads_stream_to_a_file(generated: OracleSdk, ours: Any, tmp_path: Any) -> None:
    resource_path, method = generated.method_path("get", "/files/{file_id}/content").rsplit(
        ".", 1)
    streaming = bound(ours, f"{resource_path}.with_streaming_response.{method}")
    target = tmp_path / "blob.bin"
    with streaming("file-1") as response:
        assert not response.is_closed
        response.stream_to_file(target)
    assert target.read_bytes() == BLOB and response.is_closed


def test_errors_carry_the_servers_error_object(generated: OracleSdk, ours: Any,
                                               theirs: Any) -> None:
    import openai

    create = bound(ours, generated.method_path("post", "/embeddings"))
    with pytest.raises(generated.package.BadRequestError) as mine:
        create(model="nope", input="x")
    with pytest.raises(openai.BadRequestError) as official:
        theirs.embeddings.create(model="nope", input="x")
    assert mine.value.body == official.value.body
    for name in ("code", "param", "type", "request_id", "status_code"):
        assert getattr(mine.value, name) == getattr(official.value, name), name
    assert "Invalid model 'nope'." in str(mine.value)


SECRET = "whsec_" + base64.b64encode(b"a-secret-for-tests-0123456789").decode()


def _signed(payload: str, secret: str = SECRET, at: int | None = None,
            ids: str = "msg_1") -> dict[str, str]:
    import standardwebhooks

    stamp = int(time.time()) if at is None else at
    signature = standardwebhooks.Webhook(secret).sign(ids, _at(stamp), payload)
    return {"webhook-id": ids, "webhook-timestamp": str(stamp), "webhook-signature": signature}


def _at(stamp: int) -> Any:
    import datetime

    return datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)


def _webhook_cases() -> list[tuple[str, str, dict[str, str]]]:
    payload = json.dumps({"id": "evt_1", "type": "batch.completed", "created_at": 1700000000,
                          "object": "event", "data": {"id": "batch_1"}})
    now = int(time.time())
    valid = _signed(payload)
    other = "whsec_" + base64.b64encode(b"another-secret").decode()
    several = dict(valid, **{"webhook-signature": _signed(payload, other)["webhook-signature"]
                             + " " + valid["webhook-signature"]})
    return [
        ("valid", payload, valid),
        ("tampered body", payload.replace("batch_1", "batch_2"), valid),
        ("wrong secret", payload, _signed(payload, other)),
        ("too old", payload, _signed(payload, at=now - 3600)),
        ("in the future", payload, _signed(payload, at=now + 3600)),
        ("no signature", payload, {k: v for k, v in valid.items() if k != "webhook-signature"}),
        ("no timestamp", payload, {k: v for k, v in valid.items() if k != "webhook-timestamp"}),
        ("several, one valid", payload, several),
    ]


@pytest.mark.parametrize(("case", "payload", "headers"), _webhook_cases(),
                         ids=[c[0] for c in _webhook_cases()])
def test_webhooks_verdicts_are_the_officials(ours: Any, theirs: Any, case: str, payload: str,
                                             headers: dict[str, str]) -> None:
    verdicts = []
    events = []
    for client in (ours, theirs):
        try:
            events.append(client.webhooks.unwrap(payload, headers, secret=SECRET))
            verdicts.append("accepted")
        except Exception as exc:  # each SDK raises its own error type
            verdicts.append(type(exc).__name__)
    assert (verdicts[0] == "accepted") == (verdicts[1] == "accepted"), (case, verdicts)
    if len(events) == 2:
        assert dump(events[0]) == dump(events[1])
        assert type(events[0]).__name__ == type(events[1]).__name__


def test_every_webhook_event_unwraps(generated: OracleSdk, ours: Any, theirs: Any) -> None:
    """Each of the spec's 16 events, as the official SDK names and parses it."""
    spec = json.loads(shared_path("specs", "openai-openapi.json").read_text())
    kinds = []
    for item in spec["webhooks"].values():
        ref = item["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        kind = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]["type"]
        kinds.append((kind.get("enum") or [kind.get("const")])[0])
    assert len(kinds) == len(generated.result.api.webhooks) == 16  # type: ignore[union-attr]
    for kind in kinds:
        payload = json.dumps({"id": "evt_1", "type": kind, "created_at": 1, "object": "event",
                              "data": {"id": "x"}})
        mine = ours.webhooks.unwrap(payload, _signed(payload), secret=SECRET)
        official = theirs.webhooks.unwrap(payload, _signed(payload), secret=SECRET)
        assert dump(mine) == dump(official), kind
        assert type(mine).__name__ == type(official).__name__, kind
