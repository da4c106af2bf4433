"""JSON pointers (RFC 6901): every IR node and diagnostic names its origin by one."""

from __future__ import annotations

from functools import lru_cache


def pointer_join(base: str, *parts: str | int) -> str:
    """Extends a JSON pointer (RFC 6901), escaping `~` and `/` in each part."""
    out = base
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        out += "/" + text
    return out


def pointer_parts(pointer: str) -> list[str]:
    """Splits '#/a/b~1c' into ['a', 'b/c']."""
    return list(_pointer_parts(pointer))


@lru_cache(maxsize=65536)  # builders ask for the same pointers again and again
def _pointer_parts(pointer: str) -> tuple[str, ...]:
    body = pointer[1:] if pointer.startswith("#") else pointer
    if not body:
        return ()
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in body.split("/")[1:])
