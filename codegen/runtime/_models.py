"""Response models that a newer server cannot break, and `parse_response`.

Every way into a model validates with pydantic. Where the data does not conform (a new enum
value, a new union variant, a null where the schema promises a value...), the model falls back to
the lenient builder (_lenient.py): the value is built anyway, what does not conform is kept as
received, and one warning is logged per place. Strict mode raises pydantic's ValidationError.

How the fallback is wired (`BaseModel.__get_pydantic_core_schema__`): a model's own schema is
pydantic's, wrapped once at its root by a validator function that catches the ValidationError and
builds leniently. The models inside it (fields, lists, unions) get no wrapper of their own, so a
failure deep inside reaches the root, whose builder knows the whole path and picks union variants
precisely (a variant that "succeeded" leniently would steal another variant's data), and data that
conforms costs nothing per nested object. Where a model appears in a type that is not one of ours
(a field of the user's own model, a TypeAdapter(List[Model])), it brings a copy of its own
schema, root wrapper included. `model_validate`, `model_validate_json` and the constructor skip
even the root wrapper: they validate with the model's schema without it (_validators.bare_validator;
a wrapper would make pydantic turn JSON into Python objects before validating it) and fall back
in Python.
"""

import inspect
import json
from contextvars import ContextVar
from types import FrameType
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    cast,
    overload,
)

import pydantic
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema
from typing_extensions import Literal

from ._lenient import build_leniently, build_model_leniently, claims
from ._validators import (
    PARTS_ONLY,
    ROOT_WRAPPER,
    STRICT_CONTEXT,
    adapter,
    asks_for_strict,
    bare_validator,
    is_root_wrapper,
    without_root_wrapper,
)

__all__ = ["BaseModel", "parse_response", "set_request_id"]

_T = TypeVar("_T")

# The class whose own schema model_rebuild is building (pydantic builds a deferred one there).
_REBUILDING: ContextVar[Optional[type]] = ContextVar("_REBUILDING", default=None)

_REQUEST_ID = "_request_id"


