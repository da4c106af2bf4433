"""Errors by status, client configuration, and keeping the API key out of sight."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from .conftest import API_KEY, Recorder, json_response, sync_client


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (503, "InternalServerError"),
        (418, "APIStatusError"),
    ],
)
def test_status_to_exception(rt: Any, status: int, name: str) -> None:
    body = {"error": {"message": "Incorrect API key provided", "type": "x"}}
    rec = Recorder(json_response(status, body, {"x-request-id": "req_123"}))
    client = sync_client(rt, rec, max_retries=0)
    with pytest.raises(rt.exceptions.APIStatusError) as info:
        client.things.create(name="n")
    exc = info.value
    assert type(exc).__name__ == name
    assert isinstance(exc, rt.exceptions.APIError)
    assert str(exc) == f"Error code: {status} - Incorrect API key provided"
    assert exc.status_code == status
    assert exc.request_id == "req_123"
    assert exc.body == body
    assert exc.response.status_code == status
    assert exc.request.url.path == "/v1/things"


def test_package_exports_every_error_class(rt: Any) -> None:
    """The package re-exports what `_exceptions.__all__` lists; that list must be complete."""
    import importlib
    import inspect

    module = rt.exceptions
    defined = {name for name, value in vars(module).items() if inspect.isclass(value)
               and issubclass(value, Exception) and value.__module__ == module.__name__
               and not name.startswith("_")}
    assert set(module.__all__) == defined
    package = importlib.import_module(rt.name)
    for name in module.__all__:
        assert name in package.__all__
        assert getattr(package, name) is getattr(module, name)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"message": "flat message"}, "Error code: 400 - flat message"),
        ({"error": "just a string"}, "Error code: 400 - just a string"),
        ({"detail": "x"}, 'Error code: 400 - {"detail": "x"}'),
    ],
)
def test_error_message_shapes(rt: Any, body: Any, expected: str) -> None:
    client = sync_client(rt, Recorder(json_response(400, body)))
    with pytest.raises(rt.exceptions.BadRequestError, match="^") as info:
        client.get("/x", cast_to=object)
    assert str(info.value) == expected


def test_error_with_text_and_empty_bodies(rt: Any) -> None:
    client = sync_client(rt, Recorder(httpx.Response(404, text="no such thing")))
    with pytest.raises(rt.exceptions.NotFoundError) as info:
        client.get("/x", cast_to=object)
    assert str(info.value) == "Error code: 404 - no such thing"
    assert info.value.body == "no such thing"

    client = sync_client(rt, Recorder(httpx.Response(404)))
    with pytest.raises(rt.exceptions.NotFoundError) as info:
        client.get("/x", cast_to=object)
    assert str(info.value) == "Error code: 404"


def test_key_never_in_repr_or_messages(rt: Any) -> None:
    echo = {"error": {"message": f"Incorrect API key provided: {API_KEY}."}}
    client = sync_client(rt, Recorder(json_response(401, echo)))
    assert API_KEY not in repr(client)
    assert "base_url='https://api.example.com/v1/'" in repr(client)
    with pytest.raises(rt.exceptions.AuthenticationError) as info:
        client.get("/x", cast_to=object)
    assert API_KEY not in str(info.value)
    assert API_KEY not in repr(info.value)
    assert "Incorrect API key provided: <redacted>." in str(info.value)


def test_key_never_in_logs(render: Any, monkeypatch: Any, caplog: Any) -> None:
    monkeypatch.setenv("TESTAPI_LOG", "debug")
    rt = render(auth="query")
    logger = logging.getLogger(rt.name)
    assert logger.level == logging.NOTSET  # configured only when a client is made
    caplog.set_level(logging.DEBUG)
    rec = Recorder(
        json_response(500, {}),
        json_response(200, {"id": "t"}, {"set-cookie": "session=abc"}),
    )
    client = sync_client(rt, rec, default_headers={"X-Api-Key": API_KEY})
    assert logger.level == logging.DEBUG
    client.things.create(name="n")
    text = caplog.text
    assert "Request: POST https://api.example.com/v1/things?key=%3Credacted%3E" in text
    assert "'x-api-key': '<redacted>'" in text
    assert "'set-cookie': '<redacted>'" in text
    assert "Retrying POST" in text
    assert '"200 OK"' in text
    assert API_KEY not in text
    # httpx's own INFO line carries the URL: its auth query parameter is masked too
    logging.getLogger("httpx").info("HTTP Request: %s", rec.last.url)
    assert API_KEY not in caplog.text


def test_bearer_header_redacted_in_logs(render: Any, monkeypatch: Any, caplog: Any) -> None:
    monkeypatch.setenv("TESTAPI_LOG", "debug")
    rt = render()
    caplog.set_level(logging.DEBUG)
    client = sync_client(rt, Recorder(json_response(200, {"id": "t"})))
    client.things.create(name="n")
    assert "'authorization': '<redacted>'" in caplog.text
    assert API_KEY not in caplog.text
    assert rt.logs.redact_headers({"Authorization": "Bearer x", "A": "b"}) == {
        "Authorization": "<redacted>",
        "A": "b",
    }


def test_no_logging_without_env(rt: Any) -> None:
    sync_client(rt, Recorder(json_response(200, {})))
    assert logging.getLogger(rt.name).level == logging.NOTSET


def test_info_level_from_env(render: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("TESTAPI_LOG", "info")
    rt = render()
    sync_client(rt, Recorder(json_response(200, {})))
    assert logging.getLogger(rt.name).level == logging.INFO


def test_missing_key_names_env_var(rt: Any) -> None:
    with pytest.raises(rt.exceptions.ClientConfigError, match="TESTAPI_API_KEY"):
        rt.client.TestClient()
    with pytest.raises(rt.exceptions.ClientConfigError, match="TESTAPI_API_KEY"):
        rt.client.AsyncTestClient()
    assert not issubclass(rt.exceptions.ClientConfigError, rt.exceptions.APIError)


def test_missing_key_without_env_var(rt: Any, monkeypatch: Any) -> None:
    # codegen always names a variable for a key; a client edited to have none still says how
    monkeypatch.setattr(rt.client, "API_KEY_ENV", None)
    with pytest.raises(rt.exceptions.ClientConfigError, match="passing api_key") as info:
        rt.client.TestClient()
    assert "environment" not in str(info.value)


def test_key_and_base_url_from_env(rt: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("TESTAPI_API_KEY", "env-key-123456")
    monkeypatch.setenv("TESTAPI_BASE_URL", "http://localhost:9999/base")
    client = rt.client.TestClient()
    assert client.api_key == "env-key-123456"
    assert str(client.base_url) == "http://localhost:9999/base/"
    client2 = rt.client.TestClient(api_key="arg-key", base_url="https://x.example/")
    assert client2.api_key == "arg-key"
    assert str(client2.base_url) == "https://x.example/"
    monkeypatch.delenv("TESTAPI_BASE_URL")
    assert str(rt.client.TestClient().base_url) == "https://api.example.com/v1/"


def test_relative_base_url_fails_at_the_first_request(rt: Any) -> None:
    """A spec without an absolute server still gives a client; a request says what to do."""
    client = rt.client.TestClient(api_key="k", base_url="/relative")
    with pytest.raises(rt.exceptions.ClientConfigError, match="absolute.*pass base_url="):
        client.get("/x", cast_to=object)


def test_defaults(rt: Any) -> None:
    client = rt.client.TestClient(api_key="k")
    assert client.max_retries == 2
    assert client.timeout == httpx.Timeout(600.0, connect=5.0)
    assert client._client.timeout == httpx.Timeout(600.0, connect=5.0)
    client.close()
    assert client.is_closed()


def test_with_options_copies_and_shares_http_client(rt: Any) -> None:
    rec = Recorder(json_response(200, {"id": "t"}))
    client = sync_client(rt, rec, default_headers={"X-A": "1"})
    copy = client.with_options(
        max_retries=5, timeout=3.0, default_headers={"X-B": "2"}, api_key="other-key"
    )
    assert copy is not client
    assert copy._client is client._client
    assert (copy.max_retries, copy.timeout) == (5, 3.0)
    assert (client.max_retries, client.api_key) == (2, API_KEY)
    copy.things.create(name="n")
    assert rec.last.headers["x-a"] == "1" and rec.last.headers["x-b"] == "2"
    assert rec.last.headers["authorization"] == "Bearer other-key"
    assert copy.things is not client.things
    # closing the copy leaves the shared http client open
    copy.close()
    assert not client._client.is_closed


def test_own_http_client_is_not_closed(rt: Any) -> None:
    http_client = httpx.Client(timeout=12.0)
    with rt.client.TestClient(api_key="k", http_client=http_client) as client:
        assert client.timeout == httpx.Timeout(12.0)
    assert not http_client.is_closed
    with rt.client.TestClient(api_key="k") as client:
        pass
    assert client.is_closed()
    with pytest.raises(TypeError, match="httpx.Client"):
        rt.client.TestClient(api_key="k", http_client=httpx.AsyncClient())


def test_resources_are_lazy_and_cached(rt: Any) -> None:
    import sys

    client = rt.client.TestClient(api_key="k")
    assert f"{rt.name}.resources.things" not in sys.modules
    assert f"{rt.name}.types.thing" not in sys.modules
    things = client.things
    assert client.things is things
    assert type(things).__name__ == "Things"
    assert things._client is client
    assert f"{rt.name}.resources.things" in sys.modules


def test_empty_resource_list_renders(render: Any) -> None:
    rt = render(with_resources=False)
    client = rt.client.TestClient(api_key="k")
    assert not hasattr(client, "things")


def test_sentinels(rt: Any) -> None:
    import copy
    import pickle

    omit, not_given = rt.types.omit, rt.types.not_given
    assert not omit and not not_given
    assert repr(omit) == "omit" and repr(not_given) == "not_given"
    assert copy.deepcopy(omit) is omit
    assert pickle.loads(pickle.dumps(omit)) is omit
    assert rt.types.NoneType is type(None)


async def test_async_errors_and_config(rt: Any) -> None:
    from .conftest import async_client

    rec = Recorder(json_response(404, {"error": {"message": "gone"}}))
    client = async_client(rt, rec)
    assert API_KEY not in repr(client)
    with pytest.raises(rt.exceptions.NotFoundError, match="Error code: 404 - gone"):
        await client.things.create(name="n")
    copy = client.with_options(max_retries=0)
    assert copy._client is client._client
    await copy.close()
    assert not client.is_closed()
    await client.aclose()
