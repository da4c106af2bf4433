from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import ROOT

from .prism import prism


@pytest.fixture(scope="session")
def prism_url() -> Iterator[str]:
    with prism(ROOT / "spec" / "openapi.yaml") as url:
        yield url
