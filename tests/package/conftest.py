"""The committed client-secrets package, imported from generated/."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.helpers import ROOT

GENERATED = ROOT / "generated"


@pytest.fixture(scope="session")
def pkg() -> Iterator[ModuleType]:
    sys.path.insert(0, str(GENERATED))
    import openai_realtime

    yield openai_realtime
    sys.path.remove(str(GENERATED))


def _operation() -> dict[str, Any]:
    import yaml

    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text(encoding="utf-8"))
    return spec["paths"]["/realtime/client_secrets"]["post"]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def example_response() -> dict[str, Any]:
    """The spec's example response. Upstream it is not valid JSON (a trailing comma): fixed
    here, in the test data, and nowhere else. Its nulls are kept."""
    text = _operation()["x-oaiMeta"]["examples"]["response"]
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    fixed = re.sub(r",(\s*[}\]])", r"\1", text)
    return json.loads(fixed)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def example_request() -> dict[str, Any]:
    """The request body of the spec's curl example."""
    curl = _operation()["x-oaiMeta"]["examples"]["request"]["curl"]
    body = curl.split("-d '", 1)[1].rsplit("'", 1)[0]
    return json.loads(body)  # type: ignore[no-any-return]
