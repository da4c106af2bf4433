"""The generated clients against a real mock server started from spec/openapi.yaml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_codegen

GENERATED = ROOT / "generated"


@pytest.fixture(scope="module")
def pkg_path() -> None:  # type: ignore[misc]
    sys.path.insert(0, str(GENERATED))
    yield
    sys.path.remove(str(GENERATED))


def test_sync_client_gets_a_typed_response(prism_url: str, pkg_path: None) -> None:
    from openai_realtime import OpenAIRealtime
    from openai_realtime.types import ClientSecretCreateResponse

    with OpenAIRealtime(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        secret = client.realtime.client_secrets.create(
            expires_after={"anchor": "created_at", "seconds": 600},
            session={"type": "realtime", "model": "gpt-realtime",
                     "audio": {"input": {"turn_detection": {"type": "semantic_vad",
                                                             "eagerness": "low"}}}})
    assert isinstance(secret, ClientSecretCreateResponse)
    assert isinstance(secret.value, str) and isinstance(secret.expires_at, int)


async def test_async_client_gets_a_typed_response(prism_url: str, pkg_path: None) -> None:
    from openai_realtime import AsyncOpenAIRealtime
    from openai_realtime.types import ClientSecretCreateResponse

    async with AsyncOpenAIRealtime(api_key="sk-test", base_url=prism_url,
                                   max_retries=0) as client:
        secret = await client.realtime.client_secrets.create(session={"type": "transcription"})
    assert isinstance(secret, ClientSecretCreateResponse)


def test_generated_tests_pass_against_the_mock_server(prism_url: str, tmp_path: Path) -> None:
    """The generated tests (`tests: true` in the config writes them), run as a user would."""
    config = tmp_path / "codegen.yaml"
    config.write_text((ROOT / "spec" / "codegen.yaml").read_text() + "\ntests: true\n")
    shutil.copytree(ROOT / "spec" / "guides", tmp_path / "guides")  # relative to the config
    generated = run_codegen("generate", "spec/openapi.yaml", "--config", str(config),
                            "--out", str(tmp_path))
    assert generated.returncode == 0, generated.stderr
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "openai_realtime/tests"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "TEST_API_BASE_URL": prism_url})
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    # 9 operations x 3 kinds (required args, every arg, raw response) x sync, async
    assert "54 passed" in result.stdout, result.stdout[-2000:]


# The other Realtime operations, where Prism can answer them. Prism checks each request against
# the spec (a JSON body's shape, the Content-Type among the documented ones) and makes its
# answer up from the schemas: a 201 application/sdp body is the text "string" and `Location`
# is "string" too. What it cannot check (multipart parts, their media types, the real
# Location) is covered against a local server in test_realtime_local.py.


def test_translation_and_beta_session_secrets(prism_url: str, pkg_path: None) -> None:
    from openai_realtime import OpenAIRealtime
    from openai_realtime.types import (
        RealtimeTranslationClientSecretCreateResponse,
        SessionCreateResponse,
        TranscriptionSession,
    )

    with OpenAIRealtime(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        translation = client.realtime.translations.client_secrets.create(
            session={"model": "gpt-realtime-translate"},
            expires_after={"anchor": "created_at", "seconds": 600})
        session = client.beta.realtime.sessions.create(
            client_secret={"value": "ek_test", "expires_at": 1756310470},
            instructions="Be brief.")
        transcription = client.beta.realtime.transcription_sessions.create()
    assert isinstance(translation, RealtimeTranslationClientSecretCreateResponse)
    assert isinstance(translation.value, str)
    assert isinstance(session, SessionCreateResponse)
    assert isinstance(transcription, TranscriptionSession)


def test_call_controls_return_none(prism_url: str, pkg_path: None) -> None:
    from openai_realtime import OpenAIRealtime

    with OpenAIRealtime(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        calls = client.realtime.calls
        accepted = calls.accept(
            "rtc_123", type="realtime", model="gpt-realtime", tracing="auto",
            audio={"input": {"turn_detection": {"type": "server_vad", "threshold": 0.5}}},
            tools=[{"type": "mcp", "server_label": "docs",
                    "server_url": "https://mcp.example.com"}])
        outcomes = [accepted, calls.refer("rtc_123", target_uri="tel:+14155550123"),
                    calls.reject("rtc_123", status_code=486), calls.hangup("rtc_123")]
        raw = calls.with_raw_response.hangup("rtc_123")
    assert outcomes == [None, None, None, None]
    assert raw.status_code == 200 and raw.parse() is None


@pytest.mark.parametrize("multipart", [False, True], ids=["bare-sdp", "multipart"])
def test_create_call_returns_the_sdp_answer_as_text(prism_url: str, pkg_path: None,
                                                    multipart: bool) -> None:
    from openai_realtime import OpenAIRealtime, types

    with OpenAIRealtime(api_key="sk-test", base_url=prism_url, max_retries=0) as client:
        calls = client.realtime.calls.with_raw_response
        raw = calls.create(sdp="v=0\r\n", session={"type": "realtime"}) if multipart else \
            calls.create(sdp="v=0\r\n")
    assert raw.status_code == 201
    assert raw.headers["content-type"].startswith("application/sdp")
    answer = raw.parse()
    assert isinstance(answer, str) and answer
    assert raw.headers_as(types.CallCreateResponseHeaders).location == "string"


async def test_async_call_controls(prism_url: str, pkg_path: None) -> None:
    from openai_realtime import AsyncOpenAIRealtime

    async with AsyncOpenAIRealtime(api_key="sk-test", base_url=prism_url,
                                   max_retries=0) as client:
        answer = await client.realtime.calls.create(sdp="v=0\r\n")
        rejected = await client.realtime.calls.reject("rtc_123")
    assert isinstance(answer, str) and rejected is None
