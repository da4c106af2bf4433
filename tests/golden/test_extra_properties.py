"""Typed additional properties beside named ones (golden case extra_properties): validated as
their type on every parse path, typed on `model_extra`, kept as given when they don't fit."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest

from tests.helpers import imported, write_package

from .cases import HERE, config_for


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    from codegen.pipeline import generate_files

    config = config_for("extra_properties")
    result = generate_files(str(HERE / "extra_properties" / "spec.yaml"), config)
    root = tmp_path_factory.mktemp("extra")
    write_package(result.files, root, config.package.name)
    with imported(Path(root), config.package.name) as module:
        importlib.import_module(f"{config.package.name}._models")
        yield module


def test_extras_are_validated_as_their_type(package: Any) -> None:
    types, models = package.types, package._models
    data = {"total": 3, "alice": {"points": 2, "by": {"name": "x", "team": "red"}}}
    for scores in (types.Scores.model_validate(data), models.parse_response(types.Scores, data)):
        assert isinstance(scores.model_extra["alice"], types.Score)
        assert scores.model_extra["alice"].by.model_extra == {"team": "red"}
    tree = models.parse_response(types.Tree, {"label": "root", "kid": {"label": "leaf"}})
    assert isinstance(tree.model_extra["kid"], types.Tree)


def test_extras_that_do_not_fit_are_kept_or_raise_in_strict_mode(package: Any) -> None:
    types, models = package.types, package._models
    # a field that does not fit sends the parse down the lenient path: the extras still get
    # their type where they fit, and are kept as given where they don't
    data = {"total": "many", "alice": {"points": 2}, "bob": "not a score"}
    scores = models.parse_response(types.Scores, data)
    assert isinstance(scores.model_extra["alice"], types.Score)
    assert scores.model_extra["bob"] == "not a score"
    with pytest.raises(pydantic.ValidationError):
        models.parse_response(types.Scores, {"total": 1, "bob": "not a score"}, strict=True)
