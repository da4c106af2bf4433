"""The codegen commands of docs/ci.md's workflow, run as written against a scratch
repository: a pull-request branch that changes the spec (breaking) over a base branch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.diff.scratch import environment, git, project, use_spec
from tests.helpers import ROOT


def _workflow_commands() -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    steps = yaml.safe_load(block)["jobs"]["codegen"]["steps"]
    return [s["run"] for s in steps if s.get("run", "").startswith("codegen ")]


def _run(repo: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=repo, text=True, capture_output=True,
                          env={**environment(), "BASE_REF": "main"}, check=False)


def test_the_workflow_commands_check_and_report(tmp_path: Path) -> None:
    check, report, gate = _workflow_commands()
    upstream = project(tmp_path / "upstream")
    pr = tmp_path / "pr"
    git(tmp_path, "clone", "-q", str(upstream), str(pr))
    git(pr, "checkout", "-qb", "change")

    assert _run(pr, check).returncode == 0
    assert _run(pr, gate).returncode == 0, "no change yet"

    use_spec(pr, "new.yaml")
    git(pr, "commit", "-qam", "the new spec and its package")
    done = _run(pr, check)
    assert done.returncode == 0, done.stderr
    done = _run(pr, report)
    assert done.returncode == 0, done.stderr
    comment = (pr / "api-changes.md").read_text(encoding="utf-8")
    assert comment.startswith("### Python API changes: 10 breaking")
    assert "| `client.files.list(owner=...)` | str -> int | callers |" in comment
    done = _run(pr, gate)
    assert done.returncode == 1 and "[breaks callers]" in done.stdout

    (pr / "spec" / "openapi.yaml").write_text("openapi: 3.1.0\n", encoding="utf-8")
    done = _run(pr, check)
    assert done.returncode == 1, "a spec edited without regenerating is drift (or an error)"
