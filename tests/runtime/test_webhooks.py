"""Webhook signature verification (the runtime's `_webhooks`) in a generated package.

Standard Webhooks against the reference library (`standardwebhooks`, whose clock is frozen at
NOW here): for each delivery both must accept or both refuse, and our error must say what
failed. Plain HMAC (GitHub's `X-Hub-Signature-256`) against GitHub's documented example.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from types import ModuleType
from typing import Any

import httpx
import pytest
import standardwebhooks.webhooks
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from standardwebhooks import Webhook
from starlette.datastructures import Headers as StarletteHeaders

NOW = 1_700_000_000
KEY = bytes(range(32))
SECRET = "whsec_" + base64.b64encode(KEY).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"another key, 32 bytes long......").decode()
MSG_ID = "msg_2aWmBn7kqQ"
BODY = '{"type": "response.completed", "data": {"id": "resp_123"}}'
# hypothesis runs each example in the same package: the module under test holds no state
HYPOTHESIS = settings(max_examples=150, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


class _FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> _FrozenDatetime:
        return cls.fromtimestamp(NOW, tz=tz)


@pytest.fixture(autouse=True)
def frozen_oracle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference library reads the clock itself: it reads NOW, as `now=NOW` tells ours."""
    monkeypatch.setattr(standardwebhooks.webhooks, "datetime", _FrozenDatetime)


@pytest.fixture
def wh(render: Callable[..., Any]) -> ModuleType:
    return render().import_module("_webhooks")


def sign(payload: str | bytes, *, secret: str = SECRET, msg_id: str = MSG_ID,
         timestamp: int = NOW) -> str:
    """The oracle's signature header value ("v1,<base64>") for a delivery."""
    text = payload if isinstance(payload, str) else payload.decode()
    return Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, tz=timezone.utc), text)


def delivery(payload: str | bytes = BODY, *, timestamp: int = NOW, msg_id: str = MSG_ID,
             secret: str = SECRET, signature: str | None = None) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(payload, secret=secret, msg_id=msg_id, timestamp=timestamp)
        if signature is None else signature,
    }


def oracle_accepts(payload: str | bytes, headers: Mapping[str, str], secret: str) -> bool:
    try:
        Webhook(secret).verify(payload, headers, json_parse=False)
    except Exception:  # it refuses a malformed header by failing to unpack or decode it
        return False
    return True


def ours(wh: ModuleType, payload: str | bytes, headers: Mapping[str, str], secret: str,
         **options: Any) -> str | None:
    """None when ours accepts the delivery, else the message of its WebhookVerificationError."""
    options.setdefault("now", NOW)
    try:
        wh.verify_signature(payload, headers, secret, scheme="standard", **options)
    except wh.WebhookVerificationError as exc:
        assert isinstance(exc, ValueError)
        return str(exc)
    return None


def check(wh: ModuleType, payload: str | bytes, headers: Mapping[str, str], *,
          secret: str = SECRET, error: str | None = None) -> None:
    """Ours and the oracle both accept (error None) or both refuse, ours saying `error`."""
    verdict = ours(wh, payload, headers, secret)
    assert oracle_accepts(payload, headers, secret) is (error is None)
    if error is None:
        assert verdict is None
    else:
        assert verdict is not None and error in verdict, verdict


def swap_signature(value: str) -> str:
    """A well-formed v1 signature of something else."""
    return "v1," + base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()


NO_MATCH = "No webhook-signature signature matches the payload."
MALFORMED = "Malformed webhook-signature header"


# -- Standard Webhooks, case by case -------------------------------------------------------


