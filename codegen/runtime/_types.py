"""Types and sentinels shared by the generated resources and the runtime."""

import os
from typing import (
    IO,
    Any,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    get_args,
    overload,
)

import httpx
from typing_extensions import Literal, Protocol, SupportsIndex, TypedDict, final

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

_T_co = TypeVar("_T_co", covariant=True)

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

FileContent = Union[IO[bytes], bytes, os.PathLike[str]]

FileTypes = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]
"""A file to upload: its content, or a (filename, content[, content_type]) tuple."""


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


class SequenceNotStr(Protocol[_T_co]):
    """A read-only sequence that a type checker refuses a plain `str` for.

    `str` is a `Sequence[str]`, so `Sequence[str]` silently accepts `"abc"` where a list of
    strings was meant. `str.__contains__` only takes `str`, while this protocol asks for
    `object`, which rules `str` out without ruling out lists and tuples.
    """

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _T_co: ...

    @overload
    def __getitem__(self, index: slice, /) -> Sequence[_T_co]: ...

    def __contains__(self, value: object, /) -> bool: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[_T_co]: ...

    def index(self, value: Any, start: int = 0, stop: int = ..., /) -> int: ...

    def count(self, value: Any, /) -> int: ...

    def __reversed__(self) -> Iterator[_T_co]: ...


def _sequence_schema(cls: Any, source: Any, handler: Any) -> Any:
    args = get_args(source)
    list_of: Any = List  # subscripted with a runtime value: hidden from the type checkers
    return handler.generate_schema(list_of[args[0] if args else Any])


# Lets pydantic validate params that use SequenceNotStr (as a list; a plain str is refused).
# Set outside the class body: a method there would become part of the protocol.
setattr(SequenceNotStr, "__get_pydantic_core_schema__", classmethod(_sequence_schema))
