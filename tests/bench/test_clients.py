"""The client suite's logic: command lines, what a run's last line must say, the probe's
workloads over a stand-in tool, the report's client rows and targets. No server, no network."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import bench.measure
from bench import client_probe
from bench.cases import (
    CLIENT_CASES,
    CLIENT_PACKAGE,
    CLIENT_SERVER,
    CLIENT_TOOL_NAMES,
    COLD_CODE,
    ClientCase,
    cold_code,
)
from bench.clients import (
    API_KEY,
    client_command,
    printed_exactly,
    probe_argv,
    probe_metrics,
    probe_tool,
    read_port,
    server_argv,
)
from bench.measure import Command, Sample, run_series
from bench.report import client_table, targets_table
from bench.run import parse_args
from bench.stats import paired_ratios
from bench.suites import CaseResult

CASES = {case.id: case for case in CLIENT_CASES}


def _sample(wall: float = 1.0, **metrics: float) -> Sample:
    return Sample(wall=wall, cpu=wall, rss_mib=40.0, rc=0, metrics=dict(metrics))


def _probe_command(tool: Any, unit_us: list[float]) -> Command:
    cmd = Command(tool, CLIENT_TOOL_NAMES[tool])
    cmd.samples = [_sample(unit_us=u, unit_cpu_us=u / 2, rss_growth_mib=0.25) for u in unit_us]
    return cmd


# --- what the harness runs ----------------------------------------------------------------


def test_probe_rows_name_the_package_under_test_or_the_floor() -> None:
    assert probe_tool("codegen") == f"sdk:{CLIENT_PACKAGE.name}"
    assert probe_tool("openai") == "sdk:openai"
    assert probe_tool("floor") == "floor"


def test_probe_argv_passes_the_case_and_the_server_as_data() -> None:
    case = CASES["client-pages"]
    argv = probe_argv(Path("/v/bin/python"), case, "openai", CLIENT_SERVER)
    assert argv[1].endswith("bench/client_probe.py")
    args = client_probe.parse_args(argv[2:])
    assert (args.kind, args.tool, args.mode) == ("pages", "sdk:openai", "sync")
    assert args.count == CLIENT_SERVER.items and args.page_size == CLIENT_SERVER.page_size
    assert args.last_id == CLIENT_SERVER.last_item


def test_a_cold_start_runs_its_code_and_checks_the_id_it_prints(tmp_path: Path) -> None:
    cmd = client_command(CASES["client-cold"], "codegen", tmp_path, "http://h/v1", tmp_path)
    assert cmd.argv == [str(tmp_path / "python"), "-c", cold_code("codegen", CLIENT_SERVER)]
    assert cmd.env["OPENAI_BASE_URL"] == "http://h/v1" and cmd.env["OPENAI_API_KEY"] == API_KEY
    assert cmd.env["PYTHONPATH"] == str(tmp_path)
    assert cmd.check_stdout is not None
    assert cmd.check_stdout(CLIENT_SERVER.file_id) == ({}, "")
    assert cmd.check_stdout("file-other")[1].startswith("printed 'file-other'")


def test_cold_code_keeps_its_own_braces() -> None:
    floor = cold_code("floor", CLIENT_SERVER)
    assert "{'Authorization': " in floor and f"/files/{CLIENT_SERVER.file_id}'" in floor
    assert f"from {CLIENT_PACKAGE.name} import OpenAI" in cold_code("codegen", CLIENT_SERVER)
    assert set(COLD_CODE) == set(CLIENT_TOOL_NAMES)
    compile(floor, "<cold>", "exec")


def test_probe_metrics_need_a_json_result() -> None:
    assert probe_metrics('{"unit_us": 2, "units": 10, "note": "x"}') == (
        {"unit_us": 2.0, "units": 10.0},
        "",
    )
    for line in ("", "not json", '{"units": 3}', "[1, 2]"):
        metrics, why = probe_metrics(line)
        assert metrics == {} and why.startswith("the probe printed no result")
    assert printed_exactly("a")("a") == ({}, "")


def test_server_command_and_its_port_line() -> None:
    argv = server_argv(CLIENT_SERVER)
    assert argv[1].endswith("bench/client_server.py")
    assert argv[argv.index("--events") + 1] == str(CLIENT_SERVER.events)
    assert read_port("PORT 4321\n") == 4321
    assert read_port("INFO: started") is None and read_port("PORT x") is None


def test_a_runs_metrics_come_from_its_last_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench.measure, "LOGS", tmp_path)
    code = "print('warming up'); print('{\"unit_us\": 12.5}')"
    good = Command("codegen", "good", [sys.executable, "-c", code], check_stdout=probe_metrics)
    bad = Command("floor", "bad", [sys.executable, "-c", "print(1)"], check_stdout=probe_metrics)
    run_series([good, bad], runs=2, warmup=0, timeout=60, case_id="client-x")
    assert [s.metrics["unit_us"] for s in good.samples] == [12.5, 12.5]
    assert good.samples[0].value("unit_us") == 12.5 and good.samples[0].value("wall") > 0
    assert not bad.samples and "the probe printed no result" in bad.failed


def test_suite_option() -> None:
    assert parse_args(["--suite", "client", "--suite", "parse"]).suite == ["client", "parse"]
    assert parse_args([]).suite is None


# --- the probe's workloads, over a stand-in tool --------------------------------------------


class FakeTool:
    """Answers like a tool would; `short` makes it do less than it was asked."""

    def __init__(self, short: bool = False) -> None:
        self.short = short
        self.calls = 0

    def retrieve(self, file_id: str) -> str:
        self.calls += 1
        return "file-wrong" if self.short and self.calls > 3 else file_id

    async def aretrieve(self, file_id: str) -> str:
        return self.retrieve(file_id)

    def stream(self, meter: client_probe.Meter | None) -> int:
        if meter is not None:
            meter.first_unit()
        return 4 if self.short else 5

    def first_page(self, page_size: int) -> list[str]:
        return ["f"] * page_size

    def every_item(self, page_size: int, meter: client_probe.Meter) -> tuple[int, str]:
        meter.first_unit()
        return (9, "file-000008") if self.short else (10, "file-000009")


def _args(kind: str, count: int, **extra: Any) -> Any:
    argv = [kind, "floor", "--count", str(count), "--warmup", "2", "--page-size", "5"]
    argv += ["--last-id", "file-000009"]
    args = client_probe.parse_args(argv)
    vars(args).update(extra)
    return args


def test_requests_are_timed_after_the_warm_up() -> None:
    tool: Any = FakeTool()
    meter = client_probe.Meter()
    assert client_probe.sync_requests(tool, _args("requests", 7), meter) == 7
    assert tool.calls == 9
    result = meter.result(7)
    assert result["unit_us"] == pytest.approx(result["seconds"] * 1e6 / 7)
    assert result["rss_growth_mib"] == result["rss_end_mib"] - result["rss_first_mib"]


@pytest.mark.parametrize(
    ("workload", "kind", "count"),
    [
        (client_probe.sync_requests, "requests", 7),
        (client_probe.stream, "stream", 5),
        (client_probe.pages, "pages", 10),
    ],
)
def test_a_tool_that_does_less_fails_the_probe(workload: Any, kind: str, count: int) -> None:
    assert workload(FakeTool(), _args(kind, count), client_probe.Meter()) == count
    with pytest.raises(client_probe.ProbeFailure):
        workload(FakeTool(short=True), _args(kind, count), client_probe.Meter())


def test_async_requests_close_what_they_opened() -> None:
    import asyncio

    closed: list[bool] = []

    class Http:
        async def aclose(self) -> None:
            closed.append(True)

    tool: Any = FakeTool()
    tool.http = Http()
    run = client_probe.async_requests(tool, _args("requests", 3), client_probe.Meter())
    assert asyncio.run(run) == 3 and closed == [True]


def test_the_probe_refuses_what_it_cannot_run() -> None:
    with pytest.raises(ValueError, match="sdk:MODULE or floor"):
        client_probe.make_tool("nonsense", asynchronous=False)
    with pytest.raises(ValueError, match="async mode"):
        client_probe.run(_args("stream", 1, mode="async"))


# --- the server's bodies --------------------------------------------------------------------


def test_the_pages_chain_to_the_last_item() -> None:
    from bench.client_server import item_id, page_bodies

    pages = page_bodies(250, 100)
    after, seen = "", []
    while True:
        body = json.loads(pages[after])
        seen += [item["id"] for item in body["data"]]
        if not body["has_more"]:
            break
        after = body["last_id"]
    assert seen == [item_id(n) for n in range(250)] and len(pages) == 3
    assert item_id(CLIENT_SERVER.items - 1) == CLIENT_SERVER.last_item


def test_the_stream_body_has_exactly_the_events_asked() -> None:
    from bench.client_server import stream_body

    lines = [line for line in stream_body(7).decode().split("\n\n") if line]
    assert len(lines) == 8 and lines[-1] == "data: [DONE]"
    assert all(json.loads(line[6:])["object"] == "chat.completion.chunk" for line in lines[:-1])


def test_the_app_serves_the_prebuilt_bodies() -> None:
    from starlette.testclient import TestClient

    from bench.client_server import build_app, stream_body

    with TestClient(build_app(events=5, items=3, page_size=2, chunk=16)) as http:
        assert http.get("/v1/files/file-x").json()["id"] == "file-x"
        first = http.get("/v1/files", params={"limit": 2}).json()
        assert first["has_more"] and first["last_id"] == "file-000001"
        last = http.get("/v1/files", params={"limit": 2, "after": "file-000001"}).json()
        assert not last["has_more"] and [i["id"] for i in last["data"]] == ["file-000002"]
        assert http.get("/v1/files", params={"after": "nope"}).status_code == 400
        streamed = http.post("/v1/chat/completions", json={"stream": True})
        assert streamed.content == stream_body(5)
        assert streamed.headers["content-type"].startswith("text/event-stream")


# --- the report --------------------------------------------------------------------------------


def _sse_case() -> CaseResult:
    commands = [_probe_command("codegen", [10.0, 12.0]), _probe_command("openai", [100.0, 60.0])]
    commands.append(_probe_command("floor", [5.0, 8.0]))
    return CaseResult("client-sse", CASES["client-sse"].title, commands)


def test_client_targets_come_from_the_probes_metrics() -> None:
    lines = targets_table([_sse_case()], [])
    rows = {line.split(" | ")[0][2:]: line for line in lines[4:] if line}
    vs_openai = next(v for k, v in rows.items() if k.startswith("client, SSE") and "openai" in k)
    assert vs_openai.endswith("| 0.667x | 0.150x | met |")  # median of 0.1 and 0.2
    vs_floor = next(v for k, v in rows.items() if k.startswith("client, SSE") and "bare" in k)
    assert vs_floor.endswith("| 2.000x | 1.750x | met |")  # median of 2.0 and 1.5


def test_client_rows_show_rates_ratios_and_rss_growth() -> None:
    lines = client_table([_sse_case()])
    table = [line for line in lines if line.startswith("| ")]
    codegen = table[2].split(" | ")
    assert codegen[3:6] == ["11.0 [10.0–12.0] µs", "90,909", "5.5 [5.0–6.0] µs"]
    assert codegen[6:8] == ["1.750x [1.500x–2.000x]", "0.150x [0.100x–0.200x]"]
    assert codegen[8] == "0.25 [0.25–0.25]"
    floor = table[4].split(" | ")
    assert floor[6] == "" and floor[7] == "0.092x [0.050x–0.133x]"


def test_cold_start_rows_use_the_whole_process() -> None:
    commands = []
    walls_by_tool: dict[Any, list[float]] = {
        "codegen": [0.3, 0.4], "openai": [1.0, 1.0], "floor": [0.2, 0.2],
    }
    for tool, walls in walls_by_tool.items():
        cmd = Command(tool, CLIENT_TOOL_NAMES[tool])
        cmd.samples = [_sample(wall=w) for w in walls]
        commands.append(cmd)
    result = CaseResult("client-cold", CASES["client-cold"].title, commands)
    lines = client_table([result])
    codegen = lines[lines.index(next(x for x in lines if "| codegen" in x))].split(" | ")
    assert codegen[3] == "0.350 [0.300–0.400] s" and codegen[4] == ""
    assert codegen[7] == "0.350x [0.300x–0.400x]"
    assert any(line.startswith("- ") and COLD_CODE["floor"][:20] in line for line in lines)
    assert paired_ratios(commands[0].samples, commands[1].samples, "wall") == [0.3, 0.4]


def test_unavailable_client_cases_say_why() -> None:
    result = CaseResult("client-pages", CASES["client-pages"].title, [], "not available: no spec")
    row = [line for line in client_table([result]) if line.startswith("| pages")][0]
    assert "| all | 0 | not available: no spec |" in row


def test_every_client_case_is_complete() -> None:
    for case in CLIENT_CASES:
        assert isinstance(case, ClientCase) and case.tools[0] == "codegen"
        assert case.kind == "cold" or case.count > 0
        assert case.mode == "sync" or case.kind == "requests"  # the probe's only async workload
