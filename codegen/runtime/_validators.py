"""pydantic's validators without the lenient fallback.

_models.BaseModel wraps the root of each model's own schema in a validator function that falls
back to the lenient builder (_lenient.py). The builder, parse_response and the models' own entry
points need pydantic's validation alone, so that a failure reaches them whole: they use these.
"""

from contextvars import ContextVar
from typing import Any, Dict, Mapping, Optional, Tuple, Type, Union, cast

import pydantic
from pydantic_core import CoreSchema, SchemaValidator, core_schema

# The validation context that asks for errors instead of the fallback (see _models.BaseModel).
STRICT_CONTEXT: Dict[str, bool] = {"strict": True}

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
    return (
        node.get("type") == "function-wrap"
        and isinstance(metadata, dict)
        and cast("Dict[str, Any]", metadata).get(ROOT_WRAPPER) is True
    )


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
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
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


def asks_for_strict(context: object) -> bool:
    """Whether a validation context is (or contains) STRICT_CONTEXT."""
    return isinstance(context, Mapping) and cast("Mapping[str, Any]", context).get("strict") is True
