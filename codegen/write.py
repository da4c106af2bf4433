"""Stage 7, the only stage that writes: put a package on disk whole or not at all, or (check)
compare it with what is there and say how it differs.

The package's `.codegen-manifest` lists the files codegen wrote. Files in the folder that it
does not list are the user's: they are carried over and reported, never deleted.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import hashlib
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cache import cache_dir
from .diagnostics import Diagnostic, FatalError, Severity

MANIFEST = ".codegen-manifest"


@dataclass(frozen=True)
class WriteReport:
    written: int
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # user files carried over


def with_manifest(files: dict[str, str]) -> dict[str, str]:
    """Adds the manifest: each file with its sha256. It changes only when a generated file
    does, so a team reviewing a regeneration never sees noise."""
    listing = "".join(f"{_digest(files[path])}  {path}\n" for path in sorted(files)
                      if path != MANIFEST)
    header = "# Files written by codegen. Others in this folder are yours and are kept.\n"
    return {**files, MANIFEST: header + listing}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _manifest(target: Path) -> dict[str, str] | None:
    """{path: sha256} from the package's manifest, or None when it has none."""
    try:
        text = (target / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return None
    files = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, _, path = line.strip().partition("  ")
            files[path or digest] = digest if path else ""
    return files


def owned_files(target: Path) -> set[str] | None:
    """Paths codegen wrote last time, or None when the folder has no manifest."""
    manifest = _manifest(target)
    return None if manifest is None else set(manifest) | {MANIFEST}


# `check`'s fast path: which inputs (spec, config and the generator itself) produced the
# package on disk. Kept in the cache, not in the package, so that a change of the generator
# that changes no output changes no committed file.
def _record_path(target: Path) -> Path:
    key = hashlib.sha256(os.fsencode(os.path.abspath(target))).hexdigest()
    return cache_dir() / "packages" / key


def _record(target: Path, inputs: str) -> None:
    """Remembers that the package at `target` is what `inputs` generate; best effort."""
    if not inputs:
        return
    try:
        manifest = (target / MANIFEST).read_text(encoding="utf-8")
        path = _record_path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, f"{inputs}\n{_digest(manifest)}\n")
    except OSError:
        pass  # only the next check's speed depends on it


def unchanged(target: Path, inputs: str) -> bool:
    """True when the package was generated from these very inputs and no file codegen wrote
    has changed since: then a fresh generation would be identical."""
    try:
        recorded = _record_path(target).read_text(encoding="utf-8").split()
        manifest_text = (target / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return False
    if not inputs or recorded != [inputs, _digest(manifest_text)]:
        return False
    manifest = _manifest(target) or {}
    for path, digest in manifest.items():
        try:
            if _digest((target / path).read_text(encoding="utf-8")) != digest:
                return False
        except (OSError, UnicodeDecodeError):
            return False
    return True


def existing_files(target: Path) -> set[str]:
    if not target.is_dir():
        return set()
    out = set()
    for root, dirs, names in os.walk(target):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in names:
            if not name.endswith((".pyc", ".pyo")):
                out.add(Path(root, name).relative_to(target).as_posix())
    return out


def _refuse(target: Path, message: str, hint: str) -> FatalError:
    return FatalError(Diagnostic("", Severity.ERROR, message, hint, str(target)))


def generate(files: dict[str, str], target: Path, inputs: str = "") -> WriteReport:
    """Writes the package whole or not at all; `inputs` (their fingerprint) lets the next
    `check` skip regenerating."""
    files = with_manifest(files)
    _recover(target)
    present = existing_files(target)
    owned = owned_files(target)
    if present and owned is None:
        raise _refuse(target, "the output folder exists and was not written by codegen (no "
                      f"{MANIFEST})", "choose another --out/--package, or move the folder away")
    user_files = sorted(present - (owned or set()) - set(files))
    clashes = sorted((present - (owned or set())) & set(files))
    if clashes:
        raise _refuse(target, f"files codegen would write already exist and are not codegen's: "
                      f"{', '.join(clashes[:5])}", "rename or move them")
    staging = target.parent / f".{target.name}.codegen-new-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        root = str(staging)  # os calls on strings: pathlib costs a tenth of a large write
        for folder in sorted({os.path.dirname(path) for path in files}):
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        for path, text in sorted(files.items()):
            write_file(os.path.join(root, path), text, make_parent=False)
        for path in user_files:
            dest = staging / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target / path, dest)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _record(target, inputs)
    removed = sorted((owned or set()) - set(files))
    return WriteReport(len(files), removed, user_files)


def write_file(path: str | Path, text: str, make_parent: bool = True) -> None:
    """Writes text as UTF-8 with plain os calls (pathlib costs a tenth of a large write)."""
    if make_parent:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


def write_file_atomic(path: Path, text: str) -> None:
    """One file, whole or not at all: written beside its place, then renamed over it."""
    temp = path.with_name(f".{path.name}.codegen-tmp")
    write_file(temp, text)
    temp.replace(path)


def _swap(staging: Path, target: Path) -> None:
    """Puts `staging` at `target`; the old package ends up at `staging` (then removed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    backup = target.parent / f".{target.name}.codegen-old"
    shutil.rmtree(backup, ignore_errors=True)
    os.rename(target, backup)  # a crash here is undone by _recover() on the next run
    os.rename(staging, target)
    os.rename(backup, staging)


def _exchange(a: Path, b: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swaps two directories in one atomic step."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def _recover(target: Path) -> None:
    backup = target.parent / f".{target.name}.codegen-old"
    if backup.is_dir() and not target.exists():
        os.rename(backup, target)
    else:
        shutil.rmtree(backup, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.codegen-new-*") if target.parent.is_dir() \
            else []:
        shutil.rmtree(stale, ignore_errors=True)


@dataclass(frozen=True)
class Drift:
    changed: list[str]
    added: list[str]  # generated, missing on disk
    removed: list[str]  # on disk (codegen's), no longer generated
    diff: str


def check(files: dict[str, str], target: Path, inputs: str = "") -> Drift:
    """How the package on disk differs from `files`; never writes the package. When it does
    not differ, `inputs` is remembered for the next check's fast path."""
    files = with_manifest(files)
    present = existing_files(target)
    owned = owned_files(target) or set()
    changed: list[str] = []
    chunks: list[str] = []
    for path in sorted(files):
        if path not in present:
            continue
        old = (target / path).read_text(encoding="utf-8", errors="replace")
        if old != files[path]:
            changed.append(path)
            chunks.extend(difflib.unified_diff(
                old.splitlines(keepends=True), files[path].splitlines(keepends=True),
                f"a/{target.name}/{path}", f"b/{target.name}/{path}"))
    added = sorted(set(files) - present)
    removed = sorted((owned & present) - set(files))
    if not (changed or added or removed):
        _record(target, inputs)
    return Drift(changed, added, removed, "".join(chunks))
