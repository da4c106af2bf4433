"""pyright --verifytypes: the package generated from the whole OpenAI spec is typed at least as
completely as the official openai SDK (its public symbols' types known, not ambiguous)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import IN_CI, node_tool, run_codegen, shared_path

pytestmark = pytest.mark.slow


def completeness(package: str, cwd: Path, search_path: Path | None = None) -> float:
    """pyright's type completeness score of an importable package, from 0 to 1."""
    # --verifytypes finds the package through the `python` on PATH (it ignores --pythonpath);
    # --ignoreexternal counts the types of httpx, pydantic... as known, for both packages.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    if search_path is not None:
        env["PYTHONPATH"] = str(search_path)
    result = subprocess.run(
        [str(node_tool("pyright")), "--verifytypes", package, "--ignoreexternal", "--outputjson"],
        cwd=cwd, env=env, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)["typeCompleteness"]
    assert sum(report["exportedSymbolCounts"].values()) > 0, f"pyright did not find {package}"
    return float(report["completenessScore"])


def test_as_complete_as_the_official_sdk(tmp_path: Path) -> None:
    if importlib.util.find_spec("openai") is None:
        message = "the official openai package is not installed (pip install -e '.[dev]')"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    spec = shared_path("specs", "openai-openapi.json")
    generated = run_codegen("generate", str(spec), "--package", "openai_full",
                            "--out", str(tmp_path))
    assert generated.returncode == 0, generated.stderr[-4000:]
    ours = completeness("openai_full", tmp_path, search_path=tmp_path)
    empty = tmp_path / "elsewhere"  # no folder named like the package beside pyright
    empty.mkdir()
    official = completeness("openai", empty)
    print(f"type completeness: openai_full {ours:.1%}, official openai SDK {official:.1%}")
    assert ours >= official, f"openai_full {ours:.1%} < official openai SDK {official:.1%}"
