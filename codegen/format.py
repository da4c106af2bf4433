"""Stage 6: black-style formatting of the rendered sources with `ruff format`.

ruff's formatter is black-compatible and formats the whole package in one process in well
under a second, where black takes about a minute on a large spec. It works on files, so the
sources go through a private temporary directory (in memory, /dev/shm, where there is one:
creating thousands of small files costs seconds on some disks); the caller's files are never
touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, FatalError, Severity

LINE_LENGTH = 120
TARGET_VERSION = "py39"


def ruff_binary() -> str:
    try:
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        candidate = Path(sys.executable).parent / "ruff"
        return str(candidate) if candidate.exists() else "ruff"


def _scratch() -> str | None:
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _read(path: str) -> str:
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8")


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """The same files with every .py file formatted; other files unchanged."""
    sources = {path: text for path, text in files.items() if path.endswith(".py")}
    if not sources:
        return dict(files)
    with tempfile.TemporaryDirectory(prefix="codegen-format-", dir=_scratch()) as tmp:
        # Plain os calls on strings: pathlib costs a tenth of this stage on thousands of files.
        for folder in sorted({os.path.dirname(path) for path in sources}):
            os.makedirs(os.path.join(tmp, folder), exist_ok=True)
        for path, text in sources.items():
            with open(os.path.join(tmp, path), "wb") as handle:
                handle.write(text.encode("utf-8"))
        command = [ruff_binary(), "format", "--isolated", "--no-cache", "--quiet",
                   "--line-length", str(LINE_LENGTH), "--target-version", TARGET_VERSION, "."]
        try:
            result = subprocess.run(command, cwd=tmp, capture_output=True, text=True,
                                    check=False, env={**os.environ, "NO_COLOR": "1"})
        except OSError as exc:
            raise FatalError(Diagnostic("", Severity.ERROR, f"cannot run the formatter "
                                        f"({command[0]}): {exc}",
                                        "install ruff (pip install ruff)")) from None
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()[:5]
            raise FatalError(Diagnostic("", Severity.ERROR, "the generated code could not be "
                                        "formatted (a codegen bug): " + " | ".join(detail),
                                        "please report it with the spec that caused it"))
        formatted = {path: _read(os.path.join(tmp, path)) for path in sources}
    return {path: formatted.get(path, text) for path, text in files.items()}
