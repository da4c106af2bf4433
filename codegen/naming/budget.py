"""The length budget of every generated name (class, module, attribute, method, resource).

An inline name built from a deep path can outgrow what a file system takes (255 bytes for a
file name) and what a reader can follow. A name over the budget keeps its first word and as
many of its last words as fit (the last words say what the thing is: `...EventMessageDetail`),
and ends with a short hash of the whole name, so it stays the same on every run and two long
names that share their ends stay apart. Suffixes codegen adds afterwards (`Param`, `_param`,
a collision's number) add at most a dozen characters."""

from __future__ import annotations

import hashlib
from typing import Literal

from ..diagnostics import Diagnostics
from ..words import words

NAME_BUDGET = 128  # characters; the longest names of Stripe's spec are 108
_HASH = 7  # hex digits of the whole name's sha256

Style = Literal["pascal", "snake"]


def over_budget(name: str) -> bool:
    return len(name) > NAME_BUDGET


def shorten(name: str, style: Style) -> str:
    """`name` itself when within the budget, else its first and last words and a hash."""
    if not over_budget(name):
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:_HASH]
    mark = ("H" if style == "pascal" else "h") + digest  # one word: `H3f9a2c1`, `h3f9a2c1`
    parts = list(words(name)) if style == "pascal" else [w for w in name.split("_") if w]
    join = "" if style == "pascal" else "_"
    head, tail = parts[0][:NAME_BUDGET // 2], parts[1:]
    kept: list[str] = []
    size = len(head) + len(join) + len(mark)
    for word in reversed(tail):
        if size + len(word) + len(join) > NAME_BUDGET:
            break
        kept.insert(0, word)
        size += len(word) + len(join)
    return join.join([head, *kept, mark])


def fit(name: str, style: Style, pointer: str, what: str, diagnostics: Diagnostics,
        hint: str) -> str:
    """`shorten`, reporting a shortening as a warning at `pointer`."""
    short = shorten(name, style)
    if short != name:
        report(name, short, pointer, what, diagnostics, hint)
    return short


def report(name: str, short: str, pointer: str, what: str, diagnostics: Diagnostics,
           hint: str) -> None:
    diagnostics.warning(pointer, f"the {what} name {name[:40]}... ({len(name)} characters) is "
                        f"longer than the budget of {NAME_BUDGET}; shortened to {short}", hint)
