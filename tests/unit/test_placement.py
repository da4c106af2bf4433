"""Zero-config placement, one rule at a time, and configured names winning over every rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.config import Config, ResourceConfig, with_package
from codegen.naming.placement import query_namespace, split_query
from codegen.pipeline import analyse

OBJECT = {"200": {"description": "ok", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"id": {"type": "string"}}}}}}}
LIST = {"200": {"description": "ok", "content": {"application/json": {"schema": {
    "type": "array", "items": {"type": "string"}}}}}}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]


def _access(tmp_path: Path, paths: dict[str, Any], config: Config | None = None,
            ) -> dict[str, str]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": paths}))
    result = analyse(str(spec), with_package(config or Config(), "pkg"))
    assert result.ok, [d.render() for d in result.diagnostics]
    return {f"{op.method} {op.path}": f"{result.names.resource_of(op).display}."
            f"{result.names.methods[op.key]}" for op in result.api.operations}


@pytest.mark.parametrize(("query", "namespace"), [
    ("", ()), ("beta=true", ("beta",)), ("beta", ("beta",)), ("version=2", ("version_2",)),
    ("a=1&b=true", ("a_b",)), ("class=x", ("class_x",))])
def test_a_query_names_a_namespace(query: str, namespace: tuple[str, ...]) -> None:
    assert query_namespace(query) == namespace


def test_split_query() -> None:
    assert split_query("/responses/{id}?beta=true") == ("/responses/{id}", "beta=true")
    assert split_query("/responses") == ("/responses", "")


def test_each_rule(tmp_path: Path) -> None:
    access = _access(tmp_path, {
        "/things?beta=true": {"get": {"responses": LIST}},
        "/settings": {"get": {"responses": OBJECT}, "patch": {"responses": OBJECT}},
        "/things/{id}/parts": {"post": {"parameters": ID, "responses": OBJECT}},
        "/things/{id}/logs": {"get": {"parameters": ID, "responses": LIST}},
        "/things/{id}/archive": {"post": {"parameters": ID, "responses": OBJECT}},
        "/things/{id}/exists": {"head": {"parameters": ID, "responses": OBJECT}},
        "/reports/export": {"post": {"responses": OBJECT}},
        "/reports/summaries": {"post": {"responses": OBJECT}},
        "/audio/speech": {"post": {"responses": OBJECT}},
        "/users/search": {"get": {"responses": LIST}},
    })
    assert access == {
        "get /things?beta=true": "beta.things.list",
        "get /settings": "settings.retrieve",
        "patch /settings": "settings.update",
        "post /things/{id}/parts": "things.parts.create",
        "get /things/{id}/logs": "things.logs.list",
        "post /things/{id}/archive": "things.archive",
        "head /things/{id}/exists": "things.exists",
        "post /reports/export": "reports.export",
        "post /reports/summaries": "reports.summaries.create",
        "post /audio/speech": "audio.speech.create",
        "get /users/search": "users.search.list",
    }


def test_an_item_below_keeps_a_collection(tmp_path: Path) -> None:
    access = _access(tmp_path, {"/things": {"get": {"responses": OBJECT},
                                            "post": {"responses": OBJECT}},
                                "/things/{id}": {"get": {"parameters": ID, "responses": OBJECT}}})
    assert access["get /things"] == "things.list"
    assert access["post /things"] == "things.create"


def test_configured_names_win(tmp_path: Path) -> None:
    resources = {"preview": ResourceConfig(methods={"fetch_all": "get /things?beta=true"}),
                 "config": ResourceConfig(methods={"show": "get /settings"})}
    access = _access(tmp_path, {"/things?beta=true": {"get": {"responses": LIST}},
                                "/settings": {"get": {"responses": OBJECT}}},
                     Config(resources=resources))
    assert access == {"get /things?beta=true": "preview.fetch_all",
                      "get /settings": "config.show"}
