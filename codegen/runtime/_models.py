"""Response models, and parsing that a newer server cannot break.

`parse_response` validates with pydantic. When the data does not conform (a new enum value,
a new union variant, a null where the schema promises a value...), the default mode builds the
value anyway, field by field, keeps what it cannot interpret as it was received, and logs one
warning per place that did not conform. `strict=True` raises pydantic's ValidationError instead.
"""

from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    TypeVar,
    overload,
)

import pydantic
from typing_extensions import Literal

from ._lenient import Lenient, adapter, type_name
from ._logs import logger

__all__ = ["BaseModel", "parse_response"]

_T = TypeVar("_T")


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
    """

    model_config: ClassVar[pydantic.ConfigDict] = pydantic.ConfigDict(
        extra="allow",
        populate_by_name=True,
        protected_namespaces=(),
        defer_build=True,
    )

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
        # Values kept as received by lenient parsing do not match their declared types, and
        # pydantic would warn about each one on every dump: make that opt-in. Type checkers
        # keep seeing pydantic's own signatures.

        def model_dump(self, **kwargs):
            kwargs.setdefault("warnings", False)
            return super().model_dump(**kwargs)

        def model_dump_json(self, **kwargs):
            kwargs.setdefault("warnings", False)
            return super().model_dump_json(**kwargs)


# --- parse_response ------------------------------------------------------------------------

_REPORTED: Set[Tuple[str, str, str]] = set()
_MAX_REPORTED = 1024


@overload
def parse_response(type_: Type[_T], data: object, *, strict: bool = False) -> _T: ...


@overload
def parse_response(type_: Any, data: object, *, strict: bool = False) -> Any: ...


def parse_response(type_: Any, data: object, *, strict: bool = False) -> Any:
    """Turn decoded JSON into `type_` (a model class or any type expression).

    strict: raise pydantic.ValidationError when the data does not conform. Otherwise never
    raise: keep non-conforming values as received and log a warning naming each place.
    """
    if type_ is None or type_ is type(None):
        return None
    if type_ is object or type_ is Any:
        return data
    if strict:
        return adapter(type_).validate_python(data)
    try:
        return adapter(type_).validate_python(data)
    except Exception:  # ValidationError, or a type pydantic cannot build a validator for
        pass
    builder = Lenient()
    try:
        result = builder.build(type_, data, "")
    except Exception as exc:  # the lenient path must never be the reason a call fails
        builder.issue("", f"could not be interpreted ({type(exc).__name__}: {exc})")
        result = data
    _report(type_, builder.issues)
    return result


def _report(type_: Any, issues: List[Tuple[str, str]]) -> None:
    """One WARNING per place that did not conform; the same place and problem only once."""
    name = type_name(type_)
    for path, problem in issues:
        key = (name, path, problem)
        if key in _REPORTED:
            continue
        if len(_REPORTED) >= _MAX_REPORTED:
            _REPORTED.clear()
        _REPORTED.add(key)
        logger.warning(
            "%s: %s (response type %s; kept as received)", path or "<root>", problem, name
        )
