"""Types and sentinels shared by the generated resources and the runtime."""

from typing import Any, Dict, Mapping, Optional, Union

import httpx
from typing_extensions import Literal, TypedDict, final

# Re-exported: the request-side types live where a models-only package (no httpx) has them.
from ._param_types import FileContent, FileTypes, SequenceNotStr

__all__ = [
    "Body",
    "FileContent",
    "FileTypes",
    "Headers",
    "NoneType",
    "NotGiven",
    "Omit",
    "Query",
    "RequestOptions",
    "SequenceNotStr",
    "Timeout",
    "not_given",
    "omit",
]

NoneType = type(None)


@final
class Omit:
    """The type of `omit`: "leave this argument out of the request".

    Falsy, so `if value:` treats it like a missing value. In `extra_headers`, an `omit`
    value removes a header the client would otherwise send.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"

    def __copy__(self) -> "Omit":
        return self

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Omit":
        return self

    def __reduce__(self) -> str:
        return "omit"


omit = Omit()


@final
class NotGiven:
    """The type of `not_given`: "use the client's setting" (for `timeout` and the like).

    Distinct from `None`, which for `timeout` means "no timeout at all".
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "not_given"

    def __copy__(self) -> "NotGiven":
        return self

    def __deepcopy__(self, memo: Dict[int, Any]) -> "NotGiven":
        return self

    def __reduce__(self) -> str:
        return "not_given"


not_given = NotGiven()

Headers = Mapping[str, Union[str, Omit]]
Query = Mapping[str, object]
Body = object
Timeout = Union[float, httpx.Timeout, None]

class RequestOptions(TypedDict, total=False):
    """Per-request settings, as built by `make_request_options`."""

    headers: Headers
    params: Query
    extra_json: Body
    timeout: Union[float, httpx.Timeout, None, NotGiven]
    max_retries: int


class RequestArgs(TypedDict, total=False):
    """What `client.get(path, cast_to=..., **args)` and the other verbs take besides the path."""

    body: Optional[Body]
    query: Optional[Query]
    headers: Optional[Headers]
    files: Optional[Mapping[str, FileTypes]]
    multipart: Union[bool, Literal["with_files"]]
    encoding: Optional[Mapping[str, str]]
    bare: Optional[str]
    content_type: Optional[str]
    accept: Optional[str]
    options: Optional[RequestOptions]
