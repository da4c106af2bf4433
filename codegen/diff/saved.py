"""The surface saved in a generated package (`.codegen-surface.json`, listed in its manifest
like every file codegen writes), so that the next `codegen generate` can say what changed in
the API without the previous spec."""

from __future__ import annotations

from pathlib import Path

from ..ir import Api
from ..naming import Names
from .compare import Change, compare
from .surface import Surface, derive, from_json

SURFACE_FILE = ".codegen-surface.json"


def with_surface(files: dict[str, str], api: Api, names: Names,
                 package: str) -> tuple[dict[str, str], Surface]:
    surface = derive(api, names, package)
    return {**files, SURFACE_FILE: surface.to_json()}, surface


def previous(target: Path) -> Surface | None:
    """The surface the package on disk was generated with; None for a first generation (or
    a package from before surfaces were saved)."""
    try:
        text = (target / SURFACE_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    return from_json(text)


def changes_since(before: Surface | None, now: Surface) -> list[Change] | None:
    return None if before is None else compare(before, now)
