"""Schemas whose names become one class (`Address`/`address`, `RoleArn`/`RoleARN`): each group
is settled on its own, so the outcome depends only on the schemas in it, never on the rest of
the spec (adding an unrelated schema renames nothing).

In a group, the schemas are ordered by their original name; the first keeps the class, the
others get the first free numbered variant (`Address2`), and a warning names both schemas and
the config line that pins a name instead."""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Diagnostics
from ..ir import Api, component_of


def settle_schema_collisions(api: Api, wanted: dict[str, str], pins: Mapping[str, str],
                             diagnostics: Diagnostics) -> dict[str, str]:
    """`wanted` (root key -> class name) with the collisions between component schemas
    renamed; the renamed keys keep their order."""
    groups: dict[str, list[str]] = {}
    for key, name in wanted.items():
        if component_of(api.decls[key].hint) and key not in pins:
            groups.setdefault(name.lower(), []).append(key)
    # Names a schema wants as they are: a numbered variant never takes one of them.
    plain = {name.lower() for name in wanted.values()}
    out = dict(wanted)
    for keys in groups.values():
        if len(keys) > 1:
            _settle_group(api, sorted(keys, key=lambda k: _schema_name(api, k)), out, plain,
                          diagnostics)
    return out


def _settle_group(api: Api, keys: list[str], out: dict[str, str], plain: set[str],
                  diagnostics: Diagnostics) -> None:
    first, *others = keys
    name = out[first]
    n = 1
    for key in others:
        n += 1
        while _numbered(name, n).lower() in plain:
            n += 1
        out[key] = _numbered(name, n)
        a, b = _schema_name(api, first), _schema_name(api, key)
        diagnostics.warning(key, f"schemas '{a}' and '{b}' both become the Python class "
                            f"{name}; '{b}' is named {out[key]} (the other is at {first})",
                            f"to choose the name, pin it in codegen.yaml: `models: {{{b}: "
                            f"{out[key]}}}`")


def _numbered(name: str, n: int) -> str:
    """`Address2`; `Rate1_0_2` for a name that ends in a digit (`Rate102` would misread)."""
    return f"{name}_{n}" if name[-1].isdigit() else f"{name}{n}"


def _schema_name(api: Api, key: str) -> str:
    return component_of(api.decls[key].hint)
