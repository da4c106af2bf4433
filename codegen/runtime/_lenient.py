"""The lenient builder: a value of a type built from data that does not quite conform, field by
field, recording each place that did not conform, and the one report of those places (a WARNING
each, once). Internal to the package: `_models.parse_response` and the fallback of
`_models.BaseModel` are its entry points.
"""

import enum
import logging
import re
from typing import (
    Any,
    Dict,
    ForwardRef,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Type,
    TypeVar,
)

import pydantic
import typing_extensions
from pydantic.fields import FieldInfo
from typing_extensions import Annotated

from ._constants import PACKAGE_NAME
from ._type_shapes import (
    LITERAL_ORIGINS,
    MAPPING_ORIGINS,
    NONE_TYPES,
    SEQUENCE_ORIGINS,
    UNION_ORIGINS,
    allows_none,
    as_list,
    as_mapping,
    closest_variant,
    extra_type,
    field_specs,
    is_model,
    literal_tags,
    literal_values,
    same_value,
    tag_score,
    unwrap,
)
from ._validators import STRICT_CONTEXT, adapter

# The package logger (_logs.logger is the same object): taken by name, because _logs needs httpx
# and a models-only package has no httpx.
logger: logging.Logger = logging.getLogger(PACKAGE_NAME)

# --- the lenient builder -------------------------------------------------------------------


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


def _try_validate(type_: Any, value: object) -> Tuple[bool, Any]:
    """Validation of a part, with no fallback inside it: the builder does the precise work."""
    try:
        return True, adapter(type_).validate_python(value, context=STRICT_CONTEXT)
    except Exception:
        return False, None


class Lenient:
    """Builds a value of a type from data that does not quite conform, recording the issues."""

    def __init__(self) -> None:
        self.issues: List[Tuple[str, str]] = []

    def issue(self, path: str, problem: str) -> None:
        self.issues.append((path, problem))

    def build(self, type_: Any, value: object, path: str) -> Any:
        type_, discriminator = unwrap(type_)
        if type_ is Any or type_ is object or isinstance(type_, (str, ForwardRef, TypeVar)):
            return value
        if value is None:
            if not allows_none(type_):
                self.issue(path, f"null where {type_name(type_)} is expected")
            return None
        origin = typing_extensions.get_origin(type_)
        if origin in UNION_ORIGINS:
            return self.build_union(type_, value, path, discriminator)
        if origin in LITERAL_ORIGINS:
            allowed = literal_values(type_)
            if not any(same_value(value, a) for a in allowed):
                choices = _listing([_short(a) for a in allowed])
                self.issue(path, f"{_short(value)} is not one of {choices}")
            return value
        ok, result = _try_validate(type_, value)
        if ok:
            return result
        return self.build_invalid(type_, origin, value, path)

    def build_invalid(self, type_: Any, origin: Any, value: object, path: str) -> Any:
        """A value pydantic rejected: rebuilt part by part where the type has parts."""
        if is_model(type_):
            return self.build_model(type_, value, path)
        if origin in SEQUENCE_ORIGINS or origin is tuple or type_ in (list, tuple, set):
            return self.build_sequence(type_, value, path)
        if origin in MAPPING_ORIGINS or type_ is dict:
            return self.build_mapping(type_, value, path)
        mapping = as_mapping(value)
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
        variants = [a for a in typing_extensions.get_args(type_) if a not in NONE_TYPES]
        if len(variants) == 1:
            if discriminator is not None:
                variants[0] = Annotated[variants[0], pydantic.Field(discriminator=discriminator)]
            return self.build(variants[0], value, path)
        mapping = as_mapping(value)
        if discriminator is not None and mapping is not None:
            found = self.build_tagged(variants, mapping, path, discriminator)
            if found is not _NO_MATCH:
                return found
        for variant in variants:
            ok, result = _try_validate(variant, value)
            if ok:
                return result
        chosen = closest_variant(variants, value)
        if chosen is not None:
            return self.build(chosen, value, path)
        names = _listing([type_name(unwrap(v)[0]) for v in variants])
        self.issue(path, f"a {type(value).__name__} that matches none of {names}")
        return value

    def build_tagged(
        self, variants: List[Any], value: Mapping[Any, Any], path: str, discriminator: str
    ) -> Any:
        """A discriminated union: pick the variant by its tag, or keep an unknown one as is."""
        all_tags: List[Any] = []
        tag_key: Optional[str] = None
        for variant in variants:
            model, _ = unwrap(variant)
            if not is_model(model):
                continue
            spec = next((s for s in field_specs(model) if s.name == discriminator), None)
            if spec is None:
                continue
            key = next((k for k in spec.keys if k in value), None)
            tags = literal_tags(model).get(spec.keys[0], [])
            all_tags.extend(t for t in tags if t not in all_tags)
            if key is not None:
                tag_key = key
                if any(same_value(value[key], t) for t in tags):
                    return self.build(variant, value, path)
        if tag_key is None or not all_tags:
            return _NO_MATCH
        choices = _listing([_short(t) for t in all_tags])
        self.issue(_join(path, tag_key), f"{_short(value[tag_key])} is not one of {choices}")
        return value

    def build_model(self, cls: Type[pydantic.BaseModel], value: object, path: str) -> Any:
        if isinstance(value, cls):
            return value
        mapping = as_mapping(value)
        if mapping is None:
            self.issue(path, f"expected an object ({cls.__name__}), got {type(value).__name__}")
            return value
        values: Dict[str, Any] = {}
        fields_set: Set[str] = set()
        used: Set[Any] = set()
        for spec in field_specs(cls):
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
        beside = extra_type(cls)
        extras = {
            str(k): self.build(beside, v, _join(path, k))
            for k, v in mapping.items()
            if k not in used
        }
        return _construct(cls, values, fields_set, extras)

    def build_sequence(self, type_: Any, value: object, path: str) -> Any:
        items = as_list(value)
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
        mapping = as_mapping(value)
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
    return tag_score(cls, data) >= 0


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
