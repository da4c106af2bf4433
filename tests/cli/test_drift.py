"""generated/ is what the generator makes of spec/, byte for byte, on every run."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT, run_codegen


def test_committed_package_is_up_to_date() -> None:
    result = run_codegen("check")
    assert result.returncode == 0, (
        "generated/ is stale: run `make regenerate` and commit.\n" + result.stdout[-5000:])


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def test_generation_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed{seed}"
        result = run_codegen("generate", "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        trees.append(_tree(out / "openai_realtime"))
    assert trees[0] == trees[1]
    committed = _tree(ROOT / "generated" / "openai_realtime")
    assert trees[0] == committed, "every committed file, the manifest included, is what " \
        "`make regenerate` writes: a regeneration that changes no generated line shows no diff"


def test_check_reports_a_readable_diff_and_never_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "generated" / "openai_realtime", out / "openai_realtime")
    target = out / "openai_realtime" / "types" / "noise_reduction_type.py"
    target.write_text(target.read_text().replace("near_field", "nearish_field"))
    stale = out / "openai_realtime" / "types" / "old_type.py"
    (out / "openai_realtime" / ".codegen-manifest").write_text(
        (out / "openai_realtime" / ".codegen-manifest").read_text() + "types/old_type.py\n")
    stale.write_text("# was generated once\n")
    (out / "openai_realtime" / "types" / "voice_ids_shared.py").unlink()
    before = _tree(out)

    result = run_codegen("check", "--out", str(out))

    assert result.returncode == 1
    assert "-    \"nearish_field\"" in result.stdout or '"nearish_field"' in result.stdout
    assert "+++ b/openai_realtime/types/noise_reduction_type.py" in result.stdout
    assert "added (not on disk)" in result.stdout and "voice_ids_shared.py" in result.stdout
    assert "removed (no longer generated)" in result.stdout and "old_type.py" in result.stdout
    assert "make regenerate" in result.stderr
    assert _tree(out) == before, "check must never write"
