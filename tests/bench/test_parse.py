from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cases import PARSE, Package
from bench.parse_probe import UNAVAILABLE, load, main
from bench.peers import Peers
from bench.suites import PackageFinder, lenient_json, probe_argv


def test_lenient_json_drops_trailing_commas() -> None:
    assert lenient_json('{"a": [1, 2,],\n "b": {"c": "x",\n  },\n}') == (
        {"a": [1, 2], "b": {"c": "x"}},
        "",
    )
    value, why = lenient_json('{"a": }')
    assert value is None and "still invalid JSON" in why


def test_probe_argv_passes_the_case_as_data() -> None:
    case = next(c for c in PARSE.cases if c.keywords)
    assert case.keywords is not None
    argv = probe_argv(Path("/v/bin/python"), case, Path("/d.json"))
    assert argv[1].endswith("bench/parse_probe.py")
    assert argv[2:6] == ["/d.json", str(PARSE.repeats), case.parser, case.model]
    assert argv[6:] == ["--keywords", *case.keywords, "--inspect", PARSE.inspect]


def test_probe_loads_module_colon_name() -> None:
    assert load("json:dumps") is json.dumps


def test_probe_reports_an_unimportable_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.json"
    data.write_text("{}")
    assert main([str(data), "1", "no_such_module_xyz:parse", "json:JSONDecoder"]) == UNAVAILABLE
    assert "ModuleNotFoundError" in json.loads(capsys.readouterr().out)["unavailable"]


def test_package_finder_without_generator(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    finder = PackageFinder(Peers(), timeout=1.0)
    assert finder.path(None) == (None, "")
    assert finder.path(Package("pkg", tmp_path)) == (tmp_path, "")
    missing = finder.path(Package("other", tmp_path))
    assert missing == (None, f"not available: no package other under {tmp_path}")
