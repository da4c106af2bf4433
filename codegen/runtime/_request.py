"""What the sync and async clients share: request building, retry rules, errors, logging."""

import email.utils
import functools
import json
import random
import sys
import time
from typing import (
    Any,
    Callable,
    Dict,
    Generic,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
)
from urllib.parse import urlencode

import httpx

from ._constants import ERROR_ENVELOPE, ERROR_MESSAGE_FIELD, PACKAGE_NAME, PACKAGE_VERSION
from ._exceptions import (
    APIStatusError,
    ClientConfigError,
    status_error_class,
)
from ._logs import logger, redact_headers, redact_text, redact_url, setup_logging
from ._pagination import Paging
from ._pending import MARKERS, PendingRequest, make_request_options
from ._response import decode_body, parse_http_response
from ._types import NotGiven, Timeout, not_given
from ._utils import encode_query, is_given, merge_headers, to_jsonable

__all__ = [
    "DEFAULT_CONNECTION_LIMITS",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "BaseClient",
    "PendingRequest",
    "make_request_options",
    "resolve_timeout",
]

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

DEFAULT_TIMEOUT = httpx.Timeout(timeout=600.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
_HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)

USER_AGENT = f"{PACKAGE_NAME}/{PACKAGE_VERSION}" + (
    f" python/{sys.version_info[0]}.{sys.version_info[1]} httpx/{httpx.__version__}"
)


