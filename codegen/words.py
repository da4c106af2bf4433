"""Word splitting and casing shared by building (inline names) and naming."""

from __future__ import annotations

import re
from functools import cache

_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
# An upper-case run ends before the capital of the next word ('HTTPServer'), and keeps the
# digits after it ('RoleARN2', 'HTTP2'): a capital before a digit starts no word.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+[0-9]*|[0-9]+")


# Cached: a spec repeats its property and schema names thousands of times.
@cache
def words(text: str) -> tuple[str, ...]:
    """'fooBar-baz_QUX2' -> ('foo', 'Bar', 'baz', 'QUX2')."""
    return tuple(w for chunk in _SEPARATORS.split(text) for w in _WORD.findall(chunk))


@cache
def pascal_words(text: str) -> tuple[str, ...]:
    return tuple(w[:1].upper() + w[1:].lower() for w in words(text))


def pascal(text: str) -> str:
    return "".join(pascal_words(text))


@cache
def snake(text: str) -> str:
    """'RealtimeSessionCreateRequestGA' -> 'realtime_session_create_request_ga'."""
    return "_".join(w.lower() for w in words(text))


_KEEP = ("ss", "us", "is", "ics", "news", "status", "data", "media", "series", "species")


def singular(word: str) -> str:
    lower = word.lower()
    if lower.endswith(_KEEP) or len(word) <= 3:
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word[-3].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    return word
