"""Server-sent events: an incremental decoder, and the streams an event-stream operation returns.

`SSEDecoder` applies the WHATWG event-stream rules
(https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
to bytes as they arrive: however the network splits them, the events are the same.

`Stream` / `AsyncStream` read a streamed httpx response, decode its events and yield each
event's data parsed as the event type, one event as soon as it has arrived. The terminator
(`_constants.STREAM_TERMINATOR`) ends the iteration; an error event raises `APIError`; a
connection that breaks, or a stream that ends inside an event, raises `APIConnectionError`.
A stream can be iterated once; leaving the loop early (break, an exception), `close()` or
the end of a `with` block releases the connection.
"""

import json
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Callable,
    Generic,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    cast,
)

import httpx
from typing_extensions import Self

from ._constants import (
    ERROR_MESSAGE_FIELD,
    REQUEST_ID_HEADER,
    STREAM_ERROR_EVENT,
    STREAM_TERMINATOR,
)
from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError

if TYPE_CHECKING:
    import pydantic

__all__ = ["AsyncStream", "SSEDecoder", "ServerSentEvent", "Stream"]

EventT = TypeVar("EventT")

_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode()
_LF = 10
_CR = 13
_DEFAULT_ERROR_MESSAGE = "The server sent an error in the event stream."
_CUT_MESSAGE = "The event stream ended in the middle of an event."


