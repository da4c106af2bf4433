#!/usr/bin/env python3
"""Benchmark harness: codegen against datamodel-code-generator and openapi-python-client.

Whole processes are measured (wall time, CPU time of the child and its waited-for children,
peak RSS), commands of a case run alternately (A B A B ...) and ratios are taken run by run.
See bench/README.md. Standard library only; run by `make bench` as
`.venv/bin/python bench/run.py [--runs N] [--only SUBSTRING] [--quick]`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------
# Paths and names: edit here.
# --------------------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENVS = BENCH / ".venvs"
OUT = BENCH / "out"


def _scratch_root() -> Path:
    """Where every tool writes its output: tmpfs when there is one. Creating the same 2,300
    files on this VM's ext4 costs anywhere from 0.1 s to 2 s of system time, depending on the
    directory's history, which would measure the disk rather than the generators."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / f"codegen-bench-{os.getuid()}"
    return OUT


GEN_OUT = _scratch_root()
LOGS = OUT / "logs"
RESULTS_MD = BENCH / "results.md"
RESULTS_JSON = OUT / "results.json"
# Written into bench/out/ so that the generators' formatters (ruff, black, the builtin one of
# datamodel-code-generator) find it before the project's pyproject.toml: their own defaults.
NEUTRAL_PYPROJECT = (
    "# Written by bench/run.py: the generators and formatters run under bench/out/ find this file\n"
    "# before the project's pyproject.toml, so they use their own defaults.\n"
    "[tool.ruff]\n"
)
SHARED = Path(os.environ.get("BENCH_SHARED", str(ROOT.parent / "shared")))

CODEGEN_VENV_BIN = ROOT / ".venv" / "bin"
CODEGEN_BIN = CODEGEN_VENV_BIN / "codegen"
# codegen caches parsed YAML by content hash here. The harness also passes it to codegen as
# CODEGEN_CACHE_DIR, so the directory it deletes is the one codegen uses.
CODEGEN_CACHE_DIR = ROOT / ".codegen-cache"
GENERATED_DIR = ROOT / "generated"  # holds the committed client-secrets package openai_realtime/

SPECS = {
    "openai-json": SHARED / "specs" / "openai-openapi.json",
    "openai-yaml": SHARED / "specs" / "openai-openapi.yaml",
    "github": SHARED / "corpus" / "github" / "api.github.com.json",
    "client-secrets": ROOT / "spec" / "openapi.yaml",
}
# Package names given to the generators, per spec.
CODEGEN_PACKAGE = {
    "openai-json": "openai_full",
    "openai-yaml": "openai_full",
    "github": "github_full",
    "client-secrets": "openai_realtime",
}
OPC_PACKAGE = {
    "openai-json": "openai_opc",
    "openai-yaml": "openai_opc",
    "github": "github_opc",
    "client-secrets": "realtime_opc",
}
DMCG_MODULE = "models"  # datamodel-code-generator writes one module: <out>/models.py

# Virtual environments made from the requirement files beside this script.
VENV_REQUIREMENTS = {
    "dmcg": "requirements-dmcg.txt",  # datamodel-code-generator
    "opc": "requirements-opc.txt",  # openapi-python-client
    "openai": "requirements-openai.txt",  # official SDK + httpx: runs every import/parse case
}
TOOL_NAMES = {
    "codegen": "codegen",
    "dmcg": "datamodel-code-generator",
    "opc": "openapi-python-client",
}

# Import benchmarks: one row per entry and kind ("import", then "client" = import + construct
# client + first resource access; None = no such row). "package": (name, directory searched for
# it, generator that makes it there if missing, or None). codegen names the whole-spec client
# `Client` (no codegen.yaml for it); edit "client" of "codegen-full" if that changes.
IMPORT_CASES: list[dict[str, Any]] = [
    {
        "id": "openai",
        "title": "official `openai` 3.54.0",
        "venv": "openai",
        "package": None,
        "import": "import openai",
        "client": "import openai; c = openai.OpenAI(api_key='x'); c.realtime.client_secrets",
    },
    {
        "id": "floor",
        "title": "floor: `import pydantic, httpx`",
        "venv": "openai",
        "package": None,
        "import": "import pydantic, httpx",
        "client": None,
    },
    {
        "id": "codegen-realtime",
        "title": "codegen: client-secrets subset (generated/openai_realtime)",
        "venv": "openai",
        "package": ("openai_realtime", GENERATED_DIR, None),
        "import": "import openai_realtime",
        "client": "from openai_realtime import OpenAIRealtime; "
        "OpenAIRealtime(api_key='x').realtime.client_secrets",
    },
    {
        "id": "codegen-full",
        "title": "codegen: whole OpenAI spec (openai_full)",
        "venv": "openai",
        "package": ("openai_full", GEN_OUT / "gen-openai-json" / "codegen", "codegen"),
        "import": "import openai_full",
        "client": "from openai_full import Client; Client(api_key='x').realtime.client_secrets",
    },
    # openapi-python-client drops POST /realtime/client_secrets: the nearest operation it keeps
    # (POST /realtime/translations/client_secrets) stands in for the first resource access.
    {
        "id": "opc",
        "title": "openapi-python-client output (whole OpenAI spec)",
        "venv": "opc",
        "package": ("openai_opc", GEN_OUT / "gen-openai-json" / "opc", "opc"),
        "import": "import openai_opc",
        "client": "from openai_opc import Client; "
        "from openai_opc.api.realtime import create_realtime_translation_client_secret; "
        "Client(base_url='http://127.0.0.1')",
    },
    {
        "id": "dmcg",
        "title": "datamodel-code-generator models module (whole OpenAI spec)",
        "venv": "dmcg",
        "package": (DMCG_MODULE, GEN_OUT / "gen-openai-json" / "dmcg", "dmcg"),
        "import": f"import {DMCG_MODULE}",
        "client": None,
    },
]

