"""`codegen diff` on hand-made spec pairs: the exact report in every format (goldens), every
kind of change covered, exit codes, bad input, git:REF:PATH, and the summary `generate` prints
against the package it replaces."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from codegen.diff.changes import KINDS
from codegen.diff.saved import SURFACE_FILE
from codegen.diff.surface import from_json
from tests.diff.cases import CASES, EXPECTED, case_names, report, run

ARGUMENTS = CASES / "arguments"


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("name", case_names())
def test_report_is_the_golden_one(name: str, fmt: str) -> None:
    expected = (CASES / name / EXPECTED[fmt]).read_text(encoding="utf-8")
    assert report(name, fmt) == expected, "run `python -m tests.diff.refresh` after an " \
        "intended change and read the diff"


def test_the_goldens_cover_every_kind_of_change() -> None:
    seen = set()
    for name in case_names():
        data = json.loads((CASES / name / EXPECTED["json"]).read_text(encoding="utf-8"))
        seen |= {c["kind"] for c in data["changes"]}
        assert data["counts"]["breaking"] == sum(c["breaking"] for c in data["changes"])
    assert seen == set(KINDS)


def _additive_copy(tmp_path: Path) -> Path:
    """arguments/old.yaml with one more optional query parameter: a change that breaks no one."""
    text = (ARGUMENTS / "old.yaml").read_text(encoding="utf-8")
    added = text.replace("        - {name: limit, in: query, schema: {type: integer}}\n",
                         "        - {name: limit, in: query, schema: {type: integer}}\n"
                         "        - {name: tracing, in: query, schema: {type: boolean}}\n", 1)
    assert added != text
    path = tmp_path / "additive.yaml"
    path.write_text(added, encoding="utf-8")
    return path


@pytest.mark.parametrize(("level", "code"), [("any", 1), ("breaking", 0), ("none", 0)])
def test_fail_on_levels_with_an_additive_change(tmp_path: Path, level: str, code: int) -> None:
    new = _additive_copy(tmp_path)
    result = run(ARGUMENTS, "diff", "old.yaml", str(new), "--fail-on", level)
    assert result[0] == code, result
    assert "client.files.list(tracing=...): new optional argument: bool" in result[1]
    assert "0 breaking, 1 other" in result[1]


@pytest.mark.parametrize(("level", "code"), [("any", 1), ("breaking", 1), ("none", 0)])
def test_fail_on_levels_with_a_breaking_change(level: str, code: int) -> None:
    assert run(ARGUMENTS, "diff", "old.yaml", "new.yaml", "--fail-on", level)[0] == code


def test_the_same_spec_twice_has_no_changes() -> None:
    code, out, _ = run(ARGUMENTS, "diff", "old.yaml", "old.yaml", "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []


def test_usage_errors_exit_2() -> None:
    code, _, err = run(ARGUMENTS, "diff", "old.yaml", "new.yaml", "--format", "html")
    assert code == 2 and "invalid choice" in err


def test_a_missing_or_broken_spec_gets_diagnostics_not_a_traceback(tmp_path: Path) -> None:
    code, out, err = run(ARGUMENTS, "diff", "old.yaml", str(tmp_path / "absent.yaml"))
    assert code == 1 and out == ""
    assert "absent.yaml" in err and "Traceback" not in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n"
                      "    get:\n      responses:\n        '200':\n          description: ok\n"
                      "          content:\n            application/json:\n"
                      "              schema: {$ref: '#/components/schemas/Nowhere'}\n")
    code, out, err = run(ARGUMENTS, "diff", "old.yaml", str(broken))
    assert code == 1 and out == ""
    assert "broken.yaml" in err and "error" in err and "Traceback" not in err


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=repo, check=True, capture_output=True)


def test_git_ref_path_reads_the_committed_spec(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    spec = repo / "spec" / "openapi.yaml"
    spec.write_text((ARGUMENTS / "old.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "old spec")
    spec.write_text((ARGUMENTS / "new.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    code, out, _ = run(repo, "diff", "git:main:spec/openapi.yaml", "spec/openapi.yaml")
    expected = report("arguments", "text").split("\n", 1)[1]  # all but the headline's names
    assert code == 1
    assert out.split("\n", 1)[1] == expected
    assert out.startswith("git:main:spec/openapi.yaml -> spec/openapi.yaml: ")

    code, _, err = run(repo, "diff", "git:nope:spec/openapi.yaml", "spec/openapi.yaml")
    assert code == 1 and "git show failed" in err and "Traceback" not in err
    code, _, err = run(repo, "diff", "git:main", "spec/openapi.yaml")
    assert code == 1 and "is not git:REF:PATH" in err


def test_generate_says_what_changed_since_the_last_generation(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--package", "files_api", "--out", str(out))
    code, _, err = run(ARGUMENTS, "generate", "old.yaml", *args)
    assert code == 0, err
    assert "API changes" not in err, "a first generation has nothing to compare with"
    saved = from_json((out / "files_api" / SURFACE_FILE).read_text(encoding="utf-8"))
    assert saved is not None and "files.list" in saved.methods
    assert SURFACE_FILE in (out / "files_api" / ".codegen-manifest").read_text()

    code, _, err = run(ARGUMENTS, "generate", "new.yaml", *args)
    assert code == 0, err
    counts = json.loads(report("arguments", "json"))["counts"]
    breaking, other = counts["breaking"], counts["other"]
    lines = [line.removeprefix("codegen: ") for line in err.splitlines()]
    start = lines.index(f"{breaking} breaking, {other} other API changes")
    listed = lines[start + 1:start + 1 + breaking + other]
    assert [line.startswith("  BREAKING ") for line in listed] == \
        [True] * breaking + [False] * other
    assert "  BREAKING client.files.list(owner=...): str -> int [breaks callers]" in listed
    assert run(ARGUMENTS, "check", "new.yaml", *args)[0] == 0, "the surface file is no drift"

    # The package folder stands for the spec it was generated from.
    code, text, _ = run(ARGUMENTS, "diff", str(out / "files_api"), "new.yaml")
    assert code == 0 and "no API changes" in text
