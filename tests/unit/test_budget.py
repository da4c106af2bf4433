"""The name budget: a name over it keeps its first and last words and a stable hash; every
file and name a deep spec makes stays within it, and each shortening is reported."""

from __future__ import annotations

import json
from pathlib import Path

from codegen.config import Config, with_package
from codegen.diagnostics import Severity
from codegen.naming.budget import NAME_BUDGET, shorten
from codegen.pipeline import generate_files

LONG_PASCAL = "Microsoft" + "".join(f"Segment{i}Name" for i in range(30)) + "EventMessageDetail"
LONG_SNAKE = "the_" + "_".join(["very"] * 60) + "_long_name"


def test_names_within_the_budget_are_left_alone() -> None:
    for name in ("Address", "a" * NAME_BUDGET, "x_" * (NAME_BUDGET // 2)):
        assert shorten(name, "pascal") == name == shorten(name, "snake")


def test_a_long_class_keeps_its_first_and_last_words_and_a_hash() -> None:
    short = shorten(LONG_PASCAL, "pascal")
    assert len(short) <= NAME_BUDGET
    assert short.startswith("Microsoft")
    assert short[:-8].endswith("Segment29NameEventMessageDetail")
    assert short[-8] == "H" and int(short[-7:], 16) >= 0
    assert short.isidentifier()
    assert shorten(LONG_PASCAL, "pascal") == short  # the same on every run


def test_a_long_snake_name_stays_snake_case() -> None:
    short = shorten(LONG_SNAKE, "snake")
    assert len(short) <= NAME_BUDGET
    assert short.startswith("the_very_") and short[:-9].endswith("_very_long_name")
    assert short[-9:-7] == "_h" and short == short.lower() and short.isidentifier()


def test_long_names_that_share_their_ends_stay_apart() -> None:
    one = shorten("AlphaLeft" + "Same" * 40, "pascal")
    two = shorten("AlphaRight" + "Same" * 40, "pascal")
    assert one != two and one[:-8] == two[:-8]


def test_one_endless_word_is_cut() -> None:
    short = shorten("A" + "b" * 500, "pascal")
    assert len(short) <= NAME_BUDGET and short.isidentifier()


def _deep_spec(depth: int) -> dict[str, object]:
    node: dict[str, object] = {"type": "object", "properties": {"leaf": {"type": "string"}}}
    for i in reversed(range(depth)):
        node = {"type": "object", "properties": {f"level{i}PropertyWithALongName": node}}
    long_segment = "-".join(["segment"] * 30)
    ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/Root"}}}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {f"/{long_segment}/{{id}}": {"post": {
                "operationId": "x" * 200, "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "q" * 150, "in": "query", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"deep": node}}}}},
                "responses": ok}}},
            "components": {"schemas": {"Root": node}}}


def test_a_deep_spec_makes_no_name_over_the_budget(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(_deep_spec(20)))
    result = generate_files(str(spec), with_package(Config(), "pkg"), formatted=False)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert result.names is not None
    names = [*result.names.types.classes.values(), *result.names.types.modules.values(),
             *result.names.fields.values(), *result.names.methods.values(),
             *(a.name for s in result.names.signatures.values() for a in s.arguments),
             *(part for r in result.names.resources.values() for part in r.module.split("."))]
    too_long = [n for n in names if len(n) > NAME_BUDGET + 12]  # + Param, _param, a number
    assert not too_long
    assert max(len(part) for path in result.files for part in path.split("/")) < 160
    shortened = [d for d in result.diagnostics if "longer than the budget" in d.message]
    assert {d.severity for d in shortened} == {Severity.WARNING}
    kinds = {d.message.split(" name ")[0].removeprefix("the ") for d in shortened}
    assert kinds == {"class", "module", "attribute", "resource"}
    assert all(d.pointer.startswith("#/") for d in shortened)