# Parse throughput: the example response of POST /realtime/client_secrets, parsed in a loop.
# "setup" runs with `data` bound to the decoded example and must bind `fn`.
PARSE_CASES: list[dict[str, Any]] = [
    {
        "id": "openai-construct",
        "title": "openai: `_models.construct_type` (client default)",
        "venv": "openai",
        "path": None,
        "package": None,
        "setup": "from openai.types.realtime import ClientSecretCreateResponse as T\n"
        "from openai._models import construct_type\n"
        "fn = lambda: construct_type(type_=T, value=data)\n",
    },
    {
        "id": "openai-validate",
        "title": "openai: `_models.validate_type` (`_strict_response_validation=True`)",
        "venv": "openai",
        "path": None,
        "package": None,
        "setup": "from openai.types.realtime import ClientSecretCreateResponse as T\n"
        "from openai._models import validate_type\n"
        "fn = lambda: validate_type(type_=T, value=data)\n",
    },
    {
        "id": "codegen",
        "title": "codegen: `openai_realtime._models.parse_response`",
        "venv": "openai",
        "path": GENERATED_DIR,
        "package": "openai_realtime",
        "setup": "from openai_realtime.types import ClientSecretCreateResponse as T\n"
        "from openai_realtime._models import parse_response\n"
        "fn = lambda: parse_response(T, data)\n",
    },
]
PARSE_REFERENCE = "openai-construct"
PARSE_REPEATS = 5

DEFAULT_RUNS = 5
DEFAULT_TIMEOUT = 600.0
PIP_TIMEOUT = 1800.0


# --------------------------------------------------------------------------------------------
# Measuring one process
# --------------------------------------------------------------------------------------------
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

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.timed_out and not self.note

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
        parts = [head]
        if self.note:
            parts.append(self.note)
        if self.tail:
            parts.append(self.tail)
        return ": ".join(parts)


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def last_line(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 65536))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return tail_of(text)


def rel(path: Path) -> str:
    """path relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:80]


def measure(
    argv: list[str], *, env: dict[str, str], timeout: float, log_name: str, cwd: Path = ROOT
) -> Sample:
    """Run argv to completion; wall time around it, CPU and peak RSS from wait4's rusage."""
    folder, _, name = log_name.rpartition("/")
    log_dir = LOGS / _slug(folder) if folder else LOGS
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{_slug(name)}.out", log_dir / f"{_slug(name)}.err"
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
        expired = threading.Event()

        def kill_group() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill_group)
        timer.daemon = True
        timer.start()
        try:
            while True:
                try:
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
                except InterruptedError:
                    continue
        except BaseException:
            kill_group()
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc  # reaped by wait4 above
    timed_out = expired.is_set() and rc == -signal.SIGKILL
    tail = "" if rc == 0 else (last_line(err_path) or last_line(out_path))
    return Sample(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024.0,
        rc,
        timed_out,
        tail,
        sys_cpu=usage.ru_stime,
    )


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


def tail_of(text: str) -> str:
    lines = [_ANSI.sub("", x).strip() for x in text.splitlines()]
    lines = [x for x in lines if x and not set(x) <= set("─│╭╮╰╯ ")]
    return lines[-1][:240] if lines else ""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Virtual environments
# --------------------------------------------------------------------------------------------
_venv_state: dict[str, tuple[Path | None, str]] = {}


def venv_bin(name: str) -> Path:
    return VENVS / name / "bin"


def ensure_venv(name: str) -> tuple[Path | None, str]:
    """(bin dir, "") when the venv is ready, else (None, reason). Rebuilt when stale."""
    if name in _venv_state:
        return _venv_state[name]
    req = BENCH / VENV_REQUIREMENTS[name]
    vdir = VENVS / name
    stamp = vdir / ".bench-stamp"
    try:
        want = hashlib.sha256(req.read_bytes() + f"\n{sys.version}\n{sys.base_prefix}".encode())
    except OSError as exc:
        result: tuple[Path | None, str] = (None, f"cannot read {req.name}: {exc.strerror}")
        _venv_state[name] = result
        return result
    digest = want.hexdigest()
    python = vdir / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        result = (vdir / "bin", "")
    else:
        log(f"[venv] building bench/.venvs/{name} from {req.name} (one-time, ~30 s)")
        shutil.rmtree(vdir, ignore_errors=True)
        rc, _, err = quick_run([sys.executable, "-m", "venv", str(vdir)], timeout=300)
        if rc != 0:
            result = (None, f"python -m venv failed: {tail_of(err)}")
        else:
            rc, out, err = quick_run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "--disable-pip-version-check",
                    "-q",
                    "-r",
                    str(req),
                ],
                timeout=PIP_TIMEOUT,
            )
            LOGS.mkdir(parents=True, exist_ok=True)
            (LOGS / f"pip-{name}.log").write_text(out + err)
            if rc != 0:
                result = (None, f"pip install -r {req.name} failed: {tail_of(err or out)}")
            else:
                stamp.write_text(digest + "\n")
                result = (vdir / "bin", "")
    if result[1]:
        log(f"[venv] {name}: {result[1]}")
    _venv_state[name] = result
    return result


