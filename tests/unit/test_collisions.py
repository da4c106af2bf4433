"""Schema names that become one class are settled by their group alone: readable, numbered in
the order of the original names, never renamed by an unrelated schema, and reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codegen.config import Config, with_package
from codegen.diagnostics import Severity
from codegen.pipeline import analyse


def _classes(tmp_path: Path, schemas: dict[str, Any],
             paths: dict[str, Any] | None = None) -> tuple[dict[str, str], list[str]]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": paths or {}, "components": {"schemas": schemas}}))
    result = analyse(str(spec), with_package(Config(), "pkg"))
    assert result.ok, [d.render() for d in result.diagnostics]
    prefix = "#/components/schemas/"
    classes = {k.removeprefix(prefix): v for k, v in result.names.types.classes.items()
               if k.startswith(prefix) and k.count("/") == 3}
    warnings = [d.message for d in result.diagnostics if d.severity is Severity.WARNING]
    return classes, warnings


OBJECT = {"type": "object", "properties": {"a": {"type": "string"}}}


def test_pairs_get_numbered_names_by_original_name(tmp_path: Path) -> None:
    classes, warnings = _classes(tmp_path, {
        "address": OBJECT, "Address": OBJECT, "RoleArn": OBJECT, "RoleARN": OBJECT,
        "OBRate1_0": OBJECT, "OB_Rate1_0": OBJECT, "Endpoint-get-users--": OBJECT,
        "Endpoint-get-users": OBJECT})
    assert classes == {"Address": "Address", "address": "Address2", "RoleARN": "RoleARN",
                       "RoleArn": "RoleARN2", "OBRate1_0": "ObRate10",
                       "OB_Rate1_0": "ObRate10_2", "Endpoint-get-users": "EndpointGetUsers",
                       "Endpoint-get-users--": "EndpointGetUsers2"}
    assert len(warnings) == 4
    assert all("both become the Python class" in w for w in warnings)


def test_the_warning_names_both_schemas_and_the_pinning_config_line(tmp_path: Path) -> None:
    _, warnings = _classes(tmp_path, {"Fee": OBJECT, "fee": OBJECT})
    assert warnings == ["schemas 'Fee' and 'fee' both become the Python class Fee; 'fee' is "
                        "named Fee2 (the other is at #/components/schemas/Fee)"]


def test_an_unrelated_schema_renames_nothing(tmp_path: Path) -> None:
    group = {"time-series": OBJECT, "timeseries": OBJECT}
    before, _ = _classes(tmp_path, group)
    # before, between and after the group, in spec order and in name order
    after, _ = _classes(tmp_path, {"Aaa": OBJECT, "time-series": OBJECT, "TimeSeriesX": OBJECT,
                                   "timeseries": OBJECT, "Zzz": OBJECT})
    assert {k: after[k] for k in group} == before == {"time-series": "TimeSeries",
                                                      "timeseries": "TimeSeries2"}


def test_spec_order_does_not_decide(tmp_path: Path) -> None:
    one, _ = _classes(tmp_path, {"boolean": OBJECT, "Boolean": OBJECT})
    two, _ = _classes(tmp_path, {"Boolean": OBJECT, "boolean": OBJECT})
    assert one == two == {"Boolean": "Boolean", "boolean": "Boolean2"}


def test_a_numbered_name_never_takes_a_name_a_schema_wants(tmp_path: Path) -> None:
    classes, _ = _classes(tmp_path, {"String": OBJECT, "string": OBJECT, "String2": OBJECT})
    assert classes == {"String": "String", "String2": "String2", "string": "String3"}


def test_a_pinned_name_leaves_the_group(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": {}, "components": {"schemas": {
                                    "OrderItem": OBJECT, "order-item": OBJECT}}}))
    config = with_package(Config(models={"order-item": "OrderLine"}), "pkg")
    result = analyse(str(spec), config)
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []
    assert result.names.types.classes["#/components/schemas/order-item"] == "OrderLine"


def test_methods_wanted_twice_in_a_resource_are_named_and_reported(tmp_path: Path) -> None:
    ok = {"200": {"description": "ok"}}
    paths = {"/fees": {"post": {"operationId": "fetch", "responses": ok}},
             "/Fees": {"post": {"operationId": "fetch", "responses": ok}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": paths}))
    result = analyse(str(spec), with_package(Config(), "pkg"))
    assert result.ok
    assert sorted(result.names.methods.values()) == ["fetch", "fetch_2"]
    messages = [d.message for d in result.diagnostics if d.severity is Severity.WARNING]
    assert any("operationId 'fetch' is also used" in m for m in messages)
    assert sum("method name create in resource fees is ambiguous" in m for m in messages) == 2


def test_a_request_twin_that_meets_a_schema_is_renamed_and_reported(tmp_path: Path) -> None:
    pet = {"type": "object", "properties": {"tags": {"type": "array",
                                                     "items": {"type": "string"}}}}
    ok = {"200": {"description": "ok"}}
    paths = {"/pets": {"post": {"requestBody": {"content": {"application/json": {"schema": {
        "type": "object", "properties": {"pet": {"$ref": "#/components/schemas/Pet"}}}}}},
        "responses": ok}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": paths, "components": {"schemas": {
                                    "Pet": pet, "PetParam": OBJECT}}}))
    result = analyse(str(spec), with_package(Config(), "pkg"))
    types = result.names.types
    key = "#/components/schemas/Pet"
    assert (types.twin_classes[key], types.twin_modules[key]) == ("PetParam2", "pet_param_2")
    warnings = [d.message for d in result.diagnostics if d.severity is Severity.WARNING]
    assert "the class name PetParam is already used by #/components/schemas/PetParam; this " \
        "one is named PetParam2" in warnings
    assert any(w.startswith("module pet_param.py is taken (by #/components/schemas/PetParam")
               for w in warnings)
