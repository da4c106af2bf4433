"""The case tables agree with each other: ids unique, every key they use defined."""

from __future__ import annotations

from bench.cases import (
    ALL_TOOLS,
    CLIENT_CASES,
    CLIENT_TOOL_NAMES,
    CLIENT_VENV,
    GENERATION_CASES,
    IMPORT_CASES,
    IMPORT_REFERENCE,
    PARSE,
    SPECS,
    TARGETS,
    TOOL_NAMES,
    VENV_REQUIREMENTS,
    GenerationCase,
    Package,
)
from bench.paths import BENCH


def _row_ids() -> list[str]:
    generation = [case.id for case in GENERATION_CASES]
    imports = [row_id for case in IMPORT_CASES for row_id, _, _ in case.rows()]
    clients = [case.id for case in CLIENT_CASES]
    return generation + imports + [f"parse-{case.id}" for case in PARSE.cases] + clients


def test_ids_are_unique() -> None:
    ids = _row_ids()
    assert len(ids) == len(set(ids))
    for table in (GENERATION_CASES, IMPORT_CASES, PARSE.cases, CLIENT_CASES):
        assert len({case.id for case in table}) == len(table)


def test_every_spec_key_is_known() -> None:
    used = [case.spec for case in GENERATION_CASES] + [PARSE.spec]
    packages = [c.package for c in (*IMPORT_CASES, *PARSE.cases) if c.package is not None]
    used += [package.spec for package in packages if package.generator is not None]
    assert set(used) <= set(SPECS)


def test_generation_cases_run_known_tools_with_codegen_first() -> None:
    for case in GENERATION_CASES:
        assert case.tools and set(case.tools) <= set(TOOL_NAMES)
        assert case.tools[0] == "codegen"  # the reference of the row's ratios
        assert not case.check or "opc" not in case.tools  # it has no check command


def test_every_venv_has_a_requirement_file() -> None:
    used = {case.venv for case in (*IMPORT_CASES, *PARSE.cases)} | {CLIENT_VENV}
    assert used <= set(VENV_REQUIREMENTS)
    for requirements in VENV_REQUIREMENTS.values():
        assert (BENCH / requirements).is_file()


def test_generated_packages_say_what_generates_them() -> None:
    packages: list[Package] = [c.package for c in IMPORT_CASES if c.package is not None]
    for package in packages:
        assert (package.generator is None) == (package.spec == "")


def test_targets_name_rows_that_exist() -> None:
    rows = {f"{case.id}:{tool}" for case in GENERATION_CASES for tool in case.tools}
    rows |= {row_id for case in IMPORT_CASES for row_id, _, _ in case.rows()}
    rows |= {f"{case.id}:{tool}" for case in CLIENT_CASES for tool in case.tools}
    for target in TARGETS:
        assert {target.measured, target.against} - {""} <= rows, target.title
        assert target.limit > 0
        assert target.absolute == (target.unit != "x")


def test_huge_spec_cases_give_the_peers_one_run_and_no_warm_up() -> None:
    cases = {case.id: case for case in GENERATION_CASES}
    for case_id in ("gen-graph", "gen-graph-beta"):
        case = cases[case_id]
        assert case.tools == ALL_TOOLS
        assert case.limits("codegen") == (3, None)
        assert case.limits("dmcg") == case.limits("opc") == (1, 0)
    assert cases["gen-openai-json"].limits("opc") == (None, None)
    assert GenerationCase("x", "x", "graph", ALL_TOOLS, max_runs=2).limits("dmcg") == (2, None)
    assert GenerationCase("x", "x", "graph", ALL_TOOLS, peer_runs=4, max_runs=2).limits(
        "dmcg"
    ) == (2, 0)


def test_client_targets_use_what_their_rows_measure() -> None:
    kinds = {case.id: case.kind for case in CLIENT_CASES}
    for target in TARGETS:
        case = target.measured.split(":")[0]
        if case in kinds:
            assert target.paired and target.against.split(":")[0] == case
            assert target.attr == ("wall" if kinds[case] == "cold" else "unit_us")
        else:
            assert target.attr != "unit_us"  # only client probes print it
    for case in CLIENT_CASES:
        assert set(case.tools) <= set(CLIENT_TOOL_NAMES)


def test_references_exist() -> None:
    assert IMPORT_REFERENCE in {case.id for case in IMPORT_CASES}
    assert PARSE.reference in {case.id for case in PARSE.cases}
    for case in PARSE.cases:
        assert ":" in case.parser and ":" in case.model
