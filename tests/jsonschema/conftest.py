"""The real-world schemas these tests read, from a cache that `suite.fetch_sources()` fills with
pip and npm (nothing in the repository): skipped with the reason when they cannot be had
offline, failed under CI=true."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import IN_CI

from .suite import CACHE, fetch_sources


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
    wheel = sorted(schema_sources.glob("check_jsonschema-*.whl"))[-1]
    target = tmp_path_factory.mktemp("schemastore")
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if "/builtin_schemas/vendor/" in name and name.endswith(".json"):
                (target / Path(name).name).write_bytes(archive.read(name))
    return target
