"""Type expressions -> Python annotations for one module and one side (response models or
request TypedDicts), collecting the imports they need."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ir import (
    Alias,
    Api,
    DictType,
    ListType,
    LiteralType,
    Model,
    Nullable,
    Prim,
    RefType,
    Side,
    TypeExpr,
    UnionType,
)
from ..naming import Names
from .filters import constant

TYPING = frozenset({"List", "Dict", "Optional", "Union", "Iterable", "Any", "TYPE_CHECKING",
                    "cast", "overload"})
TYPING_EXTENSIONS = frozenset({"Literal", "TypeAlias", "Annotated", "Required", "TypedDict"})
BUILTIN_PRIMS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "any": "object",
                 "bytes": "bytes"}


@dataclass
class Imports:
    """What a module imports, printed in three groups (stdlib, third party, the package)."""

    typing: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)  # 'builtins', 'datetime as _datetime'
    stdlib: dict[str, set[str]] = field(default_factory=dict)  # 'datetime' -> {'date'}
    third_party: set[str] = field(default_factory=set)  # 'httpx'
    field_info: bool = False  # `from pydantic import Field as FieldInfo`
    runtime: dict[str, set[str]] = field(default_factory=dict)  # runtime module -> names
    siblings: dict[str, tuple[str, str]] = field(default_factory=dict)  # local -> (module, name)

    def runtime_name(self, module: str, name: str) -> str:
        self.runtime.setdefault(module, set()).add(name)
        return name

    def std(self, module: str, name: str) -> str:
        self.stdlib.setdefault(module, set()).add(name)
        return name

    def merge_names(self, other: Imports) -> None:
        """Takes `other`'s typing, stdlib and runtime names (not its sibling types)."""
        self.typing |= other.typing
        self.modules |= other.modules
        self.third_party |= other.third_party
        self.field_info |= other.field_info
        for module, names in other.stdlib.items():
            self.stdlib.setdefault(module, set()).update(names)
        for module, names in other.runtime.items():
            self.runtime.setdefault(module, set()).update(names)

    def sibling_lines(self, prefix: str) -> list[str]:
        return self._sibling_lines(prefix)

    def lines(self, package_depth: str = "..", siblings: str = ".",
              with_siblings: bool = True) -> list[str]:
        stdlib = dict(self.stdlib)
        if self.typing & TYPING:
            stdlib["typing"] = stdlib.get("typing", set()) | (self.typing & TYPING)
        groups = [
            [f"import {m}" for m in sorted(self.modules)]
            + [f"from {m} import {', '.join(sorted(stdlib[m]))}" for m in sorted(stdlib)],
            [f"import {m}" for m in sorted(self.third_party)]
            + (["from pydantic import Field as FieldInfo"] if self.field_info else [])
            + self._extensions(),
            [f"from {package_depth}{m} import {', '.join(sorted(self.runtime[m]))}"
             for m in sorted(self.runtime)]
            + (self._sibling_lines(siblings) if with_siblings else []),
        ]
        out: list[str] = []
        for group in groups:
            if group:
                out += [*group, ""]
        return out[:-1]

    def _extensions(self) -> list[str]:
        names = sorted(self.typing & TYPING_EXTENSIONS)
        return [f"from typing_extensions import {', '.join(names)}"] if names else []

    def _sibling_lines(self, prefix: str) -> list[str]:
        by_module: dict[str, list[str]] = {}
        for local, (module, name) in self.siblings.items():
            by_module.setdefault(module, []).append(name if name == local else
                                                    f"{name} as {local}")
        return [f"from {prefix}{m} import {', '.join(sorted(by_module[m]))}"
                for m in sorted(by_module)]


