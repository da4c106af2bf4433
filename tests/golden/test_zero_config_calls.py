"""What the zero-config naming rules mean for a call (golden cases query_variants and
path_params): the constant query of a path key is sent, and of several path parameters only
the last is positional."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers import imported, write_package

from .cases import HERE, config_for

BASE_URL = "https://api.example.com/v1"


@pytest.fixture
def client_of(tmp_path: Path) -> Iterator[Callable[[str], tuple[Any, list[httpx.Request]]]]:
    """A client of a golden case's package over httpx.MockTransport, and its requests."""
    from codegen.pipeline import generate_files

    with contextlib.ExitStack() as stack:

        def make(case: str) -> tuple[Any, list[httpx.Request]]:
            config = config_for(case)
            result = generate_files(str(HERE / case / "spec.yaml"), config)
            write_package(result.files, tmp_path, config.package.name)
            stack.enter_context(imported(tmp_path, config.package.name))
            requests: list[httpx.Request] = []

            def answer(request: httpx.Request) -> httpx.Response:
                requests.append(request)
                return httpx.Response(200, json={"id": "r1"})

            module = importlib.import_module(f"{config.package.name}._client")
            client = module.Client(api_key="k", base_url=BASE_URL, http_client=httpx.Client(
                transport=httpx.MockTransport(answer)))
            stack.callback(client.close)
            return client, requests

        yield make


def test_the_constant_query_is_sent(client_of: Callable[..., Any]) -> None:
    client, requests = client_of("query_variants")
    client.beta.responses.create(input="hi")
    client.beta.responses.retrieve("r 1", extra_query={"include": "x"})
    client.beta.responses.cancel("r1")
    client.responses.create(input="hi")
    assert [str(r.url) for r in requests] == [
        f"{BASE_URL}/responses?beta=true",
        f"{BASE_URL}/responses/r%201?beta=true&include=x",
        f"{BASE_URL}/responses/r1/cancel?beta=true",
        f"{BASE_URL}/responses",
    ]
    assert [r.method for r in requests] == ["POST", "GET", "POST", "POST"]


def test_parents_are_keyword_only(client_of: Callable[..., Any]) -> None:
    client, requests = client_of("path_params")
    client.vector_stores.files.retrieve("file-abc", vector_store_id="vs_1")
    client.vector_stores.files.update("file-abc", vector_store_id="vs_1", attributes={})
    client.vector_stores.files.list("vs_1")
    assert [str(r.url) for r in requests] == [
        f"{BASE_URL}/vector_stores/vs_1/files/file-abc",
        f"{BASE_URL}/vector_stores/vs_1/files/file-abc",
        f"{BASE_URL}/vector_stores/vs_1/files",
    ]
    with pytest.raises(TypeError):
        client.vector_stores.files.retrieve("vs_1", "file-abc")
