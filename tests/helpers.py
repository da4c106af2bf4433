"""Shared test helpers: where things are, generating into a temporary folder, importing it."""

from __future__ import annotations

import contextlib
import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NODE_BIN = ROOT / "node_modules" / ".bin"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when ../shared is absent (fails it in CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = (f"{path} is absent: ../shared (specs, corpus, reference) lives beside the "
                   "repository on the team's machines and in CI, not in a clone")
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def node_tool(name: str) -> Path:
    """A tool from node_modules/.bin (pyright, prism); `make test` installs them."""
    path = NODE_BIN / name
    if not path.exists():
        message = f"{path} is missing: run `npm ci` (make test does)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_codegen(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
                ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "codegen", *args], cwd=cwd, text=True,
                          capture_output=True, env={**os.environ, **(env or {})}, check=False)


def write_package(files: dict[str, str], root: Path, package: str) -> Path:
    target = root / package
    for path, text in files.items():
        dest = target / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    return target


@contextlib.contextmanager
def imported(root: Path, package: str) -> Iterator[ModuleType]:
    """Imports `package` from `root`, and forgets it (and sys.path) afterwards."""
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()  # the package was just written: finders must look again
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


def module_names(root: Path, package: str) -> list[str]:
    """The dotted name of every module of the package written below root, sorted by path."""
    names = []
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def import_all_modules(root: Path, package: str) -> list[str]:
    """Imports every module of the package; returns their names."""
    names = module_names(root, package)
    with imported(root, package):
        for name in names:
            importlib.import_module(name)
    return names


def multipart_parts(content_type: str, body: bytes) -> dict[str, tuple[str, bytes, str | None]]:
    """The parts of a multipart/form-data body by name: (content type, bytes, filename). The
    email parser reads MIME as written, where form parsers fold typed parts into text."""
    import email
    import email.policy

    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1")
    message = email.message_from_bytes(head + body, policy=email.policy.HTTP)
    parts: dict[str, tuple[str, bytes, str | None]] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        parts[name] = (part.get_content_type() if part.get("content-type") else "",
                       data, part.get_filename())
    return parts
