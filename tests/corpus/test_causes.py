"""The directory report's logic: kinds of outcome, causes that group the same defect across
specs, the progress line, and the resumable log read back as it was written."""

from __future__ import annotations

from pathlib import Path

from tests.corpus import causes, directory, run


def _outcome(spec: str, *problems: run.Problem, exit_code: int | None = 0) -> run.Outcome:
    return run.Outcome(spec=spec, package="p", out="", exit_code=exit_code,
                       problems=list(problems))


def test_kinds() -> None:
    assert causes.kind(_outcome("a")) == "ok"
    assert causes.kind(_outcome("a", run.Problem("generate", "x", fatal=False),
                                exit_code=1)) == "refused"
    assert causes.kind(_outcome("a", run.Problem("generate", "timed out"),
                                exit_code=None)) == "timeout"
    assert causes.kind(_outcome("a", run.Problem("generate", "crash"), exit_code=2)) == "crash"
    assert causes.kind(_outcome("a", run.Problem("import", "boom"))) == "import"


def test_the_same_defect_in_two_specs_is_one_cause() -> None:
    first = _outcome("a", run.Problem(
        "import", "import a.types.x: TypeError: 'X' object is not iterable (at #/a)"))
    second = _outcome("b", run.Problem(
        "import", "import b.types.y: TypeError: 'Y' object is not iterable"))
    assert causes.cause(first) == causes.cause(second) == "TypeError: '…' object is not iterable"
    collision = _outcome("c", run.Problem(
        "generate", "schemas 'a' and 'A' both become the Python class A (at #/x)", fatal=False))
    table = causes.by_cause([first, second, collision])
    assert table[2].startswith("| import | TypeError: '…' object is not iterable | 2 | a, b |")
    assert "schema-name collision" in table[3]


def test_progress_line() -> None:
    assert run.progress(10, 40, 60.0) == "10/40, 10.0 specs/min, 00:03:00 left"
    assert run.progress(0, 40, 0.0).startswith("0/40, 0.0 specs/min")


def test_the_log_reads_back_what_was_written(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    outcome = _outcome("api/x.json", run.Problem("generate", "m", "d", fatal=False),
                       exit_code=1)
    directory.append(log, outcome)
    with log.open("a") as out:
        out.write('{"spec": "api/cut')  # a run stopped while writing
    assert directory.read_log(log) == {"api/x.json": outcome}
