"""parse_response: strict raises, the default mode keeps what a newer server sends."""

# The generated code spells types with typing.Union/List/Optional (Python 3.9): so do these tests.
# ruff: noqa: UP006, UP007, UP035, UP045

from __future__ import annotations

import datetime
import logging
import warnings
from typing import Any, ClassVar, Dict, List, Optional, Union, get_origin

import pydantic
import pytest
from typing_extensions import Annotated, Literal

from .conftest import Recorder, json_response, sync_client

RESPONSE = {
    "id": "t1",
    "status": "active",
    "created_at": "2024-05-01T12:00:00Z",
    "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}},
}


@pytest.fixture
def api(rt: Any) -> Any:
    return rt.api


def warnings_of(caplog: Any, rt: Any) -> List[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == rt.name and r.levelno == logging.WARNING
    ]


def test_conforming_data_is_validated(rt: Any, api: Any, caplog: Any) -> None:
    value = rt.models.parse_response(api.Thing, RESPONSE)
    assert value.created_at == datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone.utc)
    assert type(value.input.turn_detection) is api.DetectionSemantic
    assert warnings_of(caplog, rt) == []


def test_unknown_field_is_kept(rt: Any, api: Any, caplog: Any) -> None:
    value = rt.models.parse_response(api.Thing, {**RESPONSE, "brand_new": {"x": 1}})
    assert value.brand_new == {"x": 1}
    assert value.model_extra == {"brand_new": {"x": 1}}
    assert warnings_of(caplog, rt) == []  # a new field is not a problem


