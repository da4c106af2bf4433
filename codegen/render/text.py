"""Descriptions -> docstring text: prose rewrapped, and the long lines of lists and quotes;
tables and code kept."""

from __future__ import annotations

import re
from functools import lru_cache

_STRUCTURED = re.compile(r"^\s*([-*+] |\d+[.)] |\||>|```|~~~|#)")
# Indented code starts a paragraph: an indented line after prose continues the prose.
_INDENTED_CODE = re.compile(r"^ {4}|^\t")
_FENCE = re.compile(r"^\s*(```|~~~)")
_KEPT = re.compile(r"^\s*(\||#|```|~~~)")  # table rows, headings and fences cannot wrap
_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)]) )(.*)$")
_QUOTE = re.compile(r"^(\s*>+ ?)(.*)$")
_NARROWEST = 20


@lru_cache(maxsize=8192)
def wrap(text: str, width: int = 80) -> str:
    """Rewraps prose paragraphs to `width`; in a paragraph with a list, quote, table or
    heading, only the lines longer than `width` (see _long_line). Code is kept as written."""
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
        return "\n".join(_long_line(line.rstrip(), width) for line in lines)
    return _fill(" ".join(line.strip() for line in lines).split(), width)


def _long_line(line: str, width: int) -> str:
    """A line of a structured paragraph longer than `width`, wrapped where Markdown reads the
    next lines as its continuation: a list item under its own text, a quote behind its `>`,
    prose at its own indentation. Table rows, headings and fences are kept as written."""
    if len(line) <= width or _KEPT.match(line):
        return line
    quote = _QUOTE.match(line)
    if quote:
        prefix, body = quote.groups()
        inner = _long_line(body, max(width - len(prefix), _NARROWEST))
        return prefix + inner.replace("\n", "\n" + prefix.rstrip() + " ")
    item = _LIST_ITEM.match(line)
    start, body = item.groups() if item else (line[:len(line) - len(line.lstrip())],
                                              line.lstrip())
    filled = _fill(body.split(), max(width - len(start), _NARROWEST))
    return start + filled.replace("\n", "\n" + " " * len(start))


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
