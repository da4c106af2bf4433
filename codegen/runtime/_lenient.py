"""The lenient builder behind `parse_response`: a value of a type built from data that does not
quite conform, field by field, recording each place that did not conform. Internal to the
package; `_models.parse_response` is its entry point.
"""

import collections.abc
import enum
import sys
import types
import typing
from typing import (
    Any,
    Dict,
    ForwardRef,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
)

import pydantic
import typing_extensions
from pydantic.fields import FieldInfo
from typing_extensions import Annotated

_ADAPTERS: Dict[Any, "pydantic.TypeAdapter[Any]"] = {}


def adapter(type_: Any) -> "pydantic.TypeAdapter[Any]":
    """pydantic's validator for a type, built once per type."""
    try:
        return _ADAPTERS[type_]
    except KeyError:
        pass
    except TypeError:  # an unhashable type expression: build it every time
        return pydantic.TypeAdapter(type_)
    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(type_)
    _ADAPTERS[type_] = adapter
    return adapter


# --- the lenient builder -------------------------------------------------------------------

_UNION_ORIGINS: Tuple[Any, ...] = (Union,) + (
    (cast(Any, types).UnionType,) if hasattr(types, "UnionType") else ()
)
_LITERAL_ORIGINS: Tuple[Any, ...] = (typing.Literal, typing_extensions.Literal)
_SEQUENCE_ORIGINS: Tuple[Any, ...] = (
    list,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.MutableSequence,
    collections.abc.Set,
    collections.abc.MutableSet,
    collections.abc.Iterable,
    collections.abc.Collection,
)
_MAPPING_ORIGINS: Tuple[Any, ...] = (
    dict,
    collections.abc.Mapping,
    collections.abc.MutableMapping,
)
_NONE_TYPES: Tuple[Any, ...] = (None, type(None))


class _FieldSpec(NamedTuple):
    name: str
    type_: Any
    keys: Tuple[str, ...]  # the wire name first, then the Python name
    field: FieldInfo


_FIELD_SPECS: Dict[type, Tuple[_FieldSpec, ...]] = {}


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def type_name(type_: Any) -> str:
    if isinstance(type_, type):
        return type_.__name__
    return repr(type_).replace("typing_extensions.", "").replace("typing.", "")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _unwrap(type_: Any) -> Tuple[Any, Optional[str]]:
    """Strip Annotated, type aliases and NewTypes; return the type and any discriminator."""
    discriminator: Optional[str] = None
    for _ in range(32):
        if typing_extensions.get_origin(type_) is Annotated:
            for meta in getattr(type_, "__metadata__", ()):
                found = getattr(meta, "discriminator", None)
                if isinstance(found, str):
                    discriminator = found
            type_ = type_.__origin__
        elif type(type_).__name__ == "TypeAliasType" and hasattr(type_, "__value__"):
            type_ = type_.__value__
        elif hasattr(type_, "__supertype__") and callable(type_):
            type_ = getattr(type_, "__supertype__")
        else:
            break
    return type_, discriminator


def _allows_none(type_: Any) -> bool:
    type_, _ = _unwrap(type_)
    if type_ in _NONE_TYPES or type_ is Any or type_ is object:
        return True
    origin = typing_extensions.get_origin(type_)
    if origin in _UNION_ORIGINS:
        return any(_allows_none(arg) for arg in typing_extensions.get_args(type_))
    if origin in _LITERAL_ORIGINS:
        return None in _literal_values(type_)
    return False


def _literal_values(type_: Any) -> List[Any]:
    values: List[Any] = []
    for arg in typing_extensions.get_args(type_):
        if typing_extensions.get_origin(arg) in _LITERAL_ORIGINS:
            values.extend(_literal_values(arg))
        else:
            values.append(arg)
    return values


def _is_model(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, pydantic.BaseModel)


def _try_validate(type_: Any, value: object) -> Tuple[bool, Any]:
    try:
        return True, adapter(type_).validate_python(value)
    except Exception:
        return False, None


