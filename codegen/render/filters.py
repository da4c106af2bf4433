"""Escaping filters: every string that reaches generated source goes through one of these.

Each is made for one context (identifier, string literal, any constant, docstring, comment),
so that text from a spec can never change the structure of the code around it and every
literal round-trips exactly when the module is imported.
"""

from __future__ import annotations

import keyword
import math
import re
from functools import cache
from typing import Any

_QUOTES = re.compile(r'"(?=""|$)')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]")


# The filters on names and short texts are cached: a large spec repeats them thousands of times.
@cache
def identifier(name: str) -> str:
    """Passes a name already made safe by the naming stage; refuses anything else."""
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        raise ValueError(f"not a safe Python identifier: {name!r}")
    return name


@cache
def string_literal(value: str) -> str:
    """A Python string literal that evaluates to exactly `value`."""
    if not isinstance(value, str):
        raise TypeError(f"string_literal expects str, got {type(value).__name__}")
    text = repr(value)
    # Prefer double quotes (black style) when that needs no extra escaping.
    if text.startswith("'") and '"' not in value and "\\" not in text:
        text = '"' + text[1:-1] + '"'
    return text


def constant(value: Any) -> str:
    """A Python expression for a JSON value (None, bool, int, float, str, list, dict)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            return 'float("nan")'
        if math.isinf(value):
            return 'float("inf")' if value > 0 else 'float("-inf")'
        return repr(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(constant(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{string_literal(str(k))}: {constant(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def docstring_body(text: str) -> str:
    """Text safe to place between triple double quotes of a non-raw docstring."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\")
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", text)
    # Escape each quote that starts a run of three, and a final one (it would touch the
    # closing quotes): no three unescaped quotes can then follow each other.
    return _QUOTES.sub(r'\\"', text)


@cache
def docstring_block(text: str, indent: int) -> str:
    """A whole docstring at `indent` spaces: one line stays on one line; longer ones end
    with the closing quotes on their own line."""
    body = docstring_body(text)
    if "\n" not in body:
        return f'"""{body}"""'
    pad = " " * indent
    first, *rest = body.split("\n")
    lines = [first, *((pad + line) if line else "" for line in rest)]
    return '"""' + "\n".join(lines) + "\n" + pad + '"""'


def comment(text: str) -> str:
    """One line of text safe after a `#`."""
    flat = " ".join(text.split())
    return _CONTROL.sub("?", flat)


def api_name(title: str) -> str:
    """The title ending in "API" once: 'Sink API' for the title 'Sink', and 'Pets API' for the
    title 'Pets API', not 'Pets API API'."""
    words = title.upper().split()
    return title if words and words[-1] == "API" else f"{title} API"


FILTERS = {
    "ident": identifier,
    "pystr": string_literal,
    "pyconst": constant,
    "docstring": docstring_body,
    "docblock": docstring_block,
    "comment": comment,
    "api_name": api_name,
}
