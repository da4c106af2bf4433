"""Webhook signature verification: Standard Webhooks (https://www.standardwebhooks.com) or a
plain HMAC of the body in one header (GitHub's `X-Hub-Signature-256: sha256=<hex>`).

Two kinds of error: `WebhookVerificationError` says the delivery is not to be trusted (a
header missing or malformed, a timestamp outside the tolerance, no matching signature); a plain
`ValueError` says the verification itself is set up wrongly (no secret, an unusable secret, a
package without a signature scheme), so that a handler answering 400 to the first kind does not
hide the second.
"""

import base64
import hashlib
import hmac
import os
import time
from typing import List, Mapping, Optional, Tuple, Union

from ._constants import (
    WEBHOOK_SCHEME,
    WEBHOOK_SECRET_ENV,
    WEBHOOK_SIGNATURE_HEADER,
    WEBHOOK_SIGNATURE_PREFIX,
)
from ._exceptions import WebhookVerificationError

__all__ = ["verify_hmac", "verify_signature", "verify_standard"]

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
SECRET_PREFIX = "whsec_"
SIGNATURE_VERSION = "v1"

Secret = Union[str, bytes]


def verify_signature(
    payload: Union[str, bytes],
    headers: Mapping[str, str],
    secret: Optional[Secret],
    *,
    tolerance: int = 300,
    scheme: str = WEBHOOK_SCHEME,
    now: Optional[float] = None,
) -> None:
    """Check that `payload` (the raw request body) was signed with the webhook secret.

    `secret` None reads the environment variable the package names; `headers` may be any
    mapping, its names in any case. Raises `WebhookVerificationError` naming what failed.
    """
    if scheme == "standard":
        verify_standard(payload, headers, _resolve_secret(secret), tolerance=tolerance, now=now)
    elif scheme == "hmac":
        verify_hmac(payload, headers, _resolve_secret(secret))
    elif scheme == "none":
        raise ValueError("This API declares no webhook signature scheme: nothing to verify.")
    else:
        raise ValueError(f"Unknown webhook signature scheme {scheme!r}: 'standard' or 'hmac'.")


def verify_standard(
    payload: Union[str, bytes],
    headers: Mapping[str, str],
    secret: Secret,
    *,
    tolerance: int = 300,
    now: Optional[float] = None,
) -> None:
    """Standard Webhooks: an HMAC-SHA256 of `{id}.{timestamp}.{payload}`, base64, in
    `webhook-signature` ("v1,<sig>", several separated by spaces, any one matching suffices)."""
    if tolerance < 0:
        raise ValueError(f"tolerance must be 0 or more seconds, not {tolerance}.")
    key = _standard_key(secret)
    msg_id, timestamp, signature = _required_headers(headers)
    _check_timestamp(timestamp, tolerance, time.time() if now is None else now)
    signed = f"{msg_id}.{timestamp}.".encode() + _body(payload)
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    _match_standard_signatures(signature, expected)


def verify_hmac(
    payload: Union[str, bytes],
    headers: Mapping[str, str],
    secret: Secret,
    *,
    header: str = WEBHOOK_SIGNATURE_HEADER,
    prefix: str = WEBHOOK_SIGNATURE_PREFIX,
) -> None:
    """A hex HMAC-SHA256 of the body after `prefix` in `header`; the secret is used as is."""
    key = secret.encode() if isinstance(secret, str) else secret
    if not key:
        raise ValueError("The webhook secret is empty.")
    value = (_header(headers, header) or "").strip()
    if not value:
        raise WebhookVerificationError(f"Missing {header} header.")
    if not value.startswith(prefix):
        raise WebhookVerificationError(f"The {header} header does not start with {prefix!r}.")
    try:
        # casefold: hex in either case; b16decode, unlike bytes.fromhex, refuses spaces
        given = base64.b16decode(value[len(prefix) :], casefold=True)
    except ValueError:
        raise WebhookVerificationError(
            f"The {header} header does not hold a hex digest after {prefix!r}."
        ) from None
    expected = hmac.new(key, _body(payload), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, given):
        raise WebhookVerificationError(f"The {header} signature does not match the payload.")


def _resolve_secret(secret: Optional[Secret]) -> Secret:
    if secret is not None:
        return secret
    from_env = os.environ.get(WEBHOOK_SECRET_ENV) if WEBHOOK_SECRET_ENV else None
    if from_env:
        return from_env
    where = f", or set the {WEBHOOK_SECRET_ENV} environment variable" if WEBHOOK_SECRET_ENV else ""
    raise ValueError(
        f"No webhook secret: pass `secret=` (or the client's `webhook_secret=`){where}."
    )


