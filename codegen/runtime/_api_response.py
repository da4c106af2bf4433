"""`with_raw_response` and `with_streaming_response`: a method's response with its status and
headers, parsed on request; streamed, its body is read only when asked for."""

import functools
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generic,
    Iterator,
    Optional,
    Type,
    TypeVar,
    cast,
)

import httpx
from typing_extensions import ParamSpec

from ._constants import REQUEST_ID_HEADER
from ._response import is_stream_type, parse_http_response

if TYPE_CHECKING:
    from pydantic import BaseModel  # a headers model is one; importing it costs at run time

__all__ = [
    "RAW_RESPONSE_HEADER",
    "STREAMED_RESPONSE_HEADER",
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncResponseContextManager",
    "ResponseContextManager",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
]

R = TypeVar("R")
P = ParamSpec("P")
M = TypeVar("M", bound="BaseModel")

RAW_RESPONSE_HEADER = "X-Codegen-Raw-Response"
"""Markers the wrappers put in `extra_headers`; the client removes them before sending and
returns an APIResponse instead of the parsed value (streamed: with its body not yet read)."""
STREAMED_RESPONSE_HEADER = "X-Codegen-Streamed-Response"


class _BaseAPIResponse(Generic[R]):
    http_response: httpx.Response
    """The underlying httpx response."""

    def __init__(
        self,
        *,
        raw: httpx.Response,
        cast_to: Any,
        strict: bool,
        parser: Optional[Callable[[httpx.Response], R]] = None,
    ) -> None:
        self.http_response = raw
        self._cast_to = cast_to
        self._strict = strict
        self._parser = parser  # a list method's: the body becomes a page
        self._parsed: Optional[R] = None
        self._is_parsed = False

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def headers_as(self, model: Type[M]) -> M:
        """The headers as the typed model a method's docs name (`XResponseHeaders`): the ones
        the spec declares, by their lower-case names, parsed like any response."""
        data = dict(self.http_response.headers.items())  # repeated headers joined by ", "
        context = {"strict": True} if self._strict else None
        validate: Callable[..., M] = model.model_validate
        return validate(data, context=context)

    @property
    def request_id(self) -> Optional[str]:
        value: Optional[str] = self.http_response.headers.get(REQUEST_ID_HEADER)
        return value

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    def _parse_read(self) -> R:
        """Parse a body already read (or a stream, which reads as it is iterated)."""
        if not self._is_parsed:
            if self._parser is not None:
                self._parsed = self._parser(self.http_response)
            else:
                self._parsed = cast(
                    R, parse_http_response(self._cast_to, self.http_response, strict=self._strict)
                )
            self._is_parsed = True
        return cast(R, self._parsed)

    def __repr__(self) -> str:
        name = getattr(self._cast_to, "__name__", repr(self._cast_to))
        return (
            f"<{type(self).__name__} [{self.status_code} {self.http_response.reason_phrase}]"
            f" type={name}>"
        )


class APIResponse(_BaseAPIResponse[R]):
    """A response with its status and headers; `.parse()` gives what the method returns."""

    def parse(self) -> R:
        """The body as the method's return type (read if need be, parsed once)."""
        if not is_stream_type(self._cast_to):
            self.http_response.read()
        return self._parse_read()

    @property
    def content(self) -> bytes:
        return self.http_response.read()

    @property
    def text(self) -> str:
        self.http_response.read()
        return self.http_response.text

    def json(self) -> object:
        self.http_response.read()
        return self.http_response.json()

    def read(self) -> bytes:
        return self.http_response.read()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.http_response.iter_lines()

    def stream_to_file(self, file: Any, *, chunk_size: Optional[int] = None) -> None:
        """Write the body to a path as it arrives, never holding all of it in memory."""
        with open(file, mode="wb") as out:
            for chunk in self.http_response.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse[R]):
    """The async twin of APIResponse: `await response.parse()`."""

    async def parse(self) -> R:
        """The body as the method's return type (read if need be, parsed once)."""
        if not is_stream_type(self._cast_to):
            await self.http_response.aread()
        return self._parse_read()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.http_response.aread()
        return self.http_response.text

    async def json(self) -> object:
        await self.http_response.aread()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def stream_to_file(self, file: Any, *, chunk_size: Optional[int] = None) -> None:
        """Write the body to a path as it arrives, never holding all of it in memory."""
        with open(file, mode="wb") as out:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                out.write(chunk)

    async def close(self) -> None:
        await self.http_response.aclose()


class ResponseContextManager(Generic[R]):
    """`with resource.with_streaming_response.method(...) as response:` sends on entry and
    closes the connection on exit, whether or not the body was read."""

    def __init__(self, send: Callable[[], R]) -> None:
        self._send = send
        self._response: Optional[R] = None

    def __enter__(self) -> R:
        self._response = self._send()
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        if self._response is not None:
            cast(APIResponse[Any], self._response).close()


class AsyncResponseContextManager(Generic[R]):
    """`async with ...` twin of ResponseContextManager."""

    def __init__(self, send: Callable[[], Awaitable[R]]) -> None:
        self._send = send
        self._response: Optional[R] = None

    async def __aenter__(self) -> R:
        self._response = await self._send()
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await cast(AsyncAPIResponse[Any], self._response).close()


def _with_marker(kwargs: Any, marker: str) -> None:
    headers = dict(kwargs.get("extra_headers") or {})
    headers[marker] = "true"
    kwargs["extra_headers"] = headers


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Wrap a resource method so that it returns an APIResponse around its result."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        _with_marker(kwargs, RAW_RESPONSE_HEADER)
        return cast(APIResponse[R], func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """Wrap an async resource method so that it returns an AsyncAPIResponse."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        _with_marker(kwargs, RAW_RESPONSE_HEADER)
        return cast(AsyncAPIResponse[R], await func(*args, **kwargs))

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[P, R],
) -> Callable[P, ResponseContextManager[APIResponse[R]]]:
    """Wrap a resource method so that it returns a context manager around an APIResponse
    whose body is read only on demand (`iter_bytes`, `stream_to_file`, `parse`)."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseContextManager[APIResponse[R]]:
        _with_marker(kwargs, STREAMED_RESPONSE_HEADER)
        send = cast(Callable[[], APIResponse[R]], functools.partial(func, *args, **kwargs))
        return ResponseContextManager(send)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, AsyncResponseContextManager[AsyncAPIResponse[R]]]:
    """The async twin of to_streamed_response_wrapper (for list methods too, which are plain
    functions returning an awaitable paginator)."""

    @functools.wraps(func)
    def wrapped(
        *args: P.args, **kwargs: P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[R]]:
        _with_marker(kwargs, STREAMED_RESPONSE_HEADER)

        async def send() -> AsyncAPIResponse[R]:
            return cast(AsyncAPIResponse[R], await func(*args, **kwargs))

        return AsyncResponseContextManager(send)

    return wrapped
