"""tests/README.md maps every folder that holds tests, and names no folder that is gone."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Files below these are generated packages and bad-input cases, not tests of their own.
DATA = ("expected", "cases")


def _test_folders() -> set[str]:
    folders = set()
    for path in HERE.rglob("test_*.py"):
        parts = path.relative_to(HERE).parts
        if len(parts) > 1 and not set(parts) & set(DATA):
            folders.add(parts[0])
    return folders


def _mapped_folders() -> set[str]:
    text = (HERE / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([\w-]+)/` \|", text, flags=re.M))


def test_every_test_folder_is_in_the_map() -> None:
    folders = _test_folders()
    assert {"cli", "golden", "injection"} <= folders
    assert folders == _mapped_folders()
