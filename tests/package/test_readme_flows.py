"""The guides in generated/openai_realtime/README.md run as written: their Python blocks, in a
subprocess, against a local stand-in for OpenAI's Realtime endpoints (tests/fake_realtime.py)
that refuses what OpenAI would refuse. Flow 1 mints a client secret and opens a WebRTC call
with it (the bare SDP offer, the call id from `Location`); flow 2 verifies a signed
`realtime.call.incoming` webhook and accepts or rejects the call."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from codegen.pipeline import load_config
from tests.fake_realtime import (
    CALL_ID,
    EPHEMERAL_KEY,
    WEBHOOK_SECRET,
    FakeRealtime,
    incoming_call,
    signed_webhook,
)
from tests.helpers import ROOT
from tests.live_server import live_server_fixture

__all__ = ["live_server_fixture"]

README = ROOT / "generated" / "openai_realtime" / "README.md"
OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
API_KEY = "sk-backend-test"
# Flow 2 reads the webhook request from these, as a web framework would hand them over.
WEBHOOK_PRELUDE = """\
import json, os
request_body = os.environ["TEST_WEBHOOK_BODY"].encode()
request_headers = json.loads(os.environ["TEST_WEBHOOK_HEADERS"])
"""


def guide_sections() -> dict[str, list[str]]:
    """The README's guide sections by heading: their Python blocks, in order."""
    readme = README.read_text(encoding="utf-8")
    config = load_config(str(ROOT / "spec" / "codegen.yaml"), None, "spec/openapi.yaml")
    sections: dict[str, list[str]] = {}
    for guide in config.readme.texts:
        assert guide in readme, "the README holds each guide verbatim"
        for section in re.split(r"^(?=## )", guide, flags=re.M):
            if section.startswith("## "):
                heading = section.splitlines()[0].removeprefix("## ")
                sections[heading] = re.findall(r"^```python\n(.*?)^```$", section,
                                               flags=re.M | re.S)
    return sections


def flow(prefix: str) -> str:
    [blocks] = [b for heading, b in guide_sections().items() if heading.startswith(prefix)]
    assert blocks, f"{prefix} has Python examples"
    return "\n\n".join(blocks)


@pytest.fixture
def fake(live_server: Callable[..., str]) -> tuple[FakeRealtime, str]:
    server = FakeRealtime()
    return server, live_server(server.app()) + "/v1"


def run(code: str, base_url: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False,
        timeout=120, env={**clean, "PYTHONPATH": str(ROOT / "generated"),
                          "OPENAI_API_KEY": API_KEY, "OPENAI_BASE_URL": base_url,
                          "OPENAI_WEBHOOK_SECRET": WEBHOOK_SECRET, **env})


def test_the_guides_have_both_flows() -> None:
    assert [h.split(":")[0] for h in guide_sections()] == ["Flow 1", "Flow 2"]


def test_browser_flow_mints_a_secret_and_opens_the_call_with_it(
        fake: tuple[FakeRealtime, str], tmp_path: Path) -> None:
    server, base_url = fake
    (tmp_path / "offer.sdp").write_text(OFFER, newline="")

    result = run(flow("Flow 1"), base_url, tmp_path)

    assert result.returncode == 0, result.stderr[-3000:]
    assert f"call {CALL_ID} answered with" in result.stdout
    secret, call, hangup = server.received
    assert (secret.path, secret.headers["authorization"]) == (
        "/v1/realtime/client_secrets", f"Bearer {API_KEY}")
    assert secret.json()["session"]["type"] == "realtime"
    assert call.path == "/v1/realtime/calls"
    assert call.headers["authorization"] == f"Bearer {EPHEMERAL_KEY}", "the ephemeral key"
    assert call.headers["content-type"] == "application/sdp"
    assert call.body == OFFER.encode(), "the offer, byte for byte, as the whole body"
    assert (hangup.path, hangup.headers["authorization"]) == (
        f"/v1/realtime/calls/{CALL_ID}/hangup", f"Bearer {API_KEY}")


def _sip_flow(fake: tuple[FakeRealtime, str], tmp_path: Path, caller: str,
              secret: str = WEBHOOK_SECRET) -> tuple[FakeRealtime, str]:
    server, base_url = fake
    call_id = "rtc_sip_4b5c6d"
    server.calls.append(call_id)
    body, headers = signed_webhook(incoming_call(call_id, caller), secret)
    result = run(WEBHOOK_PRELUDE + flow("Flow 2"), base_url, tmp_path,
                 TEST_WEBHOOK_BODY=body, TEST_WEBHOOK_HEADERS=json.dumps(headers))
    assert result.returncode == 0, result.stderr[-3000:]
    return server, result.stdout


def test_sip_flow_accepts_a_call_with_its_session(fake: tuple[FakeRealtime, str],
                                                 tmp_path: Path) -> None:
    server, stdout = _sip_flow(fake, tmp_path, "sip:+14155550123@example.com")
    assert "webhook answered 200" in stdout
    [accept] = server.received
    assert accept.path == "/v1/realtime/calls/rtc_sip_4b5c6d/accept"
    assert accept.headers["content-type"] == "application/json"
    session = accept.json()
    assert (session["type"], session["model"], session["tracing"]) == (
        "realtime", "gpt-realtime", "auto")
    assert session["audio"]["input"]["turn_detection"]["type"] == "server_vad"
    [tool] = session["tools"]
    assert tool["type"] == "mcp" and tool["server_url"].startswith("https://")


def test_sip_flow_rejects_a_blocked_caller(fake: tuple[FakeRealtime, str],
                                           tmp_path: Path) -> None:
    server, stdout = _sip_flow(fake, tmp_path, "sip:+15005550000@example.com")
    assert "webhook answered 200" in stdout
    [reject] = server.received
    assert reject.path == "/v1/realtime/calls/rtc_sip_4b5c6d/reject"
    assert reject.json() == {"status_code": 486}


def test_sip_flow_refuses_a_webhook_signed_with_another_secret(
        fake: tuple[FakeRealtime, str], tmp_path: Path) -> None:
    other = "whsec_" + "b3RoZXItc2VjcmV0LW9mLTMyLWJ5dGVzLWxvbmchIQ=="
    server, stdout = _sip_flow(fake, tmp_path, "sip:+14155550123@example.com", other)
    assert "webhook answered 400" in stdout
    assert server.received == [], "no call is answered on an unverified webhook"
