"""Names the generated code already uses in each scope: a generated name may not take them.

Each table is tied by a test to the templates or the runtime that define the names."""

from __future__ import annotations

# Names the generated modules import or define: a class may not take them.
RESERVED_CLASSES = frozenset({
    "List", "Dict", "Optional", "Union", "Literal", "Any", "TypeAlias", "Annotated", "Required",
    "TypedDict", "Iterable", "Mapping", "Sequence", "BaseModel", "FieldInfo", "Field",
    "FileTypes", "SequenceNotStr", "Omit", "NotGiven", "Headers", "Query", "Body", "Timeout",
    "None", "True", "False", "TYPE_CHECKING", "Type", "Object", "Tuple", "Set",
})
# Attributes of pydantic's BaseModel and of the runtime's: a field may not shadow them.
RESERVED_ATTRIBUTES = frozenset({
    "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
    "schema", "schema_json", "update_forward_refs", "validate", "to_dict", "to_json",
    "model_config", "model_fields", "model_computed_fields", "model_extra", "model_fields_set",
    "mro", "register",  # attributes of the class's metaclass (type, and pydantic's ABCMeta)
})
# Keyword arguments every method has, and the names a method's body uses (an argument of the
# same name would shadow them).
RESERVED_KWARGS = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout",
                             "make_request_options", "path_template", "header_value",
                             "comma_separated", "cast", "overload", "Union", "Optional",
                             "List", "Dict",
                             "Any", "str", "bytes", "object", "NoneType", "BinaryResponse",
                             "Stream", "AsyncStream", "SyncPage", "AsyncPage", "Paging"})
# Names evaluated in the body of a generated class (decorators, argument defaults): no method
# or sub-resource may take them, or the class would shadow what it uses.
RESERVED_CLASS_BODY = frozenset({"cached_property", "omit", "not_given", "with_raw_response",
                                 "with_streaming_response", "overload", "mro"})
# The client's own attributes: a top-level resource may not take them.
RESERVED_CLIENT = RESERVED_CLASS_BODY | frozenset({
    "api_key", "base_url", "timeout", "max_retries", "with_options", "request", "request_page",
    "get", "post", "put", "patch", "delete", "close", "aclose", "is_closed", "auth_headers",
    "auth_query", "user_agent", "default_headers", "default_query", "copy", "types",
    "webhook_secret",
})
# Module and folder names: those Windows refuses whatever the extension, and the package's own
# subpackages (a type module `types.py` would shadow nothing, but `types/types.py` confuses).
WINDOWS_FILES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                           *(f"lpt{i}" for i in range(10))})
RESERVED_FILES = WINDOWS_FILES | frozenset({"types", "resources"})
