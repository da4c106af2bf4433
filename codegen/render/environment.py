"""The one Jinja environment: strict about undefined names, every filter registered here."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates in the codegen cache, keyed by Jinja on each template's source:
    compiling them all costs about 0.1 s, a tenth of a whole-spec run. A cache folder that is
    missing, unwritable or holds a damaged file only costs that time again, never the run."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


# The user's template folder for the render under way (`templates` in the config). A context
# variable, so that every render function asking for the environment gets the same one without
# the folder being passed through each of them.
_OVERRIDES: ContextVar[str] = ContextVar("codegen_templates", default="")


@contextmanager
def templates_from(folder: str) -> Iterator[None]:
    """Within the block, `environment()` finds the templates in `folder` first."""
    token = _OVERRIDES.set(folder)
    try:
        yield
    finally:
        _OVERRIDES.reset(token)


def environment() -> jinja2.Environment:
    return _environment(_OVERRIDES.get())


@lru_cache(maxsize=4)
def _environment(overrides: str) -> jinja2.Environment:
    # A list of folders: the first that holds a template's path wins.
    search = [overrides, str(templates_dir())] if overrides else [str(templates_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        bytecode_cache=_BytecodeCache(str(cache_dir() / "templates")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
