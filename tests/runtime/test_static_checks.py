"""The generated runtime and client pass ruff (E, F), mypy --strict and pyright strict, for
every auth kind; each package's _constants.py declares what codegen/runtime/_constants.pyi says."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.format import LINE_LENGTH
from codegen.render.runtime import RUNTIME_DIR, runtime_file_names

from .conftest import SCHEMES, generate_into

BIN = Path(sys.executable).parent
KINDS = list(SCHEMES)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One package per auth kind, side by side; the `none` one without operations."""
    root = tmp_path_factory.mktemp("static")
    for kind in KINDS:
        generate_into(root, f"static_{kind}", kind, with_resources=kind != "none")
    return root


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def packages() -> list[str]:
    return [f"static_{kind}" for kind in KINDS]


def test_ruff(rendered: Path) -> None:
    # FA102 with a py39 target flags `X | Y` annotations that would fail on Python 3.9.
    args = [str(BIN / "ruff"), "check", "--isolated", "--select", "E,F,FA102",
            "--target-version", "py39", "--line-length", str(LINE_LENGTH)]
    result = run([*args, *packages()], rendered)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python39_syntax(rendered: Path) -> None:
    paths = sorted(rendered.glob("static_*/**/*.py"))
    assert {path.name for path in paths} >= runtime_file_names()
    for path in paths:
        ast.parse(path.read_text(), filename=str(path), feature_version=(3, 9))


def _declarations(source: str) -> list[tuple[str, str]]:
    """(name, annotation) of each annotated module-level name, in order."""
    return [(node.target.id, ast.unparse(node.annotation)) for node in ast.parse(source).body
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)]


def test_constants_match_their_declarations(rendered: Path) -> None:
    """The runtime is checked against _constants.pyi: every package's _constants.py must define
    exactly those names with those types (mypy above checks the values against them)."""
    declared = _declarations((RUNTIME_DIR / "_constants.pyi").read_text(encoding="utf-8"))
    assert declared
    for package in packages():
        source = (rendered / package / "_constants.py").read_text(encoding="utf-8")
        assert _declarations(source) == declared, package


@pytest.mark.parametrize("python_version", ["3.10", None])
def test_mypy_strict(rendered: Path, python_version: str | None) -> None:
    # mypy 2.x no longer accepts --python-version 3.9; 3.10 is the oldest it checks.
    args = [str(BIN / "mypy"), "--strict", "--no-incremental", "--cache-dir=/dev/null"]
    if python_version:
        args += ["--python-version", python_version]
    for package in packages():
        args += ["-p", package]
    result = run(args, rendered)
    assert result.returncode == 0, result.stdout + result.stderr


TYPING_PROBE = '''\
from typing import List

from static_bearer._client import TestClient, AsyncTestClient
from static_bearer._response import APIResponse, AsyncAPIResponse
from static_bearer._types import SequenceNotStr
from static_bearer.types import Thing


def accept(items: SequenceNotStr[str]) -> int:
    return len(items)


accept(["a", "b"])
accept(("a", "b"))
accept("ab")  # error: a str is refused


def sync_use(client: TestClient) -> None:
    raw: APIResponse[Thing] = client.things.with_raw_response.create(name="n")
    thing: Thing = raw.parse()
    wrong: int = client.things.with_raw_response.create(name="n")  # error
    client.things.with_raw_response.create(nam="n")  # error: the ParamSpec keeps the signature
    things: List[Thing] = client.things.list()
    print(thing, wrong, things)


async def async_use(client: AsyncTestClient) -> None:
    raw: AsyncAPIResponse[Thing] = await client.things.with_raw_response.create(name="n")
    thing: Thing = await raw.parse()
    print(thing)
'''


def test_types_seen_by_mypy(rendered: Path) -> None:
    """SequenceNotStr refuses str; the raw-response wrapper keeps arguments and return type."""
    (rendered / "typing_probe.py").write_text(TYPING_PROBE)
    args = [str(BIN / "mypy"), "--strict", "--no-incremental", "--cache-dir=/dev/null"]
    result = run([*args, "typing_probe.py"], rendered)
    lines = TYPING_PROBE.splitlines()
    expected = {i + 1 for i, line in enumerate(lines) if line.rstrip().endswith(("# error",))
                or "# error:" in line}
    reported = {
        int(line.split(":")[1])
        for line in result.stdout.splitlines()
        if line.startswith("typing_probe.py:") and ": error:" in line
    }
    assert reported == expected, result.stdout


PYRIGHT = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "pyright"


@pytest.mark.parametrize("python_version", ["3.9"])
def test_pyright_strict(rendered: Path, python_version: str) -> None:
    """pyright still checks for Python 3.9, which mypy 2.x no longer does (mypy covers 3.10+)."""
    if not PYRIGHT.exists():
        pytest.skip("pyright is not installed (make test installs it into node_modules)")
    config = rendered / f"pyrightconfig-{python_version}.json"
    config.write_text(json.dumps(
        {"include": packages(), "typeCheckingMode": "strict", "pythonVersion": python_version}
    ))
    result = run([str(PYRIGHT), "--pythonpath", sys.executable, "-p", str(config)], rendered)
    assert result.returncode == 0, result.stdout + result.stderr