def test_the_specs_example_verifies(wh: ModuleType) -> None:
    """The example of the Standard Webhooks test suite, byte for byte."""
    headers = {"webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330",
               "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}
    wh.verify_standard('{"test": 2432232314}', headers, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                       now=1614265330)
    with pytest.raises(wh.WebhookVerificationError, match=re.escape(NO_MATCH)):
        wh.verify_standard('{"test": 2432232315}', headers,
                           "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", now=1614265330)


def test_valid_delivery(wh: ModuleType) -> None:
    check(wh, BODY, delivery())


def test_tampered_body(wh: ModuleType) -> None:
    check(wh, BODY.replace("123", "124"), delivery(), error=NO_MATCH)


def test_wrong_secret(wh: ModuleType) -> None:
    check(wh, BODY, delivery(), secret=OTHER_SECRET, error=NO_MATCH)


def test_secret_without_the_whsec_prefix(wh: ModuleType) -> None:
    check(wh, BODY, delivery(), secret=SECRET.removeprefix("whsec_"))


@pytest.mark.parametrize("secret", ["plainsecret", "abc", "whsec_abc"])
def test_secrets_the_library_decodes_leniently(wh: ModuleType, secret: str) -> None:
    """Padding missing or not a multiple of 4: the library still decodes them, so do we."""
    check(wh, BODY, delivery(secret=secret), secret=secret)
    check(wh, BODY, delivery(secret=secret), secret=SECRET, error=NO_MATCH)


@pytest.mark.parametrize(("secret", "message"), [
    ("my-plain-secret", "not base64"),  # 13 characters of the alphabet: not decodable
    ("héllo", "not base64"),
    ("whsec_", "is empty"),
    ("!!!!", "is empty"),  # nothing of the alphabet at all
])
def test_unusable_secrets_are_a_setup_error(wh: ModuleType, secret: str, message: str) -> None:
    """Refused by the library's constructor; ours says so with a ValueError that is not a
    verification failure, whatever the delivery."""
    with pytest.raises(Exception):  # noqa: B017 - the library raises three kinds
        Webhook(secret)
    with pytest.raises(ValueError, match=message) as info:
        wh.verify_signature(BODY, delivery(), secret, scheme="standard", now=NOW)
    assert not isinstance(info.value, wh.WebhookVerificationError)


def test_bytes_secret_is_the_key_itself(wh: ModuleType) -> None:
    wh.verify_standard(BODY, delivery(), KEY, now=NOW)
    assert oracle_accepts(BODY, delivery(), SECRET)
    with pytest.raises(wh.WebhookVerificationError, match="matches"):
        wh.verify_standard(BODY, delivery(), SECRET.encode(), now=NOW)


@pytest.mark.parametrize(("offset", "error"), [
    (-300, None),  # exactly at the tolerance: still accepted
    (-301, "too old: 301 s ago, more than the tolerance of 300 s"),
    (-86_400, "too old: 86400 s ago"),
    (300, None),
    (301, "too far in the future: 301 s ahead, more than the tolerance of 300 s"),
    (86_400, "too far in the future: 86400 s ahead"),
])
def test_timestamp_tolerance_both_ways(wh: ModuleType, offset: int, error: str | None) -> None:
    check(wh, BODY, delivery(timestamp=NOW + offset), error=error)


def test_tolerance_and_now_are_the_callers(wh: ModuleType) -> None:
    headers = delivery(timestamp=NOW - 11)
    assert ours(wh, BODY, headers, SECRET, tolerance=11) is None
    assert "too old: 11 s ago, more than the tolerance of 10 s" in str(
        ours(wh, BODY, headers, SECRET, tolerance=10))
    assert "too old: 11.5 s ago" in str(ours(wh, BODY, headers, SECRET, tolerance=10,
                                             now=NOW + 0.5))
    assert ours(wh, BODY, headers, SECRET, now=NOW - 11) is None
    with pytest.raises(ValueError, match="tolerance must be 0 or more"):
        ours(wh, BODY, headers, SECRET, tolerance=-1)


def test_without_now_the_clock_decides(wh: ModuleType) -> None:
    """An hour either way of the real clock: far from the edge, however slow the machine."""
    wh.verify_signature(BODY, delivery(timestamp=int(time.time())), SECRET)
    with pytest.raises(wh.WebhookVerificationError, match="too old"):
        wh.verify_signature(BODY, delivery(timestamp=int(time.time()) - 3600), SECRET)
    with pytest.raises(wh.WebhookVerificationError, match="too far in the future"):
        wh.verify_signature(BODY, delivery(timestamp=int(time.time()) + 3600), SECRET)


@pytest.mark.parametrize("value", ["abc", "", "-5", "١٢٣", "0x6553f100"])
def test_timestamp_that_is_not_whole_seconds(wh: ModuleType, value: str) -> None:
    headers = {**delivery(), "webhook-timestamp": value}
    error = "Missing webhook header(s): webhook-timestamp." if not value else (
        "The webhook-timestamp header is not a whole number of seconds.")
    check(wh, BODY, headers, error=error)


@pytest.mark.parametrize("value", [f"{NOW}.0", "1.7e9", f"+{NOW}"])
def test_timestamp_spelled_otherwise_is_refused(wh: ModuleType, value: str) -> None:
    """A deliberate difference: the library reads these as NOW and checks a signature of
    "NOW" (so it accepts them); ours refuses them, since the spec signs the header as sent."""
    headers = {**delivery(), "webhook-timestamp": value}
    assert ours(wh, BODY, headers, SECRET) == (
        "The webhook-timestamp header is not a whole number of seconds.")


def test_timestamp_too_large_for_a_float(wh: ModuleType) -> None:
    headers = {**delivery(), "webhook-timestamp": "9" * 400}
    assert "too far in the future, more than the tolerance" in str(ours(wh, BODY, headers,
                                                                        SECRET))


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_each_header(wh: ModuleType, missing: str) -> None:
    headers = delivery()
    del headers[missing]
    check(wh, BODY, headers, error=f"Missing webhook header(s): {missing}.")
    check(wh, BODY, {**headers, missing: ""}, error=f"Missing webhook header(s): {missing}.")


def test_every_missing_header_is_named(wh: ModuleType) -> None:
    check(wh, BODY, {"webhook-timestamp": str(NOW)},
          error="Missing webhook header(s): webhook-id, webhook-signature.")


@pytest.mark.parametrize(("signature", "error"), [
    ("v1", MALFORMED + ": 1 entry is not 'v1,<base64>'."),
    ("garbage", MALFORMED),
    (",abc", MALFORMED),
    ("v1,not*base64*at*all", MALFORMED),
    ("v1,AAAA v1,%%%%", MALFORMED + ": 1 entry"),  # a well-formed one does not match either
    ("v1 v1,%%%%", MALFORMED + ": 2 entries are not 'v1,<base64>'."),
    ("v2," + base64.b64encode(b"x" * 32).decode(),
     "No v1 signature in the webhook-signature header (versions: v2)."),
    (swap_signature("x"), NO_MATCH),
])
def test_malformed_or_foreign_signature_header(wh: ModuleType, signature: str,
                                               error: str) -> None:
    check(wh, BODY, delivery(signature=signature), error=error)


@pytest.mark.parametrize("layout", [
    "{valid}",
    "{wrong} {valid}",
    "{valid} {wrong}",
    "v2,AAAA {valid}",  # unknown versions are skipped
    "v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ== {wrong} {valid}",
])
def test_one_valid_signature_among_several_suffices(wh: ModuleType, layout: str) -> None:
    signature = layout.format(valid=sign(BODY), wrong=swap_signature("other"))
    check(wh, BODY, delivery(signature=signature))


def test_several_signatures_none_valid(wh: ModuleType) -> None:
    signature = f"{swap_signature('a')} {swap_signature('b')} v2,AAAA"
    check(wh, BODY, delivery(signature=signature), error=NO_MATCH)


@pytest.mark.parametrize("payload", [
    BODY,
    BODY.encode(),
    '{"text": "héllo – 日本語 🎉", "ß": "\\u00e9"}',
    '{"text": "héllo – 日本語 🎉", "ß": "\\u00e9"}'.encode(),
])
def test_str_bytes_and_non_ascii_payloads(wh: ModuleType, payload: str | bytes) -> None:
    headers = delivery(payload)
    check(wh, payload, headers)
    # the other representation of the same body verifies too
    other = payload.encode() if isinstance(payload, str) else payload.decode()
    check(wh, other, headers)
    tampered = payload.replace("é", "e") if isinstance(payload, str) else payload[:-1]
    if tampered != payload:
        check(wh, tampered, headers, error=NO_MATCH)


def test_bytes_that_are_not_utf8_are_signed_as_they_are(wh: ModuleType) -> None:
    """The spec signs the raw body: ours verifies it (the library cannot decode such bytes)."""
    payload = b'{"blob": "\xff\xfe"}'
    digest = hmac.new(KEY, f"{MSG_ID}.{NOW}.".encode() + payload, hashlib.sha256).digest()
    headers = delivery(signature="v1," + base64.b64encode(digest).decode())
    assert ours(wh, payload, headers, SECRET) is None
    assert ours(wh, payload + b"!", headers, SECRET) == NO_MATCH


def test_str_payload_that_cannot_be_utf8(wh: ModuleType) -> None:
    assert "cannot be encoded as UTF-8" in str(ours(wh, "\ud800", delivery(), SECRET))


@pytest.mark.parametrize("as_headers", [
    lambda h: {"Webhook-Id": h["webhook-id"], "WEBHOOK-TIMESTAMP": h["webhook-timestamp"],
               "webhook-Signature": h["webhook-signature"]},
    lambda h: {k.title(): v for k, v in h.items()},
    httpx.Headers,
    lambda h: httpx.Headers({k.upper(): v for k, v in h.items()}),
    lambda h: StarletteHeaders(headers={k.title(): v for k, v in h.items()}),
], ids=["mixed-case", "title-case", "httpx", "httpx-upper", "starlette"])
def test_headers_in_any_case_and_mapping(wh: ModuleType, as_headers: Any) -> None:
    headers = as_headers(delivery())
    check(wh, BODY, headers)
    check(wh, BODY + " ", headers, error=NO_MATCH)


def test_surrounding_whitespace_of_header_values_is_not_signed(wh: ModuleType) -> None:
    """HTTP strips it; a mapping built by hand may not (the library would sign " msg_... ")."""
    headers = {k: f" {v} " for k, v in delivery().items()}
    assert ours(wh, BODY, headers, SECRET) is None


# -- Standard Webhooks, random deliveries --------------------------------------------------

ids = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."),
              min_size=1, max_size=40)
