"""The whole OpenAI spec generated with tests/oracle/openai.yaml, the official `openai` SDK,
and one local server both talk to (tests/oracle/server.py)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from codegen.config import parse_config
from codegen.pipeline import Generated, generate_files
from tests.helpers import imported, shared_path, write_package
from tests.live_server import serve

from .server import Recorder, build_app

CONFIG = Path(__file__).with_name("openai.yaml")
PACKAGE = "openai_oracle"
API_KEY = "sk-test-0123456789"


@dataclass(frozen=True)
class OracleSdk:
    result: Generated
    package: ModuleType

    def method_path(self, verb: str, path: str) -> str:
        """Our access path of an endpoint ('chat.completions.create')."""
        names, api = self.result.names, self.result.api
        assert names is not None and api is not None
        op = next(o for o in api.operations if (o.method, o.path) == (verb, path))
        return f"{names.resource_of(op).display}.{names.methods[op.key]}"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OracleSdk]:
    spec = shared_path("specs", "openai-openapi.json")
    config = parse_config(yaml.safe_load(CONFIG.read_text(encoding="utf-8")), str(CONFIG))
    result = generate_files(str(spec), config)
    assert result.ok, [d.render() for d in result.diagnostics if d.severity.name == "ERROR"]
    root = tmp_path_factory.mktemp("oracle")
    write_package(result.files, root, PACKAGE)
    with imported(root, PACKAGE) as package:
        yield OracleSdk(result, package)


@pytest.fixture(scope="session")
def server() -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    with serve(build_app(recorder)) as base_url:
        yield f"{base_url}/v1", recorder


@pytest.fixture
def recorder(server: tuple[str, Recorder]) -> Recorder:
    server[1].take()
    return server[1]


@pytest.fixture
def ours(generated: OracleSdk, server: tuple[str, Recorder]) -> Iterator[Any]:
    client = generated.package.OpenAI(api_key=API_KEY, base_url=server[0], max_retries=2)
    yield client
    client.close()


@pytest.fixture
def theirs(server: tuple[str, Recorder]) -> Iterator[Any]:
    import openai

    client = openai.OpenAI(api_key=API_KEY, base_url=server[0], max_retries=2)
    yield client
    client.close()


def bound(client: Any, access_path: str) -> Callable[..., Any]:
    """client.chat.completions.create, from 'chat.completions.create'."""
    return operator.attrgetter(access_path)(client)  # type: ignore[no-any-return]
