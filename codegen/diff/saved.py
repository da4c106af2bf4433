"""The surface saved in a generated package (`.codegen-surface.json`, listed in its manifest
like every file codegen writes), so that the next `codegen generate` can say what changed in
the API without the previous spec."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ir import Api
from ..naming import Names
from .compare import Change, compare
from .surface import Surface, derive, from_json

SURFACE_FILE = ".codegen-surface.json"


@dataclass(frozen=True)
class Saved:
    """The surface of a package and its text as saved in it."""

    surface: Surface
    text: str

    def with_files(self, files: dict[str, str]) -> dict[str, str]:
        return {**files, SURFACE_FILE: self.text}


def saved_surface(api: Api, names: Names, package: str) -> Saved:
    surface = derive(api, names, package)
    return Saved(surface, surface.to_json())


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
