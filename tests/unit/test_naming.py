"""Names: valid, keyword-safe, collision-free and the same on every run."""

from __future__ import annotations

import keyword

import pytest

from codegen.naming import (
    RESERVED_ATTRIBUTES,
    attribute_identifier,
    class_identifier,
    module_identifier,
    unique_identifiers,
)
from codegen.naming.namespace import Namespace
from codegen.words import pascal, singular, snake, words


@pytest.mark.parametrize(("text", "expected"), [
    ("fooBar", ["foo", "Bar"]), ("HTTPServer", ["HTTP", "Server"]),
    ("RealtimeSessionCreateRequestGA", ["Realtime", "Session", "Create", "Request", "GA"]),
    ("simple-user_id", ["simple", "user", "id"]), ("v2Beta", ["v2", "Beta"]),
    # digits stay with the upper-case run before them (was 'AR', 'N2' and 'HTT', 'P2')
    ("RoleARN2", ["Role", "ARN2"]), ("HTTP2Settings", ["HTTP2", "Settings"]),
    ("QUX2", ["QUX2"]), ("S3Bucket", ["S3", "Bucket"]),
])
def test_words(text: str, expected: list[str]) -> None:
    assert list(words(text)) == expected


def test_casing() -> None:
    assert snake("RealtimeSessionCreateRequestGA") == "realtime_session_create_request_ga"
    assert snake("MCPTool") == "mcp_tool"
    assert pascal("server_vad") == "ServerVad"
    assert pascal("MCP tool") == "McpTool"


@pytest.mark.parametrize(("word", "expected"), [
    ("tools", "tools"[:-1]), ("Entries", "Entry"), ("Addresses", "Address"), ("status", "status"),
    ("Analysis", "Analysis"), ("data", "data"), ("boxes", "box"), ("Item", "Item")])
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize("wire", ["from", "class", "import", "None", "model_config", "json",
                                  "schema", "copy", "dict", "validate", "2fa", "$ref", "",
                                  "-", "a b", "üml", "model_dump", "_private", "__dunder__"])
def test_attribute_identifiers_are_safe(wire: str) -> None:
    name = attribute_identifier(wire)
    assert name.isidentifier() and name.isascii()
    assert not keyword.iskeyword(name)
    assert name not in RESERVED_ATTRIBUTES
    assert not name.startswith("_")


def test_keyword_and_shadowing_names_get_a_trailing_underscore() -> None:
    assert attribute_identifier("from") == "from_"
    assert attribute_identifier("model_config") == "model_config_"
    assert attribute_identifier("json") == "json_"
    assert attribute_identifier("schema") == "schema_"
    assert attribute_identifier("class") == "class_"


def test_snake_case_collisions_keep_both() -> None:
    names = unique_identifiers([("fooBar", "fooBar"), ("foo_bar", "foo_bar")])
    assert names["foo_bar"] == "foo_bar"
    assert names["fooBar"] != "foo_bar"
    assert len(set(names.values())) == 2


def test_many_collisions_stay_distinct_and_stable() -> None:
    wires = ["a-b", "a_b", "aB", "A B", "a.b"]
    first = unique_identifiers([(w, w) for w in wires])
    assert len(set(first.values())) == len(wires)
    assert unique_identifiers([(w, w) for w in wires]) == first
    assert all(n.isidentifier() for n in first.values())


def test_keys_tell_equal_wire_names_apart() -> None:
    """A method's arguments: a query parameter and a body field may share a wire name."""
    names = unique_identifiers([(("query", "id"), "id"), (("body", "id"), "id")])
    assert names == {("query", "id"): "id", ("body", "id"): "id_2"}


def test_a_namespace_numbers_folds_and_counts_companions() -> None:
    files = Namespace(numbered=lambda base, n: f"{base}_{n}", fold=str.lower)
    assert [files.claim(w, w) for w in ("Address", "address", "ADDRESS")] == [
        "Address", "address_2", "ADDRESS_3"]
    assert files.owner("ADDRESS") == "Address"
    classes = Namespace(companions=lambda name: (name, "Async" + name))
    classes.reserve("AsyncFiles")
    assert classes.claim("Files") == "Files2"  # its Async twin would clash
    inner = Namespace(parent=classes)
    assert inner.claim("Files2") == "Files22" and "Files22" not in classes


@pytest.mark.parametrize("text", ["List", "None", "2fa", "foo-bar", "", "BaseModel", "Field"])
def test_class_identifiers_never_shadow_imports(text: str) -> None:
    name = class_identifier(text)
    assert name.isidentifier() and name[0].isupper()
    assert name not in {"List", "None", "BaseModel", "Field"}


@pytest.mark.parametrize(("cls", "module"), [("Con", "con_"), ("Class", "class_"),
                                             ("FooBar", "foo_bar"), ("Types", "types_")])
def test_module_identifiers_are_safe_file_names(cls: str, module: str) -> None:
    assert module_identifier(cls) == module


def test_reserved_attributes_cover_the_generated_model_base() -> None:
    """A field may not shadow an attribute of the models' base class, its own or its
    metaclass's (pydantic warns at import, and the attribute stops working). Compared with the
    real class, so that a pydantic release adding an attribute fails here first."""
    import sys

    from tests.helpers import ROOT

    sys.path.insert(0, str(ROOT / "generated"))
    try:
        from openai_realtime._models import BaseModel
    finally:
        sys.path.remove(str(ROOT / "generated"))
    public = {n for n in dir(BaseModel) + dir(type(BaseModel)) if not n.startswith("_")}
    unguarded = sorted(n for n in public
                       if n not in RESERVED_ATTRIBUTES and attribute_identifier(n) == n)
    assert unguarded == []
