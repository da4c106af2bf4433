"""Retries: which failures, how many attempts, how long between them."""

from __future__ import annotations

import email.utils
import socket
import time
from typing import Any

import httpx
import pytest

from .conftest import Recorder, async_client, json_response, sync_client


def err(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return json_response(status, {"error": {"message": f"status {status}"}}, headers)


OK = json_response(200, {"id": "t1"})


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_retried_statuses_then_success(rt: Any, status: int) -> None:
    rec = Recorder(err(status), err(status), OK)
    client = sync_client(rt, rec)
    assert client.things.create(name="n").id == "t1"
    assert len(rec.requests) == 3
    assert [r.headers.get("x-retry-count") for r in rec.requests] == [None, "1", "2"]
    assert len(client._sleep.delays) == 2


def test_gives_up_after_max_retries(rt: Any) -> None:
    rec = Recorder(err(503))
    client = sync_client(rt, rec)
    with pytest.raises(rt.exceptions.InternalServerError):
        client.things.create(name="n")
    assert len(rec.requests) == 3  # default max_retries = 2


def test_backoff_delays_are_exponential_with_jitter(rt: Any) -> None:
    rec = Recorder(err(500))
    client = sync_client(rt, rec, max_retries=6)
    with pytest.raises(rt.exceptions.InternalServerError):
        client.things.create(name="n")
    delays = client._sleep.delays
    assert len(delays) == 6
    for n, delay in enumerate(delays):
        base = min(0.5 * 2**n, 8.0)
        assert 0.75 * base <= delay <= base, (n, delay)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_no_retry_on_other_4xx(rt: Any, status: int) -> None:
    rec = Recorder(err(status))
    client = sync_client(rt, rec)
    with pytest.raises(rt.exceptions.APIStatusError):
        client.things.create(name="n")
    assert len(rec.requests) == 1
    assert client._sleep.delays == []


def test_x_should_retry_overrides(rt: Any) -> None:
    rec = Recorder(err(400, {"x-should-retry": "true"}), OK)
    client = sync_client(rt, rec)
    client.things.create(name="n")
    assert len(rec.requests) == 2

    rec = Recorder(err(503, {"x-should-retry": "false"}))
    client = sync_client(rt, rec)
    with pytest.raises(rt.exceptions.InternalServerError):
        client.things.create(name="n")
    assert len(rec.requests) == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "retry-after": "7"}, 0.25),
    ],
)
def test_retry_after_is_honoured(rt: Any, headers: dict[str, str], expected: float) -> None:
    rec = Recorder(err(429, headers), OK)
    client = sync_client(rt, rec)
    client.things.create(name="n")
    assert client._sleep.delays == [expected]


def test_retry_after_http_date(rt: Any) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    rec = Recorder(err(429, {"retry-after": when}), OK)
    client = sync_client(rt, rec)
    client.things.create(name="n")
    [delay] = client._sleep.delays
    assert 28.0 <= delay <= 30.0


@pytest.mark.parametrize("value", ["0", "-1", "61", "3600", "soon"])
def test_out_of_range_retry_after_falls_back_to_backoff(rt: Any, value: str) -> None:
    rec = Recorder(err(429, {"retry-after": value}), OK)
    client = sync_client(rt, rec)
    client.things.create(name="n")
    [delay] = client._sleep.delays
    assert 0.375 <= delay <= 0.5


def test_max_retries_per_client_copy(rt: Any) -> None:
    rec = Recorder(err(500))
    client = sync_client(rt, rec).with_options(max_retries=0)
    with pytest.raises(rt.exceptions.InternalServerError):
        client.things.create(name="n")
    assert len(rec.requests) == 1


def test_timeout_raises_api_timeout_error_after_retries(rt: Any) -> None:
    rec = Recorder(httpx.ReadTimeout("slow"))
    client = sync_client(rt, rec)
    with pytest.raises(rt.exceptions.APITimeoutError) as info:
        client.things.create(name="n")
    assert isinstance(info.value, rt.exceptions.APIConnectionError)
    assert len(rec.requests) == 3
    assert len(client._sleep.delays) == 2


def test_timeout_option_reaches_httpx(rt: Any) -> None:
    rec = Recorder(OK)
    client = sync_client(rt, rec)
    client.things.create(name="n")
    assert rec.last.extensions["timeout"] == {
        "connect": 5.0,
        "read": 600.0,
        "write": 600.0,
        "pool": 600.0,
    }
    client.things.create(name="n", timeout=2.5)
    assert rec.last.extensions["timeout"]["read"] == 2.5
    client.with_options(timeout=None).things.create(name="n")
    assert rec.last.extensions["timeout"]["read"] is None


def test_connection_error_then_success(rt: Any) -> None:
    rec = Recorder(httpx.ConnectError("refused"), OK)
    client = sync_client(rt, rec)
    assert client.things.create(name="n").id == "t1"
    assert [r.headers.get("x-retry-count") for r in rec.requests] == [None, "1"]


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_on_a_real_closed_port(rt: Any) -> None:
    port = _closed_port()
    client = rt.client.TestClient(api_key="k" * 20, base_url=f"http://127.0.0.1:{port}/v1")
    sleeps: list[float] = []
    client._sleep = sleeps.append
    with pytest.raises(rt.exceptions.APIConnectionError) as info:
        client.get("/x", cast_to=object)
    assert type(info.value) is rt.exceptions.APIConnectionError
    assert str(info.value) == "Connection error."
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert len(sleeps) == 2
    client.close()


async def test_async_retries_with_fake_sleep(rt: Any) -> None:
    rec = Recorder(err(429, {"retry-after-ms": "100"}), err(500), OK)
    client = async_client(rt, rec)
    thing = await client.things.create(name="n")
    assert thing.id == "t1"
    delays = client._async_sleep.delays
    assert delays[0] == 0.1
    assert 0.75 <= delays[1] <= 1.0
    assert [r.headers.get("x-retry-count") for r in rec.requests] == [None, "1", "2"]


async def test_async_connection_refused(rt: Any) -> None:
    port = _closed_port()
    client = rt.client.AsyncTestClient(api_key="k" * 20, base_url=f"http://127.0.0.1:{port}")
    delays: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        delays.append(seconds)

    client._async_sleep = fake_sleep
    async with client:
        with pytest.raises(rt.exceptions.APIConnectionError):
            await client.get("/x", cast_to=object)
    assert len(delays) == 2
    assert client.is_closed()


async def test_async_timeout(rt: Any) -> None:
    rec = Recorder(httpx.ConnectTimeout("slow"))
    client = async_client(rt, rec, max_retries=1)
    with pytest.raises(rt.exceptions.APITimeoutError):
        await client.things.create(name="n")
    assert len(rec.requests) == 2


def test_file_is_resent_whole_on_retry(rt: Any) -> None:
    import io

    rec = Recorder(err(500), json_response(200, {"id": "u"}))
    client = sync_client(rt, rec)
    client.things.upload(file=("a.txt", io.BytesIO(b"payload-bytes")), purpose="p")
    assert all(b"payload-bytes" in r.content for r in rec.requests)
