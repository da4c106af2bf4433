"""A local stand-in for OpenAI's Realtime REST endpoints (Starlette, served by
`tests.live_server`), for what a mock server built from the spec cannot check.

It answers like OpenAI: a client secret as JSON, a call as a `201` SDP answer with the call's
URL in `Location`, `200` with no content for accept / hangup / refer / reject. It is strict
about what it receives, and refuses the rest with a 4xx and OpenAI's error envelope: the bare
SDP offer as `application/sdp`, multipart parts of their own media type (`sdp` as
`application/sdp`, `session` as JSON), JSON bodies for the call controls, a bearer token,
and only call ids it gave out or announced. Every request is kept in `received`.

`signed_webhook` signs an incoming-call event the way OpenAI does (Standard Webhooks).
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from standardwebhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

CALL_ID = "rtc_7d1f0c2b9a"  # the id of the call `POST /realtime/calls` creates
EPHEMERAL_KEY = "ek_68af2b7c9d0e1f"
ANSWER = "v=0\r\no=- 7161 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"flows-test-secret-32-bytes-long!").decode()
CONTROLS = ("accept", "hangup", "refer", "reject")


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class Part:
    name: str
    content_type: str
    body: bytes


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error",
                                   "param": None, "code": None}}, status_code=status)


def multipart_parts(content_type: str, body: bytes) -> list[Part]:
    """A multipart/form-data body's parts, each with its own Content-Type (text/plain when it
    declares none, as RFC 7578 says)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    parts = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        declared = part.get("content-type")
        payload = part.get_payload(decode=True)
        parts.append(Part(str(name), declared.split(";")[0].strip() if declared else
                          "text/plain", payload if isinstance(payload, bytes) else b""))
    return parts


@dataclass
class FakeRealtime:
    calls: list[str] = field(default_factory=lambda: [CALL_ID])  # ids a control may name
    received: list[Received] = field(default_factory=list)

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/v1/realtime/client_secrets", self._client_secret, methods=["POST"]),
            Route("/v1/realtime/calls", self._create_call, methods=["POST"]),
            Route("/v1/realtime/calls/{call_id}/{control}", self._control, methods=["POST"]),
        ])

    def paths(self) -> list[str]:
        return [r.path for r in self.received]

    async def _receive(self, request: Request) -> tuple[Received, JSONResponse | None]:
        received = Received(request.method, request.url.path,
                            {k.lower(): v for k, v in request.headers.items()},
                            await request.body())
        self.received.append(received)
        if not received.headers.get("authorization", "").startswith("Bearer "):
            return received, _error(401, "You didn't provide an API key.")
        return received, None

    async def _client_secret(self, request: Request) -> Response:
        received, refused = await self._receive(request)
        if refused:
            return refused
        if received.headers.get("content-type") != "application/json":
            return _error(415, "client secrets take a JSON body")
        session = received.json().get("session", {})
        return JSONResponse({
            "value": EPHEMERAL_KEY, "expires_at": int(time.time()) + 600,
            "session": {"type": "realtime", "object": "realtime.session", "id": "sess_1",
                        "model": session.get("model", "gpt-realtime"),
                        "instructions": session.get("instructions", "")}})

    async def _create_call(self, request: Request) -> Response:
        received, refused = await self._receive(request)
        if refused:
            return refused
        problem = self._offer_problem(received)
        if problem:
            return _error(400, problem)
        return Response(ANSWER, status_code=201, media_type="application/sdp",
                        headers={"Location": f"/v1/realtime/calls/{CALL_ID}"})

    @staticmethod
    def _offer_problem(received: Received) -> str:
        """Why the request is not an SDP offer OpenAI would take, or ""."""
        content_type = received.headers.get("content-type", "")
        if content_type == "application/sdp":
            return "" if received.body.startswith(b"v=0") else "the body is not an SDP offer"
        if not content_type.startswith("multipart/form-data"):
            return f"unsupported Content-Type {content_type!r}"
        parts = {p.name: p for p in multipart_parts(content_type, received.body)}
        sdp, session = parts.get("sdp"), parts.get("session")
        if sdp is None or sdp.content_type != "application/sdp" or \
                not sdp.body.startswith(b"v=0"):
            return "the part 'sdp' must be an SDP offer sent as application/sdp"
        if session is not None:
            if session.content_type != "application/json":
                return "the part 'session' must be application/json"
            json.loads(session.body)
        return ""

    async def _control(self, request: Request) -> Response:
        received, refused = await self._receive(request)
        if refused:
            return refused
        call_id, control = request.path_params["call_id"], request.path_params["control"]
        if control not in CONTROLS or call_id not in self.calls:
            return _error(404, f"no call {call_id!r} to {control}")
        if control == "hangup":
            return Response(status_code=200)
        if received.headers.get("content-type") != "application/json":
            return _error(415, f"{control} takes a JSON body")
        body = received.json()
        if control == "accept" and body.get("type") != "realtime":
            return _error(400, "accept needs type 'realtime'")
        if control == "refer" and not body.get("target_uri"):
            return _error(400, "refer needs target_uri")
        return Response(status_code=200)


def incoming_call(call_id: str, caller: str) -> dict[str, Any]:
    """A `realtime.call.incoming` event, as OpenAI sends it."""
    return {
        "object": "event", "id": "evt_68af2b7c", "type": "realtime.call.incoming",
        "created_at": int(time.time()),
        "data": {"call_id": call_id, "sip_headers": [
            {"name": "From", "value": f"<{caller}>"},
            {"name": "To", "value": "<sip:+18005550199@sip.example.com>"},
            {"name": "Call-ID", "value": "a1b2c3d4@10.0.0.1"},
        ]},
    }


def signed_webhook(event: dict[str, Any],
                   secret: str = WEBHOOK_SECRET) -> tuple[str, dict[str, str]]:
    """(body, headers) of the webhook request that delivers `event`, signed with `secret`."""
    body = json.dumps(event)
    now = datetime.now(timezone.utc)
    signature = Webhook(secret).sign("msg_68af2b7c", now, body)
    return body, {"webhook-id": "msg_68af2b7c", "webhook-timestamp": str(int(now.timestamp())),
                  "webhook-signature": signature, "content-type": "application/json"}
