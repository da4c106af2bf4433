"""Each golden case renders exactly its expected files and diagnostics; the output imports and
type-checks."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.render.runtime import runtime_sources
from tests.helpers import import_all_modules, node_tool, write_package

from .cases import HERE, cases, config_for, expected_diagnostics, expected_files, render_case

REFRESH = "make goldens   (then read `git diff tests/golden`)"


@pytest.mark.parametrize("case", cases())
def test_golden(case: str) -> None:
    files, diagnostics = render_case(case)
    expected = expected_files(case)
    problems = []
    for path in sorted(set(files) | set(expected)):
        if path not in expected:
            problems.append(f"new file {path} (not in expected/)")
        elif path not in files:
            problems.append(f"missing file {path}")
        elif files[path] != expected[path]:
            problems.append("".join(difflib.unified_diff(
                expected[path].splitlines(keepends=True), files[path].splitlines(keepends=True),
                f"expected/{path}", f"generated/{path}")))
    lines = [line for d in diagnostics for line in d.splitlines()]
    wanted = expected_diagnostics(case)
    if wanted is not None and lines != wanted:
        problems.append("diagnostics differ:\n" + "\n".join(difflib.unified_diff(
            wanted, lines, "diagnostics.txt", "now", lineterm="")))
    assert not problems, f"golden case {case} differs; if intended: {REFRESH}\n\n" + \
        "\n".join(problems)


def test_enough_cases() -> None:
    assert len(cases()) >= 16


@pytest.fixture(scope="module")
def golden_packages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """Every case generated whole (runtime included) into one folder."""
    from codegen.pipeline import generate_files

    root = tmp_path_factory.mktemp("goldens")
    out = []
    for case in cases():
        config = config_for(case)
        result = generate_files(str(HERE / case / "spec.yaml"), config)
        write_package(result.files, root, config.package.name)
        out.append((str(root), config.package.name))
    return out


def test_golden_packages_import(golden_packages: list[tuple[str, str]]) -> None:
    for root, package in golden_packages:
        assert import_all_modules(Path(root), package)


def test_golden_packages_typecheck(golden_packages: list[tuple[str, str]]) -> None:
    pyright = node_tool("pyright")
    root = golden_packages[0][0]
    config = Path(root) / "pyrightconfig.json"
    # The runtime is the same in every case and pyright-strict-checked on its own
    # (tests/runtime/test_static_checks.py): here only what the spec shapes is reported.
    runtime = [f"**/{name}" for name in sorted(runtime_sources())]
    config.write_text(json.dumps({"typeCheckingMode": "standard", "pythonVersion": "3.9",
                                  "exclude": runtime}))
    result = subprocess.run([str(pyright), "--pythonpath", sys.executable, "-p", str(config)],
                            cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-6000:]
