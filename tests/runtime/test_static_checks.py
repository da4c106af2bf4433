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
from static_bearer._api_response import APIResponse, AsyncAPIResponse
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
    # The runtime is byte for byte the same in each package: checked once, in the first.
    others = [f"{package}/{name}" for package in packages()[1:]
              for name in sorted(runtime_file_names()) if name != "_constants.py"]
    config.write_text(json.dumps(
        {"include": packages(), "exclude": others, "typeCheckingMode": "strict",
         "pythonVersion": python_version}
    ))
    result = run([str(PYRIGHT), "--pythonpath", sys.executable, "-p", str(config)], rendered)
    assert result.returncode == 0, result.stdout + result.stderr


RESULT_PROBE = '''\
from typing import Union

from typing_extensions import assert_type

from static_bearer import AsyncPage, AsyncStream, BinaryResponse, Stream, SyncPage
from static_bearer._client import AsyncTestClient, TestClient
from static_bearer.types.thing import Thing
from static_bearer.types.thing_created_event import ThingCreatedEvent
from static_bearer.types.thing_event import ThingEvent


def sync_use(client: TestClient, flag: bool) -> None:
    assert_type(client.things.generate(prompt="p", stream=True), Stream[ThingEvent])
    assert_type(client.things.generate(prompt="p"), Thing)
    assert_type(client.things.generate(prompt="p", stream=False), Thing)
    assert_type(client.things.generate(prompt="p", stream=flag),
                Union[Thing, Stream[ThingEvent]])
    assert_type(client.things.generate(prompt="p"), Stream[ThingEvent])  # error
    with client.things.generate(prompt="p", stream=True) as stream:
        for event in stream:
            assert_type(event, ThingEvent)
    page = client.things.list_pages(limit=2)
    assert_type(page, SyncPage[Thing])
    for item in page:
        assert_type(item, Thing)
    for each in page.iter_pages():
        assert_type(each.data, list[Thing])
    assert_type(client.things.download("id"), BinaryResponse)
    assert_type(client.things.notes(), str)
    with client.things.with_streaming_response.download("id") as response:
        for chunk in response.iter_bytes():
            assert_type(chunk, bytes)
        assert_type(response.parse(), BinaryResponse)
    assert_type(client.webhooks.unwrap("{}", {}), ThingCreatedEvent)


async def async_use(client: AsyncTestClient) -> None:
    stream = await client.things.generate(prompt="p", stream=True)
    assert_type(stream, AsyncStream[ThingEvent])
    async for event in stream:
        assert_type(event, ThingEvent)
    async for item in client.things.list_pages():
        assert_type(item, Thing)
    first = await client.things.list_pages()
    assert_type(first, AsyncPage[Thing])
    assert_type(await client.things.download("id"), BinaryResponse)
'''


def _probe_errors(output: str, prefix: str) -> set[int]:
    """Line numbers of the errors a checker reports in result_probe.py."""
    lines = set()
    for raw in output.splitlines():
        line = raw.strip()
        if line.startswith(prefix) and "error" in line:
            lines.add(int(line[len(prefix):].split(":")[0]))
    return lines


def test_result_types_seen_by_the_checkers(rendered: Path) -> None:
    """The overloads give a stream for stream=True, the body otherwise and either for a bool;
    pages, binary bodies, streamed responses and webhook events are typed, for mypy --strict
    and pyright strict alike (the line marked `# error` proves both really look)."""
    (rendered / "result_probe.py").write_text(RESULT_PROBE)
    expected = {i + 1 for i, line in enumerate(RESULT_PROBE.splitlines())
                if line.endswith("# error")}
    mypy = run([str(BIN / "mypy"), "--strict", "--no-incremental", "--cache-dir=/dev/null",
                "result_probe.py"], rendered)
    assert _probe_errors(mypy.stdout, "result_probe.py:") == expected, mypy.stdout
    if not PYRIGHT.exists():
        pytest.skip("pyright is not installed (make test installs it into node_modules)")
    config = rendered / "pyrightconfig-probe.json"
    config.write_text(json.dumps({"include": ["result_probe.py"], "typeCheckingMode": "strict",
                                  "pythonVersion": "3.10"}))
    pyright = run([str(PYRIGHT), "--pythonpath", sys.executable, "-p", str(config)], rendered)
    prefix = str(rendered / "result_probe.py") + ":"
    assert _probe_errors(pyright.stdout, prefix) == expected, pyright.stdout
