"""Every spec of ../shared/corpus generates (or is rejected with a diagnostic, never a
traceback), every generated module imports, every model builds, and pyright (standard mode)
finds no errors. `python -m tests.corpus.run` does the same and writes a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import run
from tests.helpers import node_tool, shared_path

pytestmark = pytest.mark.slow


def test_corpus(tmp_path: Path) -> None:
    corpus = shared_path("corpus")
    node_tool("pyright")
    specs = run.find_specs(corpus)
    outcomes = run.run_all(specs, tmp_path, jobs=2, typecheck=False)
    # one pyright run over every package but GitHub's (3300 files): a run per package would
    # spend most of its time starting pyright
    checked = [o for o in outcomes if o.imports is not None and o.spec != run.GITHUB]
    run.typecheck_together(checked, tmp_path)
    failures = [f"{o.spec}: {p.stage}: {p.message}"
                for o in outcomes for p in o.problems if p.fatal]
    if failures:
        pytest.fail(f"{len(failures)} problems in {len(outcomes)} specs "
                    "(`python -m tests.corpus.run` shows each in full):\n" + "\n".join(failures),
                    pytrace=False)
