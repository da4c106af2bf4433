"""Where the harness reads its inputs, finds the tools and writes its outputs."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENVS = BENCH / ".venvs"
OUT = BENCH / "out"
SHARED = Path(os.environ.get("BENCH_SHARED", str(ROOT.parent / "shared")))


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

CODEGEN_VENV_BIN = ROOT / ".venv" / "bin"
CODEGEN_BIN = CODEGEN_VENV_BIN / "codegen"
# codegen caches parsed YAML by content hash here. The harness also passes it to codegen as
# CODEGEN_CACHE_DIR, so the directory it deletes is the one codegen uses.
CODEGEN_CACHE_DIR = ROOT / ".codegen-cache"
CODEGEN_SOURCES = ("codegen", "templates")  # hashed before and after a run
GENERATED_DIR = ROOT / "generated"  # holds the committed client-secrets package openai_realtime/


def rel(path: Path) -> str:
    """path relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
