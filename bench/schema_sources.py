"""Real JSON Schemas that no one here wrote, fetched once into codegen's cache with the package
managers' own clients: the SchemaStore schemas that PyPI's `check-jsonschema` vendors in its
wheel, the JSON-Schema-Test-Suite as PyPI's `jsonschema` sdist vendors it (drafts 2020-12,
2019-09, 7) and as npm's `json-schema-test-suite` has it (draft 4). Used by the bench's JSON
Schema case and by tests/jsonschema."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

CACHE = (
    Path(os.environ.get("CODEGEN_CACHE_DIR", Path.home() / ".cache" / "codegen")) / "schema-sources"
)


def _pip_download(name: str, binary: bool) -> None:
    args = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE), name]
    subprocess.run(
        [*args, "--only-binary" if binary else "--no-binary", ":all:"],
        check=True,
        capture_output=True,
    )


def fetch_sources() -> Path:
    """Fills the cache (once); CalledProcessError or OSError when offline."""
    CACHE.mkdir(parents=True, exist_ok=True)
    if not list(CACHE.glob("check_jsonschema-*.whl")):
        _pip_download("check-jsonschema", binary=True)
    if not list(CACHE.glob("jsonschema-*.tar.gz")):
        _pip_download("jsonschema", binary=False)
    if not list(CACHE.glob("json-schema-test-suite-*.tgz")):
        subprocess.run(
            ["npm", "pack", "json-schema-test-suite", "--silent"],
            cwd=CACHE,
            check=True,
            capture_output=True,
        )
    return CACHE


def schemastore(target: Path) -> list[Path]:
    """Unpacks check-jsonschema's vendored SchemaStore schemas into target; their paths."""
    wheel = sorted(fetch_sources().glob("check_jsonschema-*.whl"))[-1]
    target.mkdir(parents=True, exist_ok=True)
    out = []
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if "/builtin_schemas/vendor/" in name and name.endswith(".json"):
                path = target / Path(name).name
                if not path.exists():
                    path.write_bytes(archive.read(name))
                out.append(path)
    return sorted(out)
