"""What the generated client-secrets types do with real and future data."""

from __future__ import annotations

import copy
import logging
from types import ModuleType
from typing import Any

import pydantic
import pytest


def test_example_request_matches_params(pkg: ModuleType, example_request: dict[str, Any]) -> None:
    from openai_realtime.types import ClientSecretCreateParams

    adapter = pydantic.TypeAdapter(ClientSecretCreateParams)
    validated = adapter.validate_python(example_request)
    assert adapter.dump_python(validated, mode="json") == example_request
    assert example_request["session"]["type"] == "realtime"


def test_params_reject_wrong_values_at_runtime_validation(pkg: ModuleType) -> None:
    from openai_realtime.types import ClientSecretCreateParams

    adapter = pydantic.TypeAdapter(ClientSecretCreateParams)
    bad = {"session": {"type": "realtime", "audio": {"input": {"turn_detection": {
        "type": "semantic_vad", "eagerness": "fast"}}}}}
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python(bad)


def test_example_response_parses_in_default_mode(pkg: ModuleType,
                                                 example_response: dict[str, Any]) -> None:
    from openai_realtime.types import ClientSecretCreateResponse, RealtimeSessionCreateResponse

    parsed = pkg.parse_response(ClientSecretCreateResponse, example_response)
    assert isinstance(parsed, ClientSecretCreateResponse)
    assert parsed.value == "ek_68af296e8e408191a1120ab6383263c2"
    assert parsed.expires_at == 1756310470
    assert isinstance(parsed.session, RealtimeSessionCreateResponse)
    session = parsed.session
    assert session.audio is not None and session.audio.input is not None
    assert session.audio.input.noise_reduction is None  # null in the example
    assert session.audio.input.turn_detection is not None
    assert session.audio.input.turn_detection.type == "server_vad"
    assert session.tracing is None and session.prompt is None


def test_round_trip_of_what_was_parsed(pkg: ModuleType, example_response: dict[str, Any]) -> None:
    from openai_realtime.types import ClientSecretCreateResponse

    parsed = pkg.parse_response(ClientSecretCreateResponse, example_response)
    assert parsed.model_dump(exclude_unset=True) == example_response


def test_unknown_fields_are_kept(pkg: ModuleType, example_response: dict[str, Any]) -> None:
    from openai_realtime.types import ClientSecretCreateResponse

    data = copy.deepcopy(example_response)
    data["brand_new"] = {"nested": [1, 2]}
    data["session"]["audio"]["output"]["pitch"] = 1.5
    parsed = pkg.parse_response(ClientSecretCreateResponse, data)
    assert parsed.brand_new == {"nested": [1, 2]}  # type: ignore[attr-defined]
    assert parsed.model_dump(exclude_unset=True) == data


def _future_enum(example: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example)
    data["session"]["audio"]["input"]["turn_detection"] = {"type": "fancy_vad", "level": 3}
    data["session"]["output_modalities"] = ["audio", "hologram"]
    return data


def _future_variant(example: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example)
    data["session"] = {"type": "translation", "id": "sess_1", "target_language": "fr"}
    return data


def _null_where_required(example: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(example)
    data["value"] = None
    return data


@pytest.mark.parametrize("future", [_future_enum, _future_variant, _null_where_required])
def test_future_data_parses_by_default_and_warns(pkg: ModuleType, example_response: dict[str, Any],
                                                 future: Any,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    from openai_realtime.types import ClientSecretCreateResponse

    data = future(example_response)
    with caplog.at_level(logging.WARNING):
        parsed = pkg.parse_response(ClientSecretCreateResponse, data)
    assert parsed.model_dump(exclude_unset=True) == data
    assert caplog.records, "a non-conforming value must be logged"
    assert any("session" in r.getMessage() or "value" in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("future", [_future_enum, _future_variant, _null_where_required])
def test_future_data_raises_in_strict_mode(pkg: ModuleType, example_response: dict[str, Any],
                                           future: Any) -> None:
    from openai_realtime.types import ClientSecretCreateResponse

    with pytest.raises(pydantic.ValidationError):
        pkg.parse_response(ClientSecretCreateResponse, future(example_response), strict=True)


def test_new_enum_value_is_kept_as_given(pkg: ModuleType, example_response: dict[str, Any]) -> None:
    from openai_realtime.types import ClientSecretCreateResponse

    parsed = pkg.parse_response(ClientSecretCreateResponse, _future_enum(example_response))
    detection = parsed.session.audio.input.turn_detection
    assert getattr(detection, "type", None) == "fancy_vad" or detection["type"] == "fancy_vad"
    assert parsed.session.output_modalities == ["audio", "hologram"]


def test_transcription_session_variant(pkg: ModuleType) -> None:
    from openai_realtime.types import (
        ClientSecretCreateResponse,
        RealtimeTranscriptionSessionCreateResponse,
    )

    data = {"value": "ek_1", "expires_at": 1, "session": {
        "type": "transcription", "id": "sess_2", "object": "realtime.transcription_session",
        "audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": 0.5}}}}}
    parsed = pkg.parse_response(ClientSecretCreateResponse, data, strict=True)
    assert isinstance(parsed.session, RealtimeTranscriptionSessionCreateResponse)
    assert parsed.session.audio.input.turn_detection.threshold == 0.5


def test_public_names_match_the_official_sdk(pkg: ModuleType) -> None:
    from openai_realtime import types

    for name in ["ClientSecretCreateParams", "ClientSecretCreateResponse",
                 "RealtimeSessionCreateRequest", "RealtimeSessionCreateRequestParam",
                 "RealtimeSessionCreateResponse", "RealtimeTranscriptionSessionCreateRequest",
                 "RealtimeTranscriptionSessionCreateRequestParam",
                 "RealtimeTranscriptionSessionCreateResponse",
                 "RealtimeTranscriptionSessionTurnDetection", "RealtimeAudioFormats",
                 "RealtimeTruncation", "AudioTranscription", "NoiseReductionType",
                 "RealtimeFunctionTool", "ResponsePrompt", "ToolChoiceMcp"]:
        assert name in types.__all__, name
        assert getattr(types, name) is not None