class BaseModel(pydantic.BaseModel):
    """Base of every response model.

    - `extra="allow"`: fields a newer server sends are kept (`model.new_field`,
      `model.model_extra`) instead of being dropped.
    - `populate_by_name=True`: a field whose wire name is not a valid identifier (`from`,
      `x-id`) is stored under a Python name with the wire name as alias; this lets code
      build the model with either.
    - `protected_namespaces=()`: API fields named `model_...` must not warn (pydantic < 2.10
      reserved the whole `model_` prefix).
    - `defer_build=True`: the validator of a model is built the first time it is used, not at
      import, so importing a types module stays cheap.

    `arbitrary_types_allowed` is deliberately off: every field type of a response model is one
    pydantic knows; allowing arbitrary types would turn a generator bug into silent isinstance
    checks.

    Forward compatible by default: `Model.model_validate(data)`, `Model.model_validate_json(text)`,
    a model in a field of your own pydantic model or in a `TypeAdapter`, and `parse_response`
    validate where the data conforms and keep what does not conform as received, logging one
    WARNING per place (with its path) the first time it is seen. An object whose tag (a field
    with one allowed value, such as `type`) names another type is not taken for this model, and
    data that is not an object at all is not either: both raise, which is how a union leaves the
    data to the variant it names. A union you write in your own model is your type: an unknown
    variant there raises as pydantic does, and dumping your model warns about the values kept as
    received (`model_dump(warnings=False)`; our models' own dumps never warn).

    Strict: `Model.model_validate(data, context={"strict": True})` raises pydantic's
    ValidationError instead, and the same context works for `model_validate_json`, a
    `TypeAdapter`'s `validate_python` and the validation of your own model that holds ours.
    pydantic's `strict=True` argument to `model_validate` / `model_validate_json` raises too
    (it asks for pydantic's strict type checks); a TypeAdapter does not pass it on, so there the
    context is the way. The client's `strict_response_validation=True` and
    `parse_response(..., strict=True)` use the same context.

    The constructor, `Model(field=...)`, validates and raises like any pydantic model: a
    constructor call is code written against today's types, so a mismatch there is a bug to
    show, not data from a newer server.

    `_request_id` is the request id header of the response an object came from: the client sets
    it on the object it returns (None on the objects inside it, and on any object built
    otherwise). It is not a field: dumps leave it out; like any pydantic private value it is
    copied by `model_copy` and compared by `==`.
    """

    model_config: ClassVar[pydantic.ConfigDict] = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
    )

    # A property over pydantic's private storage, not a pydantic PrivateAttr: a model with a
    # PrivateAttr runs a Python post-init for every instance it validates, nested ones included,
    # which doubles the time to parse a payload of small objects.
    @property
    def _request_id(self) -> Optional[str]:
        private = self.__pydantic_private__
        value = private.get(_REQUEST_ID) if private else None
        return value if isinstance(value, str) else None

    @_request_id.setter
    def _request_id(self, value: Optional[str]) -> None:
        private = self.__pydantic_private__
        if private is None:
            object.__setattr__(self, "__pydantic_private__", {_REQUEST_ID: value})
        else:
            private[_REQUEST_ID] = value

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: pydantic.GetCoreSchemaHandler, /
    ) -> CoreSchema:
        """pydantic's schema, with the fallback at the root of each of our models' trees."""
        if PARTS_ONLY.get():  # a part of one of our models: failures go to its root
            return _without_root_wrapper(handler(source), handler)
        if _REBUILDING.get() is cls:  # this model's own schema
            return _root_wrapped(cls, _schema_of_parts(handler, source))
        return _copy_of_own_schema(cls, handler, source)

    def to_dict(
        self,
        *,
        mode: Literal["json", "python"] = "python",
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> Dict[str, object]:
        """The data as a dict, by wire name, with only the fields the server sent."""
        return self.model_dump(
            mode=mode,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
            warnings=False,
        )

    def to_json(
        self,
        *,
        indent: Optional[int] = 2,
        by_alias: bool = True,
        exclude_unset: bool = True,
        exclude_none: bool = False,
    ) -> str:
        """The data as JSON text, by wire name, with only the fields the server sent."""
        return self.model_dump_json(
            indent=indent,
            by_alias=by_alias,
            exclude_unset=exclude_unset,
            exclude_none=exclude_none,
            warnings=False,
        )

    if not TYPE_CHECKING:
        # Type checkers keep seeing pydantic's own signatures for these.

        def __init__(self, /, **data):
            __tracebackhide__ = True
            validator = bare_validator(type(self))
            if validator is None:
                super().__init__(**data)
            else:
                validator.validate_python(data, self_instance=self)

        # pydantic calls a class's own __init__ for every instance it validates unless the
        # __init__ says it is pydantic's: this one only skips the root wrapper.
        __init__.__pydantic_base_init__ = True

        @classmethod
        def model_validate(cls, obj, **kwargs):
            __tracebackhide__ = True
            validator = bare_validator(cls) or cls.__pydantic_validator__
            try:
                return validator.validate_python(obj, **kwargs)
            except pydantic.ValidationError:
                if not _falls_back(cls, obj, kwargs):
                    raise
            return build_model_leniently(cls, obj)

        @classmethod
        def model_validate_json(cls, json_data, **kwargs):
            __tracebackhide__ = True
            validator = bare_validator(cls) or cls.__pydantic_validator__
            try:
                return validator.validate_json(json_data, **kwargs)
            except pydantic.ValidationError:
                data = _decoded(json_data)
                if not _falls_back(cls, data, kwargs):
                    raise
            return build_model_leniently(cls, data)

        @classmethod
        def model_rebuild(cls, **kwargs):
            depth = kwargs.get("_parent_namespace_depth", 2)
            if depth > 0:  # the caller's namespace is one frame further up than pydantic counts
                kwargs["_parent_namespace_depth"] = depth + 1
            rebuilding, parts = _REBUILDING.set(cls), PARTS_ONLY.set(False)
            try:
                return super().model_rebuild(**kwargs)
            finally:
                PARTS_ONLY.reset(parts)
                _REBUILDING.reset(rebuilding)

        # Values kept as received by lenient parsing do not match their declared types, and
        # pydantic would warn about each one on every dump: make that opt-in.

        def model_dump(self, **kwargs):
            kwargs.setdefault("warnings", False)
            return super().model_dump(**kwargs)

        def model_dump_json(self, **kwargs):
            kwargs.setdefault("warnings", False)
            return super().model_dump_json(**kwargs)


def set_request_id(value: object, request_id: Optional[str]) -> None:
    """Set `_request_id` on `value` when it is one of our models; anything else is left alone."""
    if isinstance(value, BaseModel):
        setattr(value, "_request_id", request_id)  # noqa: B010 - set from outside the class


# --- the fallback in the schema ------------------------------------------------------------


def _may_fall_back(cls: Type[BaseModel], data: object, context: object) -> bool:
    """Whether data pydantic rejected is built leniently: not in strict mode, and only an
    object that `cls` claims."""
    return not asks_for_strict(context) and isinstance(data, Mapping) and claims(
        cls, cast("Mapping[str, Any]", data))


def _falls_back(cls: Type[BaseModel], data: object, options: Mapping[str, Any]) -> bool:
    """_may_fall_back for the keyword arguments of model_validate(_json): pydantic's
    strict=True asks for errors too."""
    return not options.get("strict") and _may_fall_back(cls, data, options.get("context"))


def _decoded(json_data: object) -> object:
    """JSON text decoded, or None when it is not JSON (then the ValidationError stands)."""
    try:
        return json.loads(cast(Any, json_data))
    except (TypeError, ValueError):
        return None


def _fallback_for(cls: Type[BaseModel]) -> core_schema.WithInfoWrapValidatorFunction:
    """The root wrapper's function: pydantic's validation, and on failure the lenient build."""

    def validate(
        data: Any,
        handler: core_schema.ValidatorFunctionWrapHandler,
        info: core_schema.ValidationInfo,
    ) -> Any:
        try:
            return handler(data)
        except pydantic.ValidationError:
            if _inside_another_root() or not _may_fall_back(cls, data, info.context):
                raise
            return build_model_leniently(cls, data)

    return validate


def _inside_another_root() -> bool:
    """Whether one of our models further out is validating (one of ours inside a user's model
    inside one of ours): then the failure is the outer one's, to build whole or to raise from
    its constructor. Asked on failure only, from the Python frames (pydantic's own calls leave
    none between ours), so that data that conforms pays nothing for it."""
    here = inspect.currentframe()
    caller = here.f_back if here is not None else None
    frame: Optional[FrameType] = caller.f_back if caller is not None else None
    while frame is not None:
        if frame.f_code in _ROOT_CODES:
            return True
        frame = frame.f_back
    return False


def _code_of(function: Any) -> Any:
    return getattr(function, "__func__", function).__code__


# The functions in which one of our models validates as a whole.
_ROOT_CODES = frozenset(
    _code_of(getattr(BaseModel, name))
    for name in ("__init__", "model_validate", "model_validate_json")
) | {_fallback_for(BaseModel).__code__}


def _root_wrapped(cls: Type[BaseModel], schema: CoreSchema) -> CoreSchema:
    """The model's schema under its root wrapper. The wrapper is a definition of its own (a
    reference beside the model's: pydantic's JSON schema of a recursive model goes round in
    circles otherwise) and describes itself with the model's JSON schema."""
    model_ref = schema.get("ref")
    return core_schema.with_info_wrap_validator_function(
        _fallback_for(cls),
        schema,
        ref=_tagged(model_ref, "lenient-root-") if isinstance(model_ref, str) else None,
        metadata={ROOT_WRAPPER: True, "pydantic_js_functions": [_json_schema_of_model]},
    )


def _json_schema_of_model(
    schema: CoreSchema, handler: pydantic.GetJsonSchemaHandler
) -> JsonSchemaValue:
    # A copy: pydantic would hand back the model's own definition, then nest $defs inside it.
    return dict(handler.resolve_ref_schema(handler(schema)))


def _tagged(ref: str, tag: str) -> str:
    """A core schema reference with a tag after its first colon, before pydantic's id: JSON
    schema names, which pydantic takes from what comes before, stay the class names."""
    head, colon, tail = ref.partition(":")
    return f"{head}:{tag}{tail}" if colon else f"{ref}:{tag}"


def _schema_of_parts(handler: pydantic.GetCoreSchemaHandler, source: Any) -> CoreSchema:
    token = PARTS_ONLY.set(True)
    try:
        return handler(source)
    finally:
        PARTS_ONLY.reset(token)


def _without_root_wrapper(schema: CoreSchema, handler: pydantic.GetCoreSchemaHandler) -> CoreSchema:
    """A model's schema inside another of ours: pydantic may hand back the model's own schema
    (root wrapper included) for reuse; the part is what is inside that wrapper."""
    target: Any = schema
    if schema.get("type") == "definition-ref":
        try:
            target = handler.resolve_ref_schema(schema)
        except LookupError:  # a definition still being built: a recursive reference
            return schema
    return cast(CoreSchema, target["schema"]) if is_root_wrapper(target) else schema


def _copy_of_own_schema(
    cls: Type[BaseModel], handler: pydantic.GetCoreSchemaHandler, source: Any
) -> CoreSchema:
    """The model in a type that is not one of ours: its own schema, root wrapper included, with
    every reference inside renamed. Were the definitions under pydantic's names, pydantic would
    hand the second use of a model in the same type the bare definition it saw in the first."""
    if not cls.__pydantic_complete__:
        cls.model_rebuild(_parent_namespace_depth=0)
    own = cls.__dict__.get("__pydantic_core_schema__")
    if not cls.__pydantic_complete__ or without_root_wrapper(own) is None:
        return handler(source)  # not built the usual way: pydantic's schema, no fallback
    # One tag per model: every copy of it is the same schema under the same references.
    return cast(CoreSchema, _renamed(own, f"lenient-{id(cls)}-"))


# Keys of a core schema whose values are data, not schemas: not walked into.
_DATA_KEYS = frozenset({"default", "expected", "custom_error_context", "cls"})


def _renamed(schema: object, tag: str) -> object:
    """A copy of a core schema with every reference ("ref", "schema_ref") tagged."""
    if isinstance(schema, dict):
        copy: Dict[str, object] = {}
        for key, value in cast("Dict[str, object]", schema).items():
            if key in ("ref", "schema_ref") and isinstance(value, str):
                copy[key] = _tagged(value, tag)
            elif key == "metadata" and isinstance(value, dict):  # pydantic adds to it: a copy
                copy[key] = {k: list(cast("List[object]", v)) if isinstance(v, list) else v
                             for k, v in cast("Dict[str, object]", value).items()}
            elif key in _DATA_KEYS:
                copy[key] = value
            else:
                copy[key] = _renamed(value, tag)
        return copy
    if isinstance(schema, list):
        return [_renamed(item, tag) for item in cast("List[object]", schema)]
    if isinstance(schema, tuple):  # a union's (choice, label)
        return tuple(_renamed(item, tag) for item in cast("Tuple[object, ...]", schema))
    return schema


# --- parse_response ------------------------------------------------------------------------


@overload
def parse_response(type_: Type[_T], data: object, *, strict: bool = False) -> _T: ...


@overload
def parse_response(type_: Any, data: object, *, strict: bool = False) -> Any: ...


def parse_response(type_: Any, data: object, *, strict: bool = False) -> Any:
    """Turn decoded JSON into `type_` (a model class or any type expression).

    strict: raise pydantic.ValidationError when the data does not conform. Otherwise never
    raise: keep non-conforming values as received and log a warning naming each place, its
    path counted from the root of `data`.
    """
    if type_ is None or type_ is type(None):
        return None
    if type_ is object or type_ is Any:
        return data
    if strict:
        return adapter(type_).validate_python(data, context=STRICT_CONTEXT)
    try:  # with no fallback inside, so that the builder below sees every path from the root
        return adapter(type_).validate_python(data, context=STRICT_CONTEXT)
    except Exception:  # ValidationError, or a type pydantic cannot build a validator for
        pass
    return build_leniently(type_, data)
