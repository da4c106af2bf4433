"""A scratch git repository that vendors a generated package: the spec and config committed
on `main`, the package generated from them, the way docs/ci.md and the pre-commit hooks
expect a project to look."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.diff.cases import CASES
from tests.helpers import ROOT

SPECS = CASES / "arguments"
CONFIG = "package:\n  name: files_api\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           "-c", "init.defaultBranch=main", *args], cwd=repo, check=True,
                          capture_output=True, text=True)
    return done.stdout


def environment() -> dict[str, str]:
    """The worktree's codegen first on the path, and its venv's scripts."""
    return {**os.environ, "PYTHONPATH": str(ROOT),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


def codegen(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "codegen", *args], cwd=repo, text=True,
                          capture_output=True, env=environment(), check=False)


def use_spec(repo: Path, name: str) -> None:
    """spec/openapi.yaml := tests/diff/cases/arguments/<name>, and the package regenerated."""
    (repo / "spec" / "openapi.yaml").write_text((SPECS / name).read_text(encoding="utf-8"),
                                                encoding="utf-8")
    done = codegen(repo, "generate", "spec/openapi.yaml", "--config", "spec/codegen.yaml",
                   "--out", "generated")
    assert done.returncode == 0, done.stderr


def project(repo: Path) -> Path:
    (repo / "spec").mkdir(parents=True)
    (repo / "spec" / "codegen.yaml").write_text(CONFIG, encoding="utf-8")
    git(repo, "init", "-q")
    use_spec(repo, "old.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the old spec and its package")
    return repo
