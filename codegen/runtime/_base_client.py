"""The sync and async clients under the generated ones: sending with retries, and what a
method gets back (a parsed body, a stream of events, a page, or the raw response)."""

import functools
import time
from typing import Any, Awaitable, Callable, Mapping, Optional, Type, TypeVar, Union, cast

import httpx
from typing_extensions import Literal, Self, Unpack

from ._api_response import APIResponse, AsyncAPIResponse
from ._exceptions import APIConnectionError, APITimeoutError
from ._files import async_split_multipart, split_multipart
from ._pagination import AsyncPage, AsyncPaginator, NextPage, Paging, SyncPage
from ._request import (
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    BaseClient,
    PendingRequest,
    make_request_options,
    resolve_timeout,
)
from ._types import (
    Body,
    FileTypes,
    Headers,
    NotGiven,
    Query,
    RequestArgs,
    RequestOptions,
    not_given,
)
from ._utils import path_template

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "BaseClient",
    "SyncAPIClient",
    "make_request_options",
    "path_template",
]

ResponseT = TypeVar("ResponseT")
ItemT = TypeVar("ItemT")


# --- sync ------------------------------------------------------------------------------------


class SyncAPIClient(BaseClient[httpx.Client]):
    """A client over httpx.Client."""

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        strict_response_validation: bool = False,
    ) -> None:
        if http_client is not None and not isinstance(cast(object, http_client), httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client, got {type(http_client).__name__}"
            )
        super().__init__(
            base_url=base_url,
            timeout=resolve_timeout(timeout, http_client),
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            strict_response_validation=strict_response_validation,
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client
        self._sleep: Callable[[float], None] = time.sleep

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client(
            timeout=self.timeout, follow_redirects=True, limits=DEFAULT_CONNECTION_LIMITS
        )

    def close(self) -> None:
        """Close the HTTP client, if this client created it (a shared one is left open)."""
        if self._owns_http_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Type[ResponseT],
        body: Optional[Body] = None,
        query: Optional[Query] = None,
        headers: Optional[Headers] = None,
        files: Optional[Mapping[str, FileTypes]] = None,
        multipart: Union[bool, Literal["with_files"]] = False,
        encoding: Optional[Mapping[str, str]] = None,
        bare: Optional[str] = None,
        content_type: Optional[str] = None,
        accept: Optional[str] = None,
        options: Optional[RequestOptions] = None,
    ) -> ResponseT:
        """Send a request, retrying as configured, and return the body as `cast_to`: a class,
        `Stream[Event]` (events as they arrive), `BinaryResponse` (the bytes), or a type
        expression that is not a class (a Union, `List[X]`) passed as `cast(Any, expression)`,
        whose return type then comes from the caller's annotation.

        A multipart body sends the fields `encoding` names as parts of that media type; when
        `bare` is the only field given, its value alone is the body (of type `encoding[bare]`).
        """
        pending = PendingRequest(
            method, path, body=body, query=query, headers=headers, files=files,
            multipart=multipart, encoding=encoding, bare=bare, content_type=content_type,
            accept=accept, options=options, cast_to=cast_to,
        )  # fmt: skip
        if pending.multipart:
            pending.parts = split_multipart(pending.multipart_fields(), files, encoding)
            pending.remember_file_positions()
        response = self._send_with_retries(pending)
        if pending.wants_response:
            return cast(ResponseT, self._api_response(response, cast_to))
        return cast(ResponseT, self._parse(cast_to, response))

    # The HTTP verbs, for endpoints the generated methods do not cover.

    def get(self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]) -> ResponseT:
        return self.request("GET", path, cast_to=cast_to, **args)

    def post(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return self.request("POST", path, cast_to=cast_to, **args)

    def put(self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]) -> ResponseT:
        return self.request("PUT", path, cast_to=cast_to, **args)

    def patch(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return self.request("PATCH", path, cast_to=cast_to, **args)

    def delete(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return self.request("DELETE", path, cast_to=cast_to, **args)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        page: Type[SyncPage[ItemT]],
        cast_to: Any,
        paging: Paging,
        body: Optional[Body] = None,
        query: Optional[Query] = None,
        headers: Optional[Headers] = None,
        content_type: Optional[str] = None,
        options: Optional[RequestOptions] = None,
    ) -> SyncPage[ItemT]:
        """The first page of a list operation (`cast_to` types its body); iterating it yields
        every item, fetching each next page as the one before is used up."""
        pending = PendingRequest(
            method, path, body=body, query=query, headers=headers, files=None,
            multipart=False, encoding=None, bare=None, content_type=content_type, accept=None,
            options=options,
            cast_to=cast_to,
        )  # fmt: skip
        return cast(SyncPage[ItemT], self._fetch_page(pending, paging, NextPage()))

    def _fetch_page(
        self, pending: PendingRequest, paging: Paging, next_page: NextPage
    ) -> SyncPage[Any]:
        step = pending.for_page(next_page)
        response = self._send_with_retries(step)

        as_page = self._page_parser(SyncPage, pending, step, paging, self._fetch_page)

        if step.wants_response:
            return cast(SyncPage[Any], self._api_response(response, pending.cast_to, as_page))
        return cast(SyncPage[Any], as_page(response))

    def _api_response(
        self,
        response: httpx.Response,
        cast_to: Any,
        parser: Optional[Callable[[httpx.Response], Any]] = None,
    ) -> APIResponse[Any]:
        return APIResponse(
            raw=response, cast_to=cast_to, strict=self._strict_response_validation, parser=parser
        )

    def _send_with_retries(self, pending: PendingRequest) -> httpx.Response:
        """The response to the first attempt that succeeds. A stream's body is not read: once
        a stream has begun, nothing is retried."""
        max_retries = pending.options.get("max_retries", self.max_retries)
        retries_taken = 0
        while True:
            pending.rewind_files()
            request = self._build_request(pending, retries_taken)
            self._log_request(request, retries_taken)
            try:
                response = self._client.send(request, stream=pending.stream)
            except httpx.TimeoutException as exc:
                if retries_taken >= max_retries:
                    raise APITimeoutError(request=request) from exc
                self._wait(request, retries_taken, None, "timed out")
                retries_taken += 1
                continue
            except httpx.RequestError as exc:
                if retries_taken >= max_retries:
                    raise APIConnectionError(request=request) from exc
                self._wait(request, retries_taken, None, f"{type(exc).__name__}")
                retries_taken += 1
                continue
            self._log_response(request, response)
            if response.status_code < 400:
                return response
            if retries_taken < max_retries and self._should_retry(response):
                response.close()
                self._wait(request, retries_taken, response.headers, f"{response.status_code}")
                retries_taken += 1
                continue
            response.read()
            raise self._make_status_error(response)

    def _wait(
        self,
        request: httpx.Request,
        retries_taken: int,
        headers: Optional[httpx.Headers],
        reason: str,
    ) -> None:
        delay = self._retry_delay(retries_taken, headers)
        self._log_retry(request, delay, reason)
        self._sleep(delay)


# --- async -----------------------------------------------------------------------------------


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """A client over httpx.AsyncClient."""

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        strict_response_validation: bool = False,
    ) -> None:
        if http_client is not None and not isinstance(cast(object, http_client), httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}"
            )
        super().__init__(
            base_url=base_url,
            timeout=resolve_timeout(timeout, http_client),
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            strict_response_validation=strict_response_validation,
        )
        self._owns_http_client = http_client is None
        self._http_client = http_client
        import asyncio  # here, not at the top: only the async client needs it (saves ~25 ms)

        self._async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=self.timeout, follow_redirects=True, limits=DEFAULT_CONNECTION_LIMITS
        )

    async def close(self) -> None:
        """Close the HTTP client, if this client created it (a shared one is left open)."""
        if self._owns_http_client:
            await self._client.aclose()

    async def aclose(self) -> None:
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Type[ResponseT],
        body: Optional[Body] = None,
        query: Optional[Query] = None,
        headers: Optional[Headers] = None,
        files: Optional[Mapping[str, FileTypes]] = None,
        multipart: Union[bool, Literal["with_files"]] = False,
        encoding: Optional[Mapping[str, str]] = None,
        bare: Optional[str] = None,
        content_type: Optional[str] = None,
        accept: Optional[str] = None,
        options: Optional[RequestOptions] = None,
    ) -> ResponseT:
        """Send a request, retrying as configured, and return the body as `cast_to`
        (`AsyncStream[Event]` for events as they arrive)."""
        pending = PendingRequest(
            method, path, body=body, query=query, headers=headers, files=files,
            multipart=multipart, encoding=encoding, bare=bare, content_type=content_type,
            accept=accept, options=options, cast_to=cast_to,
        )  # fmt: skip
        if pending.multipart:
            pending.parts = await async_split_multipart(
                pending.multipart_fields(), files, encoding
            )
            pending.remember_file_positions()
        response = await self._send_with_retries(pending)
        if pending.wants_response:
            return cast(ResponseT, self._api_response(response, cast_to))
        return cast(ResponseT, self._parse(cast_to, response))

    # The HTTP verbs, for endpoints the generated methods do not cover.

    async def get(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return await self.request("GET", path, cast_to=cast_to, **args)

    async def post(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return await self.request("POST", path, cast_to=cast_to, **args)

    async def put(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return await self.request("PUT", path, cast_to=cast_to, **args)

    async def patch(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return await self.request("PATCH", path, cast_to=cast_to, **args)

    async def delete(
        self, path: str, *, cast_to: Type[ResponseT], **args: Unpack[RequestArgs]
    ) -> ResponseT:
        return await self.request("DELETE", path, cast_to=cast_to, **args)

    def request_page(
        self,
        method: str,
        path: str,
        *,
        page: Type[AsyncPage[ItemT]],
        cast_to: Any,
        paging: Paging,
        body: Optional[Body] = None,
        query: Optional[Query] = None,
        headers: Optional[Headers] = None,
        content_type: Optional[str] = None,
        options: Optional[RequestOptions] = None,
    ) -> AsyncPaginator[ItemT]:
        """`await` it for the first page of a list operation, or `async for` over it for
        every item, each next page fetched as the one before is used up."""
        pending = PendingRequest(
            method, path, body=body, query=query, headers=headers, files=None,
            multipart=False, encoding=None, bare=None, content_type=content_type, accept=None,
            options=options,
            cast_to=cast_to,
        )  # fmt: skip
        first = functools.partial(self._fetch_page, pending, paging, NextPage())
        return AsyncPaginator(cast(Callable[[], Awaitable[AsyncPage[ItemT]]], first))

    async def _fetch_page(
        self, pending: PendingRequest, paging: Paging, next_page: NextPage
    ) -> AsyncPage[Any]:
        step = pending.for_page(next_page)
        response = await self._send_with_retries(step)

        as_page = self._page_parser(AsyncPage, pending, step, paging, self._fetch_page)

        if step.wants_response:
            return cast(AsyncPage[Any], self._api_response(response, pending.cast_to, as_page))
        return cast(AsyncPage[Any], as_page(response))

    def _api_response(
        self,
        response: httpx.Response,
        cast_to: Any,
        parser: Optional[Callable[[httpx.Response], Any]] = None,
    ) -> AsyncAPIResponse[Any]:
        return AsyncAPIResponse(
            raw=response, cast_to=cast_to, strict=self._strict_response_validation, parser=parser
        )

    async def _send_with_retries(self, pending: PendingRequest) -> httpx.Response:
        """The response to the first attempt that succeeds. A stream's body is not read: once
        a stream has begun, nothing is retried."""
        max_retries = pending.options.get("max_retries", self.max_retries)
        retries_taken = 0
        while True:
            pending.rewind_files()
            request = self._build_request(pending, retries_taken)
            self._log_request(request, retries_taken)
            try:
                response = await self._client.send(request, stream=pending.stream)
            except httpx.TimeoutException as exc:
                if retries_taken >= max_retries:
                    raise APITimeoutError(request=request) from exc
                await self._wait(request, retries_taken, None, "timed out")
                retries_taken += 1
                continue
            except httpx.RequestError as exc:
                if retries_taken >= max_retries:
                    raise APIConnectionError(request=request) from exc
                await self._wait(request, retries_taken, None, f"{type(exc).__name__}")
                retries_taken += 1
                continue
            self._log_response(request, response)
            if response.status_code < 400:
                return response
            if retries_taken < max_retries and self._should_retry(response):
                await response.aclose()
                await self._wait(
                    request, retries_taken, response.headers, f"{response.status_code}"
                )
                retries_taken += 1
                continue
            await response.aread()
            raise self._make_status_error(response)

    async def _wait(
        self,
        request: httpx.Request,
        retries_taken: int,
        headers: Optional[httpx.Headers],
        reason: str,
    ) -> None:
        delay = self._retry_delay(retries_taken, headers)
        self._log_retry(request, delay, reason)
        await self._async_sleep(delay)
