"""`format: ruff` (the default), `black` or `none`: black's output is byte-identical to ruff's
on every golden case, on the committed package's spec and (slow) on the whole OpenAI spec
(black installed: the dev extra has it); `none` leaves the rendered text as it is, and
codegen's own runtime files are the same whatever the choice."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from codegen.config import Config, with_package
from codegen.format import format_sources
from codegen.pipeline import generate_files
from codegen.render.runtime import runtime_sources
from tests.golden.cases import HERE, cases, config_for
from tests.helpers import IN_CI, ROOT, run_codegen, shared_path


def _unformatted(case: str) -> dict[str, str]:
    old = os.getcwd()
    os.chdir(HERE / case)
    try:
        return generate_files("spec.yaml", config_for(case), formatted=False).files
    finally:
        os.chdir(old)


def _need_black() -> None:
    if importlib.util.find_spec("black") is None:
        message = "black is not installed (pip install -e '.[dev]' installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_black_formats_every_golden_case_as_ruff_does() -> None:
    _need_black()
    rendered: dict[str, str] = {}
    for case in cases():  # one formatter run per tool for every case together
        rendered.update({f"{case}/{path}": text for path, text in _unformatted(case).items()})
    own = {p for p in rendered if p.split("/", 1)[1] in runtime_sources()}
    by_ruff = format_sources(rendered, "ruff", own)
    by_black = format_sources(rendered, "black", own)
    differ = [path for path in rendered if by_ruff[path] != by_black[path]]
    assert not differ, differ[:10]
    assert any(by_ruff[p] != rendered[p] for p in rendered)  # formatting did something


def test_none_leaves_the_rendered_text_but_the_runtime_is_formatted() -> None:
    files = _unformatted("kitchen_sink")
    own = set(runtime_sources())
    done = format_sources(files, "none", own)
    assert all(done[p] == files[p] for p in files if p not in own)
    assert done == {**files, **format_sources({p: files[p] for p in own}, "ruff")}


def test_format_option_on_the_command_line(tmp_path: Path) -> None:
    proc = run_codegen("generate", "--format", "none", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    proc = run_codegen("check", "--format", "none", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_codegen("check", "--out", str(tmp_path))  # ruff's output differs from none
    assert proc.returncode == 1


def test_black_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import codegen.format as fmt
    from codegen.diagnostics import FatalError

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(FatalError, match="black is not installed"):
        fmt.format_sources({"a.py": "x=1\n"}, "black")


def _both(spec: str, config: Config) -> tuple[dict[str, str], dict[str, str]]:
    raw = generate_files(spec, config, formatted=False).files
    own = set(runtime_sources())
    return format_sources(raw, "ruff", own), format_sources(raw, "black", own)


def test_black_formats_the_committed_package_as_ruff_does() -> None:
    _need_black()
    from codegen.pipeline import load_config

    spec = str(ROOT / "spec" / "openapi.yaml")
    by_ruff, by_black = _both(spec, load_config(str(ROOT / "spec" / "codegen.yaml"), None, spec))
    assert [p for p in by_ruff if by_ruff[p] != by_black[p]] == []


@pytest.mark.slow
def test_black_formats_the_whole_openai_spec_as_ruff_does() -> None:
    _need_black()
    spec = str(shared_path("specs", "openai-openapi.json"))
    by_ruff, by_black = _both(spec, with_package(Config(), "openai_full"))
    differ = [p for p in by_ruff if by_ruff[p] != by_black[p]]
    assert not differ, differ[:10]
