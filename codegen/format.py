"""Stage 6: black-style formatting of the rendered sources with `ruff format` (or black, or
not at all: `format:` in the config).

ruff's formatter is black-compatible and formats the whole package in one process in well
under a second, where black takes about a minute on a large spec. It works on files, so the
sources go through a private temporary directory (in memory, /dev/shm, where there is one:
creating thousands of small files costs seconds on some disks); the caller's files are never
touched.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
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
    """The same files with every .py file formatted; other files unchanged (see `formatting`)."""
    with formatting(files, formatter, own) as formatted:
        pass
    return formatted


@contextlib.contextmanager
def formatting(files: dict[str, str], formatter: str = "ruff",
               own: Collection[str] = ()) -> Iterator[dict[str, str]]:
    """The formatter at work while the caller's block runs: the dict it yields holds the
    formatted files once the block ends (the formatter is a process of its own, so a large
    package formats on one core while the block goes on on another).

    `formatter` is "ruff" or "black" (the same output: black's style at line length 120), or
    "none". The paths in `own` are codegen's own code (the runtime, the same in every package):
    ruff formats them whatever the choice, so they never differ between two formatters."""
    sources = {path: text for path, text in files.items() if path.endswith(".py")}
    if formatter == "ruff" or not sources:
        groups = [(sources, "ruff")]
    else:
        _check_black(formatter)
        mine = {path: text for path, text in sources.items() if path in own}
        theirs = {path: text for path, text in sources.items() if path not in own}
        groups = [(mine, "ruff")] + ([(theirs, formatter)] if formatter != "none" else [])
    formatted: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="codegen-format-", dir=_scratch()) as tmp:
        jobs: list[_Job] = []
        try:
            for i, (group, name) in enumerate(groups):  # one that cannot start stops the others
                if group:
                    jobs.append(_start(group, name, os.path.join(tmp, str(i))))
            yield formatted
        except BaseException:
            for job in jobs:
                job.process.kill()
            raise
        finally:
            for job in jobs:
                job.finish()  # reads its output as it waits: a full pipe never blocks it
        formatted.update(files)
        for job in jobs:
            formatted.update(job.result())


@dataclass
class _Job:
    """One formatter process over one folder of sources."""

    sources: dict[str, str]
    folder: str
    process: subprocess.Popen[str]
    output: str = ""

    def finish(self) -> None:
        out, err = self.process.communicate()
        self.output = err or out

    def result(self) -> dict[str, str]:
        if self.process.returncode != 0:
            detail = self.output.strip().splitlines()[:5]
            raise FatalError(Diagnostic("", Severity.ERROR, "the generated code could not be "
                                        "formatted (a codegen bug): " + " | ".join(detail),
                                        "please report it with the spec that caused it"))
        return {path: _read(os.path.join(self.folder, path)) for path in self.sources}


def _start(sources: dict[str, str], formatter: str, folder: str) -> _Job:
    # Plain os calls on strings: pathlib costs a tenth of this stage on thousands of files.
    for parent in sorted({os.path.dirname(path) for path in sources}):
        os.makedirs(os.path.join(folder, parent), exist_ok=True)
    for path, text in sources.items():
        with open(os.path.join(folder, path), "wb") as handle:
            handle.write(text.encode("utf-8"))
    command = formatter_command(formatter, folder)
    try:
        process = subprocess.Popen(command, cwd=os.path.dirname(folder), text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env={**os.environ, "NO_COLOR": "1"})
    except OSError as exc:
        raise FatalError(Diagnostic("", Severity.ERROR, f"cannot run the formatter "
                                    f"({command[0]}): {exc}",
                                    "install ruff (pip install ruff)")) from None
    return _Job(sources, folder, process)