def test_unknown_enum_value(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {**RESPONSE, "status": "deleted", "created_at": "2024-05-01T12:00:00Z"}
    value = rt.models.parse_response(api.Thing, data)
    assert value.status == "deleted"
    assert value.created_at.year == 2024  # the rest is still parsed
    assert type(value.input.turn_detection) is api.DetectionSemantic
    [message] = warnings_of(caplog, rt)
    assert message.startswith("status: 'deleted' is not one of 'active', 'archived'")
    assert "Thing" in message


def test_unknown_discriminated_variant(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {**RESPONSE, "input": {"turn_detection": {"type": "fancy_vad", "level": 3}}}
    value = rt.models.parse_response(api.Thing, data)
    assert value.input.turn_detection == {"type": "fancy_vad", "level": 3}
    assert type(value.input).__name__ == "Input"
    [message] = warnings_of(caplog, rt)
    assert message.startswith(
        "input.turn_detection.type: 'fancy_vad' is not one of 'server_vad', 'semantic_vad'"
    )


def test_bad_value_inside_known_variant(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {"id": "x", "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "max"}}}
    value = rt.models.parse_response(api.Thing, data)
    detection = value.input.turn_detection
    assert type(detection) is api.DetectionSemantic
    assert detection.eagerness == "max"
    [message] = warnings_of(caplog, rt)
    assert message.startswith("input.turn_detection.eagerness: 'max' is not one of 'low',")


def test_null_for_non_nullable(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    value = rt.models.parse_response(api.Thing, {"id": None, "name": "n"})
    assert value.id is None and value.name == "n"
    [message] = warnings_of(caplog, rt)
    assert message.startswith("id: null where str is expected")


def test_missing_required_field(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    value = rt.models.parse_response(api.Thing, {"name": "n"})
    assert value.id is None
    assert value.model_fields_set == {"name"}
    assert warnings_of(caplog, rt)[0].startswith("id: required field is missing")


def test_wrong_types_lists_and_nested(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {
        "id": "x",
        "size": "big",
        "tags": ["a", 2, "c"],
        "created_at": "not a date",
        "children": [{"id": "c1"}, {"id": "c2", "status": "gone"}, "junk"],
    }
    value = rt.models.parse_response(api.Thing, data)
    assert value.size == "big"
    assert value.tags == ["a", 2, "c"]
    assert value.created_at == "not a date"
    assert [type(c).__name__ for c in value.children] == ["Thing", "Thing", "str"]
    assert value.children[1].status == "gone"
    paths = sorted(m.split(":")[0] for m in warnings_of(caplog, rt))
    assert paths == ["children[1].status", "children[2]", "created_at", "size", "tags[1]"]


def test_each_problem_is_logged_once(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        rt.models.parse_response(api.Thing, {"id": "x", "status": "zzz"})
    assert len(warnings_of(caplog, rt)) == 1


def test_strict_raises(rt: Any, api: Any) -> None:
    rt.models.parse_response(api.Thing, RESPONSE, strict=True)
    for bad in (
        {**RESPONSE, "status": "deleted"},
        {**RESPONSE, "input": {"turn_detection": {"type": "fancy_vad"}}},
        {**RESPONSE, "id": None},
    ):
        with pytest.raises(pydantic.ValidationError):
            rt.models.parse_response(api.Thing, bad, strict=True)


def test_exclude_unset_round_trip(rt: Any, api: Any) -> None:
    data = {
        "id": "x",
        "status": "deleted",
        "name": None,
        "extra_field": [1, {"a": None}],
        "input": {"turn_detection": {"type": "fancy_vad", "k": None}, "format": "opus"},
        "children": [{"id": "c", "status": "active", "from": "me"}],
        "created_at": "2024-05-01T12:00:00Z",
    }
    value = rt.models.parse_response(api.Thing, data)
    assert value.to_dict(mode="json") == data
    assert value.model_dump(mode="json", exclude_unset=True, by_alias=True) == data
    conforming = rt.models.parse_response(api.Thing, RESPONSE)
    assert conforming.model_dump(mode="json", exclude_unset=True) == RESPONSE


def test_dumps_do_not_warn(rt: Any, api: Any) -> None:
    value = rt.models.parse_response(
        api.Thing, {"id": 5, "status": "x", "input": {"turn_detection": {"type": "new"}}}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value.model_dump()
        value.model_dump_json()
        value.to_dict()
        assert '"status": "x"' in value.to_json()


def test_unions_without_discriminator(rt: Any) -> None:
    class A(rt.models.BaseModel):
        kind: Literal["a"]
        x: int

    class B(rt.models.BaseModel):
        kind: Literal["b"]
        y: Literal["p", "q"]

    parse = rt.models.parse_response
    assert type(parse(Union[A, B], {"kind": "a", "x": 1})) is A
    # no variant validates: the one whose Literal tag matches is built leniently
    b = parse(Union[A, B], {"kind": "b", "y": "r"})
    assert type(b) is B and b.y == "r"
    # nothing matches: kept as given
    assert parse(Union[A, B], {"kind": "c"}) == {"kind": "c"}
    assert parse(Union[int, A], "text") == "text"
    assert parse(List[Union[A, B]], [{"kind": "a", "x": 1}, {"kind": "z"}])[1] == {"kind": "z"}
    assert parse(Optional[Union[str, Literal["auto"]]], "other") == "other"
    assert parse(Dict[str, A], {"k": {"kind": "a", "x": "no"}})["k"].x == "no"
    anno = Annotated[Union[A, B], pydantic.Field(discriminator="kind")]
    assert type(parse(anno, {"kind": "b", "y": "p"})) is B
    assert parse(anno, {"kind": "c", "z": 1}) == {"kind": "c", "z": 1}
    assert parse(Optional[A], None) is None


def test_forward_references_without_rebuild(rt: Any, tmp_path: Any) -> None:
    # A module whose generator forgot model_rebuild(): Node refers to Leaf, defined later.
    source = (
        "from typing import List, Optional\n"
        "from typing_extensions import Literal\n"
        "from .._models import BaseModel\n"
        "class Node(BaseModel):\n"
        "    leaf: Optional['Leaf'] = None\n"
        "    kids: Optional[List['Node']] = None\n"
        "class Leaf(BaseModel):\n"
        "    kind: Literal['leaf']\n"
    )
    (rt.root / rt.name / "types" / "fwd.py").write_text(source)
    import importlib
    import sys

    sys.path.insert(0, str(rt.root))
    try:
        mod = importlib.import_module(f"{rt.name}.types.fwd")
    finally:
        sys.path.remove(str(rt.root))
    value = rt.models.parse_response(
        mod.Node, {"leaf": {"kind": "new"}, "kids": [{"leaf": {"kind": "leaf"}}]}
    )
    assert type(value.leaf) is mod.Leaf and value.leaf.kind == "new"
    assert type(value.kids[0].leaf) is mod.Leaf


def test_never_raises_on_odd_input(rt: Any, api: Any) -> None:
    parse = rt.models.parse_response
    for data in (None, "text", 5, [], [1], {"id": {"nested": True}}, {"children": 5}):
        parse(api.Thing, data)  # does not raise
    assert parse(api.Thing, "text") == "text"
    assert parse(List[api.Thing], {"a": 1}) == {"a": 1}
    assert parse(object, {"a": 1}) == {"a": 1}
    assert parse(None, {"a": 1}) is None


def test_model_config(rt: Any) -> None:
    # A ClassVar: pyright --verifytypes would otherwise count it as an untyped attribute of
    # every model (see test_type_completeness).
    annotation = rt.models.BaseModel.__annotations__["model_config"]
    assert get_origin(annotation) is ClassVar
    config = rt.models.BaseModel.model_config
    assert config["extra"] == "allow"
    assert config["populate_by_name"] is True
    assert config["protected_namespaces"] == ()
    assert config["defer_build"] is True

    class M(rt.models.BaseModel):
        model_id: str
        from_: str = pydantic.Field(alias="from")

    assert M(model_id="a", from_="b").from_ == "b"
    assert M.model_validate({"model_id": "a", "from": "b"}).from_ == "b"


def test_client_lenient_and_strict(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    data = {"id": "t", "status": "purged"}
    client = sync_client(rt, Recorder(json_response(200, data)))
    assert client.things.create(name="n").status == "purged"
    assert any("status: 'purged'" in m for m in warnings_of(caplog, rt))

    strict = sync_client(rt, Recorder(json_response(200, data)), strict_response_validation=True)
    with pytest.raises(rt.exceptions.APIResponseValidationError) as info:
        strict.things.create(name="n")
    assert isinstance(info.value.__cause__, pydantic.ValidationError)
    assert "status" in str(info.value)
    assert info.value.status_code == 200


def test_client_list_cast(rt: Any, api: Any) -> None:
    client = sync_client(rt, Recorder(json_response(200, [{"id": "a"}, {"id": "b"}])))
    things = client.things.list()
    assert [t.id for t in things] == ["a", "b"]
    assert all(type(t) is api.Thing for t in things)


def test_paths_count_from_the_root_of_the_type(rt: Any, api: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING)
    things = rt.models.parse_response(List[api.Thing], [RESPONSE, {"id": "b", "status": "x"}])
    assert type(things[0].input.turn_detection) is api.DetectionSemantic
    assert things[1].status == "x"
    [message] = warnings_of(caplog, rt)
    assert message.startswith("[1].status: 'x' is not one of 'active', 'archived'")
    assert "(response type List[Thing]; kept as received)" in message


def test_untagged_union_variant_by_shape(rt: Any, caplog: Any) -> None:
    class Named(rt.models.BaseModel):
        name: str
        rank: Optional[Literal["a", "b"]] = None

    class Sized(rt.models.BaseModel):
        size: int
        rank: Optional[Literal["a", "b"]] = None

    parse = rt.models.parse_response
    # the variant whose required fields are all there, with the most keys of the object
    sized = parse(Union[Named, Sized], {"size": 3, "rank": "z"})
    assert type(sized) is Sized and sized.rank == "z"
    both = parse(Union[Named, Sized], {"size": 3, "name": "n", "rank": "z"})
    assert both == {"size": 3, "name": "n", "rank": "z"}  # as much one as the other: kept
    assert parse(Union[Named, Sized], {"other": 1, "rank": "z"}) == {"other": 1, "rank": "z"}


def test_strict_reaches_models_inside_a_users_type(rt: Any, api: Any) -> None:
    class Mine(pydantic.BaseModel):
        thing: api.Thing

    bad = {"thing": {**RESPONSE, "status": "deleted"}}
    assert rt.models.parse_response(Mine, bad).thing.status == "deleted"
    with pytest.raises(pydantic.ValidationError):
        rt.models.parse_response(Mine, bad, strict=True)
