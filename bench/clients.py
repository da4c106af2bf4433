"""The client suite: the generated SDK at run time against the official `openai` SDK and the
floor (bare httpx), every row a fresh process calling one local server.

The package under test is generated once per harness run (`ensure_client_package`); the server
(bench/client_server.py, the project's Python) runs for the whole suite (`local_server`); each
case's rows alternate like every other series (`run_series`), and what bench/client_probe.py
prints becomes the sample's metrics (`probe_metrics`).
"""

from __future__ import annotations

import contextlib
import json
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.cases import (
    CLIENT_CASES,
    CLIENT_PACKAGE,
    CLIENT_SERVER,
    CLIENT_TOOL_NAMES,
    CLIENT_VENV,
    SPECS,
    ClientCase,
    ClientServer,
    ClientTool,
    cold_code,
)
from bench.measure import Command, last_line, log, prepare_output, run_series
from bench.paths import BENCH, CODEGEN_CACHE_DIR, LOGS, ROOT, rel
from bench.peers import Peers, tool_env
from bench.suites import CaseResult

CLIENT_PROBE = BENCH / "client_probe.py"
CLIENT_SERVER_SCRIPT = BENCH / "client_server.py"
API_KEY = "sk-bench-0123456789"
SERVER_START_TIMEOUT = 60.0
SERVER_STOP_TIMEOUT = 10.0
Selected = Callable[..., bool]


def probe_metrics(line: str) -> tuple[dict[str, float], str]:
    """The numbers client_probe.py printed as its last line, or why there are none."""
    try:
        printed = json.loads(line) if line else None
    except ValueError:
        printed = None
    if not isinstance(printed, dict) or "unit_us" not in printed:
        return {}, f"the probe printed no result (last line: {line[:120]!r})"
    return {str(k): float(v) for k, v in printed.items() if isinstance(v, (int, float))}, ""


def printed_exactly(expected: str) -> Callable[[str], tuple[dict[str, float], str]]:
    """A check that the run's last line is `expected` (a cold start printing the id it got)."""

    def check(line: str) -> tuple[dict[str, float], str]:
        return {}, "" if line == expected else f"printed {line[:120]!r}, not {expected!r}"

    return check


def probe_tool(tool: ClientTool) -> str:
    """client_probe.py's TOOL argument for a row."""
    if tool == "floor":
        return "floor"
    return f"sdk:{CLIENT_PACKAGE.name}" if tool == "codegen" else "sdk:openai"


def probe_argv(python: Path, case: ClientCase, tool: ClientTool, server: ClientServer) -> list[str]:
    argv = [str(python), str(CLIENT_PROBE), case.kind, probe_tool(tool), "--mode", case.mode]
    argv += ["--count", str(case.count), "--warmup", str(case.warmup)]
    argv += ["--page-size", str(server.page_size), "--file-id", server.file_id]
    return argv + ["--last-id", server.last_item]


def client_command(
    case: ClientCase, tool: ClientTool, bin_dir: Path, base_url: str, package_dir: Path
) -> Command:
    """One row: the probe (or, for a cold start, `python -c`) in the client venv, with the
    package under test on PYTHONPATH for every tool alike."""
    extra = {"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": API_KEY}
    cmd = Command(tool, CLIENT_TOOL_NAMES[tool], env=tool_env(bin_dir, package_dir, extra))
    if case.kind == "cold":
        cmd.argv = [str(bin_dir / "python"), "-c", cold_code(tool, CLIENT_SERVER)]
        cmd.check_stdout = printed_exactly(CLIENT_SERVER.file_id)
    else:
        cmd.argv = probe_argv(bin_dir / "python", case, tool, CLIENT_SERVER)
        cmd.check_stdout = probe_metrics
    return cmd


def package_command() -> Command:
    """Generates the package under test with this checkout's codegen (whatever
    .venv/bin/codegen is installed from), into a fresh folder."""
    out = CLIENT_PACKAGE.base
    argv = [sys.executable, "-m", "codegen", "generate", str(SPECS[CLIENT_PACKAGE.spec].path)]
    argv += ["--config", str(CLIENT_PACKAGE.config), "--out", str(out)]
    env = tool_env(None, ROOT, {"CODEGEN_CACHE_DIR": str(CODEGEN_CACHE_DIR)})
    return Command("codegen", "codegen", argv, env, out_dir=out, output=out / CLIENT_PACKAGE.name)


