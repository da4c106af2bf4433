"""The corpus run's report (tests/corpus/results.md): the machine, a row per spec, then every
problem in full."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from tests.corpus.run import PYRIGHT, ROOT, Outcome


def cell(text: str, limit: int = 180) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _row(o: Outcome) -> str:
    generate = "timeout" if o.exit_code is None else f"{o.seconds:.2f} s" + (
        f" (exit {o.exit_code})" if o.exit_code else "")
    imports = {True: "yes", False: "no", None: "–"}[o.imports]
    typecheck = str(o.typecheck) if o.typecheck is not None else o.typecheck_note or "–"
    problem = ""
    if o.problems:
        first = o.problems[0]
        problem = f"{first.stage}{'' if first.fatal else ' (rejected)'}: {first.message}"
    counts = [o.schemas, o.operations, o.warnings, o.errors]
    cells = [o.spec, *("?" if c is None else str(c) for c in counts), generate, imports,
             typecheck, cell(problem)]
    return "| " + " | ".join(cells) + " |"


def table(outcomes: list[Outcome]) -> str:
    lines = ["| spec | schemas | operations | warnings | errors | generate | imports "
             "| type-check errors | first problem |", "|---|--:|--:|--:|--:|--:|---|--:|---|"]
    return "\n".join([*lines, *map(_row, outcomes)])


def problems(outcomes: list[Outcome]) -> str:
    """Every problem in full: the list the generator's author works from."""
    parts = []
    for o in outcomes:
        for p in o.problems:
            kind = "FAILED" if p.fatal else "rejected (exit 1, not a failure)"
            parts.append(f"### {o.spec}: {p.stage} {kind}\n\n{p.message}\n")
            if p.detail and p.detail != p.message:
                parts.append(f"```\n{p.detail}\n```\n")
    return "\n".join(parts) or "None.\n"


def command(args: list[str]) -> str:
    try:
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60,
                              check=False).stdout.strip() or "?"
    except (OSError, subprocess.TimeoutExpired):
        return "?"


def header(outcomes: list[Outcome], argv: list[str], seconds: float) -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines()
                  if ln.startswith("model name")), platform.processor() or "?")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    commit = command(["git", "describe", "--always", "--dirty=+uncommitted changes"])
    failed = sum(o.failed for o in outcomes)
    rejected = sum(1 for o in outcomes if o.problems and not o.failed)
    return "\n".join([
        "# Corpus results", "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- machine: {model}, nproc {cpus}, load average {load} (1/5/15 min, at the end)",
        f"- Python {platform.python_version()}, {command([str(PYRIGHT), '--version'])}",
        f"- codegen at {commit}",
        f"- command: `{' '.join(['python -m tests.corpus.run', *argv])}`",
        f"- {len(outcomes)} specs in {seconds:.0f} s: {len(outcomes) - failed - rejected} ok, "
        f"{rejected} rejected with a diagnostic, {failed} failed "
        "(crash, import or type-check errors)", ""])


def report(outcomes: list[Outcome], argv: list[str], seconds: float) -> str:
    return (f"{header(outcomes, argv, seconds)}\n{table(outcomes)}\n\n"
            f"## Problems\n\n{problems(outcomes)}")
