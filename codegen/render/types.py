"""types/: one module per named type (response models and request TypedDicts) and the
package's lazy `types/__init__.py`."""

from __future__ import annotations

import keyword
from dataclasses import dataclass

from ..ir import Alias, Api, Field, Model, Nullable, TypeExpr
from ..naming import Names
from .filters import constant
from .modules import ModulePlan
from .text import wrap
from .typewriter import MODEL, PARAM, TypeWriter


@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: str
    default: str  # the text after the annotation: "", " = None", ' = FieldInfo(alias="x")'
    doc: str


@dataclass(frozen=True)
class ItemView:
    kind: str  # model, typeddict, typeddict_functional, alias
    name: str
    bases: str
    doc: str
    fields: tuple[FieldView, ...] = ()
    annotation: str = ""


@dataclass(frozen=True)
class ModuleView:
    future_annotations: bool
    imports: tuple[str, ...]
    exports: tuple[str, ...]
    items: tuple[ItemView, ...]
    rebuild: tuple[str, ...]
    home: str = ""  # for a module whose types live in a merged home module


def public_types(names: Names, plans: list[ModulePlan]) -> dict[str, str]:
    """Exported class name -> module, for types/__init__.py (roots only, like openai-python)."""
    out: dict[str, str] = {}
    for plan in sorted(plans, key=lambda p: p.name):
        if plan.side == PARAM:
            root_names = [names.twin_classes.get(r) or names.classes[r] for r in plan.roots
                          if r in names.twin_classes or r in names.params_roots]
        else:
            root_names = [names.classes[r] for r in plan.roots]
        for name in root_names:
            out.setdefault(name, plan.name)
    return dict(sorted(out.items()))


def module_view(api: Api, names: Names, plan: ModulePlan) -> ModuleView:
    if plan.home:
        return ModuleView(False, (), tuple(plan.exports), (), (), plan.home)
    local = {k: _local_name(names, plan.side, k) for k in plan.members}
    writer = TypeWriter(api, names, plan.side, plan.name, local)
    items = []
    forward: list[str] = []
    for key in plan.members:
        before = len(writer.quoted)
        items.append(_item(api, names, writer, key, local[key]))
        writer.defined.add(key)
        decl = api.decls[key]
        if isinstance(decl, Model) and plan.side == MODEL and len(writer.quoted) > before:
            forward.append(local[key])
    exports = tuple(sorted({local[k] for k in plan.members}))
    return ModuleView(plan.side == PARAM, tuple(writer.imports.lines()), exports, tuple(items),
                      tuple(forward))


def _local_name(names: Names, side: str, key: str) -> str:
    root = names.roots[key]
    if side == PARAM and key == root and root in names.twin_classes:
        return names.twin_classes[root]
    return names.classes[key]


def _item(api: Api, names: Names, writer: TypeWriter, key: str, name: str) -> ItemView:
    decl = api.decls[key]
    doc = wrap(decl.doc)
    if isinstance(decl, Alias):
        writer.imports.typing.add("TypeAlias")
        return ItemView("alias", name, "", doc, annotation=writer.expr(decl.type))
    if writer.side == MODEL:
        return _model(api, names, writer, decl, name, doc)
    return _typeddict(api, names, writer, decl, name, doc)


def _model(api: Api, names: Names, writer: TypeWriter, decl: Model, name: str,
           doc: str) -> ItemView:
    fields = [f for f in decl.fields if not f.write_only]
    py_names = {f.wire_name: names.fields[(decl.key, f.wire_name)] for f in fields}
    writer.shadowed = frozenset(py_names.values())
    views = []
    for f in fields:
        annotation = writer.expr(_model_type(f))
        views.append(FieldView(py_names[f.wire_name], annotation,
                               _model_default(writer, f, py_names[f.wire_name]), _field_doc(f)))
    writer.shadowed = frozenset()
    base = writer.ref(decl.base) if decl.base else writer.imports.runtime_name("_models",
                                                                               "BaseModel")
    return ItemView("model", name, base, doc, tuple(views))


def _model_type(f: Field) -> TypeExpr:
    if f.required and not isinstance(f.type, Nullable):
        return f.type
    return f.type if isinstance(f.type, Nullable) else Nullable(f.type)


def _model_default(writer: TypeWriter, f: Field, py_name: str) -> str:
    optional = not f.required or isinstance(f.type, Nullable)
    if py_name == f.wire_name:
        return " = None" if optional else ""
    writer.imports.field_info = True
    default = "default=None, " if optional else ""
    return f" = FieldInfo({default}alias={constant(f.wire_name)})"


def _typeddict(api: Api, names: Names, writer: TypeWriter, decl: Model, name: str,
               doc: str) -> ItemView:
    fields = [f for f in decl.fields if not f.read_only]
    functional = not all(f.wire_name.isidentifier() and not keyword.iskeyword(f.wire_name)
                         and f.wire_name.isascii() for f in fields)
    base_fields: list[Field] = []
    bases = ""
    if decl.base and not functional:
        bases = writer.ref(decl.base)
    elif decl.base:
        base_fields = _inherited(api, decl)
    views = []
    for f in base_fields + fields:
        annotation = writer.expr(f.type)
        if f.required:
            writer.imports.typing.add("Required")
            annotation = f"Required[{annotation}]"
        key = constant(f.wire_name) if functional else f.wire_name
        views.append(FieldView(key, annotation, "", _field_doc(f)))
    if functional or not bases:  # a subclass of a params TypedDict names only its base
        writer.imports.typing.add("TypedDict")
    kind = "typeddict_functional" if functional else "typeddict"
    return ItemView(kind, name, bases or "TypedDict", doc, tuple(views))


def _inherited(api: Api, decl: Model) -> list[Field]:
    out: list[Field] = []
    base = decl.base
    while base and isinstance(api.decls.get(base), Model):
        parent = api.decls[base]
        assert isinstance(parent, Model)
        out = [f for f in parent.fields if not f.read_only] + out
        base = parent.base
    return out


def _field_doc(f: Field) -> str:
    text = f.doc
    if f.deprecated:
        text = ("Deprecated. " + text).strip()
    return wrap(text, 76)
