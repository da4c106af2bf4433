"""What `import openai_realtime`, a client and a resource cost: no pydantic model machinery,
no HTTP transport, no type module until a request needs them. Each case runs in a fresh
interpreter, since this test process has long since imported all of them."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT

HEAVY = ("pydantic.main", "httpcore", "openai_realtime.types.client_secret_create_response")

SCRIPT = r'''
import json, sys
import httpx
from openai_realtime import OpenAIRealtime

HEAVY = %r

def loaded():
    return [name for name in HEAVY if name in sys.modules]

client = OpenAIRealtime(api_key="k")
client.realtime.client_secrets
assert loaded() == [], loaded()
assert client._http_client is None and not client.is_closed()

# The first request builds the HTTP client and parses into the typed model.
body = {"value": "ek_1", "expires_at": 1, "session": {"type": "realtime"}}
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
client._http_client = httpx.Client(transport=transport)
result = client.realtime.client_secrets.create(session={"type": "realtime"})
assert type(result).__name__ == "ClientSecretCreateResponse" and result.value == "ek_1"
assert "pydantic.main" in sys.modules

# A client that never sent a request still closes, and says so.
unused = OpenAIRealtime(api_key="k")
unused.close()
assert unused.is_closed()
print("ok")
'''


def test_client_and_resource_load_nothing_heavy() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT % (HEAVY,)], cwd=ROOT / "generated",
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]
