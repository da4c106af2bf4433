from __future__ import annotations

from bench.measure import Command
from bench.report import (
    generation_table,
    import_table,
    md_cell,
    md_row,
    md_table,
    parse_table,
    status_text,
    targets_table,
    verdict,
)
from bench.suites import CaseResult, ParseResult

from .helpers import command


def test_cells_escape_pipes_and_newlines() -> None:
    assert md_cell("a|b\nc") == "a\\|b c"
    assert md_row(["x|y", "", "z"]) == "| x\\|y |  | z |"


def test_table_has_header_separator_and_rows() -> None:
    assert md_table(["a", "b"], [["1", "2"]]) == ["| a | b |", "| --- | --- |", "| 1 | 2 |"]


def test_status_says_why_a_command_has_no_numbers() -> None:
    assert status_text(Command("x", "x", unavailable="no venv")) == "not available: no venv"
    gone = Command("x", "x", unavailable="not available: gone")
    assert status_text(gone) == "not available: gone"
    failed = Command("x", "x", failed="exit 2: boom", failed_at="run 1/3")
    assert status_text(failed) == "FAILED (run 1/3): exit 2: boom"
    assert status_text(Command("x", "x")) == "not measured"


def test_verdict() -> None:
    assert verdict(None, 1.0) == "not measured"
    assert verdict(1.0, 1.0) == "met"
    assert verdict(1.01, 1.0) == "**missed**"


def _openai_json_case() -> CaseResult:
    commands = [command("codegen", [1.0, 1.0]), command("dmcg", [20.0, 10.0])]
    commands.append(command("opc", [2.0, 2.0]))
    return CaseResult("gen-openai-json", "generate: json", commands)


def test_targets_table_computes_each_target_from_its_rows() -> None:
    lines = targets_table([_openai_json_case()], [])
    assert lines[2] == "| target | at most | this run |  |"
    rows = {line.split(" | ")[0][2:]: line for line in lines[4:] if line}
    dmcg = rows["whole OpenAI spec from JSON, generate: CPU vs datamodel-code-generator"]
    assert dmcg.endswith("| 0.100x | 0.075x | met |")  # median of 1/20 and 1/10
    opc = rows["whole OpenAI spec from JSON, generate: CPU vs openapi-python-client"]
    assert opc.endswith("| 0.250x | 0.500x | **missed** |")
    rss = rows["peak RSS, whole spec from JSON: vs datamodel-code-generator"]
    assert rss.endswith("| 1.000x | 0.067x | met |")  # medians 10 / 150
    warm = rows["YAML, second run on the same spec: CPU vs codegen from JSON"]
    assert warm.endswith("| 1.200x | — | not measured |")


def test_generation_rows_compare_each_peer_with_codegen_run_by_run() -> None:
    lines = generation_table([_openai_json_case()])
    codegen, dmcg = lines[4], lines[5]
    assert codegen == (
        "| generate: json | codegen | 2 | 1.00 [1.00–1.00] | 1.00 [1.00–1.00] | 0.00 | 10 | — |  |"
    )
    assert dmcg.endswith("| 0.075x [0.050x–0.100x] |")


def test_generation_rows_without_codegen_result_or_spec() -> None:
    case = _openai_json_case()
    case.commands[0] = command("codegen", [1.0], failed="exit 1")
    case.commands[1].failed, case.commands[1].failed_at = "exit 3: oops", "run 3/3"
    missing = CaseResult("gen-x", "generate: x", [], unavailable="not available: no spec")
    lines = generation_table([case, missing])
    assert lines[5].endswith("| — (codegen has no result) |")
    assert "(then FAILED (run 3/3): exit 3: oops)" in lines[5]
    assert lines[7] == "| generate: x | all | 0 | not available: no spec |  |  |  |  |  |"


def test_import_rows_compare_with_the_openai_row_of_the_same_kind() -> None:
    commands = [
        command("openai", [1.0], row_id="import-openai-import"),
        command("openai", [2.0], row_id="import-openai-client"),
        command("codegen-full", [0.5], row_id="import-codegen-full-import"),
        command("codegen-full", [0.5], row_id="import-codegen-full-client"),
        Command("dmcg", "dmcg — import", row_id="import-dmcg-import", unavailable="no venv"),
    ]
    rows = import_table(commands)[6:11]
    assert rows[0].endswith("| 10 |  |")  # the reference itself
    assert rows[2].endswith("| 0.500x [0.500x–0.500x] |")
    assert rows[3].endswith("| 0.250x [0.250x–0.250x] |")
    assert rows[4] == "| dmcg — import | 0 | not available: no venv |  |  |  |"


def test_parse_rows_compare_with_the_reference_parser() -> None:
    stats = {"median": 2000.0, "min": 1000.0, "max": 3000.0, "type": "T", "session_type": "S"}
    results = [
        ParseResult("openai-construct", "construct", stats=dict(stats, median=1000.0)),
        ParseResult("codegen", "codegen", stats=dict(stats, input_mutated=True)),
        ParseResult("openai-validate", "validate", failure="exit 1: boom"),
    ]
    rows = parse_table(results)[6:9]
    assert rows[0] == "| construct | 1,000 [1,000–3,000] | 1.000x | T (S) |"
    assert rows[1] == "| codegen | 2,000 [1,000–3,000] | 2.000x | T (S); input mutated! |"
    assert rows[2] == "| validate | FAILED: exit 1: boom |  |  |"


def test_absolute_targets_show_units_and_the_load_of_their_runs() -> None:
    codegen = command("codegen", [19.0, 25.0, 18.0])
    for sample, load in zip(codegen.samples, (1.5, 2.5, 0.5), strict=True):
        sample.load, sample.rss_mib = load, 700.0
    peer = Command("dmcg", "dmcg", failed="timed out after 600.0 s", failed_at="run 1/1")
    graph = CaseResult("gen-graph", "generate: Graph", [codegen, peer])
    rows = {line.split(" | ")[0][2:]: line for line in targets_table([graph], [])[4:] if line}
    wall = rows["Microsoft Graph v1.0 (20 MB), generate: wall"]
    assert wall.endswith("| 20.0 s | 19.0 s (load 1.5) | met |")
    rss = rows["Microsoft Graph v1.0 (20 MB), generate: peak RSS"]
    assert rss.endswith("| 600 MiB | 700 MiB | **missed** |")  # memory does not depend on it
    beta = rows["Microsoft Graph beta (47 MB), generate: wall"]
    assert beta.endswith("| 45.0 s | — | not measured |")
    peer_row = generation_table([graph])[5]
    assert "| dmcg | 0 | FAILED (run 1/1): timed out after 600.0 s |" in peer_row
