"""One call, as the resource method describes it: the per-request options, and everything fixed
before the first attempt (what is sent, which markers ask for the raw or streamed response)."""

import copy
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union, cast

import httpx
from typing_extensions import Literal

from ._api_response import RAW_RESPONSE_HEADER, STREAMED_RESPONSE_HEADER
from ._files import HttpxFile, holds_file
from ._pagination import NextPage
from ._response import is_stream_type
from ._types import Body, FileTypes, Headers, NotGiven, Query, RequestOptions, not_given
from ._utils import is_given

__all__ = ["MARKERS", "MultipartParts", "PendingRequest", "make_request_options"]

# The headers the raw- and streamed-response wrappers mark a call with (never sent).
MARKERS = frozenset({RAW_RESPONSE_HEADER.lower(), STREAMED_RESPONSE_HEADER.lower()})

MultipartParts = Tuple[Dict[str, str], List[Tuple[str, HttpxFile]]]


def make_request_options(
    *,
    extra_headers: Optional[Headers] = None,
    extra_query: Optional[Query] = None,
    extra_body: Optional[Body] = None,
    timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
    max_retries: Union[int, NotGiven] = not_given,
) -> RequestOptions:
    """The per-request settings a resource method passes on to the client."""
    options: RequestOptions = {}
    if extra_headers is not None:
        options["headers"] = extra_headers
    if extra_query is not None:
        options["params"] = extra_query
    if extra_body is not None:
        options["extra_json"] = extra_body
    if is_given(timeout):
        options["timeout"] = timeout
    if isinstance(max_retries, int):
        options["max_retries"] = max_retries
    return options


class PendingRequest:
    """Everything about one call, fixed before the first attempt."""

    def __init__(
        self,
        method: str,
        path: str,
        *,
        body: Optional[Body],
        query: Optional[Query],
        headers: Optional[Headers],
        files: Optional[Mapping[str, FileTypes]],
        multipart: Union[bool, Literal["with_files"]],
        encoding: Optional[Mapping[str, str]],
        bare: Optional[str],
        content_type: Optional[str],
        accept: Optional[str],
        options: Optional[RequestOptions],
        cast_to: Any,
    ) -> None:
        self.method = method.upper()
        self.path = path
        self.body = body
        self.query = query
        self.headers = headers
        self.files = files
        # "with_files": JSON unless a file is among the fields, then the same fields as multipart
        self.multipart = multipart is True or bool(files) or (
            multipart == "with_files" and holds_file(body)
        )
        self.content_type = content_type
        self.options: RequestOptions = options or {}
        if bare is not None and encoding and self.multipart and not files:
            self._send_bare(bare, encoding[bare])
        self.cast_to = cast_to
        self.parts: Optional[MultipartParts] = None
        self.file_positions: Dict[int, int] = {}
        markers = {name.lower() for name in self.options.get("headers") or {}}
        self.wants_response = bool(markers & MARKERS)  # with_raw/streaming_response
        events = is_stream_type(cast_to)
        # Sent streamed: the body is read only as the caller consumes it.
        self.stream = events or STREAMED_RESPONSE_HEADER.lower() in markers
        self.accept = "text/event-stream" if events else accept

    def for_page(self, next_page: NextPage) -> "PendingRequest":
        """This request for the next page: its query updated, or the URL the server gave."""
        step = copy.copy(self)
        if next_page.url is not None:
            step.path, step.query = next_page.url, None
        elif next_page.query:
            step.query = {**(self.query or {}), **next_page.query}
        return step

    def without_markers(self) -> "PendingRequest":
        """The request as later pages send it: parsed, whatever the first page asked for."""
        plain = copy.copy(self)
        headers = self.options.get("headers") or {}
        kept = {k: v for k, v in headers.items() if k.lower() not in MARKERS}
        plain.options = cast(RequestOptions, {**self.options, "headers": kept})
        plain.wants_response, plain.stream = False, False
        return plain

    def query_sent(self) -> Dict[str, object]:
        """The query of this request as the method gave it (for the next page's number or
        offset); the query in an absolute URL is the server's business."""
        return dict(self.query or {})

    def _send_bare(self, field: str, media_type: str) -> None:
        """The body is `field`'s text or bytes alone when it is the only field given."""
        fields = self.multipart_fields()
        given = [key for key, value in fields.items() if is_given(value)]
        value = fields.get(field)
        if given == [field] and isinstance(value, (str, bytes, bytearray)):
            self.body = value.encode("utf-8") if isinstance(value, str) else bytes(value)
            options = {k: v for k, v in self.options.items() if k != "extra_json"}
            self.options = cast(RequestOptions, options)
            self.multipart, self.content_type = False, media_type

    def multipart_fields(self) -> Dict[str, Any]:
        fields: Dict[str, Any] = {}
        body: object = self.body
        if isinstance(body, Mapping):
            fields.update(cast("Mapping[str, Any]", body))
        extra = self.options.get("extra_json")
        if isinstance(extra, Mapping):
            fields.update(cast("Mapping[str, Any]", extra))
        return fields

    def remember_file_positions(self) -> None:
        for _, (_, content, _) in (self.parts or ({}, []))[1]:
            content = cast(Any, content)
            if hasattr(content, "seek") and hasattr(content, "tell"):
                try:
                    self.file_positions[id(content)] = content.tell()
                except Exception:
                    pass

    def rewind_files(self) -> None:
        """Put file objects back where they were, so that a retry sends them whole again."""
        for _, (_, content, _) in (self.parts or ({}, []))[1]:
            position = self.file_positions.get(id(content))
            if position is not None:
                cast(Any, content).seek(position)
