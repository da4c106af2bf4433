"""Errors raised by the client: one tree under `APIError`, plus `ClientConfigError`."""

from typing import Dict, Optional, Type, cast

import httpx

from ._constants import ERROR_ATTRIBUTES, REQUEST_ID_HEADER

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfigError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WebhookVerificationError",
]


class ClientConfigError(Exception):
    """The client cannot be built as configured (for example: no API key anywhere)."""


class WebhookVerificationError(ValueError):
    """A webhook's signature is missing, malformed, too old or too new, or does not match."""


class APIError(Exception):
    """Base of every error about a request that was (or was to be) sent."""

    message: str
    request: httpx.Request
    body: Optional[object]
    """The decoded JSON body of the response, its text if it is not JSON, or None."""

    def __init__(self, message: str, request: httpx.Request, body: Optional[object] = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class APIResponseValidationError(APIError):
    """The response did not match the expected type, with strict_response_validation on."""

    response: httpx.Response
    status_code: int

    def __init__(
        self,
        response: httpx.Response,
        body: Optional[object],
        *,
        message: Optional[str] = None,
    ) -> None:
        super().__init__(
            message or "Data returned by API invalid for expected schema.",
            response.request,
            body,
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: Optional[str]

    def __init__(self, message: str, *, response: httpx.Response, body: Optional[object]) -> None:
        super().__init__(message, response.request, body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get(REQUEST_ID_HEADER)
        fields: Dict[str, object] = cast(Dict[str, object], body) if isinstance(body, dict) else {}
        self._error_fields = {name: fields.get(name) for name in ERROR_ATTRIBUTES}

    def __getattr__(self, name: str) -> object:
        """The error object's fields the API documents (`code`, `type`...), None when the
        server left one out."""
        fields: Dict[str, object] = self.__dict__.get("_error_fields") or {}
        if name in fields:
            return fields[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


class APIConnectionError(APIError):
    """No response: the connection failed or broke (see `__cause__` for the transport error)."""

    def __init__(self, *, message: str = "Connection error.", request: httpx.Request) -> None:
        super().__init__(message, request, None)


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(message="Request timed out.", request=request)


class BadRequestError(APIStatusError):
    """Status 400."""


class AuthenticationError(APIStatusError):
    """Status 401."""


class PermissionDeniedError(APIStatusError):
    """Status 403."""


class NotFoundError(APIStatusError):
    """Status 404."""


class ConflictError(APIStatusError):
    """Status 409."""


class UnprocessableEntityError(APIStatusError):
    """Status 422."""


class RateLimitError(APIStatusError):
    """Status 429."""


class InternalServerError(APIStatusError):
    """Any 5xx status."""


_STATUS_ERRORS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> Type[APIStatusError]:
    """The most specific `APIStatusError` subclass for a status code."""
    if status_code in _STATUS_ERRORS:
        return _STATUS_ERRORS[status_code]
    return InternalServerError if status_code >= 500 else APIStatusError