class ServerSentEvent:
    """One event: its name (None when the stream gave none), data, last event id and retry."""

    __slots__ = ("data", "event", "id", "retry")

    def __init__(
        self,
        event: Optional[str] = None,
        data: str = "",
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def json(self) -> object:
        """The data decoded as JSON (ValueError when it is not JSON)."""
        return json.loads(self.data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return (self.event, self.data, self.id, self.retry) == (
            other.event,
            other.data,
            other.id,
            other.retry,
        )

    def __hash__(self) -> int:
        return hash((self.event, self.data, self.id, self.retry))

    def __repr__(self) -> str:
        return (
            f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r},"
            f" retry={self.retry!r})"
        )


class SSEDecoder:
    """An incremental event-stream decoder: `feed` it bytes as they arrive, `end` it at EOF.

    Departures from the letter of the rules, all on the side of the caller: an event with no
    (or an empty) `event` field has `event=None` rather than "message"; `retry` is reported
    on the event whose lines carried it; and a stream that ends inside an event raises
    instead of silently dropping it.
    """

    __slots__ = ("_at_start", "_data", "_event", "_id", "_open", "_pending", "_request",
                 "_retry", "_skip_lf")

    def __init__(self, *, request: httpx.Request) -> None:
        self._request = request  # what a cut stream's APIConnectionError names
        self._pending: List[bytes] = []  # the line being received: its bytes so far
        self._skip_lf = False  # the last chunk ended in CR: an LF opening the next ends nothing
        self._at_start = True  # nothing decoded yet: a BOM may open the stream
        self._data: List[str] = []
        self._event: Optional[str] = None
        self._id: Optional[str] = None  # the last event id: it carries over to later events
        self._retry: Optional[int] = None
        self._open = False  # a field other than data since the last blank line

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """The events that this chunk completes (each one's blank line is in it)."""
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == _LF:
                chunk = chunk[1:]
        last_end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if last_end < 0:
            if chunk:
                self._pending.append(chunk)
            return []
        whole = last_end + 1 == len(chunk)  # the usual read: whole lines, often one event
        complete = chunk if whole else chunk[: last_end + 1]
        if self._pending:
            self._pending.append(complete)
            complete = b"".join(self._pending)
            self._pending = []
        if whole:
            self._skip_lf = chunk[last_end] == _CR
        else:
            self._pending.append(chunk[last_end + 1 :])
        return self._interpret(self._decode(complete))

    def end(self) -> None:
        """At EOF: raise APIConnectionError if the stream stopped inside an event."""
        pending = b"".join(self._pending)
        if self._at_start and pending.startswith(_BOM_BYTES):
            pending = pending[len(_BOM_BYTES) :]  # a stream of a BOM alone holds no event
        cut = bool(pending) or bool(self._data) or self._open
        self._pending, self._data, self._event, self._retry = [], [], None, None
        self._open = self._skip_lf = False
        if cut:
            raise APIConnectionError(message=_CUT_MESSAGE, request=self._request)

    def _decode(self, complete: bytes) -> List[str]:
        """The lines of bytes that end with a line end, without their line ends."""
        # Line ends are ASCII, so decoding whole lines at once equals decoding the stream
        # as one text: a character cut by a chunk boundary is never cut here.
        text = complete.decode("utf-8", "replace")
        if self._at_start:
            self._at_start = False
            if text.startswith(_BOM):
                text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        lines.pop()  # what follows the last line end: nothing, `complete` ends with one
        return lines

    def _interpret(self, lines: List[str]) -> List[ServerSentEvent]:
        events: List[ServerSentEvent] = []
        data = self._data  # the same list as self._data, always: _field appends to it too
        for line in lines:
            if line.startswith("data:"):  # by far the most common line: handled first
                data.append(line[6:] if line.startswith(" ", 5) else line[5:])
            elif not line:
                if data:
                    text = data[0] if len(data) == 1 else "\n".join(data)
                    events.append(ServerSentEvent(self._event, text, self._id, self._retry))
                    data = self._data = []
                # a blank line after no data dispatches nothing, but still ends the event
                self._event = self._retry = None
                self._open = False
            elif line[0] != ":":  # a line opening with a colon is a comment
                self._field(line)
        return events

    def _field(self, line: str) -> None:
        name, _, value = line.partition(":")  # no colon: the line is the name, the value ""
        if value.startswith(" "):
            value = value[1:]
        self._open = True
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value or None
        elif name == "id" and "\0" not in value:  # an id with NUL in it is ignored
            self._id = value
        elif name == "retry" and value.isascii() and value.isdigit():  # digits only, or ignored
            self._retry = int(value)
        # any other field name is ignored, as the rules say


# --- turning an event into what the stream yields -----------------------------------------


def _decode_json(text: str) -> Tuple[bool, object]:
    """(True, the decoded JSON), or (False, the text) when it is not JSON."""
    try:
        return True, json.loads(text)
    except ValueError:
        return False, text


def _error_object(body: object) -> Optional[Mapping[str, object]]:
    """The `error` member of a JSON object, when it is a non-empty object."""
    if isinstance(body, Mapping):
        error = cast(Mapping[str, object], body).get("error")
        if isinstance(error, Mapping) and error:
            return cast(Mapping[str, object], error)
    return None


def _stream_error(error: object, request: httpx.Request) -> APIError:
    return APIError(_server_message(error), request, body=error)


def _server_message(error: object) -> str:
    """The error object's message member, or the error itself when it is text."""
    if isinstance(error, Mapping):
        message = cast(Mapping[str, object], error).get(ERROR_MESSAGE_FIELD)
        if isinstance(message, str) and message:
            return message
    elif isinstance(error, str) and error:
        return error
    return _DEFAULT_ERROR_MESSAGE


def _validation_message(exc: "pydantic.ValidationError") -> str:
    if not exc.error_count():
        return "Event data invalid for the expected schema."
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "<root>"
    return (
        f"Event data invalid for the expected schema. {exc.error_count()} error(s);"
        f" first at {where}: {first['msg']}"
    )


class _EventParser:
    """An event's data as the event type, or the APIError the event carries.

    JSON data whose `error` member is a non-empty object raises, whatever the event is called;
    so does an event named `STREAM_ERROR_EVENT` (a package whose API sends errors as ordinary
    events sets streaming.error_event to null). An `error` member that is not an object (a
    string, a number) is data, not an error.
    """

    def __init__(self, event_type: Any, *, strict: bool, response: httpx.Response) -> None:
        self._type = event_type
        self._strict = strict
        self._response = response
        self._raw = event_type is str  # Stream[str]: each event's data, as sent
        self._fast: Optional[Callable[[str], Any]] = None
        if not self._raw:
            from ._validators import adapter  # pydantic loads with the first stream, not at import

            try:
                self._fast = adapter(event_type).validate_json
            except Exception:  # a type pydantic cannot build: parse_response copes with it
                self._fast = None

    def __call__(self, sse: ServerSentEvent) -> Any:
        if STREAM_ERROR_EVENT is not None and sse.event == STREAM_ERROR_EVENT:
            raise self._error_event(sse)
        data = sse.data
        # Only data that mentions "error" is decoded before parsing to look for an error
        # member; a key spelled with JSON escapes ("\u0065rror") is not looked for.
        if '"error"' in data:
            is_json, decoded = _decode_json(data)
            error = _error_object(decoded) if is_json else None
            if error is not None:
                raise _stream_error(error, self._response.request)
            return self._parse(data, is_json, decoded)
        if self._raw:
            return data
        if self._fast is not None:
            try:
                return self._fast(data)  # validation straight from the JSON text: the fast path
            except Exception:  # non-conforming or not JSON: the careful path decides
                pass
        is_json, decoded = _decode_json(data)
        return self._parse(data, is_json, decoded)

    def _parse(self, data: str, is_json: bool, decoded: object) -> Any:
        if self._raw:
            return data
        if not is_json and not self._strict:
            return data  # text that is not JSON is delivered as it came
        import pydantic

        from ._models import parse_response

        try:
            return parse_response(self._type, decoded, strict=self._strict)
        except pydantic.ValidationError as exc:
            raise APIResponseValidationError(
                self._response, decoded, message=_validation_message(exc)
            ) from exc

    def _error_event(self, sse: ServerSentEvent) -> APIError:
        # The error object is the data's `error` member when it has one, else the data.
        is_json, body = _decode_json(sse.data)
        error = _error_object(body) if is_json else None
        return _stream_error(body if error is None else error, self._response.request)


# --- the streams ---------------------------------------------------------------------------


class _BaseStream(Generic[EventT]):
    response: httpx.Response
    """The httpx response whose body is the event stream."""

    def __init__(self, *, event_type: Any, response: httpx.Response, strict: bool) -> None:
        self.response = response
        self._parser = _EventParser(event_type, strict=strict, response=response)
        self._state = ""  # "": not iterated yet, else why it cannot be iterated again

    @property
    def request_id(self) -> Optional[str]:
        """The request id the server sent in its response headers, if any."""
        value: Optional[str] = self.response.headers.get(REQUEST_ID_HEADER)
        return value

    def _start(self) -> None:
        if self._state:
            raise RuntimeError(f"This stream cannot be iterated: it was {self._state}.")
        self._state = "iterated already (a stream is read once)"

    def _connection_error(self, exc: httpx.RequestError) -> APIConnectionError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(self.response.request)
        return APIConnectionError(request=self.response.request)


class Stream(_BaseStream[EventT]):
    """The events of a streamed response: `for event in stream`, once.

    Leaving the loop early (break, an exception) releases the connection, as do `close()`
    and the end of a `with stream:` block. Iterating a second time raises RuntimeError.
    """

    def __iter__(self) -> Iterator[EventT]:
        self._start()
        return self._events()

    def _events(self) -> Iterator[EventT]:
        decoder = SSEDecoder(request=self.response.request)
        parse = self._parser
        chunks = self.response.iter_bytes()
        try:
            while True:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except httpx.RequestError as exc:
                    raise self._connection_error(exc) from exc
                for sse in decoder.feed(chunk):
                    # the data must equal the terminator: data that only starts with it is
                    # an event like any other
                    if sse.data == STREAM_TERMINATOR:
                        return
                    yield cast(EventT, parse(sse))
            decoder.end()
        finally:  # also when the consumer drops the loop: CPython closes the generator
            self.response.close()

    def close(self) -> None:
        """Release the connection; the stream cannot be iterated afterwards."""
        if not self._state:
            self._state = "closed"
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncStream(_BaseStream[EventT]):
    """The events of a streamed response: `async for event in stream`, once.

    `await close()` or the end of an `async with stream:` block releases the connection.
    Leaving the loop early releases it too, once the event loop finalises the abandoned
    iterator (asyncio does so as soon as it is garbage); `async with` releases it at once.
    Iterating a second time raises RuntimeError.
    """

    def __aiter__(self) -> AsyncIterator[EventT]:
        self._start()
        return self._events()

    async def _events(self) -> AsyncIterator[EventT]:
        decoder = SSEDecoder(request=self.response.request)
        parse = self._parser
        chunks = self.response.aiter_bytes()
        try:
            while True:
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
                except httpx.RequestError as exc:
                    raise self._connection_error(exc) from exc
                for sse in decoder.feed(chunk):
                    if sse.data == STREAM_TERMINATOR:
                        return
                    yield cast(EventT, parse(sse))
            decoder.end()
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        """Release the connection; the stream cannot be iterated afterwards."""
        if not self._state:
            self._state = "closed"
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.close()
