"""Word splitting and casing shared by building (inline names) and naming."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")


def words(text: str) -> list[str]:
    """'fooBar-baz_QUX2' -> ['foo', 'Bar', 'baz', 'QUX2']."""
    return [w for chunk in re.split(r"[^A-Za-z0-9]+", text) for w in _WORD.findall(chunk)]


def pascal_words(text: str) -> list[str]:
    return [w[:1].upper() + w[1:].lower() for w in words(text)]


def pascal(text: str) -> str:
    return "".join(pascal_words(text))


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
