"""What the report's header says about the machine, and a digest of codegen's sources."""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import sys
from pathlib import Path

from bench.paths import CODEGEN_SOURCES, ROOT


def _field(path: str, prefix: str) -> str | None:
    """The rest of the first line of a /proc or /etc file that starts with prefix."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line[len(prefix) :] for line in lines if line.startswith(prefix)), None)


def cpu_model() -> str:
    found = _field("/proc/cpuinfo", "model name")
    return found.split(":", 1)[1].strip() if found and ":" in found else "unknown"


def ram() -> str:
    found = _field("/proc/meminfo", "MemTotal:")
    try:
        return f"{int((found or '').split()[0]) / 1024 / 1024:.1f} GiB"
    except (ValueError, IndexError):
        return "unknown"


def os_name() -> str:
    found = _field("/etc/os-release", "PRETTY_NAME=")
    if found is None:
        return platform.platform()
    return f"{found.strip().strip(chr(34))} ({platform.release()})"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 0


def machine_lines() -> list[str]:
    """The CPU and OS lines of the report's header."""
    return [
        f"- CPU: {cpu_model()}; {os.cpu_count()} logical cores ({usable_cores()} usable); "
        f"RAM {ram()}",
        f"- OS: {os_name()}; Python {platform.python_version()} ({sys.executable})",
    ]


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
