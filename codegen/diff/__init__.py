"""`codegen diff`: what a spec change does to the generated Python API, in the terms users
program against (methods, arguments, classes, fields, enum values), each change saying whether
it breaks callers, readers or imports.

surface.py derives the API from the IR and naming stage, compare.py compares two of them,
report.py prints the changes. A spec argument is a file or `git:REF:PATH` (the file as
committed at REF, read with `git show`)."""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..config import Config
from ..diagnostics import Diagnostic, FatalError, Severity
from ..pipeline import Analysed, analyse
from .compare import Change, compare
from .surface import Surface, derive

__all__ = ["Change", "Surface", "compare", "derive", "materialised", "surface_of"]

GIT_PREFIX = "git:"


@contextlib.contextmanager
def materialised(spec: str) -> Iterator[str]:
    """A path to read the spec from: the file itself, or `git:REF:PATH` written to a
    temporary folder (under the same file name, so YAML stays YAML)."""
    if not spec.startswith(GIT_PREFIX):
        yield spec
        return
    ref, _, path = spec.removeprefix(GIT_PREFIX).partition(":")
    if not ref or not path:
        raise FatalError(Diagnostic("", Severity.ERROR, f"{spec!r} is not git:REF:PATH",
                                    "e.g. git:main:spec/openapi.yaml (PATH from the "
                                    "repository's root, or ./PATH from here)"))
    text = _git_show(spec, ref, path)
    with tempfile.TemporaryDirectory(prefix="codegen-diff-") as folder:
        target = Path(folder, f"git-{ref.replace('/', '_')}", Path(path).name)
        target.parent.mkdir()
        target.write_bytes(text)
        yield str(target)


def _git_show(spec: str, ref: str, path: str) -> bytes:
    try:
        done = subprocess.run(["git", "show", f"{ref}:{path}"], capture_output=True,
                              check=False)
    except OSError as exc:
        raise FatalError(Diagnostic("", Severity.ERROR, f"{spec}: cannot run git: {exc}")) \
            from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise FatalError(Diagnostic("", Severity.ERROR, f"{spec}: git show failed: "
                                    f"{message[-1] if message else done.returncode}",
                                    "check the ref and the path (from the repository's root)"))
    return done.stdout


def surface_of(analysed: Analysed, config: Config) -> Surface:
    return derive(analysed.api, analysed.names, config.package.name)


def analysed_pair(old: str, new: str, config: Config) -> tuple[Analysed, Analysed]:
    """Both specs through load -> build -> naming with one config."""
    return analyse(old, config), analyse(new, config)


def changes_between(old: Analysed, new: Analysed, config: Config) -> list[Change]:
    return compare(surface_of(old, config), surface_of(new, config))
