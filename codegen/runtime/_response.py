"""Responses: turning an httpx.Response into the declared type, and raw-response access."""

import functools
import json
from typing import Any, Awaitable, Callable, Generic, Optional, Tuple, TypeVar, cast

import httpx
from typing_extensions import ParamSpec

from ._exceptions import APIResponseValidationError

__all__ = [
    "RAW_RESPONSE_HEADER",
    "APIResponse",
    "AsyncAPIResponse",
    "async_to_raw_response_wrapper",
    "parse_http_response",
    "to_raw_response_wrapper",
]

R = TypeVar("R")
P = ParamSpec("P")

RAW_RESPONSE_HEADER = "X-Codegen-Raw-Response"
"""A marker the raw-response wrappers put in `extra_headers`; the client removes it before
sending and returns an APIResponse instead of the parsed value."""


def decode_body(response: httpx.Response) -> Tuple[bool, object]:
    """(True, decoded JSON) when the body is JSON (or empty: None), else (False, its text)."""
    if not response.content:
        return True, None
    content_type = response.headers.get("content-type", "")
    if "json" in content_type or not content_type:
        try:
            return True, json.loads(response.content)
        except ValueError:
            pass
    return False, response.text


def parse_http_response(cast_to: Any, response: httpx.Response, *, strict: bool) -> Any:
    """The body of a response as `cast_to`.

    None returns None, bytes the raw body, str the text, httpx.Response the response itself,
    object the decoded JSON; anything else goes through `parse_response`. In strict mode, data
    that does not conform raises APIResponseValidationError (caused by pydantic's error).
    """
    if cast_to is None or cast_to is type(None):
        return None
    if cast_to is httpx.Response:
        return response
    if cast_to is bytes:
        return response.content
    if cast_to is str:
        return response.text
    is_json, data = decode_body(response)
    if cast_to is object or cast_to is Any:
        return data
    if strict and not is_json:
        content_type = response.headers.get("content-type", "")
        raise APIResponseValidationError(
            response, data, message=f"Expected a JSON response, got content-type {content_type!r}."
        )
    import pydantic  # pydantic's model machinery loads with the first response that needs it

    from ._models import parse_response

    try:
        return parse_response(cast_to, data, strict=strict)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0] if exc.error_count() else None
        where = ".".join(str(p) for p in first["loc"]) if first else ""
        detail = ""
        if first:
            detail = f" {exc.error_count()} error(s); first at {where or '<root>'}: {first['msg']}"
        raise APIResponseValidationError(
            response,
            data,
            message=f"Data returned by API invalid for expected schema.{detail}",
        ) from exc


class _BaseAPIResponse(Generic[R]):
    http_response: httpx.Response
    """The underlying httpx response (its body already read)."""

    def __init__(self, *, raw: httpx.Response, cast_to: Any, strict: bool) -> None:
        self.http_response = raw
        self._cast_to = cast_to
        self._strict = strict
        self._parsed: Optional[R] = None
        self._is_parsed = False

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> Optional[str]:
        value: Optional[str] = self.http_response.headers.get("x-request-id")
        return value

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def _parse(self) -> R:
        if not self._is_parsed:
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
        """The body as the method's return type (parsed once, then cached)."""
        return self._parse()

    def json(self) -> object:
        return self.http_response.json()

    def read(self) -> bytes:
        return self.http_response.read()

    def close(self) -> None:
        self.http_response.close()


class AsyncAPIResponse(_BaseAPIResponse[R]):
    """The async twin of APIResponse: `await response.parse()`."""

    async def parse(self) -> R:
        """The body as the method's return type (parsed once, then cached)."""
        return self._parse()

    async def json(self) -> object:
        return self.http_response.json()

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def close(self) -> None:
        await self.http_response.aclose()


def _with_marker(kwargs: Any) -> None:
    headers = dict(kwargs.get("extra_headers") or {})
    headers[RAW_RESPONSE_HEADER] = "true"
    kwargs["extra_headers"] = headers


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Wrap a resource method so that it returns an APIResponse around its result."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        _with_marker(kwargs)
        return cast(APIResponse[R], func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    """Wrap an async resource method so that it returns an AsyncAPIResponse."""

    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        _with_marker(kwargs)
        return cast(AsyncAPIResponse[R], await func(*args, **kwargs))

    return wrapped
