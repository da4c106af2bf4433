from __future__ import annotations

from pathlib import Path

import pytest

from bench.peers import find_package, parse_recommended_command, tool_env

# What datamodel-code-generator 0.89 prints for --recommend-options (abridged).
RECOMMENDED = """\
Analysis
  models: 1,234   enums: 56

Command
  datamodel-codegen \\
    --input /specs/openai.json \\
    --output=models.py \\
    --preset standard-py310-20261027 \\
    --enum-field-as-literal all \\
    --extra-template-data 'a b.json'

Notes
  ignored
"""


def test_recommended_command_keeps_the_options_but_input_and_output() -> None:
    flags, why = parse_recommended_command(RECOMMENDED)
    assert why == ""
    assert flags == [
        "--preset",
        "standard-py310-20261027",
        "--enum-field-as-literal",
        "all",
        "--extra-template-data",
        "a b.json",
        "--input-file-type",
        "openapi",
        "--output-model-type",
        "pydantic_v2.BaseModel",
    ]


def test_recommended_command_keeps_given_file_and_model_types() -> None:
    output = "Command\n  datamodel-codegen --input-file-type jsonschema " \
        "--output-model-type dataclasses.dataclass --input x.json --output y.py\n"
    flags, _ = parse_recommended_command(output)
    assert flags == [
        "--input-file-type",
        "jsonschema",
        "--output-model-type",
        "dataclasses.dataclass",
    ]


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("Analysis\n  nothing to say\n", "printed no 'Command' section"),
        ("Command\n  ruff check .\n", "cannot read the recommended command: ruff check ."),
        ("Command\n\n", "cannot read the recommended command"),
    ],
)
def test_recommended_command_says_why_it_cannot_read_it(output: str, reason: str) -> None:
    flags, why = parse_recommended_command(output)
    assert flags is None
    assert reason in why


def test_find_package_returns_the_folder_to_put_on_sys_path(tmp_path: Path) -> None:
    (tmp_path / "out" / "pkg").mkdir(parents=True)
    (tmp_path / "out" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "mod_dir").mkdir()
    (tmp_path / "mod_dir" / "models.py").write_text("")
    assert find_package(tmp_path, "pkg") == tmp_path / "out"
    assert find_package(tmp_path, "models") == tmp_path / "mod_dir"
    assert find_package(tmp_path, "pkg", depth=0) is None
    assert find_package(tmp_path / "missing", "pkg") is None


def test_find_package_skips_hidden_and_dunder_folders(tmp_path: Path) -> None:
    for hidden in (".venv", "__pycache__"):
        (tmp_path / hidden / "pkg").mkdir(parents=True)
        (tmp_path / hidden / "pkg" / "__init__.py").write_text("")
    assert find_package(tmp_path, "pkg") is None


def test_tool_env_is_an_activated_venv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PATH", "/usr/bin")
    env = tool_env(tmp_path / "bin", pythonpath=tmp_path / "pkgs", extra={"X": "1"})
    assert env["PATH"].split(":")[:2] == [str(tmp_path / "bin"), "/usr/bin"]
    assert env["VIRTUAL_ENV"] == str(tmp_path)
    assert env["PYTHONPATH"] == str(tmp_path / "pkgs")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["X"] == "1"
    assert "PYTHONPATH" not in tool_env(None)
