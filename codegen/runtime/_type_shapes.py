"""What the lenient builder reads of a type: annotations unwrapped, the values a Literal allows,
a model's fields by the keys they arrive under, its tags, and which variant of a union an object
that no variant accepts looks like."""

import collections.abc
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
    Tuple,
    Type,
    Union,
    cast,
)

import pydantic
import typing_extensions
from pydantic.fields import FieldInfo
from typing_extensions import Annotated

UNION_ORIGINS: Tuple[Any, ...] = (Union,) + (
    (cast(Any, types).UnionType,) if hasattr(types, "UnionType") else ()
)
LITERAL_ORIGINS: Tuple[Any, ...] = (typing.Literal, typing_extensions.Literal)
SEQUENCE_ORIGINS: Tuple[Any, ...] = (
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
MAPPING_ORIGINS: Tuple[Any, ...] = (
    dict,
    collections.abc.Mapping,
    collections.abc.MutableMapping,
)
NONE_TYPES: Tuple[Any, ...] = (None, type(None))


class FieldSpec(NamedTuple):
    name: str
    type_: Any
    keys: Tuple[str, ...]  # the wire name first, then the Python name
    field: FieldInfo


_FIELD_SPECS: Dict[type, Tuple[FieldSpec, ...]] = {}


def unwrap(type_: Any) -> Tuple[Any, Optional[str]]:
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
            type_ = getattr(type_, "__supertype__")  # noqa: B009 - pyright: unknown on a function
        else:
            break
    return type_, discriminator


def allows_none(type_: Any) -> bool:
    type_, _ = unwrap(type_)
    if type_ in NONE_TYPES or type_ is Any or type_ is object:
        return True
    origin = typing_extensions.get_origin(type_)
    if origin in UNION_ORIGINS:
        return any(allows_none(arg) for arg in typing_extensions.get_args(type_))
    if origin in LITERAL_ORIGINS:
        return None in literal_values(type_)
    return False


def literal_values(type_: Any) -> List[Any]:
    values: List[Any] = []
    for arg in typing_extensions.get_args(type_):
        if typing_extensions.get_origin(arg) in LITERAL_ORIGINS:
            values.extend(literal_values(arg))
        else:
            values.append(arg)
    return values


def is_model(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, pydantic.BaseModel)


def field_specs(cls: Type[pydantic.BaseModel]) -> Tuple[FieldSpec, ...]:
    cached = _FIELD_SPECS.get(cls)
    if cached is not None:
        return cached
    fields = cls.model_fields
    if any(unresolved(f.annotation) for f in fields.values()):
        try:  # a forward reference the generator's model_rebuild() did not get to
            cls.model_rebuild(raise_errors=False)
            fields = cls.model_fields
        except Exception:
            pass
    hints: Dict[str, Any] = {}
    if any(unresolved(f.annotation) for f in fields.values()):
        try:
            hints = typing_extensions.get_type_hints(cls, include_extras=True)
        except Exception:
            hints = {}
    specs: List[FieldSpec] = []
    complete = True
    for name, field in fields.items():
        type_: Any = field.annotation
        if unresolved(type_):
            type_ = hints.get(name, Any)
            complete = complete and not unresolved(type_)
            type_ = Any if unresolved(type_) else type_
        if isinstance(field.discriminator, str):
            type_ = Annotated[type_, pydantic.Field(discriminator=field.discriminator)]
        keys = [name]
        for alias in (field.validation_alias, field.alias):
            if isinstance(alias, str) and alias not in keys:
                keys.insert(0, alias)
        specs.append(FieldSpec(name, type_, tuple(keys), field))
    result = tuple(specs)
    if complete:
        _FIELD_SPECS[cls] = result
    return result


def extra_type(cls: Type[pydantic.BaseModel]) -> Any:
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


def unresolved(type_: Any) -> bool:
    """Whether a type expression still holds a forward reference anywhere inside."""
    if isinstance(type_, (str, ForwardRef)):
        return True
    origin = typing_extensions.get_origin(type_)
    if origin in LITERAL_ORIGINS:
        return False
    if origin is Annotated:
        return unresolved(type_.__origin__)
    return any(unresolved(arg) for arg in typing_extensions.get_args(type_))


def literal_tags(cls: Type[pydantic.BaseModel]) -> Dict[str, List[Any]]:
    """The Literal-typed fields of a model, by every key they may arrive under."""
    tags: Dict[str, List[Any]] = {}
    for spec in field_specs(cls):
        type_, _ = unwrap(spec.type_)
        if typing_extensions.get_origin(type_) in UNION_ORIGINS:
            args = [a for a in typing_extensions.get_args(type_) if a not in NONE_TYPES]
            type_ = unwrap(args[0])[0] if len(args) == 1 else type_
        if typing_extensions.get_origin(type_) in LITERAL_ORIGINS:
            for key in spec.keys:
                tags[key] = literal_values(type_)
    return tags


def same_value(value: object, allowed: object) -> bool:
    return bool(value == allowed) and type(value) is type(allowed)


def closest_variant(variants: List[Any], value: object) -> Any:
    """For data no variant accepts: the variant whose shape it has, if there is one."""
    mapping = as_mapping(value)
    if mapping is not None:
        models = [v for v in variants if is_model(unwrap(v)[0])]
        best = closest_model(models, mapping)
        if best is not None:
            return best
        if len(models) == 1:
            return models[0]
        origins = MAPPING_ORIGINS
    elif isinstance(value, (list, tuple)):
        origins = SEQUENCE_ORIGINS + (tuple,)
    else:
        return None
    for variant in variants:
        bare = unwrap(variant)[0]
        if typing_extensions.get_origin(bare) in origins or bare in origins:
            return variant
    return None


def closest_model(models: List[Any], mapping: Mapping[Any, Any]) -> Any:
    """The model variant an object names by its tags; failing that, the one model that has all
    its required fields in it and the most of its keys, none if two share the most."""
    candidates: List[Any] = []
    best: Any = None
    best_score = 0
    for variant in models:
        score = tag_score(unwrap(variant)[0], mapping)
        if score < 0:  # a tag that names another type
            continue
        candidates.append(variant)
        if score > best_score:
            best, best_score = variant, score
    if best is not None:
        return best
    shapes = [(shape_score(unwrap(v)[0], mapping), v) for v in candidates]
    top = max((score for score, _ in shapes), default=0)
    chosen = [v for score, v in shapes if score == top]
    return chosen[0] if top > 0 and len(chosen) == 1 else None


def tag_score(cls: Type[pydantic.BaseModel], mapping: Mapping[Any, Any]) -> int:
    """How many of a model's tags an object carries, -1 when one of them differs. A tag is a
    field with one allowed value; an enum field says little."""
    score = 0
    for key, allowed in literal_tags(cls).items():
        if key in mapping and len(allowed) == 1:
            if not same_value(mapping[key], allowed[0]):
                return -1
            score += 1
    return score


def shape_score(cls: Type[pydantic.BaseModel], mapping: Mapping[Any, Any]) -> int:
    """How many of an object's keys are fields of a model; 0 when a required field is absent."""
    score = 0
    for spec in field_specs(cls):
        present = any(k in mapping for k in spec.keys)
        if spec.field.is_required() and not present:
            return 0
        score += present
    return score


def as_mapping(value: object) -> Optional[Mapping[Any, Any]]:
    if isinstance(value, Mapping):
        mapping: Mapping[Any, Any] = cast(Any, value)
        return mapping
    return None


def as_list(value: object) -> Optional[Sequence[Any]]:
    if isinstance(value, (list, tuple)):
        items: Sequence[Any] = cast(Any, value)
        return items
    return None
