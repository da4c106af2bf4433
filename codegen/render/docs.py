"""Descriptions -> docstring text: prose paragraphs rewrapped, lists, tables and code kept."""

from __future__ import annotations

import re
import textwrap

_STRUCTURED = re.compile(r"^\s*([-*+] |\d+[.)] |\||>|```|~~~|#)|^ {4}|^\t")


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
        joined = " ".join(line.strip() for line in lines)
        out.append(textwrap.fill(joined, width=width, break_long_words=False,
                                 break_on_hyphens=False))
    return "\n\n".join(out)
