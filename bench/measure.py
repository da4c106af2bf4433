"""Measuring whole processes: wall time around them, CPU time and peak RSS from wait4's rusage,
and series of runs in which the commands of a case alternate (A B A B ...)."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.paths import LOGS, ROOT, rel


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mib: float
    rc: int | None
    timed_out: bool = False
    tail: str = ""
    sys_cpu: float = 0.0  # the kernel's share of cpu (file writes, page faults)
    note: str = ""  # set by a post-run check (e.g. "exit 0 but wrote nothing")
    metrics: dict[str, float] = field(default_factory=dict)  # what a probe printed it measured
    load: float = 0.0  # the machine's 1-minute load average when the run started

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out and not self.note

    def value(self, attr: str) -> float:
        """A measured attribute (wall, cpu, rss_mib, sys_cpu) or a metric the run printed."""
        if attr in self.metrics:
            return self.metrics[attr]
        found: float = getattr(self, attr)
        return found

    def failure(self) -> str:
        if self.timed_out:
            head = f"timed out after {self.wall:.1f} s"
        elif self.rc is None:
            head = "could not start"
        elif self.rc < 0:
            head = f"killed by signal {-self.rc}"
        elif self.rc != 0:
            head = f"exit {self.rc}"
        else:
            head = "exit 0"
        return ": ".join(part for part in (head, self.note, self.tail) if part)


@dataclass
class Command:
    tool: str  # generation: a key of cases.TOOL_NAMES; import: the import case's id
    label: str  # shown in the table
    argv: list[str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    unavailable: str = ""  # reason it cannot run at all
    out_dir: Path | None = None  # deleted and recreated before each run
    output: Path | None = None  # checked after each run: must hold .py files
    before_series: Callable[[], str] | None = None  # returns a failure reason or ""
    before_run: Callable[[], None] | None = None
    # Reads the last line the run printed: (metrics, "") or ({}, why the run failed).
    check_stdout: Callable[[str], tuple[dict[str, float], str]] | None = None
    row_id: str = ""  # import rows: import-<entry>-<kind>
    # At most this many measured and warm-up runs (None: the series' own numbers).
    max_runs: int | None = None
    max_warmup: int | None = None
    # results
    samples: list[Sample] = field(default_factory=list)
    failed: str = ""  # why it stopped (its later runs are skipped)
    failed_at: str = ""  # preparation, warm-up or run i/n
    output_summary: str = ""

    @property
    def measured(self) -> bool:
        """Whether it has samples and did not fail on the way."""
        return bool(self.samples) and not self.failed


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def tail_of(text: str) -> str:
    """The last line of a tool's output that says something (no colours, no box drawing)."""
    lines = [_ANSI.sub("", x).strip() for x in text.splitlines()]
    lines = [x for x in lines if x and not set(x) <= set("─│╭╮╰╯ ")]
    return lines[-1][:240] if lines else ""


def last_line(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 65536))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return tail_of(text)


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:80]


def count_output(path: Path) -> tuple[int, int]:
    """(.py files, lines) under path (a file or a directory)."""
    files = [path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else []
    lines = 0
    for item in files:
        with contextlib.suppress(OSError), open(item, "rb") as handle:
            lines += sum(1 for _ in handle)
    return len(files), lines


def last_printed_line(path: Path) -> str:
    """The last line with something on it in a run's stdout file ("" when there is none)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _log_paths(log_name: str) -> tuple[Path, Path]:
    """stdout and stderr files for log_name ("folder/name" or "name") under bench/out/logs."""
    folder, _, name = log_name.rpartition("/")
    log_dir = LOGS / slug(folder) if folder else LOGS
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir / f"{slug(name)}.out", log_dir / f"{slug(name)}.err"


def _wait_killing_at(
    proc: subprocess.Popen[bytes], timeout: float
) -> tuple[int, resource.struct_rusage, bool]:
    """(exit code, rusage, timed out) of proc; its process group is killed at the timeout."""
    expired = threading.Event()

    def kill_group() -> None:
        expired.set()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill_group)
    timer.daemon = True
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)  # retried on EINTR by Python (PEP 475)
    except BaseException:
        kill_group()
        raise
    finally:
        timer.cancel()
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc  # reaped by wait4 above
    return rc, usage, expired.is_set() and rc == -signal.SIGKILL


def measure(
    argv: list[str], *, env: dict[str, str], timeout: float, log_name: str, cwd: Path = ROOT
) -> Sample:
    """Run argv to completion; wall time around it, CPU and peak RSS from wait4's rusage."""
    out_path, err_path = _log_paths(log_name)
    load = os.getloadavg()[0]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                env=env,
                cwd=str(cwd),
                start_new_session=True,
            )
        except OSError as exc:
            return Sample(0.0, 0.0, 0.0, None, tail=f"{argv[0]}: {exc.strerror or exc}")
        rc, usage, timed_out = _wait_killing_at(proc, timeout)
        wall = time.perf_counter() - start
    tail = "" if rc == 0 else (last_line(err_path) or last_line(out_path))
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024.0
    return Sample(wall, cpu, rss, rc, timed_out, tail, usage.ru_stime, load=load)


