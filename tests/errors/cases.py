"""Bad-input cases: tests/errors/cases/<case>/ holds the input (spec.yaml or spec.json, maybe
codegen.yaml, maybe case.yaml with `args` and `exit`) and expected.txt, what codegen prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "cases"
ROOT = HERE.parents[2]
PACKAGE = "out_pkg"


def cases() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if p.is_dir())


def arguments(case: str) -> tuple[list[str], int]:
    folder = HERE / case
    meta_path = folder / "case.yaml"
    if meta_path.exists():
        meta = yaml.safe_load(meta_path.read_text())
        return [str(a) for a in meta["args"]], int(meta["exit"])
    spec = next(p.name for p in sorted(folder.iterdir()) if p.stem == "spec")
    args = ["generate", spec, "--package", PACKAGE, "--out", "{out}"]
    if (folder / "codegen.yaml").exists():
        args += ["--config", "codegen.yaml"]
    return args, 1


def run_case(case: str, out: Path) -> subprocess.CompletedProcess[str]:
    args, _ = arguments(case)
    args = [a.replace("{out}", str(out)) for a in args]
    return subprocess.run([sys.executable, "-m", "codegen", *args], cwd=HERE / case,
                          capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                               "CODEGEN_CACHE_DIR": str(out.parent / "cache")})


def normalise(text: str, out: Path) -> str:
    return text.replace(str(out), "{out}")
