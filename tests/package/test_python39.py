"""The generated package runs on Python 3.9, its oldest supported version, not just type-checks
for it: import, parse, and a sync and an async call through httpx.MockTransport."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

VENV = ROOT / ".venv-py39"
REQUIREMENTS = ["httpx==0.28.1", "pydantic>=2.7,<3", "typing_extensions>=4.7"]

SCRIPT = r'''
import asyncio, json, sys
import httpx
assert sys.version_info[:2] == (3, 9), sys.version
from openai_realtime import AsyncOpenAIRealtime, OpenAIRealtime, parse_response
from openai_realtime.types import ClientSecretCreateResponse

body = {"value": "ek_1", "expires_at": 1, "session": {"type": "realtime", "id": "s",
        "object": "realtime.session", "audio": {"input": {"turn_detection": {
        "type": "brand_new_vad"}}}}}
parsed = parse_response(ClientSecretCreateResponse, body)
assert parsed.model_dump(exclude_unset=True) == body

def handler(request):
    assert json.loads(request.content) == {"session": {"type": "realtime"}}
    return httpx.Response(200, json=body)

sync_http = httpx.Client(transport=httpx.MockTransport(handler))
client = OpenAIRealtime(api_key="k", http_client=sync_http)
assert client.realtime.client_secrets.create(session={"type": "realtime"}).value == "ek_1"

async def main():
    async_http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with AsyncOpenAIRealtime(api_key="k", http_client=async_http) as c:
        result = await c.realtime.client_secrets.create(session={"type": "realtime"})
        assert result.expires_at == 1
asyncio.run(main())
print("ok")
'''


def _python39() -> str:
    """A working python3.9: on PATH, or one that pyenv installed but does not expose."""
    candidates = [shutil.which("python3.9") or "",
                  *sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.9*/bin/python3.9"))]
    for candidate in candidates:
        if candidate and subprocess.run([candidate, "-c", "pass"], capture_output=True,
                                        check=False).returncode == 0:
            return candidate
    pytest.skip("no working python3.9 on this machine")


def test_runs_on_python_39() -> None:
    python = _python39()
    if not (VENV / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        *REQUIREMENTS], check=True)
    result = subprocess.run([str(VENV / "bin" / "python"), "-c", SCRIPT],
                            cwd=ROOT / "generated", capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]