keys = st.binary(min_size=1, max_size=64)
offsets = st.integers(-300, 300)


def as_secret(key: bytes, prefixed: bool) -> str:
    return ("whsec_" if prefixed else "") + base64.b64encode(key).decode()


@HYPOTHESIS
@given(payload=st.text(), msg_id=ids, key=keys, prefixed=st.booleans(), offset=offsets,
       as_bytes=st.booleans())
def test_random_valid_deliveries_verify(wh: ModuleType, payload: str, msg_id: str, key: bytes,
                                        prefixed: bool, offset: int, as_bytes: bool) -> None:
    secret = as_secret(key, prefixed)
    headers = delivery(payload, msg_id=msg_id, secret=secret, timestamp=NOW + offset)
    body = payload.encode() if as_bytes else payload
    check(wh, body, headers, secret=secret)


@HYPOTHESIS
@given(secret=st.one_of(st.text(max_size=40), st.text(max_size=40).map("whsec_".__add__)))
def test_random_secrets_are_taken_as_the_library_takes_them(wh: ModuleType, secret: str) -> None:
    """Whatever text a user passes: the library's key, or the library refuses it and ours
    refuses it as a setup error."""
    try:
        headers = delivery(secret=secret)
    except Exception:  # the library's constructor raises three kinds
        with pytest.raises(ValueError, match="webhook secret is") as info:
            wh.verify_signature(BODY, delivery(), secret, scheme="standard", now=NOW)
        assert not isinstance(info.value, wh.WebhookVerificationError)
    else:
        check(wh, BODY, headers, secret=secret)