def tool_env(
    bin_dir: Path | None, pythonpath: Path | None = None, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of an activated venv; bytecode writing allowed."""
    env = dict(os.environ)
    for key in (
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPATH",
        "PYTHONHOME",
        "PYTHONSTARTUP",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONINSPECT",
    ):
        env.pop(key, None)
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(bin_dir.parent)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    env.update(extra or {})
    return env


# --------------------------------------------------------------------------------------------
# Generators
# --------------------------------------------------------------------------------------------
def count_output(path: Path) -> tuple[int, int]:
    """(.py files, lines) under path (a file or a directory)."""
    files = [path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else []
    lines = 0
    for item in files:
        try:
            with open(item, "rb") as handle:
                lines += sum(1 for _ in handle)
        except OSError:
            pass
    return len(files), lines


def find_package(base: Path, name: str, depth: int = 3) -> Path | None:
    """The directory to put on sys.path so that `import name` finds it under base."""
    if not base.is_dir():
        return None
    level = [base]
    for _ in range(depth + 1):
        nxt: list[Path] = []
        for folder in level:
            if (folder / name / "__init__.py").is_file() or (folder / f"{name}.py").is_file():
                return folder
            with contextlib.suppress(OSError):
                nxt.extend(
                    p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "__"))
                )
        level = nxt
    return None


_dmcg_flags: dict[str, tuple[list[str] | None, str]] = {}


def parse_recommended_command(output: str) -> tuple[list[str] | None, str]:
    """The options in the 'Command' section that --recommend-options prints, minus
    --input/--output; plus --input-file-type and --output-model-type when it leaves them out."""
    lines = output.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "Command"]
    if not starts:
        return None, "--recommend-options printed no 'Command' section"
    block: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if not line.strip():
            break
        block.append(line.strip().rstrip("\\").strip())
    words = shlex.split(" ".join(block))
    if not words or "datamodel-codegen" not in words[0]:
        return None, f"cannot read the recommended command: {' '.join(block)[:200]}"
    flags: list[str] = []
    skip = False
    for word in words[1:]:
        if skip or word.startswith(("--input=", "--output=")):
            skip = False
            continue
        skip = word in ("--input", "--output")
        if not skip:
            flags.append(word)
    if "--input-file-type" not in flags:
        flags += ["--input-file-type", "openapi"]
    if "--output-model-type" not in flags:
        flags += ["--output-model-type", "pydantic_v2.BaseModel"]
    return flags, ""


def dmcg_recommended_flags(spec: Path) -> tuple[list[str] | None, str]:
    """The options `datamodel-codegen --recommend-options` advises for spec (it prints them,
    as a command line, and exits without generating). Cached per spec."""
    key = str(spec)
    if key not in _dmcg_flags:
        bin_dir, why = ensure_venv("dmcg")
        if bin_dir is None:
            return None, why
        rc, out, err = quick_run(
            [
                str(bin_dir / "datamodel-codegen"),
                "--input",
                str(spec),
                "--input-file-type",
                "openapi",
                "--recommend-options",
            ],
            env=tool_env(bin_dir),
            timeout=DEFAULT_TIMEOUT,
        )
        if rc != 0:
            _dmcg_flags[key] = (
                None,
                f"--recommend-options failed (exit {rc}): {tail_of(err or out)}",
            )
        else:
            _dmcg_flags[key] = parse_recommended_command(out)
    return _dmcg_flags[key]


@dataclass
class Command:
    tool: str  # key of TOOL_NAMES
    label: str  # shown in the table
    argv: list[str] | None = None
    env: dict[str, str] = field(default_factory=dict)
    unavailable: str = ""  # reason it cannot run at all
    out_dir: Path | None = None  # deleted and recreated before each run
    output: Path | None = None  # checked after each run: must hold .py files
    before_series: Callable[[], str] | None = None  # returns a failure reason or ""
    before_run: Callable[[], None] | None = None
    row_id: str = ""  # import rows: import-<entry>-<kind>
    # results
    samples: list[Sample] = field(default_factory=list)
    failed: str = ""  # why it stopped (its later runs are skipped)
    failed_at: str = ""  # preparation, warm-up or run i/n
    output_summary: str = ""


def clear_codegen_cache() -> None:
    """Forgets the parsed specs: the next run sees the spec for the first time. The compiled
    templates (codegen's own, the same for every spec) stay, as .pyc files stay for every tool."""
    shutil.rmtree(CODEGEN_CACHE_DIR / "specs", ignore_errors=True)


def codegen_command(spec_key: str, out_dir: Path, verb: str = "generate") -> Command:
    spec = SPECS[spec_key]
    pkg = CODEGEN_PACKAGE[spec_key]
    label = "codegen" if verb == "generate" else f"codegen {verb}"
    cmd = Command(
        "codegen",
        label,
        out_dir=out_dir if verb == "generate" else None,
        output=out_dir if verb == "generate" else None,
    )
    if not CODEGEN_BIN.exists():
        cmd.unavailable = f"{rel(CODEGEN_BIN)} does not exist (pip install -e .)"
        return cmd
    cmd.argv = [str(CODEGEN_BIN), verb, str(spec), "--package", pkg, "--out", str(out_dir)]
    cmd.env = tool_env(CODEGEN_VENV_BIN, extra={"CODEGEN_CACHE_DIR": str(CODEGEN_CACHE_DIR)})
    return cmd


def dmcg_command(spec_key: str, out_dir: Path, check: bool = False) -> Command:
    cmd = Command(
        "dmcg",
        "datamodel-code-generator" + (" --check" if check else ""),
        out_dir=None if check else out_dir,
        output=None if check else out_dir,
    )
    bin_dir, why = ensure_venv("dmcg")
    if bin_dir is None:
        cmd.unavailable = why
        return cmd
    flags, why = dmcg_recommended_flags(SPECS[spec_key])
    if flags is None:
        cmd.unavailable = why
        return cmd
    cmd.argv = [
        str(bin_dir / "datamodel-codegen"),
        "--input",
        str(SPECS[spec_key]),
        *flags,
        "--output",
        str(out_dir / f"{DMCG_MODULE}.py"),
    ] + (["--check"] if check else [])
    cmd.env = tool_env(bin_dir)
    return cmd


def opc_command(spec_key: str, out_dir: Path) -> Command:
    cmd = Command("opc", "openapi-python-client", out_dir=out_dir, output=out_dir)
    bin_dir, why = ensure_venv("opc")
    if bin_dir is None:
        cmd.unavailable = why
        return cmd
    cmd.argv = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(SPECS[spec_key]),
        "--output-path",
        str(out_dir / OPC_PACKAGE[spec_key]),
        "--overwrite",
        "--meta",
        "none",
    ]
    cmd.env = tool_env(bin_dir)  # its ruff post-hooks are looked up on PATH
    return cmd


def make_generator(tool: str, spec_key: str, out_dir: Path) -> Command:
    if tool == "codegen":
        return codegen_command(spec_key, out_dir)
    if tool == "dmcg":
        return dmcg_command(spec_key, out_dir)
    return opc_command(spec_key, out_dir)


def prepare_output(cmd: Command, timeout: float, name: str) -> str:
    """Run a generate command once, unmeasured. Returns a failure reason or ""."""
    if cmd.unavailable:
        return cmd.unavailable
    assert cmd.argv is not None
    if cmd.out_dir is not None:
        shutil.rmtree(cmd.out_dir, ignore_errors=True)
        cmd.out_dir.mkdir(parents=True, exist_ok=True)
    if cmd.before_run:
        cmd.before_run()
    sample = measure(cmd.argv, env=cmd.env, timeout=timeout, log_name=f"prepare/{name}")
    if sample.ok and cmd.output is not None and count_output(cmd.output)[0] == 0:
        sample.note = f"wrote no .py file under {rel(cmd.output)}"
    return "" if sample.ok else f"preparing generate failed: {sample.failure()}"


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------
@dataclass
class Case:
    id: str
    title: str
    commands: list[Command]
    unavailable: str = ""
    note: str = ""


def spec_missing(spec_key: str) -> str:
    path = SPECS[spec_key]
    if path.is_file():
        return ""
    shown = rel(path)
    return f"not available: {shown} does not exist"


ALL_TOOLS = ("codegen", "dmcg", "opc")
# Generation cases, in run order. "cache": codegen's YAML cache is "cold" (deleted before every
# codegen run), "warm" (deleted once, then filled by one unmeasured run) or None (left alone).
GENERATION_CASES: list[dict[str, Any]] = [
    {
        "id": "gen-openai-json",
        "title": "generate: OpenAI spec, JSON",
        "spec": "openai-json",
        "tools": ALL_TOOLS,
        "cache": None,
    },
    {
        "id": "gen-openai-yaml-cold",
        "title": "generate: OpenAI spec, YAML, first run on it "
        "(codegen's parsed-spec cache cleared every run)",
        "spec": "openai-yaml",
        "tools": ALL_TOOLS,
        "cache": "cold",
    },
    {
        "id": "gen-openai-yaml-warm",
        "title": "generate: OpenAI spec, YAML, codegen second run (warm cache)",
        "spec": "openai-yaml",
        "tools": ("codegen",),
        "cache": "warm",
        "note": "parsed-spec cache cleared once, then one unmeasured run fills it",
    },
    {
        "id": "gen-github",
        "title": "generate: GitHub REST spec, JSON (13 MB)",
        "spec": "github",
        "tools": ALL_TOOLS,
        "cache": None,
        "slow": True,
    },
    {
        "id": "gen-client-secrets",
        "title": "generate: client-secrets subset, YAML (spec/openapi.yaml)",
        "spec": "client-secrets",
        "tools": ALL_TOOLS,
        "cache": "cold",
    },
    {
        "id": "check-openai-json",
        "title": "check: OpenAI spec, JSON (after one generate)",
        "spec": "openai-json",
        "tools": ("codegen", "dmcg"),
        "check": True,
        "note": "`codegen check` vs `datamodel-codegen --check` (same flags as its generate), each "
        "after one unmeasured generate into the checked directory",
    },
]


def build_case(entry: dict[str, Any], timeout: float) -> Case:
    """The commands of one GENERATION_CASES entry (may build the peers' venvs)."""
    case = Case(entry["id"], entry["title"], [], note=entry.get("note", ""))
    case.unavailable = spec_missing(entry["spec"])
    if case.unavailable:
        return case
    for tool in entry["tools"]:
        out_dir = GEN_OUT / case.id / tool
        if entry.get("check"):
            if tool == "codegen":
                cmd = codegen_command(entry["spec"], out_dir, "check")
            else:
                cmd = dmcg_command(entry["spec"], out_dir, check=True)
            gen_cmd = make_generator(tool, entry["spec"], out_dir)

            def prepare(gen_cmd: Command = gen_cmd, tool: str = tool) -> str:
                return prepare_output(gen_cmd, timeout, f"{case.id}-{tool}")

            cmd.before_series = prepare
        else:
            cmd = make_generator(tool, entry["spec"], out_dir)
        if tool == "codegen" and entry.get("cache") == "cold":
            cmd.before_run = clear_codegen_cache
        if tool == "codegen" and entry.get("cache") == "warm" and not cmd.unavailable:

            def prime(cmd: Command = cmd) -> str:
                clear_codegen_cache()
                return prepare_output(cmd, timeout, f"{case.id}-prime")

            cmd.before_series = prime
        case.commands.append(cmd)
    return case


def prepare_series(commands: list[Command], case_id: str) -> list[Command]:
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


def run_one(cmd: Command, *, case_id: str, kind: str, log_name: str, timeout: float) -> None:
    """One run of cmd; its sample is kept unless kind is a warm-up; a failure stops cmd."""
    assert cmd.argv is not None
    if cmd.out_dir is not None:
        shutil.rmtree(cmd.out_dir, ignore_errors=True)
        cmd.out_dir.mkdir(parents=True, exist_ok=True)
    if cmd.before_run:
        cmd.before_run()
    log(f"  [{case_id}] {cmd.label}: {kind}")
    sample = measure(cmd.argv, env=cmd.env, timeout=timeout, log_name=log_name)
    if sample.ok and cmd.output is not None:
        files, lines = count_output(cmd.output)
        if files == 0:
            sample.note = f"wrote no .py file under {rel(cmd.output)}"
        else:
            cmd.output_summary = f"{files} files, {lines} lines"
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


def run_series(
    commands: list[Command], runs: int, warmup: int, timeout: float, case_id: str
) -> None:
    """Warm-up runs then measured runs, the commands alternating within each round."""
    shutil.rmtree(LOGS / _slug(case_id), ignore_errors=True)
    live = prepare_series(commands, case_id)
    for round_no in range(-warmup, runs):
        for cmd in live:
            if cmd.failed:
                continue
            if round_no < 0:
                kind, when = "warm-up", f"warmup{round_no + warmup + 1}"
            else:
                kind, when = f"run {round_no + 1}/{runs}", f"run{round_no + 1}"
            run_one(
                cmd,
                case_id=case_id,
                kind=kind,
                timeout=timeout,
                log_name=f"{case_id}/{cmd.row_id or cmd.label}.{when}",
            )


# --------------------------------------------------------------------------------------------
# Import benchmarks
# --------------------------------------------------------------------------------------------
def import_commands(selected: Callable[[str], bool], timeout: float) -> list[Command]:
    commands: list[Command] = []
    prepared: dict[str, str] = {}
    for entry in IMPORT_CASES:
        for kind in ("import", "client"):
            code = entry.get(kind)
            row_id = f"import-{entry['id']}-{kind}"
            if code is None or not selected(row_id):
                continue
            what = "import" if kind == "import" else "import + client + first resource"
            label = f"{entry['title']} — {what}"
            cmd = Command(entry["id"], label, row_id=row_id)
            commands.append(cmd)
            bin_dir, why = ensure_venv(entry["venv"])
            if bin_dir is None:
                cmd.unavailable = why
                continue
            path: Path | None = None
            if entry["package"] is not None:
                name, base, generator = entry["package"]
                path = find_package(base, name)
                if path is None and generator is not None:
                    key = f"{generator}:{base}"
                    if key not in prepared:
                        log(
                            f"[import] {name} missing under {rel(base)}: "
                            f"generating it once with {TOOL_NAMES[generator]}"
                        )
                        gen_cmd = make_generator(generator, "openai-json", base)
                        prepared[key] = prepare_output(gen_cmd, timeout, f"import-{generator}")
                    path = find_package(base, name)
                    if path is None:
                        cmd.unavailable = "not available: " + (
                            prepared[key] or f"{name} not found after generating"
                        )
                        continue
                if path is None:
                    shown = rel(base)
                    cmd.unavailable = f"not available: no package {name} under {shown}"
                    continue
            cmd.argv = [str(bin_dir / "python"), "-c", code]
            cmd.env = tool_env(bin_dir, pythonpath=path)
    return commands


# --------------------------------------------------------------------------------------------
# Parse throughput
# --------------------------------------------------------------------------------------------
PARSE_SCRIPT = r"""
import json, statistics, sys, timeit
data = json.load(open(sys.argv[1]))
repeats = int(sys.argv[2])
setup = sys.argv[3]
scope = {"data": data}
try:
    exec(setup, scope)
except ImportError as exc:
    print(json.dumps({"unavailable": f"{type(exc).__name__}: {exc}"}))
    sys.exit(3)
fn = scope["fn"]
before = json.dumps(data, sort_keys=True)
obj = fn()
timer = timeit.Timer(fn)
number, _ = timer.autorange()
number = max(number * 2, 100)
times = timer.repeat(repeat=repeats, number=number)
rates = [number / t for t in times]
session = getattr(obj, "session", None)
print(json.dumps({
    "median": statistics.median(rates), "min": min(rates), "max": max(rates),
    "number": number, "type": type(obj).__name__,
    "session_type": type(session).__name__ if session is not None else None,
    "input_mutated": json.dumps(data, sort_keys=True) != before,
}))
"""


def example_response() -> tuple[Any | None, str]:
    """The example response of POST /realtime/client_secrets, its trailing comma removed."""
    spec = SPECS["openai-json"]
    try:
        document = json.loads(spec.read_bytes())
        text = document["paths"]["/realtime/client_secrets"]["post"]["x-oaiMeta"]["examples"][
            "response"
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"cannot read the example from {spec}: {type(exc).__name__}: {exc}"
    fixed = re.sub(r",(\s*[}\]])", r"\1", text)  # `"type": "server_vad",\n        }`
    try:
        return json.loads(fixed), ""
    except ValueError as exc:
        return None, f"example still invalid JSON after removing trailing commas: {exc}"


@dataclass
class ParseResult:
    id: str
    title: str
    unavailable: str = ""
    failure: str = ""
    stats: dict[str, Any] = field(default_factory=dict)


def run_parse(selected: Callable[[str], bool], timeout: float) -> list[ParseResult]:
    results: list[ParseResult] = []
    entries = [e for e in PARSE_CASES if selected(f"parse-{e['id']}")]
    if not entries:
        return results
    data, why = example_response()
    data_file = OUT / "client_secret_create_response.json"
    if data is not None:
        OUT.mkdir(parents=True, exist_ok=True)
        data_file.write_text(json.dumps(data, indent=2) + "\n")
    for entry in entries:
        result = ParseResult(entry["id"], entry["title"])
        results.append(result)
        if data is None:
            result.unavailable = why
            continue
        bin_dir, why_venv = ensure_venv(entry["venv"])
        if bin_dir is None:
            result.unavailable = why_venv
            continue
        path = entry["path"]
        if entry["package"] is not None and find_package(path, entry["package"], 0) is None:
            shown = rel(path)
            result.unavailable = f"not available: no package {entry['package']} under {shown}"
            continue
        log(f"[parse] {entry['id']}")
        argv = [
            str(bin_dir / "python"),
            "-c",
            PARSE_SCRIPT,
            str(data_file),
            str(PARSE_REPEATS),
            entry["setup"],
        ]
        rc, out, err = quick_run(argv, env=tool_env(bin_dir, pythonpath=path), timeout=timeout)
        try:
            parsed = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
        except ValueError:
            parsed = {}
        if rc == 3 and "unavailable" in parsed:
            result.unavailable = f"not available: {parsed['unavailable']}"
        elif rc != 0 or "median" not in parsed:
            result.failure = f"exit {rc}: {tail_of(err) or tail_of(out)}"
        else:
            result.stats = parsed
    return results


# --------------------------------------------------------------------------------------------
# Statistics and report
# --------------------------------------------------------------------------------------------
def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    if not values:
        return "—"
    med = statistics.median(values)
    return f"{fmt.format(med)} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def paired_ratios(a: Command, b: Command, attr: str) -> list[float]:
    pairs = zip(a.samples, b.samples, strict=False)
    return [getattr(x, attr) / getattr(y, attr) for x, y in pairs if getattr(y, attr) > 0]


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_text(cmd: Command) -> str:
    if cmd.unavailable:
        text = cmd.unavailable
        return text if text.startswith("not available") else f"not available: {text}"
    if not cmd.failed:
        return "not measured"
    where = f" ({cmd.failed_at})" if cmd.failed_at else ""
    return f"FAILED{where}: {cmd.failed}"


def machine_header(args: argparse.Namespace, sources_changed: bool) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except (OSError, ValueError, IndexError):
        pass
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip().strip(chr(34))} ({platform.release()})"
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 0
    versions = tool_versions()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmdline = " ".join(shlex.quote(a) for a in sys.argv[1:]) or "(defaults)"
    return [
        "# Benchmark results",
        "",
        f"- Date: {now}; `bench/run.py {cmdline}`",
        f"- CPU: {cpu}; {os.cpu_count()} logical cores ({usable} usable); RAM {ram}",
        f"- OS: {os_name}; Python {platform.python_version()} ({sys.executable})",
        f"- Tools: {versions}",
        f"- Method: each command {args.warmup} warm-up + {args.runs} measured run(s), the "
        "commands of a case alternating (A B A B); median [min–max]; CPU = user+sys of the "
        "process and its waited-for children (wait4); RSS = peak resident set of the largest "
        "of them; ratios codegen/peer taken run by run, then median [min–max]. "
        f"Timeout {args.timeout:.0f} s per command. Every tool writes under {GEN_OUT} "
        "(tmpfs where there is one: see `_scratch_root`).",
        *(
            [
                "- **Warning: codegen's sources (codegen/, templates/) changed during this run: "
                "its rows mix two versions. Rerun on a quiet tree.**"
            ]
            if sources_changed
            else []
        ),
        "",
    ]


CODEGEN_SOURCES = ("codegen", "templates")  # hashed before and after a run


def source_digest() -> str:
    """sha256 of codegen's sources: a run whose digest changed measured two versions."""
    digest = hashlib.sha256()
    for top in CODEGEN_SOURCES:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
                with contextlib.suppress(OSError):
                    digest.update(path.read_bytes())
    return digest.hexdigest()


def tool_versions() -> str:
    parts: list[str] = []
    rc, out, _ = quick_run(
        [
            str(CODEGEN_VENV_BIN / "python"),
            "-c",
            "import importlib.metadata as m; print(m.version('codegen'))",
        ],
        timeout=60,
    )
    version = out.strip() if rc == 0 and out.strip() else "not installed"
    rc, head, _ = quick_run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], timeout=30)
    rc2, dirty, _ = quick_run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "codegen", "templates"], timeout=30
    )
    commit = head.strip() if rc == 0 else "?"
    if rc2 == 0 and dirty.strip():
        commit += " + uncommitted changes"
    parts.append(f"codegen {version} (git {commit})")
    wanted = {
        "dmcg": ["datamodel-code-generator", "black", "pydantic"],
        "opc": ["openapi-python-client", "ruff"],
        "openai": ["openai", "pydantic", "httpx", "httpx2"],
    }
    for venv, names in wanted.items():
        python = venv_bin(venv) / "python"
        if not python.exists():
            continue
        code = (
            "import importlib.metadata as m, json, sys\n"
            "out = {}\n"
            "for n in sys.argv[1:]:\n"
            "    try: out[n] = m.version(n)\n"
            "    except Exception: pass\n"
            "print(json.dumps(out))"
        )
        rc, out, _ = quick_run([str(python), "-c", code, *names], timeout=60)
        try:
            found = json.loads(out) if rc == 0 else {}
        except ValueError:
            found = {}
        if found:
            parts.append(f"venv {venv}: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    return "; ".join(parts)


def generation_table(cases: list[Case]) -> list[str]:
    lines = [
        "## Generation",
        "",
        "| case | tool | n | wall s | CPU s | of which sys s | peak RSS MiB | output (last run) | "
        "codegen/peer CPU |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for case in cases:
        if case.unavailable:
            lines.append(
                f"| {md_cell(case.title)} | all | 0 | {md_cell(case.unavailable)} | | | | | |"
            )
            continue
        reference = next((c for c in case.commands if c.tool == "codegen"), None)
        for cmd in case.commands:
            name = md_cell(cmd.label)
            if cmd.unavailable or not cmd.samples:
                status = md_cell(status_text(cmd))
                lines.append(f"| {md_cell(case.title)} | {name} | 0 | {status} | | | | | |")
                continue
            ratio = ""
            if cmd.tool != "codegen" and reference is not None:
                if reference.samples and cmd.samples and not reference.failed and not cmd.failed:
                    ratio = spread(paired_ratios(reference, cmd, "cpu"), "{:.3f}x")
                else:
                    ratio = "— (codegen has no result)"
            extra = f" (then {status_text(cmd)})" if cmd.failed else ""
            lines.append(
                f"| {md_cell(case.title)} | {name} | {len(cmd.samples)} | "
                f"{spread([s.wall for s in cmd.samples])}{md_cell(extra)} | "
                f"{spread([s.cpu for s in cmd.samples])} | "
                f"{statistics.median([s.sys_cpu for s in cmd.samples]):.2f} | "
                f"{statistics.median([s.rss_mib for s in cmd.samples]):.0f} | "
                f"{cmd.output_summary or '—'} | {ratio} |"
            )
    notes = [c.note for c in cases if c.note]
    if notes:
        lines.append("")
        lines += [f"- {md_cell(c.title)}: {c.note}" for c in cases if c.note]
    return lines + [""]


def import_table(commands: list[Command]) -> list[str]:
    lines = [
        "## Import",
        "",
        "Whole process `python -c CODE` (bytecode cached by one warm-up run); the ratio "
        "is wall time against the official `openai` row of the same kind, run by run.",
        "",
        "| what | n | wall s | CPU s | peak RSS MiB | wall / openai |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    refs = {
        "import": next((c for c in commands if c.row_id == "import-openai-import"), None),
        "client": next((c for c in commands if c.row_id == "import-openai-client"), None),
    }
    for cmd in commands:
        if cmd.unavailable or not cmd.samples:
            lines.append(f"| {md_cell(cmd.label)} | 0 | {md_cell(status_text(cmd))} | | | |")
            continue
        ref = refs["client" if cmd.row_id.endswith("-client") else "import"]
        ratio = ""
        if ref is not None and ref is not cmd and ref.samples and not ref.failed:
            ratio = spread(paired_ratios(cmd, ref, "wall"), "{:.3f}x")
        extra = f" (then {status_text(cmd)})" if cmd.failed else ""
        lines.append(
            f"| {md_cell(cmd.label)} | {len(cmd.samples)} | "
            f"{spread([s.wall for s in cmd.samples])}{md_cell(extra)} | "
            f"{spread([s.cpu for s in cmd.samples])} | "
            f"{statistics.median([s.rss_mib for s in cmd.samples]):.0f} | {ratio} |"
        )
    codes = []
    for entry in IMPORT_CASES:
        for kind in ("import", "client"):
            if entry.get(kind):
                codes.append(f"- {md_cell(entry['title'])}, {kind}: `{entry[kind]}`")
    return lines + ["", "Code run:", ""] + codes + [""]


def targets_table(cases: list[Case], imports: list[Command]) -> list[str]:
    """The performance targets, each as a ratio from this run's numbers: paired run by run
    where the two commands alternated, else the ratio of the medians."""

    def gen(case_id: str, tool: str) -> Command | None:
        case = next((c for c in cases if c.id == case_id), None)
        found = next((c for c in case.commands if c.tool == tool), None) if case else None
        return found if found is not None and found.samples and not found.failed else None

    def imp(row_id: str) -> Command | None:
        found = next((c for c in imports if c.row_id == row_id), None)
        return found if found is not None and found.samples and not found.failed else None

    def paired(a: Command | None, b: Command | None, attr: str) -> float | None:
        ratios = paired_ratios(a, b, attr) if a and b else []
        return statistics.median(ratios) if ratios else None

    def medians(a: Command | None, b: Command | None, attr: str) -> float | None:
        if a is None or b is None:
            return None
        below = statistics.median(getattr(x, attr) for x in b.samples)
        return statistics.median(getattr(x, attr) for x in a.samples) / below if below else None

    json_cg, json_dm = gen("gen-openai-json", "codegen"), gen("gen-openai-json", "dmcg")
    full_client = imp("import-codegen-full-client")
    rows = [
        ("whole OpenAI spec from JSON, generate: CPU vs datamodel-code-generator", 1 / 10,
         paired(json_cg, json_dm, "cpu")),
        ("whole OpenAI spec from JSON, generate: CPU vs openapi-python-client", 1 / 4,
         paired(json_cg, gen("gen-openai-json", "opc"), "cpu")),
        ("whole OpenAI spec from YAML, first run on it: CPU vs datamodel-code-generator", 1 / 5,
         paired(gen("gen-openai-yaml-cold", "codegen"), gen("gen-openai-yaml-cold", "dmcg"),
                "cpu")),
        ("YAML, second run on the same spec: CPU vs codegen from JSON", 1.2,
         medians(gen("gen-openai-yaml-warm", "codegen"), json_cg, "cpu")),
        ("`codegen check`, unchanged inputs: CPU vs datamodel-code-generator's generate (JSON)",
         1 / 20, medians(gen("check-openai-json", "codegen"), json_dm, "cpu")),
        ("peak RSS, whole spec from JSON: vs datamodel-code-generator", 1.0,
         medians(json_cg, json_dm, "rss_mib")),
        ("whole-spec package, import + client + first resource: wall vs `openai` doing the same",
         1 / 3, paired(full_client, imp("import-openai-client"), "wall")),
        ("the same vs openapi-python-client's package (import + client + first operation)", 1 / 8,
         medians(full_client, imp("import-opc-client"), "wall")),
        ("the same vs datamodel-code-generator's models module (import)", 1 / 8,
         medians(full_client, imp("import-dmcg-import"), "wall")),
        ("client-secrets package, `import openai_realtime`: wall vs `import pydantic, httpx`",
         1.5, medians(imp("import-codegen-realtime-import"), imp("import-floor-import"), "wall")),
    ]
    lines = [
        "## Targets",
        "",
        "| target | at most | this run | |",
        "| --- | --- | --- | --- |",
    ]
    for title, limit, ratio in rows:
        verdict = "not measured" if ratio is None else "met" if ratio <= limit else "**missed**"
        shown = "—" if ratio is None else f"{ratio:.3f}x"
        lines.append(f"| {md_cell(title)} | {limit:.3f}x | {shown} | {verdict} |")
    return lines + [""]


def parse_table(results: list[ParseResult]) -> list[str]:
    lines = [
        "## Parse throughput",
        "",
        "The example response of POST /realtime/client_secrets (trailing comma removed) "
        f"parsed into `ClientSecretCreateResponse`, timeit in one process per row, "
        f"objects/s median [min–max] of {PARSE_REPEATS} repeats.",
        "",
        "| parser | objects/s | vs openai construct_type | result (session type) |",
        "| --- | --- | --- | --- |",
    ]
    ref = next((r for r in results if r.id == PARSE_REFERENCE and r.stats), None)
    for res in results:
        if res.unavailable or res.failure:
            text = res.unavailable or f"FAILED: {res.failure}"
            if not text.startswith(("not available", "FAILED")):
                text = f"not available: {text}"
            lines.append(f"| {md_cell(res.title)} | {md_cell(text)} | | |")
            continue
        st = res.stats
        ratio = f"{st['median'] / ref.stats['median']:.3f}x" if ref is not None else ""
        kind = f"{st['type']} ({st['session_type']})"
        if st.get("input_mutated"):
            kind += "; input mutated!"
        lines.append(
            f"| {md_cell(res.title)} | {st['median']:,.0f} [{st['min']:,.0f}–"
            f"{st['max']:,.0f}] | {ratio} | {md_cell(kind)} |"
        )
    return lines + [""]


def notes_section() -> list[str]:
    lines = ["## Notes", ""]
    for spec, (flags, why) in _dmcg_flags.items():
        shown = Path(spec).name
        if flags is not None:
            lines.append(
                f"- datamodel-code-generator flags for {shown} (from "
                f"`--recommend-options`): `{' '.join(flags)}`"
            )
        else:
            lines.append(f"- datamodel-code-generator on {shown}: {md_cell(why)}")
    lines.append(
        f"- codegen cache: `{rel(CODEGEN_CACHE_DIR)}/` (passed as CODEGEN_CACHE_DIR): parsed "
        "YAML specs in `specs/`, compiled templates in `templates/`."
    )
    lines.append("- Logs of every run: `bench/out/logs/`; raw numbers: `bench/out/results.json`.")
    return lines + [""]


def raw_json(cases: list[Case], imports: list[Command], parses: list[ParseResult]) -> Any:
    def cmd_json(cmd: Command) -> dict[str, Any]:
        return {
            "label": cmd.label,
            "argv": cmd.argv,
            "unavailable": cmd.unavailable,
            "failed": cmd.failed or None,
            "failed_at": cmd.failed_at,
            "samples": [s.__dict__ for s in cmd.samples],
            "output": cmd.output_summary,
        }

    return {
        "generation": [
            {
                "id": c.id,
                "title": c.title,
                "unavailable": c.unavailable,
                "commands": [cmd_json(x) for x in c.commands],
            }
            for c in cases
        ],
        "import": [dict(cmd_json(x), id=x.row_id) for x in imports],
        "parse": [r.__dict__ for r in parses],
    }


# --------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=None, help=f"measured runs per command (default {DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=None,
        help="unmeasured warm-up runs per generation command (default 1, "
        "--quick 0); imports always get one",
    )
    parser.add_argument(
        "--only",
        default="",
        metavar="SUBSTRING",
        help="run only the cases whose id or title contains this "
        "(ids: gen-openai-json, gen-openai-yaml-cold, gen-openai-yaml-warm, "
        "gen-github, gen-client-secrets, check-openai-json, "
        "import-<entry>-import|client, parse-<entry>)",
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


def run_generation(args: argparse.Namespace, selected: Callable[..., bool]) -> list[Case]:
    cases: list[Case] = []
    for entry in GENERATION_CASES:
        if (args.quick and entry.get("slow")) or not selected(entry["id"], entry["title"]):
            continue
        case_id = entry["id"]
        log(f"[case] {case_id}")
        case = build_case(entry, args.timeout)
        cases.append(case)
        if case.unavailable:
            log(f"  {case.unavailable}")
            continue
        for cmd in case.commands:
            if cmd.unavailable:
                log(f"  {cmd.label}: {cmd.unavailable}")
        run_series(case.commands, args.runs, args.warmup, args.timeout, case_id)
    return cases


def run_imports(args: argparse.Namespace, selected: Callable[..., bool]) -> list[Command]:
    imports = import_commands(selected, args.timeout)
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

    def selected(*names: str) -> bool:
        return not needle or any(needle in n.lower() for n in names)

    for folder in {OUT, GEN_OUT}:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pyproject.toml").write_text(NEUTRAL_PYPROJECT)
    started = time.perf_counter()
    sources_before = source_digest()
    cases = run_generation(args, selected)
    imports = run_imports(args, selected)
    parses = run_parse(selected, args.timeout)

    sources_changed = source_digest() != sources_before
    if sources_changed:
        log("warning: codegen/ or templates/ changed during the run (see results.md)")
    report = machine_header(args, sources_changed)
    if cases or imports:
        report += targets_table(cases, imports)
    if cases:
        report += generation_table(cases)
    if imports:
        report += import_table(imports)
    if parses:
        report += parse_table(parses)
    report += notes_section()
    report.append(f"_Total harness time: {time.perf_counter() - started:.0f} s._")
    text = "\n".join(report) + "\n"
    RESULTS_MD.write_text(text)
    RESULTS_JSON.write_text(
        json.dumps(raw_json(cases, imports, parses), indent=1, default=str) + "\n"
    )
    print(text)
    log(f"wrote {rel(RESULTS_MD)} and {rel(RESULTS_JSON)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
