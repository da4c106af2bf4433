"""The lenient builder: a value of a type built from data that does not quite conform, field by
field, recording each place that did not conform, and the one report of those places (a WARNING
each, once). Internal to the package: `_models.parse_response` and the fallback of
`_models.BaseModel` are its entry points.
"""

import collections.abc
import enum
import logging
import re
import sys
import types
import typing
from contextvars import ContextVar
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
from pydantic_core import CoreSchema, SchemaValidator, core_schema
from typing_extensions import Annotated

from ._constants import PACKAGE_NAME

# The package logger (_logs.logger is the same object): taken by name, because _logs needs httpx
# and a models-only package has no httpx.
logger: logging.Logger = logging.getLogger(PACKAGE_NAME)

# The validation context that asks for errors instead of the fallback (see _models.BaseModel).
STRICT_CONTEXT: Dict[str, bool] = {"strict": True}

# --- validators without the fallback -------------------------------------------------------
#
# _models.BaseModel wraps the root of each model's own schema in a validator function that falls
# back to the builder below. The builder, parse_response and the models' own entry points need
# pydantic's validation alone, so that a failure reaches them whole: they use these.

# The metadata key that marks a root wrapper in a core schema.
ROOT_WRAPPER = "lenient_root"
# While set, the schemas pydantic builds for our models are parts: no root wrapper.
PARTS_ONLY: ContextVar[bool] = ContextVar("PARTS_ONLY", default=False)

_ADAPTERS: Dict[Any, "pydantic.TypeAdapter[Any]"] = {}
_BARE: Dict[type, Tuple[object, SchemaValidator]] = {}


def is_root_wrapper(schema: object) -> bool:
    if not isinstance(schema, dict):
        return False
    node = cast("Dict[str, Any]", schema)
    metadata = node.get("metadata")
    return node.get("type") == "function-wrap" and isinstance(metadata, dict) and cast(
        "Dict[str, Any]", metadata).get(ROOT_WRAPPER) is True


def without_root_wrapper(own: Any) -> Optional[CoreSchema]:
    """A model's own schema with its root wrapper taken off; None when it has none."""
    node = cast("Dict[str, Any]", own) if isinstance(own, dict) else {}
    if node.get("type") == "definitions":
        inner = without_root_wrapper(node.get("schema"))
        return None if inner is None else cast(CoreSchema, {**node, "schema": inner})
    return cast(CoreSchema, node["schema"]) if is_root_wrapper(node) else None


def bare_validator(cls: Type[pydantic.BaseModel]) -> Optional[SchemaValidator]:
    """A model's own validator without its root wrapper, built once per build of the model.
    None when the model cannot be built yet or has no root wrapper: pydantic's own then."""
    own: object = cls.__dict__.get("__pydantic_core_schema__")
    cached = _BARE.get(cls)
    if cached is not None and cached[0] is own:
        return cached[1]
    # no namespace from a caller's frame: the model's module and where it was defined suffice
    if not cls.__pydantic_complete__ and not cls.model_rebuild(
        raise_errors=False, _parent_namespace_depth=0
    ):
        return None
    own = cls.__dict__.get("__pydantic_core_schema__")
    schema = without_root_wrapper(own)
    if schema is None:
        return None
    validator = SchemaValidator(schema, core_schema.CoreConfig(title=cls.__name__))
    _BARE[cls] = (own, validator)
    return validator


def adapter(type_: Any) -> "Union[pydantic.TypeAdapter[Any], SchemaValidator]":
    """pydantic's validator for a type, with no fallback at the root of any model inside it
    (one in a type of the user's own may still have one: validate with STRICT_CONTEXT)."""
    if _is_model(type_):
        bare = bare_validator(type_)
        if bare is not None:
            return bare
    try:
        return _ADAPTERS[type_]
    except KeyError:
        pass
    except TypeError:  # an unhashable type expression: build it every time
        return _parts_adapter(type_)
    built = _parts_adapter(type_)
    _ADAPTERS[type_] = built
    return built


def _parts_adapter(type_: Any) -> "pydantic.TypeAdapter[Any]":
    token = PARTS_ONLY.set(True)
    try:
        return pydantic.TypeAdapter(type_)
    finally:
        PARTS_ONLY.reset(token)


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


# How long a type, a value or a list of choices may grow in a warning: a union of thirty models
# or a large payload must not turn one line of log into pages.
_MAX_TEXT = 80
_MAX_LISTING = 120


