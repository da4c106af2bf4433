"""Every Realtime REST operation of the vendored package against the official `openai` SDK
(the oracle): for a call with only the required arguments and one with every argument both
SDKs share, the same request (method, URL, the headers that matter, the body: JSON as data,
multipart part by part with each part's media type), and the same response bytes parsed to
equal values. The incoming-call webhook, signed as OpenAI signs, unwraps to the same event."""

from __future__ import annotations

import base64
import json
import operator
import time
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import httpx
import pytest

from tests.helpers import multipart_parts

openai = pytest.importorskip("openai")
httpx2 = pytest.importorskip("httpx2")  # the transport the openai package is built on
standardwebhooks = pytest.importorskip("standardwebhooks")

BASE = "https://api.example.test/v1"
CALL = "rtc_479a275623b54bdb9b6fbae2f7cbd408"
OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
ANSWER = "v=0\r\no=- 2 2 IN IP4 0.0.0.0\r\ns=OpenAI\r\nt=0 0\r\na=ice-lite\r\n"
SESSION = {
    "type": "realtime", "model": "gpt-realtime", "instructions": "Greet the caller.",
    "output_modalities": ["audio"],
    "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000},
                        "turn_detection": {"type": "server_vad", "threshold": 0.6,
                                           "prefix_padding_ms": 300,
                                           "silence_duration_ms": 500}},
              "output": {"voice": "marin"}},
    "tools": [{"type": "mcp", "server_label": "crm", "server_url": "https://crm.example/mcp",
               "require_approval": "never", "allowed_tools": ["lookup_customer"]}],
    "tracing": {"workflow_name": "sip-inbound", "group_id": "pbx-1"},
}
SECRET_RESPONSE = {"value": "ek_68af296e8e408191a1120ab6383263c2", "expires_at": 1756310470,
                   "session": {"id": "sess_C9CiUVUzUzYIssh3ELY1d", "type": "translation",
                               "expires_at": 1756310470, "model": "gpt-realtime-translate",
                               "audio": {"input": {"transcription": {
                                   "model": "gpt-realtime-whisper"}, "noise_reduction": None},
                                         "output": {"language": "es"}},
                               "a_field_added_later": {"x": 1}}}
BETA_SESSION = {"id": "sess_001", "object": "realtime.session", "model": "gpt-realtime",
                "modalities": ["audio", "text"], "instructions": "Be brief.", "voice": "alloy",
                "input_audio_format": "pcm16", "output_audio_format": "pcm16",
                "turn_detection": None, "tools": [], "tool_choice": "none",
                "temperature": 0.7, "max_response_output_tokens": 200, "speed": 1.1,
                "tracing": "auto", "client_secret": {"value": "ek_abc123",
                                                     "expires_at": 1234567890}}
TRANSCRIPTION = {"id": "sess_BBwZc7cFV3XizEyKGDCGL", "object": "realtime.transcription_session",
                 "modalities": ["audio", "text"],
                 "turn_detection": {"type": "server_vad", "threshold": 0.5,
                                    "prefix_padding_ms": 300, "silence_duration_ms": 200},
                 "input_audio_format": "pcm16",
                 "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": None,
                                               "prompt": ""},
                 "client_secret": None}


@dataclass(frozen=True)
class Case:
    path: str  # the access path both SDKs share
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    url: str
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def _json(status: int, data: Any) -> dict[str, Any]:
    return {"status": status, "body": json.dumps(data).encode(),
            "headers": {"content-type": "application/json"}}


SDP = {"status": 201, "body": ANSWER.encode(),
       "headers": {"content-type": "application/sdp", "location": f"/v1/realtime/calls/{CALL}"}}
