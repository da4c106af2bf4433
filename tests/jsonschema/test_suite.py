"""The official JSON-Schema-Test-Suite: every case generates (models only) and imports, and on
the cases codegen expresses without a warning the instances are judged as the suite says at
no lower a rate than measured (tests/jsonschema/results.md has the whole table, beside
datamodel-code-generator's). A sample of draft 2020-12 in `make test`, every draft in
`make sweep`."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import suite

SAMPLE = ("const", "enum", "required", "type", "ref", "anyOf", "oneOf", "properties", "items",
          "boolean_schema", "defs", "anchor")


def _run(drafts: tuple[str, ...], keywords: tuple[str, ...] = ()) -> suite.Row:
    chosen = suite.cases(drafts, keywords)
    assert len(chosen) >= 50
    ours = suite.run_all_ours(chosen)
    failed = {name: o.problem for name, o in ours.items() if not o.generated}
    assert not failed, failed
    total = suite.Row()
    for row in suite.table(chosen, ours, None).values():
        total.add(row)
    print(suite.markdown(suite.table(chosen, ours, None), drafts, False))
    return total


def test_a_sample_of_the_suite(schema_sources: Path) -> None:
    total = _run(("draft2020-12",), SAMPLE)
    right, right_json, tests = total.ours
    assert total.expressible >= 80
    # Measured 75% (strict) and 82% (JSON strict) when written: a floor, not a goal.
    assert right / tests >= 0.73 and right_json / tests >= 0.80, (right, right_json, tests)


@pytest.mark.slow
def test_every_draft_of_the_suite(schema_sources: Path) -> None:
    total = _run(suite.DRAFTS)
    right, right_json, tests = total.ours
    assert total.cases >= 1000 and total.expressible >= 550
    assert right / tests >= 0.74 and right_json / tests >= 0.80, (right, right_json, tests)
