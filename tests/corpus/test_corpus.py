"""Every spec of ../shared/corpus generates (or is rejected with a diagnostic, never a
traceback), every generated module imports, every model builds, and pyright (standard mode)
finds no errors. `make test` checks two specs, `make sweep` all of them;
`python -m tests.corpus.run` does the same and writes a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import run
from tests.helpers import node_tool, shared_path

# Quick to check, and between them OpenAPI 3.0 and 3.1, oneOf, anyOf, allOf, discriminators,
# names that are not identifiers, every schema type, type arrays, recursion and polymorphism.
SAMPLE = ["apis/nexmo.com/reports.json", "oas-examples/3.1/json/schema-types.json"]


def _check(specs: list[Path], out: Path) -> None:
    node_tool("pyright")
    outcomes = run.run_all(specs, out, jobs=2, typecheck=False)
    # one pyright run over every package but GitHub's (3300 files): a run per package would
    # spend most of its time starting pyright
    checked = [o for o in outcomes if o.imports is not None and o.spec != run.GITHUB]
    run.typecheck_together(checked, out)
    failures = [f"{o.spec}: {p.stage}: {p.message}"
                for o in outcomes for p in o.problems if p.fatal]
    if failures:
        pytest.fail(f"{len(failures)} problems in {len(outcomes)} specs "
                    "(`python -m tests.corpus.run` shows each in full):\n" + "\n".join(failures),
                    pytrace=False)


def test_a_sample_of_the_corpus(tmp_path: Path) -> None:
    corpus = shared_path("corpus")
    _check([corpus / spec for spec in SAMPLE], tmp_path)


@pytest.mark.slow
def test_corpus(tmp_path: Path) -> None:
    _check(run.find_specs(shared_path("corpus")), tmp_path)
