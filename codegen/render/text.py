"""Descriptions -> docstring text: prose paragraphs rewrapped, lists, tables and code kept."""

from __future__ import annotations

import re
from functools import lru_cache

_STRUCTURED = re.compile(r"^\s*([-*+] |\d+[.)] |\||>|```|~~~|#)")
# Indented code starts a paragraph: an indented line after prose continues the prose.
_INDENTED_CODE = re.compile(r"^ {4}|^\t")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)]) )(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@lru_cache(maxsize=8192)
def wrap(text: str, width: int = 80) -> str:
    """Rewraps prose to `width`, and list items longer than it; code, tables and the other
    lines of a paragraph with any structured line are kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    out: list[str] = []
    fenced = False
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.split("\n")
        if "```" in paragraph or "~~~" in paragraph:
            lead = [] if fenced else _before_fence(lines)
            fenced = not fenced if paragraph.count("```") % 2 else fenced
            code = "\n".join(lines[len(lead):]).rstrip()
            out.append("\n".join([_paragraph(lead, width), code]) if lead else code)
            continue
        out.append("\n".join(line.rstrip() for line in lines) if fenced
                   else _paragraph(lines, width))
    return "\n\n".join(out)


def _before_fence(lines: list[str]) -> list[str]:
    """The prose lines of a paragraph before the fence that opens a code block in it."""
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            return lines[:index]
    return []


def _paragraph(lines: list[str], width: int) -> str:
    if _INDENTED_CODE.match(lines[0]):
        return "\n".join(line.rstrip() for line in lines)
    if any(_STRUCTURED.match(line) for line in lines):
        return "\n".join(_list_item(line.rstrip(), width) for line in lines)
    return _fill(" ".join(line.strip() for line in lines).split(), width)


def _list_item(line: str, width: int) -> str:
    """A list item longer than `width`, wrapped under its own text (Markdown continues the
    item there); any other line as it is."""
    item = _LIST_ITEM.match(line)
    if item is None or len(line) <= width:
        return line
    marker, body = item.groups()
    indent = " " * len(marker)
    filled = _fill(body.split(), max(width - len(marker), 20))
    return marker + filled.replace("\n", "\n" + indent)


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
