"""Logging: the package logger, switched on by an environment variable, and redaction."""

import logging
import os
import re
from typing import Any, Collection, Dict, Iterable, Mapping, Tuple, Union, cast

import httpx

from ._constants import AUTH_HEADERS, AUTH_QUERY_PARAMS, LOG_ENV, PACKAGE_NAME

__all__ = ["REDACTED", "logger", "redact_headers", "redact_text", "redact_url", "setup_logging"]

logger: logging.Logger = logging.getLogger(PACKAGE_NAME)
httpx_logger: logging.Logger = logging.getLogger("httpx")

REDACTED = "<redacted>"

# Header names whose values are credentials, whatever the API calls its own auth header.
_SENSITIVE_NAME = re.compile(r"authorization|api[-_]?key|token|secret|password|cookie", re.I)
# Query parameter names that carry credentials (narrower: "page_token" is not a secret).
_SENSITIVE_PARAM = re.compile(r"^(api[-_]?key|access[-_]?token|secret|password|key)$", re.I)

_configured = False


def setup_logging() -> None:
    """Switch the package logger on when the environment variable asks for it (once)."""
    global _configured
    if _configured or LOG_ENV is None:
        return
    _configured = True
    level = os.environ.get(LOG_ENV, "").strip().lower()
    if level not in ("debug", "info"):
        return
    logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
        )
        logger.addHandler(handler)


def is_sensitive_header(name: str, extra: Collection[str] = ()) -> bool:
    lowered = name.lower()
    return lowered in AUTH_HEADERS or lowered in extra or bool(_SENSITIVE_NAME.search(lowered))


def redact_headers(
    headers: Union[Mapping[str, str], Iterable[Tuple[str, str]]], extra: Collection[str] = ()
) -> Dict[str, str]:
    """A copy of the headers, with the value of every credential-bearing header replaced."""
    if isinstance(headers, Mapping):
        pairs = list(cast("Mapping[str, str]", headers).items())
    else:
        pairs = list(headers)
    return {
        name: (REDACTED if is_sensitive_header(name, extra) else value) for name, value in pairs
    }


def redact_url(url: Union[str, httpx.URL], extra: Collection[str] = ()) -> str:
    """The URL as text, with the values of auth query parameters and any userinfo replaced."""
    parsed = httpx.URL(url) if isinstance(url, str) else url
    names = {n.lower() for n in AUTH_QUERY_PARAMS} | {n.lower() for n in extra}
    params = [
        (k, REDACTED if (k.lower() in names or _SENSITIVE_PARAM.search(k)) else v)
        for k, v in parsed.params.multi_items()
    ]
    if parsed.userinfo:
        parsed = parsed.copy_with(username=None, password=None)
    if not parsed.query:
        return str(parsed)
    return str(parsed.copy_with(params=params))


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """Text with every occurrence of each (non-trivial) secret replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


class _RedactURLFilter(logging.Filter):
    """Masks auth query parameters in the URLs that httpx itself logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redact_arg(arg) for arg in record.args)
        return True


def _redact_arg(arg: Any) -> Any:
    if isinstance(arg, httpx.URL):
        return redact_url(arg)
    return arg


if AUTH_QUERY_PARAMS:
    httpx_logger.addFilter(_RedactURLFilter())
