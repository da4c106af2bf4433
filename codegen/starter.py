"""`codegen init SPEC`: a starter codegen.yaml holding every name codegen derives (package,
client, the whole resource map with each method's endpoint, each component's class), with
comments, so that users rename things instead of writing them. Generating with it as written
gives byte for byte what generating without it gives: only names codegen would choose anyway
are pinned, and inline types, which a pin would move into a module of their own, are listed
as comments."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from .config import Config, PackageConfig, with_package
from .ir import Api, ComponentHint, InlineHint, Operation, OperationHint, Side
from .naming import Names
from .pipeline import Analysed
from .words import snake

_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_COMPONENT = "#/components/schemas/"


def default_package(spec: str) -> str:
    """A package name from the spec's file name: 'petstore-v2.yaml' -> 'petstore_v2'."""
    stem = re.sub(r"\.(ya?ml|json)$", "", spec.replace("\\", "/").rsplit("/", 1)[-1])
    name = snake(stem) or "api"
    return name if not name[0].isdigit() else "api_" + name


def starter_config(package: str) -> Config:
    return with_package(Config(package=PackageConfig()), package)


def _scalar(text: str) -> str:
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 3] + "..."


def render_starter(spec: str, analysed: Analysed, package: str) -> str:
    api, names = analysed.api, analysed.names
    out = [
        f"# codegen.yaml for {Path(spec).name}, written by `codegen init`: every name below is",
        "# the one codegen derives by itself, so generating with this file as it is gives the",
        "# same package as generating without it. Rename what you like; README.md, section",
        "# 'Configuration', lists every key.",
        "package:",
        f"  name: {package}",
        "  version: 0.1.0",
        f"  # title: {_scalar(api.title or package)}",
        "client:",
        "  name: Client",
        "  async_name: AsyncClient",
        f"  # api_key_env: {package.upper()}_API_KEY",
        f"  # base_url_env: {package.upper()}_BASE_URL",
    ]
    out += _resources(api, names)
    out += _models(api, names)
    return "\n".join(out) + "\n"


def _resources(api: Api, names: Names) -> list[str]:
    by_resource = names.operations_by_resource(api)
    if not by_resource:
        return []
    types = _operation_types(api, names)
    out = ["resources:  # client.<resource>.<method>(...): method name -> endpoint"]
    paths = sorted({path[:i] for path in by_resource for i in range(1, len(path) + 1)})
    for path in paths:
        indent = " " * (2 + 4 * (len(path) - 1))
        if len(path) > 1 and _first_child(paths, path):
            out.append(f"{indent[:-2]}subresources:")
        out.append(f"{indent}{path[-1]}:  # client.{names.resources[path].display}")
        ops = by_resource.get(path, [])
        if ops:
            out.append(f"{indent}  methods:")
            out += [f"{indent}    {line}" for line in _method_lines(api, names, ops, types)]
    return out


def _first_child(paths: list[tuple[str, ...]], path: tuple[str, ...]) -> bool:
    siblings = [p for p in paths if len(p) == len(path) and p[:-1] == path[:-1]]
    return siblings[0] == path


def _method_lines(api: Api, names: Names, ops: Iterable[Operation],
                  types: dict[str, list[str]]) -> list[str]:
    out = []
    for op in ops:
        endpoint = json.dumps(f"{op.method} {op.path}")
        what = [_comment(op.summary, 50)] if op.summary else []
        if types.get(op.key):
            what.append(f"(types: {', '.join(types[op.key])})")
        comment = f"  # {' '.join(what)}" if what else ""
        out.append(f"{names.methods[op.key]}: {endpoint}{comment}")
    return out


def _operation_types(api: Api, names: Names) -> dict[str, list[str]]:
    """Operation key -> the classes named after its method (params, response, events)."""
    out: dict[str, list[str]] = {}
    for key, decl in api.decls.items():
        hint = decl.hint
        if isinstance(hint, OperationHint) and names.types.roots.get(key) == key:
            side = Side.PARAM if key in names.types.params_roots else Side.MODEL
            out.setdefault(hint.operation, []).append(names.class_of(key, side))
    return out


def _models(api: Api, names: Names) -> list[str]:
    components, inline = [], []
    for key, decl in api.decls.items():
        if key not in names.types.classes:
            continue
        name = names.types.classes[key]
        if isinstance(decl.hint, ComponentHint) and key.startswith(_COMPONENT) and \
                names.types.roots.get(key) == key and "/" not in key[len(_COMPONENT):]:
            components.append(f"  {_scalar(key[len(_COMPONENT):])}: {name}")
        elif isinstance(decl.hint, InlineHint) and key.startswith(_COMPONENT):
            inline.append(f"  # {_scalar(key[len(_COMPONENT):])}: {name}")
    if not components and not inline:
        return []
    out = ["models:  # component schema -> class name"]
    out += components
    if inline:
        out += ["  # Inline types, named after their place in their parent (a pin also moves",
                "  # the type into a module of its own):"] + inline
    return out
