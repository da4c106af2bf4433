"""A real HTTP server for tests: any ASGI app, served by uvicorn on 127.0.0.1 in a thread.

    with serve(app) as base_url:
        httpx.get(base_url + "/path")

or, in a test, the `live_server` fixture: `base_url = live_server(app)`; every server it
started stops when the test ends. A test module makes the fixture its own with
`from tests.live_server import live_server_fixture` (the import's name differs from the
fixture's, so that linters do not take the test's argument for a redefinition), or builds a
wider-scoped one on `serve`.

The server picks a free port itself (port 0), so parallel test processes never collide.
Stopping asks uvicorn to exit, gives open responses a moment to finish, then cancels what
is left and joins the thread: a response that never ends cannot hang the test run.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn

STARTUP_TIMEOUT = 10.0  # seconds: a loaded machine, not a slow server
SHUTDOWN_GRACE = 1  # seconds uvicorn lets open responses finish before cancelling them
JOIN_TIMEOUT = 10.0

App = Callable[..., Any]  # an ASGI application


class _ServerThread(threading.Thread):
    def __init__(self, server: uvicorn.Server) -> None:
        super().__init__(name="live-server", daemon=True)
        self.server = server
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.server.run()
        except BaseException as exc:  # SystemExit on a failed startup, too
            self.error = exc


def _wait_started(thread: _ServerThread) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not thread.server.started:
        if not thread.is_alive():
            raise RuntimeError(f"the test server did not start: {thread.error!r}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the test server did not start in {STARTUP_TIMEOUT} s")
        time.sleep(0.01)


def _port(server: uvicorn.Server) -> int:
    port: int = server.servers[0].sockets[0].getsockname()[1]
    return port


def _stop(thread: _ServerThread) -> None:
    thread.server.should_exit = True
    thread.join(JOIN_TIMEOUT)
    if thread.is_alive():  # still waiting on connections: skip the rest of the shutdown
        thread.server.force_exit = True
        thread.join(JOIN_TIMEOUT)
    assert not thread.is_alive(), "the test server did not stop"


@contextlib.contextmanager
def serve(app: App, **options: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 and a free port; yield its base URL ("http://127.0.0.1:PORT").

    options: more uvicorn.Config settings (`http="h11"`, `lifespan="on"`, ...).
    """
    settings: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": 0,
        "log_level": "warning",
        "lifespan": "auto",
        "ws": "none",
        "timeout_graceful_shutdown": SHUTDOWN_GRACE,
    }
    settings.update(options)
    thread = _ServerThread(uvicorn.Server(uvicorn.Config(app, **settings)))
    thread.start()
    try:
        _wait_started(thread)
        yield f"http://127.0.0.1:{_port(thread.server)}"
    finally:
        _stop(thread)


@pytest.fixture(name="live_server")
def live_server_fixture() -> Iterator[Callable[..., str]]:
    """`live_server(app, **options)` serves the app for the rest of the test; gives its URL."""
    with contextlib.ExitStack() as stack:

        def start(app: App, **options: Any) -> str:
            return stack.enter_context(serve(app, **options))

        yield start
