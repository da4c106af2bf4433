"""Every keyword the builder reads, under every wrong JSON type, is a diagnostic with its
pointer or is tolerated: never a traceback, and the package written still compiles.

The base is specs/every_keyword.yaml, a small valid spec with each keyword where the builder
reads it. `make test` draws mutations with hypothesis (one or several at a time); `make sweep`
tries every position under every wrong type.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.config import Config, with_package
from codegen.diagnostics import FatalError, Severity
from codegen.pipeline import generate_files

BASE = yaml.safe_load((Path(__file__).with_name("specs") / "every_keyword.yaml").read_text())
# One value of each JSON type; a position gets every one whose type differs from its own.
WRONG: dict[str, Any] = {"object": {"x": "y"}, "array": ["x"], "string": "x", "number": 7,
                         "boolean": True, "null": None}
Position = tuple[Any, ...]  # keys and indexes from the document's root


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def positions(node: Any, at: Position = ()) -> Iterator[Position]:
    """Every value's position below node (not the root itself)."""
    children = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, child in children:
        yield (*at, key)
        yield from positions(child, (*at, key))


def value_at(doc: Any, at: Position) -> Any:
    for part in at:
        doc = doc[part]
    return doc


def mutated(changes: list[tuple[Position, str]]) -> Any:
    doc = copy.deepcopy(BASE)
    for at, kind in changes:
        parent = value_at(doc, at[:-1])
        parent[at[-1]] = copy.deepcopy(WRONG[kind])
    return doc


def pointer(at: Position) -> str:
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in at)


def check(doc: Any, folder: Path, what: str) -> None:
    """Generates doc; fails with what was changed when anything but a diagnostic comes out."""
    spec = folder / "spec.json"
    spec.write_text(json.dumps(doc), encoding="utf-8")
    try:
        result = generate_files(str(spec), with_package(Config(), "mutant"), formatted=False)
    except FatalError as exc:
        assert all(d.message for d in exc.diagnostics), what  # a clean stop, with its message
        return
    except Exception as exc:  # noqa: BLE001 - the failure this test exists to find
        raise AssertionError(f"{what}: {type(exc).__name__}: {exc}") from exc
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert all(d.pointer for d in errors), (what, [d.render() for d in errors])
    for path, text in result.files.items():
        if path.endswith(".py"):
            compile(text, path, "exec")


ALL = list(positions(BASE))
CHANGES = st.tuples(st.sampled_from(ALL), st.sampled_from(sorted(WRONG)))


def test_the_base_spec_generates_cleanly(tmp_path: Path) -> None:
    result = generate_files(str(Path(__file__).with_name("specs") / "every_keyword.yaml"),
                            with_package(Config(), "mutant"), formatted=False)
    assert result.ok, [d.render() for d in result.diagnostics]
    assert len(ALL) > 300  # every keyword: the walk reached the whole spec


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(CHANGES, min_size=1, max_size=3))
def test_wrong_types_are_diagnostics(tmp_path: Path, changes: list[tuple[Position, str]]
                                     ) -> None:
    changes = [(at, kind) for at, kind in changes if json_type(value_at(BASE, at)) != kind]
    # a later change may sit below an earlier one, which replaced its parent: keep the first
    kept: list[tuple[Position, str]] = []
    for at, kind in changes:
        if not any(at[:len(k)] == k for k, _ in kept):
            kept.append((at, kind))
    check(mutated(kept), tmp_path, ", ".join(f"{pointer(a)} = {k}" for a, k in kept))


@pytest.mark.slow
@pytest.mark.parametrize("at", ALL, ids=pointer)
def test_every_position_under_every_wrong_type(tmp_path: Path, at: Position) -> None:
    for kind in sorted(WRONG):
        if json_type(value_at(BASE, at)) != kind:
            check(mutated([(at, kind)]), tmp_path, f"{pointer(at)} = {kind}")
