"""Responses: turning an httpx.Response into the declared type, binary bodies, and the raw and
streamed access that `with_raw_response` and `with_streaming_response` give."""

import json
import typing
from typing import Any, Iterator, Optional, Tuple, Union

import httpx

from ._constants import REQUEST_ID_HEADER
from ._exceptions import APIResponseValidationError
from ._streaming import AsyncStream, Stream

__all__ = [
    "BinaryResponse",
    "decode_body",
    "is_stream_type",
    "parse_http_response",
]

_TEXT_TYPES = ("application/sdp", "application/xml", "application/x-ndjson")


class BinaryResponse:
    """A body that is not JSON, kept byte for byte: `.content`, `.read()`, `.iter_bytes()`,
    `.write_to_file(path)`; `.text` and `.json()` decode it on request."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self.response.content

    @property
    def text(self) -> str:
        """The body decoded by the response's charset (UTF-8 when it names none)."""
        text: str = self.response.text
        return text

    @property
    def encoding(self) -> Optional[str]:
        encoding: Optional[str] = self.response.encoding
        return encoding

    @property
    def content_type(self) -> str:
        content_type: str = self.response.headers.get("content-type", "")
        return content_type

    @property
    def request_id(self) -> Optional[str]:
        value: Optional[str] = self.response.headers.get(REQUEST_ID_HEADER)
        return value

    @property
    def _request_id(self) -> Optional[str]:
        return self.request_id

    def read(self) -> bytes:
        return self.response.read()

    def json(self) -> object:
        return json.loads(self.response.content)

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        content = self.response.content
        size = chunk_size or 65536
        for start in range(0, len(content), size):
            yield content[start : start + size]

    def write_to_file(self, file: "Union[str, Any]") -> None:
        """Write the body to a path (or an `os.PathLike`)."""
        with open(file, mode="wb") as out:
            out.write(self.response.content)

    def __repr__(self) -> str:
        return f"<BinaryResponse {self.content_type or '?'} {len(self.content)} bytes>"


def is_stream_type(cast_to: Any) -> bool:
    """Whether a method asked for `Stream[Event]` / `AsyncStream[Event]`."""
    return typing.get_origin(cast_to) in (Stream, AsyncStream)


def _is_text(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or media in _TEXT_TYPES


def decode_body(response: httpx.Response) -> Tuple[bool, object]:
    """(True, decoded JSON) when the body is JSON (or empty: None); else (False, the text) for
    a text media type and (False, the bytes) for anything else: bytes are never decoded as
    text, whatever the method expected."""
    if not response.content:
        return True, None
    content_type = response.headers.get("content-type", "")
    if "json" in content_type or not content_type:
        try:
            return True, json.loads(response.content)
        except ValueError:
            pass
    if _is_text(content_type) or not content_type:
        return False, response.text
    return False, response.content


def parse_http_response(cast_to: Any, response: httpx.Response, *, strict: bool) -> Any:
    """The body of a response as `cast_to`, with `_request_id` set on a model.

    None returns None, bytes the raw body, str the text, BinaryResponse the body kept whole,
    httpx.Response the response itself, Stream[X] / AsyncStream[X] the events as they arrive,
    object the decoded JSON; anything else goes through `parse_response`. In strict mode, data
    that does not conform raises APIResponseValidationError (caused by pydantic's error).
    """
    if cast_to is None or cast_to is type(None):
        return None
    if cast_to is httpx.Response:
        return response
    if is_stream_type(cast_to):
        stream_class = typing.get_origin(cast_to)
        (event_type,) = typing.get_args(cast_to)
        return stream_class(event_type=event_type, response=response, strict=strict)
    if cast_to is BinaryResponse:
        return BinaryResponse(response)
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

    from ._models import parse_response, set_request_id

    try:
        result = parse_response(cast_to, data, strict=strict)
    except pydantic.ValidationError as exc:
        raise APIResponseValidationError(
            response, data, message=_validation_message(exc)
        ) from exc
    set_request_id(result, response.headers.get(REQUEST_ID_HEADER))
    return result


def _validation_message(exc: Any) -> str:
    first = exc.errors()[0] if exc.error_count() else None
    where = ".".join(str(p) for p in first["loc"]) if first else ""
    detail = ""
    if first:
        detail = f" {exc.error_count()} error(s); first at {where or '<root>'}: {first['msg']}"
    return f"Data returned by API invalid for expected schema.{detail}"
