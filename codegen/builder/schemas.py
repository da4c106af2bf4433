"""Schema -> type expression, registering named declarations (models and aliases) on the way.

The one place that knows JSON Schema: nullability in all three spellings, const and enums,
open enums, oneOf/anyOf unions, allOf, arrays and maps. Problems become diagnostics and the
closest safe type (`object`), never exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import (
    ANY,
    MISSING,
    NONE,
    Alias,
    ComponentHint,
    Decl,
    DictType,
    Field,
    InlineHint,
    ListType,
    LiteralType,
    Model,
    NameHint,
    Nullable,
    OperationHint,
    Prim,
    PrimKind,
    RefType,
    TypeExpr,
    UnionType,
    nested,
    path_of,
)
from ..pointers import pointer_join, pointer_parts
from ..refs import RefError, Resolver, ref_of, resolve_chain, split_siblings
from ..words import pascal_words
from . import allof
from .shapes import (
    children_hint,
    composition,
    description_of,
    example_of,
    extra_values,
    implied_type,
    is_map,
    is_null_schema,
    is_object,
    is_open_enum,
    json_kind,
    nullable,
    only_keys,
    open_enum,
    required_names,
    schema_title,
    singular_path,
    union_of,
    variant_label,
)
from .values import constraints

STRING_FORMATS: dict[str, PrimKind] = {"date-time": "datetime", "date": "date", "binary": "file"}
SIMPLE_TYPES: dict[str, PrimKind] = {"integer": "int", "number": "float", "boolean": "bool",
                                     "null": "none"}
# Keywords that narrow what validates but that no Python type expresses: ignored, reported.
UNSUPPORTED = ("not", "if", "then", "else", "dependentSchemas", "unevaluatedItems", "contains",
               "propertyNames")
SCALARS = (str, int, float, bool)


@dataclass
class SchemaBuilder:
    resolver: Resolver
    diagnostics: Diagnostics
    decls: dict[str, Decl] = field(default_factory=dict)
    # Components whose schema allows null at the top: every reference to them is Optional.
    nullable_keys: set[str] = field(default_factory=set)
    in_progress: set[str] = field(default_factory=set)
    # Components referred to but not built yet: building them on the spot would recurse once
    # per link of a reference chain, and real specs have chains thousands of links long.
    pending: list[str] = field(default_factory=list)
    _failed: set[str] = field(default_factory=set)
    # Pointers whose schema is being typed as the body of the alias declared for it: a union
    # or an object found there is that alias itself, not a declaration of its own.
    bodies: set[str] = field(default_factory=set)

    # ---- named declarations ------------------------------------------------------------------

    def reference(self, key: str, hint: NameHint) -> TypeExpr:
        """The type a reference to `key` stands for. A component is built later (its name is
        all a reference needs); anything else is built now."""
        if self._is_component(key) and key not in self.decls and key not in self._failed \
                and not isinstance(hint, OperationHint):
            try:
                _, _, nullable = self._strip_null(key, self.resolver.node_at(key))
            except RefError as exc:
                self._failed.add(key)
                self.diagnostics.error(key, str(exc), exc.hint)
                return ANY
            if nullable:
                self.nullable_keys.add(key)
            self.pending.append(key)
            return Nullable(RefType(key)) if nullable else RefType(key)
        return self.declare_now(key, hint)

    def build_pending(self) -> None:
        while self.pending:
            self.declare_now(self.pending.pop(), InlineHint())

    def declare_now(self, key: str, hint: NameHint) -> TypeExpr:
        """Builds the declaration of `key` now (once) and returns the type a reference to it
        stands for."""
        if key in self._failed:
            return ANY
        if key not in self.decls and key not in self.in_progress:
            if self._is_component(key):
                name = pointer_parts("#" + key.partition("#")[2])[2]
                hint = replace(hint, component=name) if isinstance(hint, OperationHint) \
                    else ComponentHint(name, schema_title(self.resolver, key))
            self.in_progress.add(key)
            try:
                node = self.resolver.node_at(key)
                self._declare(key, node, hint)
            except RefError as exc:
                self._failed.add(key)
                self.diagnostics.error(key, str(exc), exc.hint)
                return ANY
            finally:
                self.in_progress.discard(key)
        target: TypeExpr = RefType(key)
        if key in self.decls and isinstance(self.decls[key], Alias):
            inner = self.decls[key].type  # type: ignore[union-attr]
            if isinstance(inner, (Prim, LiteralType)) and not self._is_component(key):
                target = inner  # an inline scalar needs no name of its own
        return Nullable(target) if key in self.nullable_keys else target

    def _doc(self, key: str, node: Any) -> str:
        _, inner, _ = self._strip_null(key, node)
        return description_of(node) or (description_of(inner) if inner is not node else "")

    def _declare(self, key: str, node: Any, hint: NameHint) -> None:
        at, inner, nullable = self._strip_null(key, node)
        doc = self._doc(key, node)
        if nullable:
            self.nullable_keys.add(key)
        if isinstance(inner, dict) and is_object(inner) and ref_of(inner) is None:
            if "allOf" in inner:
                self.decls[key] = allof.build_model(self, key, inner, hint, doc, at)
            elif inner.get("properties") or self._is_component(key) and not is_map(inner):
                self.decls[key] = self.model(key, inner, hint, doc, at=at)
            else:
                self.decls[key] = Alias(key, hint, doc,
                                        self._object_type(at, inner, children_hint(hint, key)))
            return
        if isinstance(inner, dict) and ref_of(inner) is not None:
            try:
                resolve_chain(self.resolver, at, inner)
            except RefError as exc:
                self.diagnostics.error(at, str(exc), exc.hint)
                self.decls[key] = Alias(key, hint, doc, ANY)
                return
        # Register first so that recursive references resolve to this alias.
        self.decls[key] = Alias(key, hint, doc, ANY)
        self.bodies.add(at)
        try:
            body = self.type_of(at, inner, children_hint(hint, key)) if inner is not None else ANY
        finally:
            self.bodies.discard(at)
        self.decls[key] = Alias(key, hint, doc, body)

    def _strip_null(self, key: str, node: Any) -> tuple[str, Any, bool]:
        """A schema spelled 'X or null' declares X; references to it carry the Optional.

        Returns (pointer of X, X, whether null was allowed)."""
        if not isinstance(node, dict):
            return key, node, False
        variants_key = "anyOf" if "anyOf" in node else "oneOf" if "oneOf" in node else None
        if variants_key and only_keys(node, {variants_key, "description", "title", "default",
                                              "example", "examples", "nullable"}):
            variants = node[variants_key]
            rest = [(i, v) for i, v in enumerate(variants) if not is_null_schema(v)] \
                if isinstance(variants, list) else []
            if len(rest) == 1 and len(rest) < len(variants) and ref_of(rest[0][1]) is None:
                return pointer_join(key, variants_key, rest[0][0]), rest[0][1], True
        if node.get("nullable") is True and is_object(node):
            return key, node, True
        types = node.get("type")
        if isinstance(types, list) and "null" in types and is_object(node):
            return key, node, True
        return key, node, False

    def model(self, key: str, node: dict[str, Any], hint: NameHint, doc: str,
              base: str | None = None, at: str = "") -> Model:
        at = at or key
        fields = tuple(self.fields(key, node, hint, at))
        extra = self._additional(key, node, hint, at)
        self._report_unsupported(at, node)
        return Model(key, hint, doc, fields, base, extra)

    def fields(self, key: str, node: dict[str, Any], hint: NameHint, at: str = "",
               in_allof: bool = False) -> list[Field]:
        """Fields of an object schema found at pointer `at`, owned by declaration `key`.

        In an allOf member, `required` may name properties of the other members."""
        at = at or key
        props = node.get("properties") or {}
        if not isinstance(props, dict):
            self.diagnostics.warning(pointer_join(at, "properties"),
                                     "properties must be a mapping; ignored")
            return []
        required = required_names(node, at, self.diagnostics)
        seen_required: set[str] = set()
        for name in required:
            if name in seen_required:
                self.diagnostics.warning(pointer_join(at, "required"),
                                         f"'{name}' is listed twice in required")
            elif name not in props and not in_allof:
                self.diagnostics.warning(pointer_join(at, "required"),
                                         f"'{name}' is required but not a property; ignored")
            seen_required.add(name)
        out = []
        for name, schema in props.items():
            pointer = pointer_join(at, "properties", name)
            child_hint = nested(hint, key, (*path_of(hint), *pascal_words(name)))
            out.append(self.field(pointer, str(name), schema, name in seen_required, child_hint))
        return out

    def field(self, pointer: str, name: str, schema: Any, required: bool,
              hint: NameHint) -> Field:
        ftype = self.type_of(pointer, schema, hint)
        node = schema if isinstance(schema, dict) else {}
        doc = description_of(node) or self._target_description(pointer, node)
        return Field(
            wire_name=name, type=ftype, required=required, pointer=pointer, doc=doc,
            default=node.get("default", MISSING), constraints=constraints(node),
            deprecated=bool(node.get("deprecated")), read_only=bool(node.get("readOnly")),
            write_only=bool(node.get("writeOnly")), example=example_of(node),
        )

    def _target_description(self, pointer: str, node: dict[str, Any]) -> str:
        found = ref_of(node)
        if found is None or found[0] != "$ref":
            return ""
        try:
            target = self.resolver.target_of(found[1], pointer)
        except RefError:
            return ""
        decl = self.decls.get(target)
        return decl.doc if decl is not None else self._doc(target, self.resolver.node_at(target))

    def _additional(self, key: str, node: dict[str, Any], hint: NameHint,
                    at: str) -> TypeExpr | None:
        """The type of additional properties beside the declared ones, when the spec gives
        one (`false`, `true` and `{}` add nothing a model with extra="allow" lacks)."""
        found = extra_values(node)
        if not found:
            return None
        ap_hint = nested(hint, key, (*path_of(hint), "AdditionalProperty"))
        return union_of([self.type_of(pointer_join(at, *path), schema, ap_hint)
                         for path, schema in found])

    # ---- type expressions --------------------------------------------------------------------

    def type_of(self, pointer: str, node: Any, hint: NameHint) -> TypeExpr:
        if node is True or node == {}:
            return ANY
        if not isinstance(node, dict):
            if node is False:
                self.diagnostics.warning(pointer, "schema `false` accepts nothing; typed as "
                                         "object")
            else:
                self.diagnostics.error(pointer, f"a schema must be an object, got "
                                       f"{type(node).__name__}; typed as object")
            return ANY
        if ref_of(node) is not None:
            return self._reference(pointer, node, hint)
        result = self._non_null(pointer, node, hint)
        return nullable(result) if node.get("nullable") is True else result

    def _reference(self, pointer: str, node: dict[str, Any], hint: NameHint) -> TypeExpr:
        keyword, value = ref_of(node)  # type: ignore[misc]
        notes, shape = split_siblings(node)
        try:
            target = (self.resolver.dynamic_target(pointer) if keyword != "$ref"
                      else self.resolver.target_of(value, pointer))
        except RefError as exc:
            self.diagnostics.error(pointer_join(pointer, keyword), str(exc), exc.hint)
            return ANY
        if shape:
            # `$ref` beside structural keywords means both apply: an allOf of the two.
            merged = {"allOf": [{"$ref": target}, shape], **notes}
            return self.type_of(pointer, merged, hint)
        result = self.reference(target, self._hint_for(target, hint))
        return nullable(result) if notes.get("nullable") is True else result

    def _hint_for(self, target: str, fallback: NameHint) -> NameHint:
        file, _, local = target.partition("#")
        parts = pointer_parts("#" + local)
        if len(parts) >= 3 and parts[:2] == ["components", "schemas"]:
            if len(parts) == 3:
                return ComponentHint(parts[2], schema_title(self.resolver, target))
            # A reference into a component's inside: build the component so that the inner
            # declaration gets its place (and name) in that component's module.
            self.declare_now(pointer_join(file + "#", *parts[:3]), ComponentHint(parts[2]))
        if self.decls.get(target):
            return self.decls[target].hint
        return fallback

    def _is_component(self, key: str) -> bool:
        parts = pointer_parts("#" + key.partition("#")[2])
        return len(parts) == 3 and parts[:2] == ["components", "schemas"]

    def _non_null(self, pointer: str, node: dict[str, Any], hint: NameHint) -> TypeExpr:
        self._report_unsupported(pointer, node)
        if "const" in node:
            return self._literal(pointer, [node["const"]])
        if "enum" in node and isinstance(node["enum"], list) and node["enum"]:
            return self._literal(pointer, node["enum"])
        keyword = composition(node)
        if keyword is not None:
            if node.get("properties"):
                self.diagnostics.warning(pointer_join(pointer, "properties"),
                                         f"properties beside {keyword} are not merged into "
                                         "each variant; the variants are used as they are")
            return self._union(pointer, node, keyword, hint)
        if isinstance(node.get("allOf"), list) and node["allOf"]:
            return allof.allof_type(self, pointer, node, hint)
        types = node.get("type")
        if isinstance(types, list):
            return self._type_list(pointer, node, types, hint)
        return self._single_type(pointer, node, types, hint)

    def _type_list(self, pointer: str, node: dict[str, Any], types: list[Any],
                   hint: NameHint) -> TypeExpr:
        real = [t for t in types if t != "null"]
        variants = [self._single_type(pointer, node, t, hint) for t in real]
        result: TypeExpr = variants[0] if len(variants) == 1 else (
            UnionType(tuple(variants)) if variants else NONE)
        return nullable(result) if "null" in types and real else result

    def _single_type(self, pointer: str, node: dict[str, Any], kind: Any,
                     hint: NameHint) -> TypeExpr:
        if kind is None:
            kind = implied_type(node)
        if kind is not None and not isinstance(kind, str):
            self.diagnostics.warning(pointer_join(pointer, "type"), "`type` must be a string or "
                                     f"a list of strings, got {json_kind(kind)}; typed as object")
            return ANY
        if kind == "string":
            fmt = node.get("format")
            return Prim(STRING_FORMATS.get(fmt, "str") if isinstance(fmt, str) else "str")
        if kind in SIMPLE_TYPES:
            return Prim(SIMPLE_TYPES[kind])
        if kind == "array":
            return self._array(pointer, node, hint)
        if kind == "object":
            if node.get("properties") and pointer not in self.bodies:
                return self.reference(pointer, hint)
            return self._object_type(pointer, node, hint)
        if kind is not None:
            self.diagnostics.warning(pointer_join(pointer, "type"),
                                     f"unknown type {kind!r}; typed as object")
        return ANY

    def _array(self, pointer: str, node: dict[str, Any], hint: NameHint) -> TypeExpr:
        items = node.get("items")
        if items is None and isinstance(node.get("prefixItems"), list):
            self.diagnostics.warning(pointer_join(pointer, "prefixItems"),
                                     "tuple arrays (prefixItems) are typed as a list of any item")
            variants = [self.type_of(pointer_join(pointer, "prefixItems", i), s,
                                     nested(hint, pointer, (*path_of(hint), f"Item{i}")))
                        for i, s in enumerate(node["prefixItems"])]
            return ListType(union_of(variants))
        if items is None:
            return ListType(ANY)
        item_hint = nested(hint, pointer, singular_path(path_of(hint)))
        return ListType(self.type_of(pointer_join(pointer, "items"), items, item_hint))

    def _object_type(self, pointer: str, node: dict[str, Any], hint: NameHint) -> TypeExpr:
        found = extra_values(node)
        if found:
            value_hint = nested(hint, pointer, path_of(hint) or ("Value",))
            return DictType(union_of([self.type_of(pointer_join(pointer, *path), schema,
                                                   value_hint) for path, schema in found]))
        return DictType(ANY)

    def _literal(self, pointer: str, values: list[Any]) -> TypeExpr:
        scalars = [v for v in values if v is None or isinstance(v, SCALARS)]
        if len(scalars) != len(values):
            self.diagnostics.warning(pointer, "enum/const values that are objects or arrays "
                                     "cannot be a Literal; typed as object")
            return ANY
        unique: list[Any] = []
        for value in scalars:
            if not any(value == u and type(value) is type(u) for u in unique):
                unique.append(value)
        real = tuple(v for v in unique if v is not None)
        if not real:
            return NONE
        literal = LiteralType(real)
        return Nullable(literal) if len(real) < len(unique) else literal

    def _union(self, pointer: str, node: dict[str, Any], keyword: str, hint: NameHint) -> TypeExpr:
        raw = node[keyword]
        has_null = any(is_null_schema(v) for v in raw)
        members = [(i, v) for i, v in enumerate(raw) if not is_null_schema(v)]
        variants: list[TypeExpr] = []
        names_used: set[str] = set()
        for index, schema in members:
            # A lone member besides null stands for the whole union: it takes no label.
            label = variant_label(self.resolver, schema, index, names_used) \
                if len(members) > 1 else ""
            title = str(schema.get("title", "")) if isinstance(schema, dict) else ""
            path = (*path_of(hint), label) if label else path_of(hint)
            variant_hint = nested(hint, pointer, path, title)
            variants.append(self.type_of(pointer_join(pointer, keyword, index), schema,
                                         variant_hint))
        result = union_of(open_enum(variants))
        declared = node.get("discriminator")
        if isinstance(result, UnionType) and isinstance(declared, dict):
            prop = declared.get("propertyName")
            if isinstance(prop, str):
                result = UnionType(result.variants, prop)
        if isinstance(result, UnionType) and pointer not in self.bodies \
                and len(result.variants) > 1 \
                and not is_open_enum(result):
            self.decls.setdefault(pointer, Alias(pointer, hint, description_of(node), result))
            result = RefType(pointer)
        return nullable(result) if has_null else result

    def _report_unsupported(self, pointer: str, node: dict[str, Any]) -> None:
        for keyword in UNSUPPORTED:
            if keyword in node:
                self.diagnostics.warning(pointer_join(pointer, keyword),
                                         f"`{keyword}` is not expressible as a Python type; "
                                         "ignored, so the type accepts more than the schema")
        if isinstance(node.get("patternProperties"), dict):
            used = node.get("additionalProperties") is False
            self.diagnostics.warning(pointer_join(pointer, "patternProperties"), (
                "keys beside the named properties are not checked against the patterns; their "
                "values are typed as the patterns' schemas") if used else (
                "`patternProperties` beside other allowed keys is ignored: keys beside the "
                "named properties are typed by `additionalProperties` alone"))


# ---- helpers ---------------------------------------------------------------------------------
