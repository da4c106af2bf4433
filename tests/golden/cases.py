"""Golden cases: tests/golden/<case>/spec.yaml (+ codegen.yaml) -> expected/ files."""

from __future__ import annotations

import os
from pathlib import Path

from codegen.config import Config, parse_config, with_package
from codegen.load import parse, read_bytes
from codegen.pipeline import generate_files
from codegen.render.runtime import runtime_sources

HERE = Path(__file__).resolve().parent
# The runtime's sources are the same for every case and have tests of its own: goldens hold
# what the spec shapes (types, resources, client, package init, the runtime's _constants.py).
SKIPPED = set(runtime_sources()) | {"py.typed", ".codegen-manifest"}


def cases() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if (p / "spec.yaml").exists())


def config_for(case: str) -> Config:
    path = HERE / case / "codegen.yaml"
    config = parse_config(parse(str(path), read_bytes(str(path))), str(path)) if path.exists() \
        else Config()
    return with_package(config, config.package.name or f"golden_{case}")


def render_case(case: str) -> tuple[dict[str, str], list[str]]:
    """(files shaped by the spec, rendered diagnostics) for one case."""
    old = os.getcwd()
    os.chdir(HERE / case)  # the header names the spec file as given
    try:
        result = generate_files("spec.yaml", config_for(case))
    finally:
        os.chdir(old)
    files = {p: t for p, t in result.files.items() if p not in SKIPPED}
    return files, [d.render() for d in result.diagnostics]


def expected_files(case: str) -> dict[str, str]:
    root = HERE / case / "expected"
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def expected_diagnostics(case: str) -> list[str] | None:
    path = HERE / case / "diagnostics.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else None
