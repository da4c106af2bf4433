"""Descriptions -> docstring text: prose paragraphs rewrapped, lists, tables and code kept."""

from __future__ import annotations

import re
from functools import lru_cache

_STRUCTURED = re.compile(r"^\s*([-*+] |\d+[.)] |\||>|```|~~~|#)|^ {4}|^\t")


@lru_cache(maxsize=8192)
def wrap(text: str, width: int = 80) -> str:
    """Rewraps prose to `width`; a paragraph with any structured line is kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    out: list[str] = []
    fenced = False
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.split("\n")
        if "```" in paragraph or "~~~" in paragraph:
            fenced = not fenced if paragraph.count("```") % 2 else fenced
            out.append(paragraph.rstrip())
            continue
        if fenced or any(_STRUCTURED.match(line) for line in lines):
            out.append("\n".join(line.rstrip() for line in lines))
            continue
        out.append(_fill(" ".join(line.strip() for line in lines).split(), width))
    return "\n\n".join(out)


def _fill(words: list[str], width: int) -> str:
    """Greedy wrapping at spaces (what textwrap.fill does here, several times faster): a word
    longer than the width gets a line of its own."""
    lines: list[str] = []
    current: list[str] = []
    size = 0
    for word in words:
        if current and size + 1 + len(word) > width:
            lines.append(" ".join(current))
            current, size = [], 0
        size += len(word) + (1 if current else 0)
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines)