def _field_specs(cls: Type[pydantic.BaseModel]) -> Tuple[_FieldSpec, ...]:
    cached = _FIELD_SPECS.get(cls)
    if cached is not None:
        return cached
    fields = cls.model_fields
    if any(_unresolved(f.annotation) for f in fields.values()):
        try:  # a forward reference the generator's model_rebuild() did not get to
            cls.model_rebuild(raise_errors=False)
            fields = cls.model_fields
        except Exception:
            pass
    hints: Dict[str, Any] = {}
    if any(_unresolved(f.annotation) for f in fields.values()):
        try:
            hints = typing_extensions.get_type_hints(cls, include_extras=True)
        except Exception:
            hints = {}
    specs: List[_FieldSpec] = []
    complete = True
    for name, field in fields.items():
        type_: Any = field.annotation
        if _unresolved(type_):
            type_ = hints.get(name, Any)
            complete = complete and not _unresolved(type_)
            type_ = Any if _unresolved(type_) else type_
        if isinstance(field.discriminator, str):
            type_ = Annotated[type_, pydantic.Field(discriminator=field.discriminator)]
        keys = [name]
        for alias in (field.validation_alias, field.alias):
            if isinstance(alias, str) and alias not in keys:
                keys.insert(0, alias)
        specs.append(_FieldSpec(name, type_, tuple(keys), field))
    result = tuple(specs)
    if complete:
        _FIELD_SPECS[cls] = result
    return result


def _extra_type(cls: Type[pydantic.BaseModel]) -> Any:
    """The type of a model's properties beside its fields (`__pydantic_extra__: Dict[str, X]`
    in its class body), else Any."""
    for klass in cls.__mro__:
        if klass is pydantic.BaseModel:
            break
        annotation = getattr(klass, "__annotations__", {}).get("__pydantic_extra__")
        if annotation is None:
            continue
        args = typing_extensions.get_args(annotation)
        value = args[1] if len(args) == 2 else Any
        if isinstance(value, ForwardRef):  # a model that contains itself, quoted in its module
            value = getattr(sys.modules.get(klass.__module__), value.__forward_arg__, Any)
        return value
    return Any


def _unresolved(type_: Any) -> bool:
    """Whether a type expression still holds a forward reference anywhere inside."""
    if isinstance(type_, (str, ForwardRef)):
        return True
    origin = typing_extensions.get_origin(type_)
    if origin in _LITERAL_ORIGINS:
        return False
    if origin is Annotated:
        return _unresolved(type_.__origin__)
    return any(_unresolved(arg) for arg in typing_extensions.get_args(type_))


def _literal_tags(cls: Type[pydantic.BaseModel]) -> Dict[str, List[Any]]:
    """The Literal-typed fields of a model, by every key they may arrive under."""
    tags: Dict[str, List[Any]] = {}
    for spec in _field_specs(cls):
        type_, _ = _unwrap(spec.type_)
        if typing_extensions.get_origin(type_) in _UNION_ORIGINS:
            args = [a for a in typing_extensions.get_args(type_) if a not in _NONE_TYPES]
            type_ = _unwrap(args[0])[0] if len(args) == 1 else type_
        if typing_extensions.get_origin(type_) in _LITERAL_ORIGINS:
            for key in spec.keys:
                tags[key] = _literal_values(type_)
    return tags


def _same(value: object, allowed: object) -> bool:
    return bool(value == allowed) and type(value) is type(allowed)


