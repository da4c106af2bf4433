"""A series of runs: commands with fewer runs or warm-ups than the series (a peer on a huge
spec) take part only in the last warm-up rounds and the first measured ones."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import bench.measure
from bench.measure import Command, rounds_of, run_series


def test_a_command_is_held_to_its_own_limits() -> None:
    assert rounds_of(Command("a", "a"), 5, 1) == (5, 1)
    assert rounds_of(Command("a", "a", max_runs=1, max_warmup=0), 5, 1) == (1, 0)
    assert rounds_of(Command("a", "a", max_runs=9, max_warmup=3), 5, 1) == (5, 1)


def _python(label: str, **limits: int) -> Command:
    return Command(label, label, argv=[sys.executable, "-c", "pass"], **limits)


def test_series_runs_each_command_as_often_as_it_may(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench.measure, "LOGS", tmp_path)
    plain, capped = _python("plain"), _python("capped", max_runs=1, max_warmup=0)
    run_series([plain, capped], runs=2, warmup=1, timeout=60, case_id="series")
    assert (len(plain.samples), len(capped.samples)) == (2, 1)
    logs = sorted(p.name for p in (tmp_path / "series").glob("*.out"))
    assert logs == ["capped.run1.out", "plain.run1.out", "plain.run2.out", "plain.warmup1.out"]
    assert all(s.ok and s.load >= 0 for s in plain.samples + capped.samples)
