"""The one Jinja environment: strict about undefined names, every filter registered here."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import jinja2

from ..cache import cache_dir
from .filters import FILTERS


def templates_dir() -> Path:
    """Templates ship inside the wheel as codegen/templates; a checkout keeps them at the top."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates, keyed by Jinja on each template's source: compiling them all costs
    about 0.1 s, a tenth of a whole-spec run. Without a writable cache, templates compile."""
    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
