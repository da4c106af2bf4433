"""The Prism mock server, started from a spec on 127.0.0.1 and a free port, stopped after."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import ROOT, node_tool

PRISM = ROOT / "node_modules" / "@stoplight" / "prism-cli" / "dist" / "index.js"
START_TIMEOUT = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def prism(spec: Path, *extra: str) -> Iterator[str]:
    """Yields the base URL of a Prism mock of `spec`; the process is killed afterwards."""
    node_tool("prism")
    port = free_port()
    # The node binary itself, not an npx wrapper: killing a wrapper leaves the server running.
    process = subprocess.Popen(
        ["node", str(PRISM), "mock", "-h", "127.0.0.1", "-p", str(port), *extra, str(spec)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"})
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            log.append(line)
            if "listening on" in line.lower():
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Prism did not start:\n" + "".join(log[-40:]))
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