@HYPOTHESIS
@given(payload=st.text(min_size=1), msg_id=ids, key=keys, data=st.data())
def test_a_flipped_payload_byte_fails(wh: ModuleType, payload: str, msg_id: str, key: bytes,
                                      data: st.DataObject) -> None:
    secret = as_secret(key, True)
    headers = delivery(payload, msg_id=msg_id, secret=secret)
    body = bytearray(payload.encode())
    body[data.draw(st.integers(0, len(body) - 1))] ^= data.draw(st.integers(1, 255))
    check(wh, bytes(body), headers, secret=secret, error=NO_MATCH)


@HYPOTHESIS
@given(payload=st.text(), key=keys, data=st.data())
def test_a_flipped_signature_byte_fails(wh: ModuleType, payload: str, key: bytes,
                                        data: st.DataObject) -> None:
    secret = as_secret(key, True)
    digest = bytearray(base64.b64decode(sign(payload, secret=secret)[3:]))
    digest[data.draw(st.integers(0, len(digest) - 1))] ^= data.draw(st.integers(1, 255))
    headers = delivery(payload, secret=secret,
                       signature="v1," + base64.b64encode(bytes(digest)).decode())
    check(wh, payload, headers, secret=secret, error=NO_MATCH)


@HYPOTHESIS
@given(payload=st.text(), key=keys, other=keys)
def test_another_key_fails(wh: ModuleType, payload: str, key: bytes, other: bytes) -> None:
    if key == other:
        return
    headers = delivery(payload, secret=as_secret(key, True))
    check(wh, payload, headers, secret=as_secret(other, True), error=NO_MATCH)