def _standard_key(secret: Secret) -> bytes:
    """The HMAC key of a Standard Webhooks secret: base64 after an optional `whsec_`.

    Decoded as the reference library (standardwebhooks) does, leniently (padding added,
    characters outside the alphabet skipped), so that a secret it accepts works here too;
    bytes are the key itself.
    """
    if isinstance(secret, bytes):
        key = secret
    else:
        text = secret[len(SECRET_PREFIX) :] if secret.startswith(SECRET_PREFIX) else secret
        try:
            key = base64.b64decode(text + "==")
        except ValueError:  # binascii.Error, or non-ASCII text
            raise ValueError(
                f"The webhook secret is not base64 (optionally after {SECRET_PREFIX!r})."
            ) from None
    if not key:
        raise ValueError("The webhook secret is empty.")
    return key


def _required_headers(headers: Mapping[str, str]) -> Tuple[str, str, str]:
    names = (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER)
    values = [(_header(headers, name) or "").strip() for name in names]
    missing = [name for name, value in zip(names, values) if not value]
    if missing:
        raise WebhookVerificationError(f"Missing webhook header(s): {', '.join(missing)}.")
    return values[0], values[1], values[2]


def _header(headers: Mapping[str, str], name: str) -> Optional[str]:
    """The value of header `name` (lower case) in any mapping, whatever the case of its keys."""
    value = headers.get(name)  # case-insensitive mappings (httpx, starlette) answer here
    if value is None:
        for key, item in headers.items():
            if key.lower() == name:
                return item
    return value


def _check_timestamp(timestamp: str, tolerance: int, now: float) -> None:
    # Whole seconds only: the signed text holds the header as sent, so "1.5" or "+1" would
    # sign something other than the number they stand for.
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise WebhookVerificationError(
            f"The {TIMESTAMP_HEADER} header is not a whole number of seconds."
        )
    if len(timestamp.lstrip("0")) > 18:  # ages ahead; and int -> float overflows at 309 digits
        raise _too_new(tolerance, "")
    age = now - int(timestamp)
    if age > tolerance:
        raise WebhookVerificationError(
            f"The webhook timestamp is too old: {_seconds(age)} s ago, more than the tolerance"
            f" of {tolerance} s."
        )
    if -age > tolerance:
        raise _too_new(tolerance, f": {_seconds(-age)} s ahead")


def _too_new(tolerance: int, ahead: str) -> WebhookVerificationError:
    return WebhookVerificationError(
        f"The webhook timestamp is too far in the future{ahead}, more than the tolerance of"
        f" {tolerance} s."
    )


def _seconds(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


def _match_standard_signatures(header: str, expected: bytes) -> None:
    """Accept when one well-formed v1 signature matches; other versions are skipped."""
    signatures, malformed, versions = _parse_signature_header(header)
    if any(hmac.compare_digest(expected, given) for given in signatures):
        return
    if malformed:
        raise WebhookVerificationError(
            f"Malformed {SIGNATURE_HEADER} header: {malformed} entr"
            f"{'y is' if malformed == 1 else 'ies are'} not '{SIGNATURE_VERSION},<base64>'."
        )
    if not signatures:
        raise WebhookVerificationError(
            f"No {SIGNATURE_VERSION} signature in the {SIGNATURE_HEADER} header"
            f" (versions: {', '.join(versions)})."
        )
    raise WebhookVerificationError(f"No {SIGNATURE_HEADER} signature matches the payload.")


def _parse_signature_header(header: str) -> Tuple[List[bytes], int, List[str]]:
    """The decoded v1 signatures, how many entries are malformed, and every version seen."""
    signatures: List[bytes] = []
    versions: List[str] = []
    malformed = 0
    for entry in header.split():
        version, comma, encoded = entry.partition(",")
        if not comma or not version:
            malformed += 1
            continue
        versions.append(version)
        if version != SIGNATURE_VERSION:
            continue
        try:
            signatures.append(base64.b64decode(encoded, validate=True))
        except ValueError:
            malformed += 1
    return signatures, malformed, versions


def _body(payload: Union[str, bytes]) -> bytes:
    """The bytes that were signed: the raw body, or a str body encoded back to UTF-8."""
    if isinstance(payload, bytes):
        return payload
    try:
        return payload.encode("utf-8")
    except UnicodeEncodeError:
        raise WebhookVerificationError(
            "The payload str cannot be encoded as UTF-8: pass the raw body bytes."
        ) from None
