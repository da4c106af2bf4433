"""Changes -> text for a terminal, Markdown for a pull-request comment, or JSON for tools.

Breaking changes come first in every format. The JSON form is stable: its keys and kinds only
ever grow (`format` says which version a reader gets)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict

from .compare import Change

FORMATS = ("text", "markdown", "json")
JSON_FORMAT = 1


def render(changes: Sequence[Change], fmt: str, old: str, new: str) -> str:
    if fmt == "json":
        return as_json(changes, old, new)
    if fmt == "markdown":
        return as_markdown(changes, old, new)
    return as_text(changes, old, new)


def headline(changes: Sequence[Change]) -> str:
    breaking = sum(1 for c in changes if c.breaking)
    if not changes:
        return "no API changes"
    return f"{breaking} breaking, {len(changes) - breaking} other API changes"


def counts_by_kind(changes: Sequence[Change]) -> dict[str, int]:
    return dict(sorted(Counter(c.kind for c in changes).items()))


def line(change: Change) -> str:
    """One change on one line: where, what, and whom it breaks."""
    whom = f" [breaks {', '.join(change.breaks)}]" if change.breaking else ""
    note = f" ({change.note})" if change.note else ""
    return f"{change.path}: {change.detail}{whom}{note}"


def _pointers(change: Change) -> str:
    if change.old and change.new and change.old != change.new:
        return f"{change.old} -> {change.new}"
    return change.new or change.old


def as_text(changes: Sequence[Change], old: str, new: str) -> str:
    out = [f"{old} -> {new}: {headline(changes)}"]
    for title, group in _groups(changes):
        out.append(f"\n{title}:")
        for change in group:
            out.append(f"  {line(change)}")
            out.append(f"      {change.kind} at {_pointers(change)}")
    if changes:
        kinds = ", ".join(f"{k} {n}" for k, n in counts_by_kind(changes).items())
        out.append(f"\nby kind: {kinds}")
    return "\n".join(out) + "\n"


def _groups(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    breaking = [c for c in changes if c.breaking]
    other = [c for c in changes if not c.breaking]
    return [(title, group) for title, group in (("Breaking", breaking), ("Other", other))
            if group]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(changes: Sequence[Change], old: str, new: str) -> str:
    out = [f"### Python API changes: {headline(changes)}", "",
           f"`{_cell(old)}` -> `{_cell(new)}`"]
    for title, group in _groups(changes):
        out += ["", f"#### {title} ({len(group)})", "",
                "| Python | change | breaks | kind | spec |", "|---|---|---|---|---|"]
        for c in group:
            detail = c.detail + (f" ({c.note})" if c.note else "")
            out.append(f"| `{_cell(c.path)}` | {_cell(detail)} | {', '.join(c.breaks) or '-'}"
                       f" | {c.kind} | `{_cell(_pointers(c))}` |")
    return "\n".join(out) + "\n"


def as_json(changes: Sequence[Change], old: str, new: str) -> str:
    breaking = sum(1 for c in changes if c.breaking)
    data = {"format": JSON_FORMAT, "old": old, "new": new,
            "counts": {"breaking": breaking, "other": len(changes) - breaking,
                       "by_kind": counts_by_kind(changes)},
            "changes": [{**asdict(c), "breaks": list(c.breaks), "breaking": c.breaking}
                        for c in changes]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def summary(changes: Sequence[Change], limit: int = 40) -> list[str]:
    """What `codegen generate` prints after writing: the headline, then the changes (breaking
    first), at most `limit` of them."""
    out = [headline(changes)]
    shown = list(changes)[:limit]
    out += [("  BREAKING " if c.breaking else "  ") + line(c) for c in shown]
    if len(changes) > limit:
        out.append(f"  ... and {len(changes) - limit} more (git diff the package's "
                   ".codegen-surface.json, or run `codegen diff OLD NEW`)")
    return out
