"""Generate a tiny API (api.yaml) through the real pipeline into a throwaway package, import it,
and drive its client and resources over httpx.MockTransport."""

from __future__ import annotations

import functools
import importlib
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from codegen.config import parse_config
from codegen.pipeline import generate_files
from tests.helpers import write_package

SPEC = Path(__file__).with_name("api.yaml")
# The security scheme of each auth kind the generated client supports.
SCHEMES: dict[str, dict[str, str] | None] = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "basic": {"type": "http", "scheme": "basic"},
    "header": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    "query": {"type": "apiKey", "in": "query", "name": "key"},
    "none": None,
}
ENV_VARS = {"api_key_env": "TESTAPI_API_KEY", "base_url_env": "TESTAPI_BASE_URL",
            "log_env": "TESTAPI_LOG"}
RESOURCES = {"things": {"methods": {
    "list": "get /things",
    "create": "post /things",
    "retrieve": "get /things/{thing-id}",
    "upload": "post /uploads",
    "generate": "post /events",
    "list_pages": "get /pages",
    "download": "get /downloads/{id}",
    "notes": "get /notes",
}}}


def spec_for(auth: str, with_resources: bool) -> dict[str, Any]:
    """api.yaml with the auth kind's security scheme; without operations when asked."""
    spec: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    scheme = SCHEMES[auth]
    if scheme is None:
        del spec["security"], spec["components"]["securitySchemes"]
    else:
        spec["components"]["securitySchemes"]["auth"] = scheme
    if not with_resources:
        spec["paths"] = {}
    return spec


@functools.cache
def generated_files(package: str, auth: str, with_resources: bool) -> dict[str, str]:
    """The package's files, generated once per test session."""
    config = parse_config({
        "package": {"name": package, "version": "0.1.0", "title": "Test API"},
        "client": {"name": "TestClient", **ENV_VARS},
        "resources": RESOURCES if with_resources else {},
    }, "tests/runtime/conftest.py")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "api.json"
        path.write_text(json.dumps(spec_for(auth, with_resources)), encoding="utf-8")
        result = generate_files(str(path), config)
    assert result.ok, [d.render() for d in result.diagnostics]
    return result.files


def generate_into(root: Path, package: str, auth: str = "bearer",
                  with_resources: bool = True) -> Path:
    return write_package(generated_files(package, auth, with_resources), root, package)


@dataclass(frozen=True)
class Rendered:
    """The imported package and its runtime modules."""

    name: str
    root: Path
    client: ModuleType
    base: ModuleType
    exceptions: ModuleType
    models: ModuleType
    response: ModuleType
    types: ModuleType  # the runtime's _types (omit, not_given...)
    utils: ModuleType
    logs: ModuleType
    files: ModuleType

    def import_module(self, sub: str) -> ModuleType:
        return importlib.import_module(f"{self.name}.{sub}")

    @property
    def api(self) -> ModuleType:
        """The package's `types`: the models generated from api.yaml."""
        return self.import_module("types")


def _import(name: str, root: Path) -> Rendered:
    sys.path.insert(0, str(root))
    try:
        importlib.invalidate_caches()

        def mod(sub: str) -> ModuleType:
            return importlib.import_module(f"{name}.{sub}")

        return Rendered(name=name, root=root, client=mod("_client"), base=mod("_base_client"),
                        exceptions=mod("_exceptions"), models=mod("_models"),
                        response=mod("_response"), types=mod("_types"), utils=mod("_utils"),
                        logs=mod("_logs"), files=mod("_files"))
    finally:
        sys.path.remove(str(root))


def _forget(name: str) -> None:
    """Unloads the package and undoes what importing and using it did to the logging module."""
    for key in [k for k in sys.modules if k == name or k.startswith(name + ".")]:
        del sys.modules[key]
    logger = logging.getLogger(name)
    logger.setLevel(logging.NOTSET)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    httpx_logger = logging.getLogger("httpx")
    for log_filter in list(httpx_logger.filters):
        if type(log_filter).__module__.startswith(name + "."):
            httpx_logger.removeFilter(log_filter)


@pytest.fixture
def render(tmp_path: Path) -> Iterator[Callable[..., Rendered]]:
    names: list[str] = []

    def _render(*, auth: str = "bearer", with_resources: bool = True) -> Rendered:
        name = f"rt_{auth}" + ("" if with_resources else "_bare")
        assert name not in names, f"{name} is already imported in this test"
        names.append(name)
        root = tmp_path / name
        generate_into(root, name, auth, with_resources)
        return _import(name, root)

    yield _render
    for name in names:
        _forget(name)


API_KEY = "sk-test-SECRET-0123456789abcdef"


class Recorder:
    """A MockTransport handler that records requests and replays scripted responses."""

    def __init__(self, *responses: Any) -> None:
        self.requests: list[Any] = []
        self.responses = list(responses)

    def __call__(self, request: Any) -> Any:
        import httpx

        request.read()
        self.requests.append(request)
        item = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if isinstance(item, BaseException):
            raise item
        if callable(item):
            return item(request)
        # a fresh copy each time: a Response's stream can be consumed only once
        return httpx.Response(item.status_code, headers=item.headers, content=item.content)

    @property
    def last(self) -> Any:
        return self.requests[-1]


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Any:
    import httpx

    return httpx.Response(status, json=data, headers=headers)


class FakeSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


class FakeAsyncSleep(FakeSleep):
    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        self.delays.append(seconds)


def sync_client(rt: Rendered, handler: Recorder, **options: Any) -> Any:
    import httpx

    options.setdefault("api_key", API_KEY)
    client = rt.client.TestClient(
        http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options
    )
    client._sleep = FakeSleep()
    return client


def async_client(rt: Rendered, handler: Recorder, **options: Any) -> Any:
    import httpx

    options.setdefault("api_key", API_KEY)
    client = rt.client.AsyncTestClient(
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)), **options
    )
    client._async_sleep = FakeAsyncSleep()
    return client


@pytest.fixture
def rt(render: Callable[..., Rendered], monkeypatch: pytest.MonkeyPatch) -> Rendered:
    """The default package: bearer auth, the `things` resource, a clean environment."""
    for var in ENV_VARS.values():
        monkeypatch.delenv(var, raising=False)
    return render()