class BaseClient(Generic[_HttpxClientT]):
    """What the sync and async clients share: configuration, request building, retry rules."""

    _http_client: Optional[_HttpxClientT]
    max_retries: int
    timeout: Timeout

    @property
    def _client(self) -> _HttpxClientT:
        """The httpx client, built on first use: its TLS setup costs more than the rest of
        constructing a client, and a client that is never used never pays for it."""
        if self._http_client is None:
            self._http_client = self._new_http_client()
        return self._http_client

    def _new_http_client(self) -> _HttpxClientT:
        raise NotImplementedError

    def is_closed(self) -> bool:
        return self._http_client is not None and self._http_client.is_closed

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Timeout,
        max_retries: int,
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        strict_response_validation: bool,
    ) -> None:
        setup_logging()
        url = httpx.URL(base_url)
        # A spec may give no server, or a relative one: the client can still be built (and
        # configured, or used for raw calls to absolute URLs); a request needs a real base URL.
        self._base_url_problem: Optional[str] = None
        if url.scheme not in ("http", "https") or not url.host:
            self._base_url_problem = (
                f"base_url must be an absolute http(s) URL, got {str(url)!r}: pass base_url= to "
                "the client or set its environment variable"
            )
        if not url.raw_path.split(b"?", 1)[0].endswith(b"/"):
            path, _, query = url.raw_path.partition(b"?")
            url = url.copy_with(raw_path=path + b"/" + (b"?" + query if query else b""))
        self._base_url = url
        # What every request to a relative path repeats, worked out once: the base URL as text
        # without its query (None when it has a fragment: those requests take the long way)
        # and the query it carries.
        self._base_prefix: Optional[str] = None
        if not url.fragment:
            self._base_prefix = str(url.copy_with(raw_path=url.raw_path.split(b"?", 1)[0]))
        self._base_params = _params_of(url)
        self.timeout = timeout
        if max_retries < 0:
            raise ClientConfigError("max_retries must not be negative")
        self.max_retries = max_retries
        self._custom_headers: Dict[str, str] = dict(default_headers or {})
        self._custom_query: Dict[str, object] = dict(default_query or {})
        self._strict_response_validation = strict_response_validation

    # --- hooks the generated client overrides ------------------------------------------

    @property
    def auth_headers(self) -> Dict[str, str]:
        """Headers that carry the credentials."""
        return {}

    @property
    def auth_query(self) -> Dict[str, str]:
        """Query parameters that carry the credentials."""
        return {}

    @property
    def _secrets(self) -> List[str]:
        """Values that must never appear in a message or a log line."""
        return []

    # --- configuration -----------------------------------------------------------------

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @property
    def user_agent(self) -> str:
        return USER_AGENT

    @property
    def default_headers(self) -> Dict[str, str]:
        return dict(self._custom_headers)

    @property
    def default_query(self) -> Dict[str, object]:
        return dict(self._custom_query)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={redact_url(self.base_url)!r}"
            f" max_retries={self.max_retries}>"
        )

    # --- request building --------------------------------------------------------------

    def _url_and_params(
        self, pending: PendingRequest
    ) -> Tuple[Union[str, httpx.URL], List[Tuple[str, str]]]:
        """The URL without its query, and the query pairs (later layers win, key by key):
        the base URL's query, the path's, the credentials, the client's default query, the
        method's query, then `extra_query`."""
        params: Dict[str, object] = {}
        url: Union[str, httpx.URL]
        if self._base_prefix is not None and _is_plain_path(pending.path):
            # The usual call: a method's path under the base URL. httpx parses the joined text
            # once, as it would the URL object built the long way (the same quoting and dot
            # segments), and a URL object costs three parses more.
            if self._base_url_problem:
                raise ClientConfigError(self._base_url_problem)
            url = self._base_prefix + pending.path[1:]
            params.update(self._base_params)
        else:
            url = self._joined_url(pending.path, params)
        params.update(self.auth_query)
        for layer in (self._custom_query, pending.query, pending.options.get("params")):
            params.update(layer or {})
        return url, encode_query(params)

    def _joined_url(self, path: str, params: Dict[str, object]) -> httpx.URL:
        """Any path (absolute URLs, queries in the path, a base URL with a fragment): the URL
        without its query; the queries of the base URL and of the path go into params."""
        target = httpx.URL(path)
        if target.is_relative_url and self._base_url_problem:
            raise ClientConfigError(self._base_url_problem)
        if target.is_relative_url:
            base_path = self._base_url.raw_path.split(b"?", 1)[0]
            rel_path = target.raw_path.split(b"?", 1)[0].lstrip(b"/")
            url = self._base_url.copy_with(raw_path=base_path + rel_path)
            params.update(self._base_params)
        else:
            url = target.copy_with(query=None)
        params.update(_params_of(target))
        return url

    def _headers(
        self, pending: PendingRequest, retries_taken: int, json_body: bool
    ) -> Dict[str, str]:
        defaults = {"Accept": pending.accept or "application/json", "User-Agent": USER_AGENT}
        if json_body:
            defaults["Content-Type"] = "application/json"
        if pending.content_type and not pending.multipart:
            defaults["Content-Type"] = pending.content_type
        headers = merge_headers(
            defaults,
            self.auth_headers,
            self._custom_headers,
            pending.headers,
            pending.options.get("headers"),
        )
        headers = {k: v for k, v in headers.items() if k.lower() not in MARKERS}
        if pending.multipart:
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        if retries_taken:
            headers["X-Retry-Count"] = str(retries_taken)
        return headers

    def _content(self, pending: PendingRequest) -> Optional[bytes]:
        body = pending.body
        if isinstance(body, (bytes, bytearray)):
            return bytes(body)
        media_type = (pending.content_type or "").split(";", 1)[0].strip().lower()
        if isinstance(body, str) and media_type and not media_type.endswith("json"):
            return body.encode("utf-8")  # text in its own media type (SDP, CSV, XML)
        data = to_jsonable(body) if body is not None and is_given(body) else None
        extra = pending.options.get("extra_json")
        if extra is not None:
            extra_data = to_jsonable(extra)
            if isinstance(data, dict) and isinstance(extra_data, dict):
                data = {**cast("Dict[str, Any]", data), **cast("Dict[str, Any]", extra_data)}
            elif data is None:
                data = extra_data
        if data is None and (body is None or not is_given(body)) and extra is None:
            return None
        if media_type == "application/x-www-form-urlencoded" and isinstance(data, Mapping):
            return urlencode(encode_query(cast("Mapping[str, object]", data))).encode("ascii")
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        return text.encode("utf-8")

    def _timeout(self, pending: PendingRequest) -> Timeout:
        timeout = pending.options.get("timeout", not_given)
        return self.timeout if isinstance(timeout, NotGiven) else timeout

    def _build_request(self, pending: PendingRequest, retries_taken: int) -> httpx.Request:
        url, params = self._url_and_params(pending)
        content: Optional[bytes] = None
        if not pending.multipart:
            content = self._content(pending)
        json_body = content is not None and not isinstance(pending.body, (bytes, bytearray))
        headers = self._headers(pending, retries_taken, json_body)
        if content is not None and isinstance(pending.body, (bytes, bytearray)):
            headers.setdefault("Content-Type", "application/octet-stream")
        data, files = pending.parts if pending.parts is not None else ({}, [])
        timeout = self._timeout(pending)
        return self._client.build_request(
            pending.method,
            url,
            params=tuple(params) or None,  # None: no second parse of the URL for nothing
            headers=headers,
            content=content,
            data=data or None,
            files=files or None,
            # the http client's own timeout (the one it was built with) is not converted again
            timeout=httpx.USE_CLIENT_DEFAULT if timeout == self._client.timeout else timeout,
        )

    # --- responses and retries ---------------------------------------------------------

    def _parse(self, cast_to: Any, response: httpx.Response) -> Any:
        return parse_http_response(cast_to, response, strict=self._strict_response_validation)

    def _page_parser(
        self,
        page_class: Callable[..., Any],
        pending: PendingRequest,
        step: PendingRequest,
        paging: Paging,
        fetch: Callable[..., Any],
    ) -> Callable[[httpx.Response], Any]:
        """What turns the response to `step` (one page of `pending`) into a page object that
        fetches the next one with `fetch`."""

        def as_page(raw: httpx.Response) -> Any:
            return page_class(
                body=self._parse(pending.cast_to, raw),
                response=raw,
                paging=paging,
                query=step.query_sent(),
                fetch=functools.partial(fetch, pending.without_markers(), paging),
            )

        return as_page

    def _should_retry(self, response: httpx.Response) -> bool:
        override = response.headers.get("x-should-retry", "").strip().lower()
        if override == "true":
            return True
        if override == "false":
            return False
        return response.status_code in (408, 409, 429) or response.status_code >= 500

    def _retry_delay(
        self, retries_taken: int, response_headers: Optional[httpx.Headers]
    ) -> float:
        """Seconds to wait before the next attempt.

        The server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date) wins when it
        asks for more than 0 and at most 60 seconds; otherwise exponential backoff from 0.5 s,
        capped at 8 s, minus up to 25 % jitter.
        """
        retry_after = _parse_retry_after(response_headers)
        if retry_after is not None and 0 < retry_after <= MAX_RETRY_AFTER:
            return retry_after
        backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 32), MAX_RETRY_DELAY)
        return max(backoff * (1 - 0.25 * random.random()), 0.0)

    def _make_status_error(self, response: httpx.Response) -> APIStatusError:
        _, decoded = decode_body(response)
        body = unwrap_error(decoded)
        detail = _error_detail(body)
        message = f"Error code: {response.status_code}"
        if detail:
            message = f"{message} - {detail}"
        message = redact_text(message, self._secrets)
        return status_error_class(response.status_code)(message, response=response, body=body)

    def _log_request(self, request: httpx.Request, retries_taken: int) -> None:
        if logger.isEnabledFor(10):  # DEBUG
            logger.debug(
                "Request: %s %s headers=%s%s",
                request.method,
                redact_url(request.url),
                redact_headers(request.headers.items()),
                f" (retry {retries_taken})" if retries_taken else "",
            )

    def _log_response(self, request: httpx.Request, response: httpx.Response) -> None:
        if logger.isEnabledFor(10):  # DEBUG
            logger.debug(
                'Response: %s %s "%d %s" headers=%s',
                request.method,
                redact_url(request.url),
                response.status_code,
                response.reason_phrase,
                redact_headers(response.headers.items()),
            )

    def _log_retry(self, request: httpx.Request, delay: float, reason: str) -> None:
        logger.info(
            "Retrying %s %s in %.3f seconds (%s)",
            request.method,
            redact_url(request.url),
            delay,
            reason,
        )