class Lenient:
    """Builds a value of a type from data that does not quite conform, recording the issues."""

    def __init__(self) -> None:
        self.issues: List[Tuple[str, str]] = []

    def issue(self, path: str, problem: str) -> None:
        self.issues.append((path, problem))

    def build(self, type_: Any, value: object, path: str) -> Any:
        type_, discriminator = _unwrap(type_)
        if type_ is Any or type_ is object or isinstance(type_, (str, ForwardRef, TypeVar)):
            return value
        if value is None:
            if not _allows_none(type_):
                self.issue(path, f"null where {type_name(type_)} is expected")
            return None
        origin = typing_extensions.get_origin(type_)
        if origin in _UNION_ORIGINS:
            return self.build_union(type_, value, path, discriminator)
        if origin in _LITERAL_ORIGINS:
            allowed = _literal_values(type_)
            if not any(_same(value, a) for a in allowed):
                choices = ", ".join(repr(a) for a in allowed)
                self.issue(path, f"{_short(value)} is not one of {choices}")
            return value
        ok, result = _try_validate(type_, value)
        if ok:
            return result
        return self.build_invalid(type_, origin, value, path)

    def build_invalid(self, type_: Any, origin: Any, value: object, path: str) -> Any:
        """A value pydantic rejected: rebuilt part by part where the type has parts."""
        if _is_model(type_):
            return self.build_model(type_, value, path)
        if origin in _SEQUENCE_ORIGINS or origin is tuple or type_ in (list, tuple, set):
            return self.build_sequence(type_, value, path)
        if origin in _MAPPING_ORIGINS or type_ is dict:
            return self.build_mapping(type_, value, path)
        mapping = _as_mapping(value)
        if typing_extensions.is_typeddict(type_) and mapping is not None:
            return self.build_typeddict(type_, mapping, path)
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            choices = ", ".join(repr(m.value) for m in type_)
            self.issue(path, f"{_short(value)} is not one of {choices}")
            return value
        self.issue(path, f"expected {type_name(type_)}, got {type(value).__name__}")
        return value

    def build_union(
        self, type_: Any, value: object, path: str, discriminator: Optional[str]
    ) -> Any:
        variants = [a for a in typing_extensions.get_args(type_) if a not in _NONE_TYPES]
        if len(variants) == 1:
            if discriminator is not None:
                variants[0] = Annotated[variants[0], pydantic.Field(discriminator=discriminator)]
            return self.build(variants[0], value, path)
        mapping = _as_mapping(value)
        if discriminator is not None and mapping is not None:
            found = self.build_tagged(variants, mapping, path, discriminator)
            if found is not _NO_MATCH:
                return found
        for variant in variants:
            ok, result = _try_validate(variant, value)
            if ok:
                return result
        chosen = _closest_variant(variants, value)
        if chosen is not None:
            return self.build(chosen, value, path)
        names = ", ".join(type_name(_unwrap(v)[0]) for v in variants)
        self.issue(path, f"a {type(value).__name__} that matches none of {names}")
        return value

    def build_tagged(
        self, variants: List[Any], value: Mapping[Any, Any], path: str, discriminator: str
    ) -> Any:
        """A discriminated union: pick the variant by its tag, or keep an unknown one as is."""
        all_tags: List[Any] = []
        tag_key: Optional[str] = None
        for variant in variants:
            model, _ = _unwrap(variant)
            if not _is_model(model):
                continue
            spec = next((s for s in _field_specs(model) if s.name == discriminator), None)
            if spec is None:
                continue
            key = next((k for k in spec.keys if k in value), None)
            tags = _literal_tags(model).get(spec.keys[0], [])
            all_tags.extend(t for t in tags if t not in all_tags)
            if key is not None:
                tag_key = key
                if any(_same(value[key], t) for t in tags):
                    return self.build(variant, value, path)
        if tag_key is None or not all_tags:
            return _NO_MATCH
        choices = ", ".join(repr(t) for t in all_tags)
        self.issue(_join(path, tag_key), f"{_short(value[tag_key])} is not one of {choices}")
        return value

    def build_model(self, cls: Type[pydantic.BaseModel], value: object, path: str) -> Any:
        if isinstance(value, cls):
            return value
        mapping = _as_mapping(value)
        if mapping is None:
            self.issue(path, f"expected an object ({cls.__name__}), got {type(value).__name__}")
            return value
        values: Dict[str, Any] = {}
        fields_set: Set[str] = set()
        used: Set[Any] = set()
        for spec in _field_specs(cls):
            key = next((k for k in spec.keys if k in mapping), None)
            if key is None:
                if spec.field.is_required():
                    self.issue(_join(path, spec.keys[0]), "required field is missing")
                    values[spec.name] = None
                else:
                    values[spec.name] = _default(spec.field)
                continue
            used.add(key)
            values[spec.name] = self.build(spec.type_, mapping[key], _join(path, key))
            fields_set.add(spec.name)
        extra_type = _extra_type(cls)
        extras = {
            str(k): self.build(extra_type, v, _join(path, k))
            for k, v in mapping.items()
            if k not in used
        }
        return _construct(cls, values, fields_set, extras)

    def build_sequence(self, type_: Any, value: object, path: str) -> Any:
        items = _as_list(value)
        if items is None:
            self.issue(path, f"expected a list, got {type(value).__name__}")
            return value
        args = typing_extensions.get_args(type_)
        if typing_extensions.get_origin(type_) is tuple and args and args[-1] is not Ellipsis:
            item_types = list(args) + [Any] * max(0, len(items) - len(args))
            return tuple(
                self.build(t, v, f"{path}[{i}]") for i, (t, v) in enumerate(zip(item_types, items))
            )
        item_type = args[0] if args else Any
        return [self.build(item_type, v, f"{path}[{i}]") for i, v in enumerate(items)]

    def build_mapping(self, type_: Any, value: object, path: str) -> Any:
        mapping = _as_mapping(value)
        if mapping is None:
            self.issue(path, f"expected an object, got {type(value).__name__}")
            return value
        args = typing_extensions.get_args(type_)
        value_type = args[1] if len(args) == 2 else Any
        return {k: self.build(value_type, v, _join(path, k)) for k, v in mapping.items()}

    def build_typeddict(self, type_: Any, value: Mapping[Any, Any], path: str) -> Any:
        try:
            hints = typing_extensions.get_type_hints(type_, include_extras=True)
        except Exception:
            hints = {}
        return {k: self.build(hints.get(k, Any), v, _join(path, k)) for k, v in value.items()}