def _cap(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


_QUALIFIED = re.compile(r"\b(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)")


def type_name(type_: Any) -> str:
    """A type as a warning names it: classes by their own name, `List[Thing]`."""
    if isinstance(type_, type):
        return _cap(type_.__name__)
    return _cap(_QUALIFIED.sub(r"\1", repr(type_)))


def _short(value: object) -> str:
    return _cap(repr(value))


def _listing(items: Sequence[str]) -> str:
    """Items joined by commas, as many as fit, then how many there are in all."""
    text = ", ".join(items)
    if len(text) <= _MAX_LISTING:
        return text
    shown: List[str] = []
    for item in items:
        if len(", ".join(shown + [item])) > _MAX_LISTING - 20:
            break
        shown.append(item)
    return ", ".join(shown) + f", ... ({len(items)} in all)"


def asks_for_strict(context: object) -> bool:
    """Whether a validation context is (or contains) STRICT_CONTEXT."""
    return isinstance(context, Mapping) and cast(
        "Mapping[str, Any]", context).get("strict") is True


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
    """Validation of a part, with no fallback inside it: the builder does the precise work."""
    try:
        return True, adapter(type_).validate_python(value, context=STRICT_CONTEXT)
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
                choices = _listing([_short(a) for a in allowed])
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
            choices = _listing([_short(m.value) for m in type_])
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
        names = _listing([type_name(_unwrap(v)[0]) for v in variants])
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
        choices = _listing([_short(t) for t in all_tags])
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
        best = _closest_model(models, mapping)
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


def _closest_model(models: List[Any], mapping: Mapping[Any, Any]) -> Any:
    """The model variant an object names by its tags; failing that, the one model that has all
    its required fields in it and the most of its keys, none if two share the most."""
    candidates: List[Any] = []
    best: Any = None
    best_score = 0
    for variant in models:
        score = _tag_score(_unwrap(variant)[0], mapping)
        if score < 0:  # a tag that names another type
            continue
        candidates.append(variant)
        if score > best_score:
            best, best_score = variant, score
    if best is not None:
        return best
    shapes = [(_shape_score(_unwrap(v)[0], mapping), v) for v in candidates]
    top = max((score for score, _ in shapes), default=0)
    chosen = [v for score, v in shapes if score == top]
    return chosen[0] if top > 0 and len(chosen) == 1 else None


def _tag_score(cls: Type[pydantic.BaseModel], mapping: Mapping[Any, Any]) -> int:
    """How many of a model's tags an object carries, -1 when one of them differs. A tag is a
    field with one allowed value; an enum field says little."""
    score = 0
    for key, allowed in _literal_tags(cls).items():
        if key in mapping and len(allowed) == 1:
            if not _same(mapping[key], allowed[0]):
                return -1
            score += 1
    return score


def _shape_score(cls: Type[pydantic.BaseModel], mapping: Mapping[Any, Any]) -> int:
    """How many of an object's keys are fields of a model; 0 when a required field is absent."""
    score = 0
    for spec in _field_specs(cls):
        present = any(k in mapping for k in spec.keys)
        if spec.field.is_required() and not present:
            return 0
        score += present
    return score


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


# --- the entry points: a build and its report ------------------------------------------------


def build_leniently(type_: Any, data: object) -> Any:
    """`data` as `type_`, kept as received where it does not conform; never raises."""
    builder = Lenient()
    try:
        result = builder.build(type_, data, "")
    except Exception as exc:  # the lenient path must never be the reason a call fails
        builder.issue("", f"could not be interpreted ({type(exc).__name__}: {_cap(str(exc))})")
        result = data
    report(type_, builder.issues)
    return result


def build_model_leniently(cls: Type[pydantic.BaseModel], data: Mapping[Any, Any]) -> Any:
    """An instance of `cls` from an object pydantic rejected (so not validated again first)."""
    builder = Lenient()
    result = builder.build_model(cls, data, "")
    report(cls, builder.issues)
    return result


def claims(cls: Type[pydantic.BaseModel], data: Mapping[Any, Any]) -> bool:
    """Whether an object that does not conform may be taken for `cls`: not when one of its tags
    (a field with one allowed value) names another type. In a union this leaves the object to
    the variant it names."""
    return _tag_score(cls, data) >= 0


_REPORTED: Set[Tuple[str, str, str]] = set()
_MAX_REPORTED = 1024


def report(type_: Any, issues: List[Tuple[str, str]]) -> None:
    """One WARNING per place that did not conform; the same place and problem only once."""
    name = type_name(type_)
    for path, problem in issues:
        key = (name, path, problem)
        if key in _REPORTED:
            continue
        if len(_REPORTED) >= _MAX_REPORTED:
            _REPORTED.clear()
        _REPORTED.add(key)
        where = _cap(path, _MAX_LISTING) if path else "<root>"
        logger.warning("%s: %s (response type %s; kept as received)", where, problem, name)
