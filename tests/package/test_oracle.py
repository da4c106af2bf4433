"""The requests the generated client sends, compared with what the official `openai` package
sends for the same arguments (the test oracle), and the responses both parse."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx
import pytest

openai = pytest.importorskip("openai")
httpx2 = pytest.importorskip("httpx2")  # the transport the openai package is built on

BASE = "https://api.example.test/v1"
RESPONSE = {"value": "ek_1", "expires_at": 1756310470, "session": {
    "type": "realtime", "id": "sess_1", "object": "realtime.session", "model": "gpt-realtime",
    "audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}}}}

CALLS: list[dict[str, Any]] = [
    {},
    {"expires_after": {"anchor": "created_at", "seconds": 600},
     "session": {"type": "realtime", "model": "gpt-realtime",
                 "instructions": "You are a friendly assistant.",
                 "output_modalities": ["audio"], "max_output_tokens": "inf",
                 "tracing": None, "truncation": {"type": "retention_ratio",
                                                 "retention_ratio": 0.5},
                 "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000},
                                     "noise_reduction": {"type": "near_field"},
                                     "turn_detection": {"type": "semantic_vad",
                                                        "eagerness": "low"}},
                           "output": {"voice": "marin", "speed": 1.1}},
                 "tools": [{"type": "function", "name": "lookup", "parameters": {}}],
                 "tool_choice": "auto"}},
    {"session": {"type": "transcription",
                 "audio": {"input": {"transcription": {"model": "gpt-4o-transcribe",
                                                       "language": "en"}}}}},
]


def _capture(seen: list[Any], module: Any) -> Any:
    def handler(request: Any) -> Any:
        seen.append(request)
        return module.Response(200, json=RESPONSE)
    return module.MockTransport(handler)


def _ours(pkg: ModuleType, kwargs: dict[str, Any]) -> tuple[Any, Any]:
    seen: list[httpx.Request] = []
    client = pkg.OpenAIRealtime(api_key="sk-test", base_url=BASE,
                                http_client=httpx.Client(transport=_capture(seen, httpx)))
    result = client.realtime.client_secrets.create(**kwargs)
    return seen[0], result


def _theirs(kwargs: dict[str, Any]) -> tuple[Any, Any]:
    seen: list[Any] = []
    client = openai.OpenAI(api_key="sk-test", base_url=BASE,
                           http_client=httpx2.Client(transport=_capture(seen, httpx2)))
    result = client.realtime.client_secrets.create(**kwargs)
    return seen[0], result


@pytest.mark.parametrize("kwargs", CALLS, ids=["required-only", "full", "transcription"])
def test_same_request_as_the_official_sdk(pkg: ModuleType, kwargs: dict[str, Any]) -> None:
    ours, _ = _ours(pkg, kwargs)
    theirs, _ = _theirs(kwargs)
    assert ours.method == theirs.method == "POST"
    assert str(ours.url) == str(theirs.url) == f"{BASE}/realtime/client_secrets"
    assert json.loads(ours.content or b"{}") == json.loads(theirs.content or b"{}") == kwargs
    for header in ("authorization", "content-type", "accept"):
        assert ours.headers.get(header) == theirs.headers.get(header), header


def test_same_parsed_response_as_the_official_sdk(pkg: ModuleType) -> None:
    _, ours = _ours(pkg, {})
    _, theirs = _theirs({})
    assert ours.model_dump(exclude_unset=True) == theirs.model_dump(exclude_unset=True)
    assert ours.session.audio.input.turn_detection.eagerness == "low"
    assert type(ours.session).__name__ == type(theirs.session).__name__


def test_omit_is_not_sent_and_none_is_sent_as_null(pkg: ModuleType) -> None:
    ours, _ = _ours(pkg, {"session": {"type": "realtime", "tracing": None}})
    assert json.loads(ours.content) == {"session": {"type": "realtime", "tracing": None}}
    ours, _ = _ours(pkg, {"expires_after": pkg.omit, "session": {"type": "realtime"}})
    assert json.loads(ours.content) == {"session": {"type": "realtime"}}