# -- Plain HMAC (GitHub) -------------------------------------------------------------------

# GitHub's documented example of X-Hub-Signature-256
GH_SECRET = "It's a Secret to Everybody"
GH_BODY = "Hello, World!"
GH_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"


def github(wh: ModuleType, payload: str | bytes, headers: Mapping[str, str],
           secret: str = GH_SECRET) -> str | None:
    try:
        wh.verify_signature(payload, headers, secret, scheme="hmac")
    except wh.WebhookVerificationError as exc:
        return str(exc)
    return None


def test_hmac_constants_of_the_package(wh: ModuleType) -> None:
    assert wh.WEBHOOK_SIGNATURE_HEADER == "x-hub-signature-256"
    assert wh.WEBHOOK_SIGNATURE_PREFIX == "sha256="


@pytest.mark.parametrize("headers", [
    {"X-Hub-Signature-256": GH_SIGNATURE},
    {"x-hub-signature-256": GH_SIGNATURE},
    httpx.Headers({"X-Hub-Signature-256": GH_SIGNATURE}),
    {"X-Hub-Signature-256": "sha256=" + GH_SIGNATURE.removeprefix("sha256=").upper()},
], ids=["github", "lower", "httpx", "uppercase-hex"])
def test_hmac_valid(wh: ModuleType, headers: Mapping[str, str]) -> None:
    assert github(wh, GH_BODY, headers) is None
    assert github(wh, GH_BODY.encode(), headers) is None


def test_hmac_tampered_or_wrong_secret(wh: ModuleType) -> None:
    headers = {"X-Hub-Signature-256": GH_SIGNATURE}
    mismatch = "The x-hub-signature-256 signature does not match the payload."
    assert github(wh, GH_BODY + "!", headers) == mismatch
    assert github(wh, GH_BODY, headers, secret="It's a secret to everybody") == mismatch


@pytest.mark.parametrize(("headers", "error"), [
    ({}, "Missing x-hub-signature-256 header."),
    ({"X-Hub-Signature-256": ""}, "Missing x-hub-signature-256 header."),
    ({"X-Hub-Signature": "sha1=" + "0" * 40}, "Missing x-hub-signature-256 header."),
    ({"X-Hub-Signature-256": "sha1=" + GH_SIGNATURE[7:]},
     "The x-hub-signature-256 header does not start with 'sha256='."),
    ({"X-Hub-Signature-256": GH_SIGNATURE[7:]},
     "The x-hub-signature-256 header does not start with 'sha256='."),
    ({"X-Hub-Signature-256": "sha256=xyz"},
     "The x-hub-signature-256 header does not hold a hex digest after 'sha256='."),
    ({"X-Hub-Signature-256": "sha256=75 71"},
     "The x-hub-signature-256 header does not hold a hex digest after 'sha256='."),
    ({"X-Hub-Signature-256": GH_SIGNATURE[:-2]},
     "The x-hub-signature-256 signature does not match the payload."),
])
def test_hmac_refused(wh: ModuleType, headers: Mapping[str, str], error: str) -> None:
    assert github(wh, GH_BODY, headers) == error


