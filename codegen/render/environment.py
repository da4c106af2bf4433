"""The one Jinja environment: strict about undefined names, every filter registered here."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from .filters import FILTERS


def templates_dir() -> Path:
    """Templates ship inside the wheel as codegen/templates; a checkout keeps them at the top."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
