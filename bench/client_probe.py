"""One client workload, timed in a fresh process: run as a script in the venv under test.

    python bench/client_probe.py KIND TOOL [--mode sync|async] [--count N] [--warmup N]
        [--page-size N] [--file-id ID] [--last-id ID]

KIND is `requests` (COUNT sequential `files.retrieve(ID)` calls after WARMUP unmeasured ones),
`stream` (a chat-completion stream, iterated to its end WARMUP times unmeasured, then once
measured; COUNT is the number of events it must yield) or `pages` (`files.list(limit=PAGE_SIZE)`
iterated item by item over every page after one unmeasured first page; COUNT is the number of
items it must yield, LAST_ID the last one's id). TOOL is `sdk:MODULE`, a package with `OpenAI`
and `AsyncOpenAI` clients (the official `openai`, or a generated one: the same calls for both),
or `floor`: a bare httpx client making the same requests and `json.loads`-ing the bodies.

The clients find the server and the key in OPENAI_BASE_URL and OPENAI_API_KEY. Prints one
JSON line: units done, wall and CPU seconds of the measured part and per unit (microseconds),
and peak RSS (MiB) when the measured part began, after its first unit, and at its end.
Exits 1, saying why on stderr, when a tool yields the wrong number of units or data.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import resource
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

MODEL = "gpt-4o-mini"
MESSAGES = [{"role": "user", "content": "Say hi"}]
KINDS = ("requests", "stream", "pages")


class ProbeFailure(Exception):
    """The tool did not do the work asked (wrong count, wrong data)."""


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Meter:
    """Wall and CPU time of the measured part, and peak RSS at its start, after its first unit
    and at its end."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0
        self.rss_start = self.rss_first = self.rss_end = 0.0
        self._started = (0.0, 0.0)

    def start(self) -> None:
        self.rss_start = peak_rss_mib()
        self._started = (time.perf_counter(), time.process_time())

    def first_unit(self) -> None:
        self.rss_first = peak_rss_mib()

    def stop(self) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.wall, self.cpu = wall - self._started[0], cpu - self._started[1]
        self.rss_end = peak_rss_mib()

    def result(self, units: int) -> dict[str, float]:
        per = 1e6 / units if units else 0.0
        return {
            "units": units,
            "seconds": self.wall,
            "cpu_seconds": self.cpu,
            "unit_us": self.wall * per,
            "unit_cpu_us": self.cpu * per,
            "rss_start_mib": self.rss_start,
            "rss_first_mib": self.rss_first or self.rss_end,
            "rss_end_mib": self.rss_end,
            "rss_growth_mib": self.rss_end - (self.rss_first or self.rss_end),
        }


def expect(what: str, got: object, wanted: object) -> None:
    if got != wanted:
        raise ProbeFailure(f"{what}: got {got!r}, expected {wanted!r}")


# --- what each tool does ------------------------------------------------------------------


class Floor:
    """Bare httpx: the request the SDKs make, the body decoded with json.loads."""

    def __init__(self, asynchronous: bool) -> None:
        import httpx

        self.base = os.environ["OPENAI_BASE_URL"].rstrip("/")
        headers = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}
        client = httpx.AsyncClient if asynchronous else httpx.Client
        self.http: Any = client(headers=headers)

    def retrieve(self, file_id: str) -> str:
        body = json.loads(self.http.get(f"{self.base}/files/{file_id}").content)
        return str(body["id"])

    async def aretrieve(self, file_id: str) -> str:
        response = await self.http.get(f"{self.base}/files/{file_id}")
        return str(json.loads(response.content)["id"])

    def stream(self, meter: Meter | None) -> int:
        events = 0
        payload = {"model": MODEL, "messages": MESSAGES, "stream": True}
        url = f"{self.base}/chat/completions"
        with self.http.stream("POST", url, json=payload) as response:
            for line in response.iter_lines():
                if not line.startswith("data: "):
                    continue
                if line[6:] == "[DONE]":
                    break
                chunk = json.loads(line[6:])
                events += 1
                if events == 1 and meter is not None:
                    meter.first_unit()
                assert isinstance(chunk["choices"], list)
        return events

    def first_page(self, page_size: int) -> list[str]:
        body = json.loads(self.http.get(f"{self.base}/files", params={"limit": page_size}).content)
        return [item["id"] for item in body["data"]]

    def every_item(self, page_size: int, meter: Meter) -> tuple[int, str]:
        items, last, after = 0, "", None
        while True:
            params: dict[str, Any] = {"limit": page_size}
            if after is not None:
                params["after"] = after
            body = json.loads(self.http.get(f"{self.base}/files", params=params).content)
            for item in body["data"]:
                items += 1
                if items == 1:
                    meter.first_unit()
                last = item["id"]
            if not body["has_more"] or not body["data"]:
                return items, last
            after = last