EMPTY = {"status": 200, "body": b"", "headers": {}}
CALLS = f"{BASE}/realtime/calls"
BETA_SECRET = {"value": "ek_abc123", "expires_at": 1234567890}
CASES = {
    "calls.create sdp only": Case("realtime.calls.create", (), {"sdp": OFFER}, CALLS, **SDP),
    "calls.create with session": Case("realtime.calls.create", (),
                                      {"sdp": OFFER, "session": SESSION}, CALLS, **SDP),
    "calls.accept required": Case("realtime.calls.accept", (CALL,), {"type": "realtime"},
                                  f"{CALLS}/{CALL}/accept", **EMPTY),
    "calls.accept full": Case("realtime.calls.accept", (CALL,), SESSION,
                              f"{CALLS}/{CALL}/accept", **EMPTY),
    "calls.hangup": Case("realtime.calls.hangup", (CALL,), {}, f"{CALLS}/{CALL}/hangup",
                         **EMPTY),
    "calls.refer": Case("realtime.calls.refer", (CALL,), {"target_uri": "tel:+14155550123"},
                        f"{CALLS}/{CALL}/refer", **EMPTY),
    "calls.reject required": Case("realtime.calls.reject", (CALL,), {},
                                  f"{CALLS}/{CALL}/reject", **EMPTY),
    "calls.reject full": Case("realtime.calls.reject", (CALL,), {"status_code": 486},
                              f"{CALLS}/{CALL}/reject", **EMPTY),
    "translations required": Case(
        "realtime.translations.client_secrets.create", (),
        {"session": {"model": "gpt-realtime-translate"}},
        f"{BASE}/realtime/translations/client_secrets", **_json(200, SECRET_RESPONSE)),
    "translations full": Case(
        "realtime.translations.client_secrets.create", (),
        {"expires_after": {"anchor": "created_at", "seconds": 600},
         "session": {"model": "gpt-realtime-translate",
                     "audio": {"input": {"transcription": {"model": "gpt-realtime-whisper"},
                                         "noise_reduction": None},
                               "output": {"language": "es"}}}},
        f"{BASE}/realtime/translations/client_secrets", **_json(200, SECRET_RESPONSE)),
    # The spec requires client_secret here (the official SDK, from an older spec, does not).
    "beta sessions required": Case(
        "beta.realtime.sessions.create", (), {"client_secret": BETA_SECRET},
        f"{BASE}/realtime/sessions", **_json(200, BETA_SESSION)),
    "beta sessions full": Case(
        "beta.realtime.sessions.create", (),
        {"client_secret": BETA_SECRET, "modalities": ["audio", "text"],
         "instructions": "Be brief.", "voice": "alloy", "input_audio_format": "pcm16",
         "output_audio_format": "g711_ulaw", "input_audio_transcription": {"model": "whisper-1"},
         "turn_detection": {"type": "semantic_vad", "eagerness": "high"},
         "tools": [{"type": "function", "name": "lookup", "description": "Look up",
                    "parameters": {"type": "object"}}],
         "tool_choice": "auto", "temperature": 0.7, "max_response_output_tokens": "inf",
         "speed": 1.1, "tracing": "auto"},
        f"{BASE}/realtime/sessions", **_json(200, BETA_SESSION)),
    "beta transcription required": Case(
        "beta.realtime.transcription_sessions.create", (), {},
        f"{BASE}/realtime/transcription_sessions", **_json(200, TRANSCRIPTION)),
    "beta transcription full": Case(
        "beta.realtime.transcription_sessions.create", (),
        {"include": ["item.input_audio_transcription.logprobs"], "input_audio_format": "pcm16",
         "input_audio_noise_reduction": {"type": "far_field"},
         "input_audio_transcription": {"model": "gpt-4o-transcribe", "language": "en",
                                       "prompt": "names"},
         "turn_detection": {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300,
                            "silence_duration_ms": 200}},
        f"{BASE}/realtime/transcription_sessions", **_json(200, TRANSCRIPTION)),
}


def _call(client: Any, case: Case) -> Any:
    method = operator.attrgetter(case.path)(client)
    return method(*case.args, **case.kwargs)


def _transport(module: Any, seen: list[Any], case: Case) -> Any:
    def handler(request: Any) -> Any:
        request.read()
        seen.append(request)
        return module.Response(case.status, content=case.body, headers=case.headers)
    return module.MockTransport(handler)


def _ours(pkg: ModuleType, case: Case) -> tuple[Any, Any]:
    seen: list[Any] = []
    client = pkg.OpenAIRealtime(api_key="sk-test", base_url=BASE, http_client=httpx.Client(
        transport=_transport(httpx, seen, case)))
    return seen, _call(client, case)


def _theirs(case: Case) -> tuple[Any, Any]:
    seen: list[Any] = []
    client = openai.OpenAI(api_key="sk-test", base_url=BASE, http_client=httpx2.Client(
        transport=_transport(httpx2, seen, case)))
    return seen, _call(client, case)