@dataclass
class TypeWriter:
    api: Api
    names: Names
    side: Side
    module: str  # the module being written (its file stem under types/)
    local: dict[str, str]  # decl key -> class name, for declarations defined in this module
    imports: Imports = field(default_factory=Imports)
    defined: set[str] = field(default_factory=set)  # local keys already emitted above
    shadowed: frozenset[str] = frozenset()  # field names of the class being written
    quoted: list[str] = field(default_factory=list)  # forward references written so far
    reserved: frozenset[str] = frozenset()  # names an import must not take (it is aliased)

    def expr(self, t: TypeExpr) -> str:
        if isinstance(t, Prim):
            return self._prim(t.kind)
        if isinstance(t, LiteralType):
            return self._literal(t)
        if isinstance(t, ListType):
            return self._list(t)
        if isinstance(t, DictType):
            self.imports.typing.add("Dict")
            return f"Dict[{self._builtin('str')}, {self.expr(t.value)}]"
        if isinstance(t, Nullable):
            return self._optional(t.inner)
        if isinstance(t, UnionType):
            return self._union(t)
        return self.ref(t.target)

    def _prim(self, kind: str) -> str:
        if kind == "none":
            return "None"
        if kind in ("datetime", "date"):
            if self.side == Side.PARAM:
                self.imports.typing.add("Union")
                return f"Union[{self._builtin('str')}, {self._datetime(kind)}]"
            return self._datetime(kind)
        if kind == "file":
            if self.side == Side.PARAM:
                return self.imports.runtime_name("_param_types", "FileTypes")
            return self._builtin("str")
        return self._builtin(BUILTIN_PRIMS.get(kind, "object"))

    def _builtin(self, name: str) -> str:
        if name in self.shadowed:
            self.imports.modules.add("builtins")
            return f"builtins.{name}"
        return name

    def _datetime(self, kind: str) -> str:
        if kind in self.shadowed:
            self.imports.modules.add("datetime as _datetime")
            return f"_datetime.{kind}"
        return self.imports.std("datetime", kind)

    def _literal(self, t: LiteralType) -> str:
        if any(isinstance(v, float) for v in t.values):
            return self._builtin("float")  # PEP 586: no float literals
        self.imports.typing.add("Literal")
        return "Literal[" + ", ".join(constant(v) for v in t.values) + "]"

    def _list(self, t: ListType) -> str:
        if self.side == Side.PARAM:
            if t.item == Prim("str"):
                sequence = self.imports.runtime_name("_param_types", "SequenceNotStr")
                return f"{sequence}[{self._builtin('str')}]"
            self.imports.typing.add("Iterable")
            return f"Iterable[{self.expr(t.item)}]"
        self.imports.typing.add("List")
        return f"List[{self.expr(t.item)}]"

    def _optional(self, inner: TypeExpr) -> str:
        if isinstance(inner, UnionType) and not (inner.discriminator and self.side == Side.MODEL):
            self.imports.typing.add("Union")
            return "Union[" + ", ".join([self.expr(v) for v in inner.variants] + ["None"]) + "]"
        self.imports.typing.add("Optional")
        return f"Optional[{self.expr(inner)}]"

    def _union(self, t: UnionType) -> str:
        self.imports.typing.add("Union")
        body = "Union[" + ", ".join(self.expr(v) for v in t.variants) + "]"
        tag = self._discriminator_field(t) if self.side == Side.MODEL else None
        if tag is not None:
            self.imports.typing.add("Annotated")
            self.imports.field_info = True
            return f"Annotated[{body}, FieldInfo(discriminator={constant(tag)})]"
        return body

    def _discriminator_field(self, t: UnionType) -> str | None:
        """pydantic names the discriminator by the Python field, which naming may have made
        differ from the wire name (`t-t` -> `t_t`); all variants must agree on it."""
        if not t.discriminator:
            return None
        found = set()
        for variant in t.variants:
            key = variant.target if isinstance(variant, RefType) else None
            while key is not None:
                decl = self.api.decls.get(key)
                if not isinstance(decl, Model):
                    return None
                if any(f.wire_name == t.discriminator for f in decl.fields):
                    found.add(self.names.fields[(key, t.discriminator)])
                    break
                key = decl.base
            else:
                return None
        return found.pop() if len(found) == 1 else None

    # ---- references to declarations ----------------------------------------------------------

    def ref(self, key: str) -> str:
        if key in self.local:
            name = self.local[key]
            if key in self.defined:
                return name
            self.quoted.append(name)
            return constant(name)
        module, name = self.target(key)
        local = name
        existing = self.imports.siblings.get(local)
        if (existing is not None and existing != (module, name)) or local in self.reserved \
                or local in self.local.values():
            local = f"_{module}__{name}"
        self.imports.siblings[local] = (module, name)
        return local

    def target(self, key: str) -> tuple[str, str]:
        """(module under types/, class name) of a declaration as seen from this side."""
        return self.names.module_of(key, self.side)[1], self.names.class_of(key, self.side)


def is_model(api: Api, key: str) -> bool:
    return isinstance(api.decls.get(key), Model)


def is_alias(api: Api, key: str) -> bool:
    return isinstance(api.decls.get(key), Alias)
