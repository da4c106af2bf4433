"""What Prism cannot check about the Realtime calls, against tests/fake_realtime.py (a strict
local stand-in for OpenAI): Prism accepts any multipart body for `POST /realtime/calls`
(parts missing, of any media type, a session that is not JSON) and answers `Location:
string`; here each part must carry its own media type, the bare offer must arrive byte for
byte, and the call id read from `Location` must work in the next call. Prism sends no
webhooks either: a signed one unwraps to the typed event here."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator

import pytest

from tests.fake_realtime import (
    ANSWER,
    CALL_ID,
    WEBHOOK_SECRET,
    FakeRealtime,
    incoming_call,
    multipart_parts,
    signed_webhook,
)
from tests.helpers import ROOT
from tests.live_server import live_server_fixture

__all__ = ["live_server_fixture"]

GENERATED = ROOT / "generated"
OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
SESSION = {"type": "realtime", "model": "gpt-realtime", "instructions": "Be brief."}


@pytest.fixture(scope="module")
def pkg_path() -> Iterator[None]:
    sys.path.insert(0, str(GENERATED))
    yield
    sys.path.remove(str(GENERATED))


@pytest.fixture
def fake(live_server: Callable[..., str], pkg_path: None) -> tuple[FakeRealtime, str]:
    server = FakeRealtime()
    return server, live_server(server.app()) + "/v1"


def test_multipart_offer_sends_each_part_as_its_media_type(
        fake: tuple[FakeRealtime, str]) -> None:
    from openai_realtime import OpenAIRealtime, types

    server, base_url = fake
    with OpenAIRealtime(api_key="sk-test", base_url=base_url, max_retries=0) as client:
        raw = client.realtime.calls.with_raw_response.create(sdp=OFFER, session=SESSION)
        location = raw.headers_as(types.CallCreateResponseHeaders).location
        assert raw.status_code == 201 and raw.parse() == ANSWER, "CRLF kept in the answer"
        assert location == f"/v1/realtime/calls/{CALL_ID}"
        client.realtime.calls.accept(location.rsplit("/", 1)[-1], type="realtime")
    create, accept = server.received
    parts = {p.name: p for p in multipart_parts(create.headers["content-type"], create.body)}
    assert sorted(parts) == ["sdp", "session"]
    assert (parts["sdp"].content_type, parts["sdp"].body) == ("application/sdp", OFFER.encode())
    assert parts["session"].content_type == "application/json"
    assert json.loads(parts["session"].body) == SESSION
    assert accept.path == f"/v1/realtime/calls/{CALL_ID}/accept"
    assert accept.json() == {"type": "realtime"}


async def test_bare_offer_with_an_ephemeral_key_is_the_whole_body(
        fake: tuple[FakeRealtime, str]) -> None:
    from openai_realtime import AsyncOpenAIRealtime

    server, base_url = fake
    async with AsyncOpenAIRealtime(api_key="ek_test", base_url=base_url,
                                   max_retries=0) as client:
        answer = await client.realtime.calls.create(sdp=OFFER)
        await client.realtime.calls.hangup(CALL_ID)
    assert answer == ANSWER
    create, hangup = server.received
    assert create.headers["content-type"] == "application/sdp"
    assert create.headers["authorization"] == "Bearer ek_test"
    assert create.headers["accept"] == "application/sdp"
    assert create.body == OFFER.encode()
    assert (hangup.path, hangup.body) == (f"/v1/realtime/calls/{CALL_ID}/hangup", b"")


def test_the_stand_in_refuses_what_openai_refuses(fake: tuple[FakeRealtime, str]) -> None:
    """The checks above can fail: a wrong part media type or an unknown call id is a 4xx."""
    import openai_realtime

    _, base_url = fake
    with openai_realtime.OpenAIRealtime(api_key="sk-test", base_url=base_url,
                                        max_retries=0) as client:
        with pytest.raises(openai_realtime.BadRequestError, match="application/sdp"):
            client.realtime.calls.create(sdp="not an offer", session=SESSION)
        with pytest.raises(openai_realtime.NotFoundError):
            client.realtime.calls.reject("rtc_unknown", status_code=486)


def test_a_signed_incoming_call_webhook_unwraps_to_the_typed_event(pkg_path: None) -> None:
    from openai_realtime import OpenAIRealtime, WebhookVerificationError
    from openai_realtime.types import RealtimeCallIncomingWebhookEvent

    body, headers = signed_webhook(incoming_call("rtc_sip_1", "sip:+14155550123@example.com"))
    client = OpenAIRealtime(api_key="sk-test", webhook_secret=WEBHOOK_SECRET)
    event = client.webhooks.unwrap(body, headers)
    assert isinstance(event, RealtimeCallIncomingWebhookEvent)
    assert event.data.call_id == "rtc_sip_1"
    assert event.data.sip_headers[0].value == "<sip:+14155550123@example.com>"
    with pytest.raises(WebhookVerificationError):
        client.webhooks.unwrap(body.replace("rtc_sip_1", "rtc_sip_2"), headers)