def test_hmac_header_and_prefix_are_parameters(wh: ModuleType) -> None:
    digest = hmac.new(b"k", b"body", hashlib.sha256).hexdigest()
    wh.verify_hmac(b"body", {"X-Signature": digest}, "k", header="x-signature", prefix="")
    with pytest.raises(wh.WebhookVerificationError, match="Missing x-signature header"):
        wh.verify_hmac(b"body", {"X-Hub-Signature-256": digest}, "k", header="x-signature")
    with pytest.raises(ValueError, match="secret is empty"):
        wh.verify_hmac(b"body", {"X-Signature": digest}, "", header="x-signature", prefix="")


# -- The secret and the scheme -------------------------------------------------------------


def test_no_secret_anywhere_says_how_to_give_one(wh: ModuleType) -> None:
    assert wh.WEBHOOK_SECRET_ENV is None  # the test package names no variable
    with pytest.raises(ValueError) as info:
        wh.verify_signature(BODY, delivery(), None, now=NOW)
    assert str(info.value) == (
        "No webhook secret: pass `secret=` (or the client's `webhook_secret=`).")
    assert not isinstance(info.value, wh.WebhookVerificationError)


def test_secret_from_the_environment(wh: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wh, "WEBHOOK_SECRET_ENV", "TESTAPI_WEBHOOK_SECRET")
    monkeypatch.delenv("TESTAPI_WEBHOOK_SECRET", raising=False)
    with pytest.raises(ValueError, match=r"`webhook_secret=`\), or set the TESTAPI_WEBHOOK_SECRET"):
        wh.verify_signature(BODY, delivery(), None, now=NOW)
    monkeypatch.setenv("TESTAPI_WEBHOOK_SECRET", "")  # empty is not set
    with pytest.raises(ValueError, match="TESTAPI_WEBHOOK_SECRET environment variable"):
        wh.verify_signature(BODY, delivery(), None, now=NOW)
    monkeypatch.setenv("TESTAPI_WEBHOOK_SECRET", SECRET)
    wh.verify_signature(BODY, delivery(), None, now=NOW)
    # an explicit secret wins over the variable
    with pytest.raises(wh.WebhookVerificationError, match="matches"):
        wh.verify_signature(BODY, delivery(), OTHER_SECRET, now=NOW)


def test_scheme_defaults_to_the_package_constant(wh: ModuleType) -> None:
    assert wh.WEBHOOK_SCHEME == "standard"
    wh.verify_signature(BODY, delivery(), SECRET, now=NOW)
    with pytest.raises(wh.WebhookVerificationError, match="x-hub-signature-256"):
        wh.verify_signature(BODY, delivery(), SECRET, scheme="hmac", now=NOW)


@pytest.mark.parametrize(("scheme", "message"), [
    ("none", "declares no webhook signature scheme"),
    ("ed25519", "Unknown webhook signature scheme 'ed25519'"),
])
def test_schemes_that_cannot_verify(wh: ModuleType, scheme: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        wh.verify_signature(BODY, delivery(), SECRET, scheme=scheme, now=NOW)
    assert not isinstance(info.value, wh.WebhookVerificationError)


def test_the_error_is_the_packages(render: Callable[..., Any]) -> None:
    rt = render()
    module = rt.import_module("_webhooks")
    assert module.WebhookVerificationError is rt.exceptions.WebhookVerificationError
    assert issubclass(module.WebhookVerificationError, ValueError)
    assert set(module.__all__) == {"verify_hmac", "verify_signature", "verify_standard"}
