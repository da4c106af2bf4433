"""JSON Schema documents as input: told apart from OpenAPI by content (or `--input-type`);
references by `$id`, anchors, JSON pointers and sibling files; drafts 4-7 read as they mean;
the root and every `$defs` entry a model named by its title, else its key; problems reported
at the user's own file and pointer."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from codegen.config import Config, with_package
from codegen.diagnostics import Severity
from codegen.pipeline import analyse, generate_files
from tests.helpers import imported, run_codegen, write_package


def _write(folder: Path, name: str, schema: Any) -> str:
    path = folder / name
    path.write_text(json.dumps(schema), encoding="utf-8")
    return str(path)


def _classes(spec: str) -> dict[str, str]:
    """{component key: class name} of a schema's models."""
    result = analyse(spec, with_package(Config(), "js"))
    assert result.ok, [d.render() for d in result.diagnostics]
    return {k.rsplit("/", 1)[1]: v for k, v in result.names.types.classes.items()
            if k.count("/") == 3}


def test_root_and_defs_are_models_named_by_title_then_key(tmp_path: Path) -> None:
    spec = _write(tmp_path, "order-schema.json", {
        "type": "object", "properties": {"a": {"$ref": "#/$defs/line"}},
        "$defs": {"line": {"title": "Order line", "type": "object"},
                  "long": {"title": "A title that reads like a whole sentence, not a name",
                           "type": "object"},
                  "legacy": {"type": "string"}},
        "definitions": {"other": {"type": "integer"}}})
    assert _classes(spec) == {"order-schema": "OrderSchema", "Order line": "OrderLine",
                              "long": "Long", "legacy": "Legacy", "other": "Other"}


def test_references_by_id_anchor_pointer_and_sibling_file(tmp_path: Path) -> None:
    _write(tmp_path, "address.json", {"$schema": "http://json-schema.org/draft-07/schema#",
                                      "title": "Address", "type": "object",
                                      "properties": {"zip": {"$ref": "#/definitions/zip"}},
                                      "definitions": {"zip": {"type": "string"}}})
    spec = _write(tmp_path, "person.json", {
        "$id": "https://example.com/person.json", "title": "Person", "type": "object",
        "properties": {
            "home": {"$ref": "address.json"},  # beside it on disk, though $id is a URL
            "tag": {"$ref": "#tag"},
            "pet": {"$ref": "https://example.com/pets/pet"},
            "name": {"$ref": "#/properties/nick"},
            "nick": {"type": "string"},
            "parent": {"$ref": "#"}},
        "$defs": {"tag": {"$anchor": "tag", "enum": ["a", "b"]},
                  "pet": {"$id": "pets/pet", "type": "object",
                          "properties": {"owner": {"$ref": "../person.json"}}}}})
    result = generate_files(spec, replace(with_package(Config(), "people"), output="models"))
    assert result.ok, [d.render() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.severity is Severity.WARNING]
    person = result.files["types/person.py"]
    for line in ("home: Optional[Address]", "tag: Optional[Tag]", "pet: Optional[Pet]",
                 "name: Optional[str]", 'parent: Optional["Person"]'):
        assert line in person
    assert "class Pet(BaseModel):" in person  # a cycle: Pet and Person share one module
    assert 'owner: Optional["Person"]' in person


def test_drafts_4_to_7_are_read_as_they_mean(tmp_path: Path) -> None:
    spec = _write(tmp_path, "old.json", {
        "$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
        "properties": {
            "pair": {"type": "array", "items": [{"type": "string"}, {"type": "integer"}]},
            "ref": {"$ref": "#/definitions/n", "type": "string"},  # the sibling is ignored
            "anchored": {"$ref": "#named"},
            "first": {"$ref": "#/properties/pair/items/0"}},  # a pointer into the tuple
        "definitions": {"n": {"type": "integer"}, "m": {"$id": "#named", "type": "boolean"}}})
    result = generate_files(spec, replace(with_package(Config(), "old"), output="models"))
    assert result.ok
    text = result.files["types/old.py"]
    assert "ref: Optional[N]" in text and "anchored: Optional[M]" in text
    assert "first: Optional[str]" in text
    warnings = [d.pointer for d in result.diagnostics if d.severity is Severity.WARNING]
    assert warnings == ["#/properties/pair/prefixItems"]  # a tuple, typed as a list for now


def test_dynamic_refs_resolve_statically(tmp_path: Path) -> None:
    spec = _write(tmp_path, "tree.json", {
        "$dynamicAnchor": "node", "type": "object",
        "properties": {"children": {"type": "array", "items": {"$dynamicRef": "#node"}}}})
    result = analyse(spec, with_package(Config(), "tree"))
    assert result.ok
    notes = [d for d in result.diagnostics if d.severity is Severity.INFO]
    assert notes and notes[0].pointer == "#/properties/children/items/$dynamicRef"


def test_problems_are_reported_at_the_users_file_and_pointer(tmp_path: Path) -> None:
    _write(tmp_path, "part.json", {"type": "object", "properties": {"x": {"not": {}}}})
    spec = _write(tmp_path, "main.json", {
        "type": "object", "properties": {"p": {"$ref": "part.json"},
                                         "u": {"$ref": "https://example.com/nowhere.json"}}})
    result = analyse(spec, with_package(Config(), "m"))
    found = {(Path(d.file).name if d.file else "", d.pointer) for d in result.diagnostics}
    assert ("part.json", "#/properties/x/not") in found
    assert ("", "#/properties/u/$ref") in found


def test_detected_from_content_or_told_on_the_command_line(tmp_path: Path) -> None:
    spec = _write(tmp_path, "thing.json", {"$schema": "https://json-schema.org/draft/2020-12/"
                                           "schema", "type": "object",
                                           "properties": {"n": {"type": "integer"}}})
    out = tmp_path / "out"
    proc = run_codegen("generate", spec, "--package", "thing", "--models-only", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with imported(out, "thing") as package:
        assert package.types.Thing(n=1).n == 1
    proc = run_codegen("validate", spec)
    assert proc.returncode == 0, proc.stderr
    proc = run_codegen("generate", spec, "--package", "thing", "--input-type", "openapi",
                       "--out", str(out))
    assert proc.returncode == 1 and "no `openapi` field" in proc.stderr


def test_boolean_and_non_object_schemas(tmp_path: Path) -> None:
    spec = _write(tmp_path, "mixed.json", {"$defs": {"anything": True,
                                                     "id": {"type": ["string", "integer"]}},
                                           "oneOf": [{"$ref": "#/$defs/id"}, {"type": "null"}]})
    result = generate_files(spec, replace(with_package(Config(), "mixed"), output="models"))
    assert result.ok
    write_package(result.files, tmp_path, "mixed")
    with imported(tmp_path, "mixed") as package:
        parse = package.parse_response
        assert parse(package.types.Mixed, 5, strict=True) == 5
        assert parse(package.types.Mixed, None, strict=True) is None
