from __future__ import annotations

from collections.abc import Iterator

import pytest

from .strategies import CANARY


@pytest.fixture(autouse=True)
def _no_canary() -> Iterator[None]:
    CANARY.unlink(missing_ok=True)
    yield
    assert not CANARY.exists(), f"{CANARY} was created: text from the spec ran as code"
