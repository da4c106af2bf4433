"""Stage 1: a spec file -> plain dicts. JSON with the stdlib, YAML with libyaml's C loader.

Positions are not kept while loading (that would cost seconds on large specs);
`with_positions()` recovers lines and columns only when problems are reported.
YAML parses are cached by content hash as JSON (as fast to read as a JSON spec, and safe to
load) because libyaml is about 40x slower than JSON on large specs; the cache directory is safe
to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .cache import cache_dir
from .diagnostics import Diagnostic, FatalError, Severity
from .pointers import pointer_parts

MAX_SPEC_BYTES = 512 * 1024 * 1024


@lru_cache(maxsize=1)
def _spec_loader() -> type:
    """Safe loading where unquoted dates stay strings: a spec's examples and enums are text.
    Built on first use: a JSON spec never pays for importing yaml."""
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in base.yaml_implicit_resolvers.items()  # type: ignore[attr-defined]
    }
    return type("SpecLoader", (base,), {"yaml_implicit_resolvers": resolvers})


@dataclass(frozen=True)
class Document:
    path: str
    data: Any
    sha256: str


def _fatal(path: str, message: str, hint: str = "", line: int = 0, column: int = 0) -> FatalError:
    return FatalError(Diagnostic("", Severity.ERROR, message, hint, path, line, column))


def read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_SPEC_BYTES:
            raise _fatal(path, f"the file is {size // 2**20} MiB, over the limit of "
                         f"{MAX_SPEC_BYTES // 2**20} MiB", "split the spec or extract a subset "
                         "with `codegen extract`")
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise _fatal(path, "file not found", "check the path") from None
    except IsADirectoryError:
        raise _fatal(path, "is a directory, not a spec file") from None
    except PermissionError:
        raise _fatal(path, "permission denied when reading the file") from None


def _is_json(path: str, raw: bytes) -> bool:
    if path.endswith(".json"):
        return True
    if path.endswith((".yaml", ".yml")):
        return False
    return raw.lstrip()[:1] in (b"{", b"[")


def _normalise_keys(node: Any) -> Any:
    """YAML allows non-string keys (`200:`, `on:`); a JSON-shaped document has only strings."""
    if isinstance(node, dict):
        return {(k if isinstance(k, str) else _yaml_key(k)): _normalise_keys(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [_normalise_keys(v) for v in node]
    return node


def _yaml_key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _needs_key_fix(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if not isinstance(k, str):
                    return True
                stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def parse(path: str, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fatal(path, f"not UTF-8 text (byte {exc.start})", "save the spec as UTF-8") from None
    if _is_json(path, raw):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fatal(path, f"invalid JSON: {exc.msg}", "fix the syntax at that position",
                         exc.lineno, exc.colno) from None
    import yaml

    try:
        data = yaml.load(text, Loader=_spec_loader())  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "syntax error"
        raise _fatal(path, f"invalid YAML: {problem}", "fix the syntax at that position",
                     line, col) from None
    except yaml.YAMLError as exc:
        raise _fatal(path, f"invalid YAML: {exc}") from None
    return _normalise_keys(data) if _needs_key_fix(data) else data


def _cached_parse(path: str, raw: bytes, digest: str) -> Any:
    if _is_json(path, raw):
        return parse(path, raw)
    import yaml

    entry = cache_dir() / "specs" / f"{digest}-yaml{yaml.__version__}-v1.json"
    try:
        with open(entry, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        pass
    data = parse(path, raw)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temp = entry.with_suffix(f".{os.getpid()}.tmp")
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, allow_nan=False)
        os.replace(temp, entry)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs time
    return data


def load(path: str) -> Document:
    raw = read_bytes(path)
    digest = hashlib.sha256(raw).hexdigest()
    data = _cached_parse(path, raw, digest)
    return Document(path, data, digest)


def _child(node: Any, part: str) -> Any:
    if node.id == "mapping":  # yaml's node kinds, read without importing yaml again per step
        for key, value in node.value:
            if getattr(key, "value", None) == part:
                return value
    elif node.id == "sequence" and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)]
    return None


def with_positions(diagnostics: list[Diagnostic], path: str) -> list[Diagnostic]:
    """Adds file:line:column to diagnostics, composing the file once and only if needed."""
    if not diagnostics:
        return diagnostics
    import yaml

    try:
        text = read_bytes(path).decode("utf-8-sig", errors="replace")
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (FatalError, yaml.YAMLError):
        node = None
    out = []
    for diag in diagnostics:
        line = col = 0
        current = node
        for part in pointer_parts(diag.pointer):
            current = _child(current, part) if current is not None else None
        if current is not None and diag.pointer:
            mark = current.start_mark
            line, col = mark.line + 1, mark.column + 1
        out.append(Diagnostic(diag.pointer, diag.severity, diag.message, diag.hint,
                              diag.file or path, line, col))
    return out