def _body(request: Any) -> Any:
    """The body as data: JSON parsed; multipart as {name: (media type, data)}; text as is."""
    media = request.headers.get("content-type", "")
    if not request.content:
        return None
    if media.startswith("multipart/form-data"):
        parts = multipart_parts(media, request.content)
        return {name: (kind, json.loads(data) if kind == "application/json" else data)
                for name, (kind, data, _) in parts.items()}
    if media.startswith("application/json"):
        return json.loads(request.content)
    return request.content


def _media(request: Any) -> str:
    return request.headers.get("content-type", "").split(";")[0]


def _value(result: Any) -> Any:
    """What a call returned, as data: a model dumped, the official SDK's binary content as
    its text."""
    if hasattr(result, "model_dump"):
        return result.model_dump(exclude_unset=True)
    if hasattr(result, "read") and hasattr(result, "content"):
        return result.content.decode()
    return result


@pytest.mark.parametrize("name", list(CASES))
def test_same_request_and_result_as_the_official_sdk(pkg: ModuleType, name: str) -> None:
    case = CASES[name]
    (ours,), mine = _ours(pkg, case)
    (theirs,), official = _theirs(case)
    assert ours.method == theirs.method == "POST"
    assert str(ours.url) == str(theirs.url) == case.url
    if theirs.content:
        assert _media(ours) == _media(theirs)
    else:  # the official SDK names a media type for no body at all; either is fine
        assert ours.content == b""
    assert _body(ours) == _body(theirs)
    for header in ("authorization", "accept"):
        assert ours.headers.get(header) == theirs.headers.get(header), header
    assert _value(mine) == _value(official)


def test_the_bare_and_the_multipart_offer(pkg: ModuleType) -> None:
    (bare,), answer = _ours(pkg, CASES["calls.create sdp only"])
    assert (_media(bare), bare.content, answer) == ("application/sdp", OFFER.encode(), ANSWER)
    (multipart,), _ = _ours(pkg, CASES["calls.create with session"])
    parts = _body(multipart)
    assert parts["sdp"] == ("application/sdp", OFFER.encode())
    assert parts["session"] == ("application/json", SESSION)


def test_the_call_id_comes_from_the_typed_location_header(pkg: ModuleType) -> None:
    case = CASES["calls.create sdp only"]
    client = pkg.OpenAIRealtime(api_key="ek_ephemeral", base_url=BASE, http_client=httpx.Client(
        transport=_transport(httpx, [], case)))
    raw = client.realtime.calls.with_raw_response.create(sdp=OFFER)
    assert raw.status_code == 201 and raw.parse() == ANSWER
    headers = raw.headers_as(pkg.types.CallCreateResponseHeaders)
    assert headers.location == f"/v1/realtime/calls/{CALL}"


def test_a_field_the_server_added_later_is_kept(pkg: ModuleType) -> None:
    _, secret = _ours(pkg, CASES["translations required"])
    assert secret.session.model_extra == {"a_field_added_later": {"x": 1}}


INCOMING = {"id": "evt_abc123", "object": "event", "type": "realtime.call.incoming",
            "created_at": 1719168000,
            "data": {"call_id": CALL, "sip_headers": [
                {"name": "Max-Forwards", "value": "63"},
                {"name": "Content-Type", "value": "application/sdp"}]}}


def test_the_incoming_call_webhook_unwraps_as_the_officials(pkg: ModuleType) -> None:
    secret = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
    payload = json.dumps(INCOMING)
    now = int(time.time())
    signature = standardwebhooks.Webhook(secret).sign("msg_1", _at(now), payload)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(now),
               "webhook-signature": signature}
    mine = pkg.OpenAIRealtime(api_key="k", webhook_secret=secret).webhooks.unwrap(
        payload, headers)
    official = openai.OpenAI(api_key="k", webhook_secret=secret).webhooks.unwrap(
        payload, headers)
    assert type(mine).__name__ == type(official).__name__ == "RealtimeCallIncomingWebhookEvent"
    assert mine.model_dump(exclude_unset=True) == official.model_dump(exclude_unset=True)
    assert mine.data.call_id == CALL
    with pytest.raises(pkg.WebhookVerificationError):
        pkg.OpenAIRealtime(api_key="k", webhook_secret=secret).webhooks.unwrap(
            payload.replace("63", "64"), headers)


def _at(seconds: int) -> Any:
    import datetime

    return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
