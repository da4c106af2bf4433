"""The packages generated from the whole OpenAI spec and from GitHub's pass pyright and mypy in
strict mode with no error (standard mode lets unused imports and returns typed Any through),
and their comments and docstrings keep to the 120 columns of generated code. Each type check
prints its error count by rule and how long it took (`pytest -s` shows them)."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from codegen.config import Config, with_package
from codegen.format import LINE_LENGTH
from codegen.pipeline import generate_files
from tests.helpers import node_tool, shared_path, write_package

pytestmark = pytest.mark.slow

SPECS = {
    "openai_full": ("specs", "openai-openapi.json"),
    "github_full": ("corpus", "github", "api.github.com.json"),
}
# What cannot wrap: a table row, or one word (an address) behind indentation and markers.
TABLE_ROW = re.compile(r"^\s*\|")
MARKERS = re.compile(r"^\s*(?:(?:>+|[-*+]|\d+[.)])\s+)*")
MYPY_ERROR = re.compile(r"^(?P<where>[^:]+:\d+): error: .*?(?:\[(?P<code>[a-z-]+)\])?$")


@pytest.fixture(scope="module", params=sorted(SPECS))
def package(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            ) -> tuple[Path, str]:
    name: str = request.param
    result = generate_files(str(shared_path(*SPECS[name])), with_package(Config(), name))
    assert result.ok, [d.render() for d in result.diagnostics if d.severity.name == "ERROR"]
    root = tmp_path_factory.mktemp(name)
    write_package(result.files, root, name)
    return root, name


def _report(tool: str, name: str, rules: Counter[str], seconds: float) -> str:
    counts = ", ".join(f"{rule} x{n}" for rule, n in rules.most_common()) or "none"
    line = f"{tool} on {name}: {sum(rules.values())} errors ({counts}) in {seconds:.0f} s"
    print(line)
    return line


def test_pyright_strict_finds_no_errors(package: tuple[Path, str]) -> None:
    root, name = package
    config = root / "pyrightconfig.json"
    config.write_text(json.dumps(
        {"include": [name], "typeCheckingMode": "strict", "pythonVersion": "3.9"}))
    start = time.monotonic()
    proc = subprocess.run([str(node_tool("pyright")), "--pythonpath", sys.executable,
                           "-p", str(config), "--outputjson"],
                          cwd=root, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    try:
        diagnostics = json.loads(proc.stdout)["generalDiagnostics"]
    except (ValueError, KeyError):
        pytest.fail(f"pyright did not report (exit {proc.returncode}): {proc.stderr[-2000:]}")
    errors = [d for d in diagnostics if d["severity"] == "error"]
    summary = _report("pyright --strict", name, Counter(d.get("rule", "-") for d in errors),
                      seconds)
    first = [f"{Path(d['file']).relative_to(root)}:{d['range']['start']['line'] + 1}: "
             f"{d['message'].splitlines()[0]} [{d.get('rule', '-')}]" for d in errors[:30]]
    assert not errors, "\n".join([summary, *first])


def test_mypy_strict_finds_no_errors(package: tuple[Path, str]) -> None:
    root, name = package
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir",
                           str(root / ".mypy_cache"), name],
                          cwd=root, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    errors = [m for m in map(MYPY_ERROR.match, proc.stdout.splitlines()) if m]
    summary = _report("mypy --strict", name, Counter(m["code"] or "-" for m in errors), seconds)
    assert proc.returncode == 0 and not errors, "\n".join(
        [summary, proc.stdout[-4000:], proc.stderr[-2000:]])


def _text_lines(source: str) -> set[int]:
    """The numbers of the lines of a module that are in a docstring or a comment."""
    lines = {n for n, line in enumerate(source.split("\n"), 1) if line.lstrip().startswith("#")}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and \
                isinstance(node.value.value, str):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def test_comments_and_docstrings_fit_the_line_length(package: tuple[Path, str]) -> None:
    root, name = package
    too_long = []
    for path in sorted((root / name).rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.split("\n")
        for number in sorted(_text_lines(source)):
            line = lines[number - 1]
            words = MARKERS.sub("", line).strip().strip('"').split()
            if len(line) > LINE_LENGTH and not TABLE_ROW.match(line) and len(words) > 1:
                too_long.append(f"{path.relative_to(root)}:{number}: {line}")
    assert not too_long, f"{len(too_long)} lines:\n" + "\n".join(too_long[:20])
