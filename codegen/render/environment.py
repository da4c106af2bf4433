"""The one Jinja environment: strict about undefined names, every filter registered here."""

from __future__ import annotations

import os
import pickle
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


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        bytecode_cache=_BytecodeCache(str(cache_dir() / "templates")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
