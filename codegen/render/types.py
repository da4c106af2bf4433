"""types/: one module per named type (response models and request TypedDicts) and the
package's lazy `types/__init__.py`."""

from __future__ import annotations

import keyword

from ..ir import Alias, Api, DictType, Field, Model, Nullable, Side, TypeExpr, all_fields
from ..naming import Names
from .filters import constant
from .modules import ModulePlan
from .text import wrap
from .typewriter import TypeWriter
from .views import FieldView, ItemView, ModuleView


def public_types(names: Names, plans: list[ModulePlan]) -> dict[str, str]:
    """Exported class name -> module, for types/__init__.py: module roots only (inline types
    stay in their module's namespace)."""
    out: dict[str, str] = {}
    for plan in sorted(plans, key=lambda p: p.name):
        for root in plan.roots:  # a request-side module exports its twins and params
            if plan.side is Side.MODEL or root in names.types.twin_classes \
                    or root in names.types.params_roots:
                out.setdefault(names.class_of(root, plan.side), plan.name)
    return dict(sorted(out.items()))


def module_view(api: Api, names: Names, plan: ModulePlan) -> ModuleView:
    if plan.home:
        return ModuleView(False, (), tuple(plan.exports), (), (), plan.home)
    local = {k: names.class_of(k, plan.side) for k in plan.members}
    writer = TypeWriter(api, names, plan.side, plan.name, local)
    items = []
    forward: list[str] = []
    rebuilt: set[str] = set()
    for key in plan.members:
        before = len(writer.quoted)
        items.append(_item(api, names, writer, key, local[key]))
        writer.defined.add(key)
        decl = api.decls[key]
        # A subclass of a class with forward references inherits them unresolved: another
        # module subclassing it would resolve them in its own namespace, where they fail.
        if isinstance(decl, Model) and plan.side == Side.MODEL and (
                len(writer.quoted) > before or decl.base in rebuilt):
            forward.append(local[key])
            rebuilt.add(key)
    exports = tuple(sorted({local[k] for k in plan.members}))
    return ModuleView(plan.side == Side.PARAM, tuple(writer.imports.lines()), exports, tuple(items),
                      tuple(forward))


def _item(api: Api, names: Names, writer: TypeWriter, key: str, name: str) -> ItemView:
    decl = api.decls[key]
    doc = wrap(decl.doc)
    if isinstance(decl, Alias):
        writer.imports.typing.add("TypeAlias")
        return ItemView("alias", name, "", doc, annotation=writer.expr(decl.type))
    if writer.side == Side.MODEL:
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
    extra = writer.expr(DictType(decl.extra)) if decl.extra is not None else ""
    if extra:
        writer.imports.typing.add("TYPE_CHECKING")
    writer.shadowed = frozenset()
    base = writer.ref(decl.base) if decl.base else writer.imports.runtime_name("_models",
                                                                               "BaseModel")
    return ItemView("model", name, base, doc, tuple(views), extra=extra)


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
    bases = ""
    if decl.base and not functional:
        bases = writer.ref(decl.base)
    elif decl.base:  # the functional form cannot inherit: it lists the base's keys too
        fields = [f for f in all_fields(api.decls, decl) if not f.read_only]
    views = []
    for f in fields:
        annotation = writer.expr(f.type)
        if f.required:
            writer.imports.typing.add("Required")
            annotation = f"Required[{annotation}]"
        key = constant(f.wire_name) if functional else f.wire_name
        views.append(FieldView(key, annotation, "", _field_doc(f)))
    if functional or not bases:  # a subclass of a params TypedDict names only its base
        writer.imports.typing.add("TypedDict")
    return ItemView("typeddict_functional" if functional else "typeddict", name,
                    bases or "TypedDict", doc, tuple(views))


def _field_doc(f: Field) -> str:
    text = f.doc
    if f.deprecated:
        text = ("Deprecated. " + text).strip()
    return wrap(text, 76)
