#!/usr/bin/env python3
"""Benchmark harness: codegen against datamodel-code-generator and openapi-python-client,
and the generated SDK at run time against the official `openai` SDK.

Whole processes are measured (wall time, CPU time of the child and its waited-for children,
peak RSS), commands of a case run alternately (A B A B ...) and ratios are taken run by run.
See bench/README.md. Run by `make bench` as `.venv/bin/python bench/run.py [--runs N]
[--warmup N] [--only SUBSTRING] [--suite NAME] [--quick] [--timeout S]`, or as
`python -m bench.run`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as bench/run.py: make the `bench` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cases import CLIENT_CASES, GENERATION_CASES
from bench.clients import run_clients
from bench.machine import source_digest
from bench.measure import Command, log, run_series
from bench.paths import GEN_OUT, NEUTRAL_PYPROJECT, OUT, RESULTS_JSON, RESULTS_MD, rel
from bench.peers import Peers, tool_versions
from bench.report import (
    Method,
    client_table,
    generation_table,
    header,
    import_table,
    notes_section,
    parse_table,
    raw_json,
    targets_table,
)
from bench.scale import run_scale, scale_json, scale_table
from bench.suites import (
    CaseResult,
    PackageFinder,
    generation_case,
    import_commands,
    parse_results,
)

DEFAULT_RUNS = 5
DEFAULT_TIMEOUT = 600.0
SUITES = ("generation", "scale", "import", "parse", "client")  # in run order


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=None, help=f"measured runs per command (default {DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=None,
        help="unmeasured warm-up runs per generation or client command (default 1, "
        "--quick 0); imports and cold starts always get one",
    )
    cases = [case.id for case in GENERATION_CASES] + [case.id for case in CLIENT_CASES]
    ids = ", ".join([*cases, "scale"])
    parser.add_argument(
        "--only",
        default="",
        metavar="SUBSTRING",
        help="run only the cases whose id or title contains this "
        f"(ids: {ids}, import-<entry>-import|client, parse-<entry>)",
    )
    parser.add_argument(
        "--suite",
        action="append",
        choices=SUITES,
        help="run only this suite (repeatable; default: all), within it the --only cases "
        "(the scale suite is one case, `scale`)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: runs=1, no warm-up, no GitHub spec"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds per command before it is killed and recorded as failed",
    )
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.quick else DEFAULT_RUNS
    if args.warmup is None:
        args.warmup = 0 if args.quick else 1
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be >= 1 and --warmup >= 0")
    return args


def run_generation(
    args: argparse.Namespace, selected: Callable[..., bool], peers: Peers
) -> list[CaseResult]:
    results: list[CaseResult] = []
    for case in GENERATION_CASES:
        if (args.quick and case.slow) or not selected(case.id, case.title):
            continue
        log(f"[case] {case.id}")
        result = generation_case(case, peers, args.timeout)
        results.append(result)
        if result.unavailable:
            log(f"  {result.unavailable}")
            continue
        for cmd in result.commands:
            if cmd.unavailable:
                log(f"  {cmd.label}: {cmd.unavailable}")
        run_series(result.commands, args.runs, args.warmup, args.timeout, case.id)
    return results


def run_imports(
    args: argparse.Namespace, selected: Callable[..., bool], finder: PackageFinder
) -> list[Command]:
    imports = import_commands(selected, finder)
    if imports:
        log("[case] imports")
        for cmd in imports:
            if cmd.unavailable:
                log(f"  {cmd.label}: {cmd.unavailable}")
        run_series(imports, args.runs, max(1, args.warmup), args.timeout, "import")
    return imports


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    needle = args.only.lower()
    suites = set(args.suite or SUITES)

    def selected_in(suite: str) -> Callable[..., bool]:
        def selected(*names: str) -> bool:
            return suite in suites and (not needle or any(needle in n.lower() for n in names))

        return selected

    for folder in {OUT, GEN_OUT}:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pyproject.toml").write_text(NEUTRAL_PYPROJECT)
    started = time.perf_counter()
    sources_before = source_digest()
    peers = Peers()
    finder = PackageFinder(peers, args.timeout)
    cases = run_generation(args, selected_in("generation"), peers)
    scale = run_scale(selected_in("scale"), args.runs, args.warmup, args.timeout)
    imports = run_imports(args, selected_in("import"), finder)
    parses = parse_results(selected_in("parse"), finder)
    clients = run_clients(selected_in("client"), peers, args.runs, args.warmup, args.timeout)

    sources_changed = source_digest() != sources_before
    if sources_changed:
        log("warning: codegen/ or templates/ changed during the run (see results.md)")
    method = Method(args.runs, args.warmup, args.timeout, tool_versions(), sources_changed)
    report = header(method)
    report += targets_table(cases + clients, imports) if cases or imports or clients else []
    report += generation_table(cases) if cases else []
    report += scale_table(scale) if scale else []
    report += import_table(imports) if imports else []
    report += parse_table(parses) if parses else []
    report += client_table(clients) if clients else []
    report += notes_section(peers.dmcg_flags)
    report.append(f"_Total harness time: {time.perf_counter() - started:.0f} s._")
    text = "\n".join(report) + "\n"
    RESULTS_MD.write_text(text)
    results = raw_json(cases, imports, parses, clients, scale_json(scale) if scale else None)
    RESULTS_JSON.write_text(json.dumps(results, indent=1, default=str) + "\n")
    print(text)
    log(f"wrote {rel(RESULTS_MD)} and {rel(RESULTS_JSON)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
