"""The types request-side TypedDicts name: `SequenceNotStr` and the file types. Nothing here
needs httpx, so a models-only package (pydantic and typing_extensions only) carries this module."""

import os
from typing import (
    IO,
    Any,
    Iterator,
    List,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    get_args,
    overload,
)

from typing_extensions import Protocol, SupportsIndex

__all__ = ["FileContent", "FileTypes", "SequenceNotStr"]

_T_co = TypeVar("_T_co", covariant=True)

FileContent = Union[IO[bytes], bytes, os.PathLike[str]]

FileTypes = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]
"""A file to upload: its content, or a (filename, content[, content_type]) tuple."""


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