def _is_plain_path(path: str) -> bool:
    """A path relative to the base URL with no query or fragment of its own, which cannot be
    read as a network-path reference (`//host/...`)."""
    return path[:1] == "/" and path[1:2] != "/" and "?" not in path and "#" not in path


def _params_of(url: httpx.URL) -> Dict[str, object]:
    params: Dict[str, object] = {}
    for key in url.params.keys():
        values = url.params.get_list(key)
        params[key] = values if len(values) > 1 else values[0]
    return params


def _parse_retry_after(headers: Optional[httpx.Headers]) -> Optional[float]:
    if headers is None:
        return None
    retry_ms = headers.get("retry-after-ms")
    if retry_ms is not None:
        try:
            return float(retry_ms) / 1000.0
        except ValueError:
            pass
    retry_after = headers.get("retry-after")
    if retry_after is None:
        return None
    try:
        return float(retry_after)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(retry_after)
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed)) - time.time()


def unwrap_error(body: object) -> object:
    """The error object inside the configured envelope (`{"error": {...}}`), else the body."""
    whole: object = body  # pyright would keep the isinstance narrowing of `body` below
    envelope = cast("Mapping[str, object]", body) if isinstance(body, Mapping) else None
    inner = envelope.get(ERROR_ENVELOPE) if envelope is not None and ERROR_ENVELOPE else None
    return whole if inner is None else inner


def _error_detail(body: object) -> str:
    """The server's own error message, when the body has one; else the body, shortened."""
    if isinstance(body, Mapping):
        mapping = cast("Mapping[str, object]", body)
        own = mapping.get(ERROR_MESSAGE_FIELD)
        if isinstance(own, str):
            return own
        error = mapping.get("error")
        if isinstance(error, Mapping):
            message = cast("Mapping[str, object]", error).get("message")
            if isinstance(message, str):
                return message
        if isinstance(error, str):
            return error
        message = mapping.get("message")
        if isinstance(message, str):
            return message
        text = json.dumps(mapping, ensure_ascii=False, default=str)
    elif isinstance(body, str):
        text = body.strip()
    elif body is None:
        return ""
    else:
        text = json.dumps(body, ensure_ascii=False, default=str)
    return text if len(text) <= 500 else text[:497] + "..."


def resolve_timeout(
    timeout: Union[float, httpx.Timeout, None, NotGiven],
    http_client: Union[httpx.Client, httpx.AsyncClient, None],
) -> Timeout:
    """The client's default timeout: the one given, else a custom one on a given http
    client, else 600 s (5 s to connect)."""
    if not isinstance(timeout, NotGiven):
        return timeout
    if http_client is not None and http_client.timeout != _HTTPX_DEFAULT_TIMEOUT:
        return http_client.timeout
    return DEFAULT_TIMEOUT
