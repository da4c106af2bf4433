"""Stage 6: black-style formatting of the rendered sources with `ruff format` (or black, or
not at all: `format:` in the config).

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
from collections.abc import Collection
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


def formatter_command(formatter: str, folder: str) -> list[str]:
    """The command that formats every file under `folder` in place."""
    if formatter == "black":
        # -I: the folder holds a `types` package, which must not shadow the standard library's.
        return [sys.executable, "-I", "-m", "black", "--quiet", "--fast", "--line-length",
                str(LINE_LENGTH), "--target-version", TARGET_VERSION, folder]
    return [ruff_binary(), "format", "--isolated", "--no-cache", "--quiet",
            "--line-length", str(LINE_LENGTH), "--target-version", TARGET_VERSION, folder]


def _check_black(formatter: str) -> None:
    if formatter != "black":
        return
    import importlib.util

    if importlib.util.find_spec("black") is None:
        raise FatalError(Diagnostic("", Severity.ERROR, "format: black is not installed",
                                    "pip install 'codegen[black]', or use format: ruff (the "
                                    "same output, faster)"))


def format_sources(files: dict[str, str], formatter: str = "ruff",
                   own: Collection[str] = ()) -> dict[str, str]:
    """The same files with every .py file formatted; other files unchanged. `formatter` is
    "ruff" or "black" (the same output: black's style at line length 120), or "none". The
    paths in `own` are codegen's own code (the runtime, the same in every package): ruff
    formats them whatever the choice, so they never differ between two formatters."""
    sources = {path: text for path, text in files.items() if path.endswith(".py")}
    if formatter == "ruff" or not sources:
        return {**files, **_formatted(sources, "ruff")}
    mine = {path: text for path, text in sources.items() if path in own}
    theirs = {path: text for path, text in sources.items() if path not in own}
    done = _formatted(mine, "ruff")
    if formatter != "none":
        done.update(_formatted(theirs, formatter))
    return {**files, **done}


def _formatted(sources: dict[str, str], formatter: str) -> dict[str, str]:
    if not sources:
        return {}
    _check_black(formatter)
    with tempfile.TemporaryDirectory(prefix="codegen-format-", dir=_scratch()) as tmp:
        # Plain os calls on strings: pathlib costs a tenth of this stage on thousands of files.
        for folder in sorted({os.path.dirname(path) for path in sources}):
            os.makedirs(os.path.join(tmp, folder), exist_ok=True)
        for path, text in sources.items():
            with open(os.path.join(tmp, path), "wb") as handle:
                handle.write(text.encode("utf-8"))
        _run(formatter_command(formatter, tmp), os.path.dirname(tmp))
        return {path: _read(os.path.join(tmp, path)) for path in sources}


def _run(command: list[str], cwd: str) -> None:
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
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