class Sdk:
    """A package with OpenAI / AsyncOpenAI clients: the official SDK or a generated one."""

    def __init__(self, module: str, asynchronous: bool) -> None:
        package = importlib.import_module(module)
        self.client: Any = (package.AsyncOpenAI if asynchronous else package.OpenAI)()

    def retrieve(self, file_id: str) -> str:
        return str(self.client.files.retrieve(file_id).id)

    async def aretrieve(self, file_id: str) -> str:
        return str((await self.client.files.retrieve(file_id)).id)

    def stream(self, meter: Meter | None) -> int:
        events = 0
        create = self.client.chat.completions.create
        for chunk in create(model=MODEL, messages=MESSAGES, stream=True):
            events += 1
            if events == 1 and meter is not None:
                meter.first_unit()
            assert isinstance(chunk.choices, list)
        return events

    def first_page(self, page_size: int) -> list[str]:
        return [item.id for item in self.client.files.list(limit=page_size).data]

    def every_item(self, page_size: int, meter: Meter) -> tuple[int, str]:
        items, last = 0, ""
        for item in self.client.files.list(limit=page_size):
            items += 1
            if items == 1:
                meter.first_unit()
            last = item.id
        return items, last


def make_tool(tool: str, asynchronous: bool) -> Floor | Sdk:
    if tool == "floor":
        return Floor(asynchronous)
    kind, _, module = tool.partition(":")
    if kind != "sdk" or not module:
        raise ValueError(f"TOOL is sdk:MODULE or floor, not {tool!r}")
    return Sdk(module, asynchronous)


# --- the workloads ------------------------------------------------------------------------


def sync_requests(tool: Floor | Sdk, args: argparse.Namespace, meter: Meter) -> int:
    for _ in range(args.warmup):
        expect("the file's id", tool.retrieve(args.file_id), args.file_id)
    retrieve, file_id = tool.retrieve, args.file_id
    meter.start()
    for n in range(args.count):
        last = retrieve(file_id)
        if n == 0:
            meter.first_unit()
    meter.stop()
    expect("the file's id", last, file_id)
    return int(args.count)


async def async_requests(tool: Floor | Sdk, args: argparse.Namespace, meter: Meter) -> int:
    retrieve: Callable[[str], Awaitable[str]] = tool.aretrieve
    for _ in range(args.warmup):
        expect("the file's id", await retrieve(args.file_id), args.file_id)
    file_id = args.file_id
    meter.start()
    for n in range(args.count):
        last = await retrieve(file_id)
        if n == 0:
            meter.first_unit()
    meter.stop()
    expect("the file's id", last, file_id)
    if isinstance(tool, Sdk):
        await tool.client.close()
    else:
        await tool.http.aclose()
    return int(args.count)


def stream(tool: Floor | Sdk, args: argparse.Namespace, meter: Meter) -> int:
    for _ in range(args.warmup):
        expect("events in the warm-up stream", tool.stream(None), args.count)
    meter.start()
    events = tool.stream(meter)
    meter.stop()
    expect("events", events, args.count)
    return events


def pages(tool: Floor | Sdk, args: argparse.Namespace, meter: Meter) -> int:
    if args.warmup:
        expect("items on the first page", len(tool.first_page(args.page_size)), args.page_size)
    meter.start()
    items, last = tool.every_item(args.page_size, meter)
    meter.stop()
    expect("items", items, args.count)
    expect("the last item's id", last, args.last_id)
    return items


def run(args: argparse.Namespace) -> dict[str, float]:
    asynchronous = args.mode == "async"
    if asynchronous and args.kind != "requests":
        raise ValueError("only the requests workload has an async mode")
    tool = make_tool(args.tool, asynchronous)
    meter = Meter()
    if asynchronous:
        units = asyncio.run(async_requests(tool, args, meter))
    else:
        units = {"requests": sync_requests, "stream": stream, "pages": pages}[args.kind](
            tool, args, meter
        )
    return meter.result(units)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("tool", metavar="TOOL", help="sdk:MODULE or floor")
    parser.add_argument("--mode", choices=("sync", "async"), default="sync")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--file-id", default="file-abc123")
    parser.add_argument("--last-id", default="", help="pages: the id the last item must have")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except ProbeFailure as exc:
        print(f"client_probe: {args.kind} {args.tool}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    # Run as a script, this file's folder comes first on sys.path, where the harness's own
    # modules could shadow what the tools import.
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]
    sys.exit(main())
