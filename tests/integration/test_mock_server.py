"""The generated clients against a real mock server started from spec/openapi.yaml."""

from __future__ import annotations

import os
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
    generated = run_codegen("generate", "spec/openapi.yaml", "--config", str(config),
                            "--out", str(tmp_path))
    assert generated.returncode == 0, generated.stderr
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "openai_realtime/tests"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={**os.environ, "TEST_API_BASE_URL": prism_url})
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "6 passed" in result.stdout, result.stdout[-2000:]  # 3 kinds x sync, async
