"""The write stage: the package appears whole or not at all, stale generated files go, the
user's own files stay, and a failure midway leaves the previous package intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codegen import write
from codegen.diagnostics import FatalError


def _generate(target: Path, files: dict[str, str]) -> write.WriteReport:
    return write.generate(files, target)


def test_fresh_generation_writes_files_and_manifest(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    report = _generate(target, {"a.py": "A\n", "sub/b.py": "B\n"})
    assert (target / "a.py").read_text() == "A\n"
    assert (target / "sub" / "b.py").read_text() == "B\n"
    assert "sub/b.py" in (target / write.MANIFEST).read_text()
    assert report.written == 3


def test_stale_generated_files_are_removed_and_user_files_kept(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    _generate(target, {"a.py": "A\n", "old.py": "OLD\n"})
    (target / "notes.md").write_text("mine")
    report = _generate(target, {"a.py": "A2\n"})
    assert not (target / "old.py").exists()
    assert (target / "notes.md").read_text() == "mine"
    assert report.removed == ["old.py"] and report.kept == ["notes.md"]
    assert (target / "a.py").read_text() == "A2\n"


def test_refuses_a_folder_codegen_did_not_write(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    target.mkdir()
    (target / "precious.py").write_text("x")
    with pytest.raises(FatalError, match="not written by codegen"):
        _generate(target, {"a.py": "A\n"})
    assert (target / "precious.py").read_text() == "x"


def test_a_failure_midway_leaves_the_old_package(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pkg"
    _generate(target, {"a.py": "A\n", "b.py": "B\n"})
    calls = {"n": 0}
    real = write.write_file

    def failing(path: str | Path, text: str, make_parent: bool = True) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        real(path, text, make_parent)

    monkeypatch.setattr(write, "write_file", failing)
    with pytest.raises(OSError):
        _generate(target, {"a.py": "NEW\n", "b.py": "NEW\n"})
    assert (target / "a.py").read_text() == "A\n" and (target / "b.py").read_text() == "B\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"], "no staging folder is left behind"


def test_check_lists_changes_without_writing(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    _generate(target, {"a.py": "A\n", "gone.py": "G\n"})
    drift = write.check({"a.py": "A changed\n", "new.py": "N\n"}, target)
    assert [p for p in drift.changed if p != write.MANIFEST] == ["a.py"]
    assert drift.added == ["new.py"]
    assert drift.removed == ["gone.py"]
    assert "-A\n+A changed" in drift.diff
    assert (target / "a.py").read_text() == "A\n"


def test_a_killed_generation_leaves_the_old_package(tmp_path: Path) -> None:
    """SIGKILL in the middle of a large generation: the previous package is intact, and the
    next run clears what the killed one left behind."""
    import signal
    import subprocess
    import sys
    import time

    from tests.helpers import ROOT, shared_path

    spec = shared_path("specs", "openai-openapi.json")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "codegen", "generate", str(spec), "--package", "full",
            "--out", str(out)]
    first = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (out / "full").rglob("*") if p.is_file()}
    (out / "full" / "types" / "__init__.py").write_text("# marker of the old package\n")
    before[out / "full" / "types" / "__init__.py"] = b"# marker of the old package\n"

    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = {p: p.read_bytes() for p in (out / "full").rglob("*") if p.is_file()}
        if after != before:  # the run got as far as swapping: the new package must be whole
            assert set(after) == set(before)
            marker = out / "full" / "types" / "__init__.py"
            assert after[marker] != before[marker]
            assert {p: b for p, b in after.items() if p != marker} == {
                p: b for p, b in before.items() if p != marker}
            break
    final = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stderr
    assert sorted(p.name for p in out.iterdir()) == ["full"], "leftovers must be cleared"


def test_unchanged_inputs_and_untouched_files_skip_regeneration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "pkg"
    write.generate({"a.py": "A\n", "sub/b.py": "B\n"}, target, inputs="abc")
    assert write.unchanged(target, "abc")
    assert not write.unchanged(target, "other inputs")
    assert not write.unchanged(target, "")
    (target / "sub" / "b.py").write_text("B edited\n")
    assert not write.unchanged(target, "abc")


def test_the_fast_path_needs_its_record_and_the_same_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEGEN_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "pkg"
    write.generate({"a.py": "A\n"}, target, inputs="abc")
    shutil.rmtree(tmp_path / "cache")  # a fresh clone: no record, so a full check
    assert not write.unchanged(target, "abc")
    drift = write.check({"a.py": "A\n"}, target, inputs="abc")  # no drift: recorded again
    assert not (drift.changed or drift.added or drift.removed)
    assert write.unchanged(target, "abc")
    manifest = target / write.MANIFEST
    manifest.write_text(manifest.read_text() + "b.py\n")  # someone edited the manifest
    assert not write.unchanged(target, "abc")


def test_the_manifest_does_not_depend_on_the_generator(tmp_path: Path) -> None:
    target = tmp_path / "pkg"
    write.generate({"a.py": "A\n"}, target, inputs="old generator")
    before = (target / write.MANIFEST).read_text()
    write.generate({"a.py": "A\n"}, target, inputs="new generator")
    assert (target / write.MANIFEST).read_text() == before
    drift = write.check({"a.py": "A\n"}, target, inputs="newer generator")
    assert not (drift.changed or drift.added or drift.removed)