def ensure_client_package(timeout: float) -> str:
    """Generate the package under test; "" or why it is not available."""
    spec = SPECS[CLIENT_PACKAGE.spec].path
    if not spec.is_file():
        return f"not available: {rel(spec)} does not exist"
    log(f"[client] generating {CLIENT_PACKAGE.name} into {rel(CLIENT_PACKAGE.base)}")
    why = prepare_output(package_command(), timeout, "client-package")
    return f"not available: {why}" if why else ""


def server_argv(server: ClientServer) -> list[str]:
    argv = [sys.executable, str(CLIENT_SERVER_SCRIPT), "--events", str(server.events)]
    argv += ["--items", str(server.items), "--page-size", str(server.page_size)]
    return argv + ["--chunk", str(server.chunk)]


def read_port(line: str) -> int | None:
    """The port in the server's `PORT <n>` line."""
    word, _, number = line.strip().partition(" ")
    return int(number) if word == "PORT" and number.isdigit() else None


def _wait_for_port(proc: subprocess.Popen[bytes], timeout: float) -> int | None:
    """The port the server announces on its stdout, or None if it exits or stays silent."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            return read_port(proc.stdout.readline().decode("utf-8", "replace"))
        if proc.poll() is not None:
            return None
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn shuts down gracefully), then SIGKILL if it does not exit in time."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@contextlib.contextmanager
def local_server(server: ClientServer) -> Iterator[tuple[str, str]]:
    """(base URL, "") while the server runs, or ("", why it did not start); stopped on exit."""
    LOGS.mkdir(parents=True, exist_ok=True)
    err_path = LOGS / "client-server.err"
    with open(err_path, "wb") as err:
        try:
            proc = subprocess.Popen(
                server_argv(server),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
                env=tool_env(None, ROOT),
                cwd=str(ROOT),
                start_new_session=True,
            )
        except OSError as exc:
            yield "", f"not available: cannot start the local server: {exc.strerror or exc}"
            return
        try:
            port = _wait_for_port(proc, SERVER_START_TIMEOUT)
            if port is None:
                tail = last_line(err_path) or "it printed no port"
                yield "", f"not available: the local server did not start: {tail}"
            else:
                log(f"[client] local server on 127.0.0.1:{port} (pid {proc.pid})")
                yield f"http://127.0.0.1:{port}/v1", ""
        finally:
            _stop(proc)


def _case_result(
    case: ClientCase, bin_dir: Path | None, base_url: str, why: str
) -> CaseResult:
    result = CaseResult(case.id, case.title, [], why)
    if not why and bin_dir is not None:
        package_dir = CLIENT_PACKAGE.base
        result.commands = [
            client_command(case, tool, bin_dir, base_url, package_dir) for tool in case.tools
        ]
    return result


def run_clients(
    selected: Selected, peers: Peers, runs: int, warmup: int, timeout: float
) -> list[CaseResult]:
    """Every selected client case, measured; one server for all of them."""
    cases = [case for case in CLIENT_CASES if selected(case.id, case.title)]
    if not cases:
        return []
    bin_dir, why = peers.venv(CLIENT_VENV)
    why = f"not available: {why}" if why else ensure_client_package(timeout)
    if why:
        log(f"[client] {why}")
        return [_case_result(case, None, "", why) for case in cases]
    results: list[CaseResult] = []
    with local_server(CLIENT_SERVER) as (base_url, why):
        for case in cases:
            result = _case_result(case, bin_dir, base_url, why)
            results.append(result)
            if result.unavailable:
                continue
            log(f"[case] {case.id}")
            # a cold start needs the .pyc files one unmeasured run writes; the probes warm up
            # inside their process
            rounds = max(1, warmup) if case.kind == "cold" else warmup
            run_series(result.commands, runs, rounds, timeout, case.id)
    return results

