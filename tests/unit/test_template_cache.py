"""Compiled templates are cached on disk; a cache that is gone, unwritable or damaged costs
compile time, never the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from codegen.render.environment import _BytecodeCache

TEMPLATE = "{% for x in items %}{{ x }},{% endfor %}"


def _render(folder: Path) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": TEMPLATE}),
                             bytecode_cache=_BytecodeCache(str(folder)))
    return env.get_template("t").render(items=[1, 2])


def test_cache_is_written_then_used(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    assert _render(folder) == "1,2,"
    cached = list(folder.iterdir())
    assert len(cached) == 1
    assert _render(folder) == "1,2,"
    assert list(folder.iterdir()) == cached


def test_deleted_cache_folder_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _render(folder)
    shutil.rmtree(folder)
    assert _render(folder) == "1,2,"
    assert len(list(folder.iterdir())) == 1


def test_unusable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _render(blocked) == "1,2,"
    assert _render(blocked / "below") == "1,2,"


def test_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _render(folder)
    for path in folder.iterdir():
        path.write_bytes(path.read_bytes()[:12])  # magic kept, the rest cut off
    assert _render(folder) == "1,2,"