_NO_MATCH = object()


def _closest_variant(variants: List[Any], value: object) -> Any:
    """For data no variant accepts: the variant whose shape it has, if there is one."""
    mapping = _as_mapping(value)
    if mapping is not None:
        models = [v for v in variants if _is_model(_unwrap(v)[0])]
        best, best_score = None, 0
        for variant in models:
            score = 0
            for key, allowed in _literal_tags(_unwrap(variant)[0]).items():
                # a tag is a field with one allowed value; an enum field says little
                if key in mapping and len(allowed) == 1:
                    if not any(_same(mapping[key], a) for a in allowed):
                        score = -1
                        break
                    score += 1
            if score > best_score:
                best, best_score = variant, score
        if best is not None:
            return best
        if len(models) == 1:
            return models[0]
        origins = _MAPPING_ORIGINS
    elif isinstance(value, (list, tuple)):
        origins = _SEQUENCE_ORIGINS + (tuple,)
    else:
        return None
    for variant in variants:
        bare = _unwrap(variant)[0]
        if typing_extensions.get_origin(bare) in origins or bare in origins:
            return variant
    return None


def _as_mapping(value: object) -> Optional[Mapping[Any, Any]]:
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = cast(Any, value)
        return mapping
    return None


def _as_list(value: object) -> Optional[Sequence[Any]]:
    if isinstance(value, (list, tuple)):
        items: Sequence[Any] = cast(Any, value)
        return items
    return None


def _default(field: FieldInfo) -> Any:
    try:
        return field.get_default(call_default_factory=True)
    except Exception:
        return None


def _construct(
    cls: Type[pydantic.BaseModel],
    values: Dict[str, Any],
    fields_set: Set[str],
    extras: Dict[str, Any],
) -> Any:
    """An instance without validation; `model_fields_set` is exactly the keys received."""
    if not cls.__pydantic_complete__:
        # defer_build leaves the serializer a placeholder until the class is first validated
        # with; older pydantic versions (2.13 and before) do not build it when it is used.
        cls.model_rebuild()
    instance = cls.__new__(cls)
    allow_extra = cls.model_config.get("extra") == "allow"
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(
        instance, "__pydantic_fields_set__", fields_set | (set(extras) if allow_extra else set())
    )
    object.__setattr__(instance, "__pydantic_extra__", extras if allow_extra else None)
    object.__setattr__(instance, "__pydantic_private__", None)
    if getattr(cls, "__pydantic_post_init__", None):
        instance.model_post_init(None)
    return instance
