"""The title becomes "<title> API" in the README, api.md and the client docstrings, unless it
already ends with the word API."""

from __future__ import annotations

import pytest

from codegen.render.filters import api_name


@pytest.mark.parametrize(("title", "expected"), [
    ("Sink", "Sink API"),
    ("OpenAI API", "OpenAI API"),
    ("AppVeyor REST API", "AppVeyor REST API"),
    ("API", "API"),
    ("Stripe api", "Stripe api"),
    ("STAPI", "STAPI API"),
    ("Rapid", "Rapid API"),
])
def test_api_name_says_api_once(title: str, expected: str) -> None:
    assert api_name(title) == expected