def quick_run(
    argv: list[str], *, env: dict[str, str] | None = None, timeout: float = 120.0, cwd: Path = ROOT
) -> tuple[int, str, str]:
    """Run a helper command (not measured): (exit code or -1, stdout, stderr)."""
    try:
        done = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            env=env,
            cwd=str(cwd),
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return -1, "", f"timed out after {timeout:.0f} s"
    except OSError as exc:
        return -1, "", f"{argv[0]}: {exc.strerror or exc}"
    return done.returncode, done.stdout, done.stderr


def _run_checked(cmd: Command, timeout: float, log_name: str) -> Sample:
    """One run of cmd in a fresh output directory; a run that writes no .py file fails."""
    assert cmd.argv is not None
    if cmd.out_dir is not None:
        shutil.rmtree(cmd.out_dir, ignore_errors=True)
        cmd.out_dir.mkdir(parents=True, exist_ok=True)
    if cmd.before_run:
        cmd.before_run()
    sample = measure(cmd.argv, env=cmd.env, timeout=timeout, log_name=log_name)
    if sample.ok and cmd.check_stdout is not None:
        sample.metrics, sample.note = cmd.check_stdout(last_printed_line(_log_paths(log_name)[0]))
    if sample.ok and cmd.output is not None:
        files, lines = count_output(cmd.output)
        if files == 0:
            sample.note = f"wrote no .py file under {rel(cmd.output)}"
        else:
            cmd.output_summary = f"{files} files, {lines} lines"
    return sample


def prepare_output(cmd: Command, timeout: float, name: str) -> str:
    """Run a generate command once, unmeasured. Returns a failure reason or ""."""
    if cmd.unavailable:
        return cmd.unavailable
    sample = _run_checked(cmd, timeout, f"prepare/{name}")
    return "" if sample.ok else f"preparing generate failed: {sample.failure()}"


def _prepare_series(commands: list[Command], case_id: str) -> list[Command]:
    """Run the commands' one-time preparations; the commands that can run."""
    live: list[Command] = []
    for cmd in commands:
        if cmd.unavailable:
            continue
        if cmd.before_series:
            log(f"  [{case_id}] preparing {cmd.label}")
            reason = cmd.before_series()
            if reason:
                cmd.failed, cmd.failed_at = reason, "preparation"
                log(f"  [{case_id}] {cmd.label} FAILED (preparation): {reason}")
                continue
        live.append(cmd)
    return live


def _run_one(cmd: Command, *, case_id: str, kind: str, log_name: str, timeout: float) -> None:
    """One run of cmd; its sample is kept unless kind is a warm-up; a failure stops cmd."""
    log(f"  [{case_id}] {cmd.label}: {kind}")
    sample = _run_checked(cmd, timeout, log_name)
    if not sample.ok:
        cmd.failed, cmd.failed_at = sample.failure(), kind
        log(f"  [{case_id}] {cmd.label} FAILED ({kind}): {cmd.failed}")
        return
    if kind != "warm-up":
        cmd.samples.append(sample)
    log(
        f"  [{case_id}] {cmd.label}: wall {sample.wall:.2f} s, cpu {sample.cpu:.2f} s,"
        f" rss {sample.rss_mib:.0f} MiB"
    )


def rounds_of(cmd: Command, runs: int, warmup: int) -> tuple[int, int]:
    """(measured runs, warm-up runs) of cmd in a series of runs and warmup rounds."""
    if cmd.max_runs is not None:
        runs = min(runs, cmd.max_runs)
    if cmd.max_warmup is not None:
        warmup = min(warmup, cmd.max_warmup)
    return runs, warmup


def run_series(
    commands: list[Command], runs: int, warmup: int, timeout: float, case_id: str
) -> None:
    """Warm-up runs then measured runs, the commands alternating within each round. A command
    with fewer runs or warm-ups takes part in the last of the warm-up rounds and the first of
    the measured ones."""
    shutil.rmtree(LOGS / slug(case_id), ignore_errors=True)
    live = _prepare_series(commands, case_id)
    for round_no in range(-warmup, runs):
        for cmd in live:
            own_runs, own_warmup = rounds_of(cmd, runs, warmup)
            if cmd.failed or not -own_warmup <= round_no < own_runs:
                continue
            if round_no < 0:
                kind, when = "warm-up", f"warmup{round_no + own_warmup + 1}"
            else:
                kind, when = f"run {round_no + 1}/{own_runs}", f"run{round_no + 1}"
            log_name = f"{case_id}/{cmd.row_id or cmd.label}.{when}"
            _run_one(cmd, case_id=case_id, kind=kind, timeout=timeout, log_name=log_name)
