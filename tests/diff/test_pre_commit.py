"""This repository's .pre-commit-hooks.yaml, run by `pre-commit` itself in a scratch project
that uses this repository (its committed HEAD) as the hook source. pre-commit installs the
hooks' package from the local clone into its own virtualenv (pip fetches codegen's
dependencies from the package index), so the test is slow: `make sweep`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.diff.scratch import environment, git, project, use_spec
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

CONFIG = """repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: codegen-check
        args: [spec/openapi.yaml, --config, spec/codegen.yaml, --out, generated]
      - id: codegen-diff
        args: [git:HEAD:spec/openapi.yaml, spec/openapi.yaml, --config, spec/codegen.yaml]
"""


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**environment(), "PRE_COMMIT_HOME": str(home)}
    env.pop("PYTHONPATH")  # the hook runs the codegen pre-commit installed, not this tree's
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=repo, text=True, capture_output=True, env=env, check=False,
                          timeout=900)


def test_the_hooks_pass_then_catch_drift_and_a_breaking_change(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    rev = git(ROOT, "rev-parse", "HEAD").strip()
    committed = git(ROOT, "show", f"{rev}:.pre-commit-hooks.yaml")
    assert "codegen-check" in committed and "codegen-diff" in committed
    repo = project(tmp_path / "project")
    (repo / ".pre-commit-config.yaml").write_text(CONFIG.format(repo=ROOT, rev=rev))
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-qm", "hooks")
    home = tmp_path / "pre-commit-home"

    done = _pre_commit(repo, home)
    assert done.returncode == 0, done.stdout + done.stderr

    (repo / "spec" / "openapi.yaml").write_text(
        (repo / "spec" / "openapi.yaml").read_text().replace("type: integer", "type: number"))
    done = _pre_commit(repo, home)
    assert done.returncode == 1
    assert "codegen check" in done.stdout and "is stale" in done.stdout

    use_spec(repo, "new.yaml")
    done = _pre_commit(repo, home)
    assert done.returncode == 1
    check, diff = (line for line in done.stdout.splitlines() if line.startswith("codegen "))
    assert check.endswith("Passed") and diff.endswith("Failed"), done.stdout
    assert "client.files.list(owner=...): str -> int [breaks callers]" in done.stdout
