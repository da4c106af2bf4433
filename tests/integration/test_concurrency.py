"""200 concurrent async calls against the mock server: all succeed, none leaks a socket."""

from __future__ import annotations

import asyncio
import os
import sys

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "generated"))


def _open_sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        except OSError:
            continue
    return count


async def test_two_hundred_concurrent_creates(prism_url: str) -> None:
    from openai_realtime import AsyncOpenAIRealtime
    from openai_realtime.types import ClientSecretCreateResponse

    before = _open_sockets()
    client = AsyncOpenAIRealtime(api_key="sk-test", base_url=prism_url, max_retries=0)
    results = await asyncio.gather(*(
        client.realtime.client_secrets.create(
            expires_after={"anchor": "created_at", "seconds": 600 + i},
            session={"type": "realtime"})
        for i in range(200)), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors[:3]
    assert all(isinstance(r, ClientSecretCreateResponse) for r in results)
    assert _open_sockets() > before  # the pool keeps connections open while the client lives
    await client.close()
    assert _open_sockets() <= before, "closing the client must close every connection"
