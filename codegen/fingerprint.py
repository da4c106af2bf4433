"""What a generation depends on, as one hash: the spec's bytes, the configuration, and the
generator itself (its code, templates and formatter version). `check` compares it with the
one recorded in the package's manifest to skip regenerating when nothing changed."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from . import __version__
from .config import Config
from .load import read_bytes
from .options import formatter_version, templates_digest


@lru_cache(maxsize=1)
def generator_digest() -> str:
    from .render.environment import templates_dir

    digest = hashlib.sha256(__version__.encode())
    roots = [Path(__file__).resolve().parent, templates_dir()]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    digest.update(_formatter_version().encode())
    return digest.hexdigest()


def _formatter_version() -> str:
    """ruff's version, read from its dist-info folder's name (importlib.metadata scans every
    installed distribution: a few hundredths of a second on each run)."""
    try:
        import ruff  # type: ignore[import-untyped]
    except ImportError:
        return "unknown"
    site = Path(ruff.__file__).resolve().parent.parent
    found = sorted(site.glob("ruff-*.dist-info"))
    return found[0].name.removeprefix("ruff-").removesuffix(".dist-info") if found else "unknown"


def inputs_digest(spec: str, config: Config) -> str:
    """The whole config is hashed: that includes the text of its README guides (read with it),
    so editing a guide makes `check` regenerate and report the README's drift."""
    digest = hashlib.sha256(read_bytes(spec))
    digest.update(repr(asdict(config)).encode())
    digest.update(generator_digest().encode())
    digest.update(templates_digest(config.templates).encode())  # the user's templates
    digest.update(formatter_version(config.format).encode())
    return digest.hexdigest()
