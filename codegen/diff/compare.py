"""Two surfaces -> the changes of the Python API, each saying whether it breaks and whom.

Rules beyond the obvious ones:
- A class whose name changed but whose schema (declaration key) and side did not is renamed,
  and references to it elsewhere count as unchanged; so is a class that went while one with
  the same fields came (a schema renamed in the spec). Likewise one argument that went and
  one that came in the same place with the same type are one renamed argument.
- An enum value or union variant added to a response type breaks nobody: the package's parser
  keeps what it does not know (a note says so); a removed one breaks callers that send it.
- A method's Params TypedDict is compared as the method's arguments, not twice.
- A method whose path changed but whose endpoint did not is moved (breaking callers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .changes import CALLERS, READERS, Change, Side, type_changes
from .classes import compare_classes, renamed_classes
from .surface import Arg, Method, Returns, Surface, Term
from .terms import renamed, spell

__all__ = ["Change", "compare"]


def compare(old: Surface, new: Surface) -> list[Change]:
    """Every change from old to new, breaking ones first, then by path."""
    renames = renamed_classes(old, new)
    changes = _methods(old, new, renames) + compare_classes(old, new, renames)
    return sorted(changes, key=lambda c: (not c.breaking, c.path, c.kind, c.detail))


# ---- methods ---------------------------------------------------------------------------------

def _call(method: Method, inside: str = "") -> str:
    return f"client.{method.path}({inside})"


def _methods(old: Surface, new: Surface, renames: Mapping[str, str]) -> list[Change]:
    out: list[Change] = []
    new_at = {m.endpoint: m for m in new.methods.values()}
    pairs: list[tuple[Method, Method]] = []
    for path, m in old.methods.items():
        moved = new_at.get(m.endpoint)
        if path in new.methods:
            pairs.append((m, new.methods[path]))
        elif moved is not None and moved.path not in old.methods:
            out.append(Change("method_moved", _call(m), f"now {_call(moved)}", (CALLERS,),
                              m.pointer, moved.pointer))
            pairs.append((m, moved))
        else:
            out.append(Change("method_removed", _call(m), f"removed (was {m.endpoint})",
                              (CALLERS,), m.pointer))
    paired = {n.path for _, n in pairs}
    for path, n in new.methods.items():
        if path not in old.methods and path not in paired:
            out.append(Change("method_added", _call(n), f"new method for {n.endpoint}",
                              new=n.pointer))
    for m, n in pairs:
        out += _method_changes(m, n, renames)
        out += _returns(_Returned(m, old), _Returned(n, new), renames)
    return out


def _method_changes(m: Method, n: Method, renames: Mapping[str, str]) -> list[Change]:
    out: list[Change] = []
    if n.deprecated and not m.deprecated:
        out.append(Change("method_deprecated", _call(n), "deprecated", (), m.pointer, n.pointer))
    if m.endpoint != n.endpoint:
        out.append(Change("method_endpoint", _call(n), f"now calls {n.endpoint} (was "
                          f"{m.endpoint})", (), m.pointer, n.pointer))
    out += _arguments(m, n, renames)
    return out


def _arguments(m: Method, n: Method, renames: Mapping[str, str]) -> list[Change]:
    olds = {(a.location, a.wire): a for a in m.args}
    news = {(a.location, a.wire): a for a in n.args}
    pairs = _paired_arguments(olds, news, renames)
    out: list[Change] = []
    for key, a in olds.items():
        b = pairs.get(key)
        if b is None:
            out.append(Change("argument_removed", _arg_path(m, a), "removed", (CALLERS,),
                              a.pointer))
        else:
            out += _argument(n, a, b, renames)
    matched = {(b.location, b.wire) for b in pairs.values()}
    for key, b in news.items():
        if key not in matched:
            out.append(Change("argument_added", _arg_path(n, b),
                              f"new {'required' if b.required else 'optional'} argument: "
                              f"{spell(b.type, True)}", (CALLERS,) if b.required else (),
                              new=b.pointer))
    return out


def _paired_arguments(olds: dict[tuple[str, str], Arg], news: dict[tuple[str, str], Arg],
                      renames: Mapping[str, str]) -> dict[tuple[str, str], Arg]:
    """Old argument key -> the new argument it became: the same wire name and place; else the
    same Python name (it moved on the wire, query -> body: the same to its callers); else, when
    one argument went and one came in the same place with the same type, a renamed one."""
    pairs = {key: news[key] for key in olds if key in news}
    left = {k: a for k, a in olds.items() if k not in pairs}
    fresh = {k: b for k, b in news.items() if k not in olds}
    by_name = {b.name: b for b in fresh.values()}
    for key, a in list(left.items()):
        if a.name in by_name:
            pairs[key] = by_name.pop(a.name)
            del left[key]
    unused = [b for b in by_name.values()]
    for key, a in left.items():
        same = [b for b in unused if b.location == a.location and b.positional == a.positional
                and b.type == renamed(a.type, renames)]
        alike = [o for o in left.values() if o.location == a.location
                 and renamed(o.type, renames) == renamed(a.type, renames)]
        if len(same) == 1 and len(alike) == 1:
            pairs[key] = same[0]
            unused.remove(same[0])
    return pairs


def _arg_path(method: Method, arg: Arg) -> str:
    return _call(method, arg.name if arg.positional else f"{arg.name}=...")


def _argument(n: Method, a: Arg, b: Arg, renames: Mapping[str, str]) -> list[Change]:
    path = _arg_path(n, b)
    out: list[Change] = []

    def change(kind: str, detail: str, breaking: bool) -> None:
        out.append(Change(kind, path, detail, (CALLERS,) if breaking else (), a.pointer,
                          b.pointer))

    if a.name != b.name:
        change("argument_renamed", f"renamed from {a.name}", True)
    if a.positional != b.positional:
        change("argument_positional", "now positional" if b.positional else "now keyword-only",
               True)
    if a.required != b.required:
        change("argument_required" if b.required else "argument_optional",
               "now required" if b.required else "now optional", b.required)
    out += type_changes(path, a.type, b.type, Side(True, False), renames, (a.pointer,
                                                                             b.pointer))
    return out


@dataclass(frozen=True)
class _Returned:
    """What a method returns, with type aliases looked through (a method's plain `int` and an
    alias of it are the same to its readers)."""

    method: Method
    surface: Surface

    @property
    def returns(self) -> Returns:
        r = self.method.returns
        return Returns(r.kind, self._plain(r.type), self._plain(r.event), r.selector)

    def _plain(self, term: Term) -> Term:
        for _ in range(8):  # an alias of an alias ...; cycles end here
            target = self.surface.classes.get(term["ref"]) if isinstance(term, dict) and \
                "ref" in term else None
            if target is None or target.form != "alias":
                break
            term = target.alias
        return term


def _returns(m: _Returned, n: _Returned, renames: Mapping[str, str]) -> list[Change]:
    old, new = m.returns, n.returns
    path, pointers = _call(n.method), (m.method.pointer, n.method.pointer)
    if old.kind != new.kind:
        return [Change("method_kind", path, f"returns {_kind(new)}, was {_kind(old)}",
                       (READERS,), *pointers)]
    out = type_changes(path, old.type, new.type, Side(False, True), renames, pointers,
                        "method_returns") if old.type is not None and new.type is not None \
        else []
    if (old.event is None) != (new.event is None) or old.selector != new.selector:
        out.append(Change("method_stream", path, _stream_detail(old, new),
                          (CALLERS,) if old.event is not None and (
                              new.event is None or old.selector) else (), *pointers))
    elif old.event is not None and new.event is not None:
        out += type_changes(path + " events", old.event, new.event, Side(False, True),
                             renames, pointers, "method_returns")
    return out


def _kind(returns: Returns) -> str:
    what = {"json": "a JSON body", "page": "pages", "stream": "a stream of events",
            "binary": "a BinaryResponse", "text": "str", "none": "None"}[returns.kind]
    if returns.kind in ("json", "page") and returns.type is not None:
        what += f" ({spell(returns.type)})"
    return what


def _stream_detail(old: Returns, new: Returns) -> str:
    if new.event is None:
        return "no longer streams"
    if old.event is None:
        return f"can stream now ({new.selector}=True)" if new.selector else "streams now"
    return f"the stream is now asked for by {new.selector or 'nothing'} (was {old.selector})"

