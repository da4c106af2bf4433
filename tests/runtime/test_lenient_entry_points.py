"""Every way into a response model is forward compatible: model_validate, model_validate_json,
a field of the user's own pydantic model, a TypeAdapter, parse_response; strict mode raises at
each of them; the constructor validates; unions pick the right variant at every depth;
warnings stay short; `_request_id` rides on instances without being data."""

# The generated code spells types with typing.Union/List/Optional (Python 3.9): so do these tests.
# ruff: noqa: UP006, UP007, UP035, UP045

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Union

import pydantic
import pytest
from typing_extensions import Annotated, Literal

from .test_models import RESPONSE, warnings_of

FUTURE = {  # what a newer server may send: a new enum value, a new variant, a null
    **RESPONSE,
    "status": "deleted",
    "name": None,
    "input": {"turn_detection": {"type": "fancy_vad", "level": 3}},
}
FUTURE_WARNINGS = [
    "input.turn_detection.type: 'fancy_vad' is not one of 'server_vad', 'semantic_vad'",
    "status: 'deleted' is not one of 'active', 'archived'",
]


def problems(caplog: Any, rt: Any) -> List[str]:
    """The warnings, each cut before its "(response type ...)" tail, sorted."""
    return sorted(m.split(" (response type")[0] for m in warnings_of(caplog, rt))


def check_future(value: Any, api: Any) -> None:
    assert type(value) is api.Thing
    assert value.status == "deleted" and value.name is None
    assert value.input.turn_detection == {"type": "fancy_vad", "level": 3}
    assert value.created_at.year == 2024  # the rest is still validated
    assert value.to_dict(mode="json") == FUTURE


def root_wrappers(rt: Any, schema: Any) -> int:
    """How many root wrappers (the fallback's validator function) a core schema holds."""
    is_root_wrapper = rt.import_module("_validators").is_root_wrapper
    if isinstance(schema, dict):
        inner = sum(root_wrappers(rt, v) for k, v in schema.items() if k != "metadata")
        return inner + (1 if is_root_wrapper(schema) else 0)
    if isinstance(schema, (list, tuple)):
        return sum(root_wrappers(rt, v) for v in schema)
    return 0


@pytest.fixture
def api(rt: Any) -> Any:
    return rt.api


@pytest.fixture
def warned(caplog: Any) -> Any:
    caplog.set_level(logging.WARNING)
    return caplog


# --- each entry point ------------------------------------------------------------------------


def test_model_validate_is_lenient(rt: Any, api: Any, warned: Any) -> None:
    check_future(api.Thing.model_validate(FUTURE), api)
    assert problems(warned, rt) == FUTURE_WARNINGS
    assert all("(response type Thing; kept as received)" in m for m in warnings_of(warned, rt))


def test_model_validate_json_is_lenient(rt: Any, api: Any, warned: Any) -> None:
    check_future(api.Thing.model_validate_json(json.dumps(FUTURE)), api)
    check_future(api.Thing.model_validate_json(json.dumps(FUTURE).encode()), api)
    assert problems(warned, rt) == FUTURE_WARNINGS  # once each, though parsed twice
    conforming = api.Thing.model_validate_json(json.dumps(RESPONSE))
    assert type(conforming.input.turn_detection) is api.DetectionSemantic


def test_what_is_not_an_object_still_raises(api: Any) -> None:
    for text in ("not json", "[1, 2]", '"text"', "null"):
        with pytest.raises(pydantic.ValidationError):
            api.Thing.model_validate_json(text)
    for data in ("text", [RESPONSE], None, 5):
        with pytest.raises(pydantic.ValidationError):
            api.Thing.model_validate(data)


def test_same_result_as_parse_response(rt: Any, api: Any) -> None:
    data = {"id": 7, "tags": ["a", 2], "children": [{"id": "c", "status": "gone"}, "junk"]}
    by_parse = rt.models.parse_response(api.Thing, data)
    by_validate = api.Thing.model_validate(data)
    assert by_validate.to_dict() == by_parse.to_dict() == data
    assert type(by_validate.children[0]) is api.Thing and by_validate.children[1] == "junk"


def test_constructor_validates_and_raises(api: Any) -> None:
    # A constructor call is code written against today's types: a mismatch is a bug to show.
    thing = api.Thing(id="x", status="active", input={"turn_detection": {"type": "server_vad"}})
    assert type(thing.input.turn_detection) is api.DetectionServer
    assert api.Thing(id="x", **{"from": "me"}).from_ == "me"
    for bad in ({"id": "x", "status": "deleted"}, {"id": None}, {"name": "no id"}):
        with pytest.raises(pydantic.ValidationError) as info:
            api.Thing(**bad)
        assert info.value.title == "Thing"


def test_inside_a_users_model(rt: Any, api: Any, warned: Any) -> None:
    class Mine(pydantic.BaseModel):
        first: api.Thing
        second: api.Thing  # a second use of the same model in one type: lenient too
        many: List[api.Thing]
        by_key: Dict[str, api.Input]
        maybe: Optional[api.Thing] = None
        count: int = 0

    mine = Mine.model_validate({
        "first": FUTURE, "second": FUTURE, "many": [RESPONSE, FUTURE],
        "by_key": {"k": {"turn_detection": {"type": "semantic_vad", "eagerness": "max"}}},
        "maybe": {"id": "m", "children": [{"id": "c", "status": "gone"}]},
    })
    for thing in (mine.first, mine.second, mine.many[1]):
        check_future(thing, api)
    assert type(mine.many[0].input.turn_detection) is api.DetectionSemantic
    assert mine.by_key["k"].turn_detection.eagerness == "max"
    assert type(mine.by_key["k"].turn_detection) is api.DetectionSemantic
    assert mine.maybe is not None and mine.maybe.children[0].status == "gone"
    # paths are counted from the root of our model, the type named is ours
    assert problems(warned, rt) == sorted([
        *FUTURE_WARNINGS, "turn_detection.eagerness: 'max' is not one of 'low', 'medium', "
        "'high', 'auto'", "children[0].status: 'gone' is not one of 'active', 'archived'",
    ])
    assert mine.model_dump(mode="json", warnings=False)["first"]["status"] == "deleted"
    # the user's own fields keep pydantic's rules
    with pytest.raises(pydantic.ValidationError):
        Mine.model_validate({"first": RESPONSE, "second": RESPONSE, "many": [], "by_key": {},
                             "count": "many"})
    # JSON schemas still work (pydantic 2.11 and later name the copies' definitions by class)
    titles = {d.get("title") for d in Mine.model_json_schema()["$defs"].values()}
    assert {"Thing", "Input", "DetectionSemantic"} <= titles


def test_type_adapters(rt: Any, api: Any, warned: Any) -> None:
    things = pydantic.TypeAdapter(List[api.Thing]).validate_python([RESPONSE, FUTURE])
    assert type(things[0].input.turn_detection) is api.DetectionSemantic
    check_future(things[1], api)
    check_future(pydantic.TypeAdapter(api.Thing).validate_python(FUTURE), api)
    check_future(pydantic.TypeAdapter(Optional[api.Thing]).validate_json(json.dumps(FUTURE)), api)
    assert problems(warned, rt) == FUTURE_WARNINGS


def test_a_model_used_before_and_after_it_is_built(rt: Any) -> None:
    # TypeAdapter(Model) takes pydantic's path for a model not built yet, the model's own
    # validator after: both fall back.
    class Fresh(rt.models.BaseModel):
        kind: Literal["a", "b"]

    assert Fresh.__pydantic_complete__ is False
    assert pydantic.TypeAdapter(Fresh).validate_python({"kind": "c"}).kind == "c"
    assert Fresh.__pydantic_complete__ is True
    assert pydantic.TypeAdapter(Fresh).validate_python({"kind": "d"}).kind == "d"
    assert Fresh.model_validate({"kind": "e"}).kind == "e"


def test_a_subclass_that_builds_at_definition(rt: Any, api: Any, warned: Any) -> None:
    class Eager(api.Thing):
        model_config = pydantic.ConfigDict(defer_build=False)

        note: Optional[str] = None

    assert Eager.__pydantic_complete__ is True
    eager = Eager.model_validate({**FUTURE, "note": "n"})
    assert eager.status == "deleted" and eager.note == "n"
    with pytest.raises(pydantic.ValidationError):
        Eager.model_validate(FUTURE, context={"strict": True})


# --- strict mode -----------------------------------------------------------------------------


def test_strict_raises_at_every_entry_point(rt: Any, api: Any) -> None:
    class Mine(pydantic.BaseModel):
        thing: api.Thing

    strict: Dict[str, Any] = {"strict": True}
    attempts = [
        lambda: api.Thing.model_validate(FUTURE, context=strict),
        lambda: api.Thing.model_validate(FUTURE, strict=True),
        lambda: api.Thing.model_validate_json(json.dumps(FUTURE), context=strict),
        lambda: api.Thing.model_validate_json(json.dumps(FUTURE), strict=True),
        lambda: pydantic.TypeAdapter(api.Thing).validate_python(FUTURE, context=strict),
        lambda: pydantic.TypeAdapter(List[api.Thing]).validate_python([FUTURE], context=strict),
        lambda: Mine.model_validate({"thing": FUTURE}, context=strict),
        lambda: rt.models.parse_response(api.Thing, FUTURE, strict=True),
        lambda: rt.models.parse_response(List[api.Thing], [FUTURE], strict=True),
    ]
    for attempt in attempts:
        with pytest.raises(pydantic.ValidationError) as info:
            attempt()
        # pydantic's own errors, nothing of the fallback in their locations
        locations = {e["loc"][-1] for e in info.value.errors()}
        assert "status" in locations, info.value.errors()


def test_strict_context_alongside_the_callers_own(api: Any) -> None:
    with pytest.raises(pydantic.ValidationError):
        api.Thing.model_validate(FUTURE, context={"strict": True, "mine": 1})
    lenient = api.Thing.model_validate(FUTURE, context={"mine": 1, "strict": False})
    assert lenient.status == "deleted"


def test_strict_errors_are_pydantics(api: Any) -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        api.Thing.model_validate({"id": "x", "status": "deleted"}, context={"strict": True})
    [error] = info.value.errors()
    assert error["loc"] == ("status",) and error["type"] == "literal_error"
    assert info.value.title == "Thing"


# --- unions ----------------------------------------------------------------------------------


@pytest.fixture
def shapes(rt: Any) -> Any:
    """Tagged variants (Circle, Square), untagged ones (Named, Sized), and models holding
    unions of them at several depths, with and without a discriminator."""
    base = rt.models.BaseModel

    class Circle(base):
        kind: Literal["circle"]
        radius: float
        color: Optional[Literal["red", "blue"]] = None

    class Square(base):
        kind: Literal["square"]
        side: float
        color: Optional[Literal["red", "blue"]] = None

    class Named(base):
        name: str
        rank: Optional[Literal["a", "b"]] = None

    class Sized(base):
        size: int
        rank: Optional[Literal["a", "b"]] = None

    class Group(base):
        shapes: List[Union[Circle, Square]]
        tagged: Optional[Annotated[Union[Circle, Square], pydantic.Field(discriminator="kind")]]
        plain: Optional[Union[Named, Sized]] = None

    class Scene(base):
        groups: List[Group]
        best: Optional[Union[Circle, Square]] = None

    class Shapes:
        pass

    for cls in (Circle, Square, Named, Sized, Group, Scene):
        setattr(Shapes, cls.__name__, cls)
    Group.model_rebuild()
    Scene.model_rebuild()
    return Shapes


GROUP = {
    "shapes": [{"kind": "circle", "radius": 1}, {"kind": "square", "side": 2, "color": "pink"},
               {"kind": "hexagon", "n": 6}],
    "tagged": {"kind": "square", "side": "wide"},
    "plain": {"size": 3, "rank": "z"},
}


def check_group(group: Any, shapes: Any) -> None:
    assert [type(s).__name__ for s in group.shapes] == ["Circle", "Square", "dict"]
    assert group.shapes[1].color == "pink" and group.shapes[1].side == 2
    assert type(group.tagged) is shapes.Square and group.tagged.side == "wide"
    assert type(group.plain) is shapes.Sized and group.plain.rank == "z"


GROUP_WARNINGS = [
    "plain.rank: 'z' is not one of 'a', 'b'",
    "shapes[1].color: 'pink' is not one of 'red', 'blue'",
    "shapes[2]: a dict that matches none of Circle, Square",
    "tagged.side: expected float, got str",
]


def test_unions_nested_in_our_models(rt: Any, shapes: Any, warned: Any) -> None:
    group = shapes.Group.model_validate(GROUP)
    check_group(group, shapes)
    assert problems(warned, rt) == GROUP_WARNINGS
    scene = shapes.Scene.model_validate({"groups": [GROUP, GROUP], "best": {"kind": "circle",
                                                                             "radius": "big"}})
    for group in scene.groups:
        check_group(group, shapes)
    assert type(scene.best) is shapes.Circle and scene.best.radius == "big"
    assert "best.radius: expected float, got str" in problems(warned, rt)
    assert "groups[1].shapes[2]: a dict that matches none of Circle, Square" in problems(warned, rt)


def test_unions_nested_in_a_users_model(shapes: Any) -> None:
    class Mine(pydantic.BaseModel):
        scene: shapes.Scene
        groups: List[shapes.Group]

    mine = Mine.model_validate({"scene": {"groups": [GROUP]}, "groups": [GROUP, GROUP]})
    for group in (mine.scene.groups[0], *mine.groups):
        check_group(group, shapes)


def test_conforming_variants_are_never_taken_by_another(shapes: Any) -> None:
    # Each variant's data, conforming: validated as that variant wherever the union sits.
    square, named = {"kind": "square", "side": 2}, {"name": "n", "rank": "a"}
    group = shapes.Group.model_validate({"shapes": [square], "tagged": square, "plain": named})
    assert type(group.shapes[0]) is type(group.tagged) is shapes.Square
    assert type(group.plain) is shapes.Named

    class Mine(pydantic.BaseModel):
        either: Union[shapes.Circle, shapes.Square]
        tagged: Annotated[Union[shapes.Circle, shapes.Square], pydantic.Field(discriminator="kind")]

    mine = Mine.model_validate({"either": square, "tagged": square})
    assert type(mine.either) is type(mine.tagged) is shapes.Square


def test_a_users_own_union_of_our_models(shapes: Any) -> None:
    class Mine(pydantic.BaseModel):
        either: Union[shapes.Circle, shapes.Square]
        tagged: Annotated[Union[shapes.Circle, shapes.Square], pydantic.Field(discriminator="kind")]

    # A variant that does not conform is built leniently; the other one's tag turns it down.
    bad_square = {"kind": "square", "side": 1, "color": "pink"}
    mine = Mine.model_validate({"either": bad_square, "tagged": bad_square})
    assert type(mine.either) is type(mine.tagged) is shapes.Square
    assert mine.either.color == mine.tagged.color == "pink"
    # An unknown variant of a union the user wrote is the user's type: pydantic's rules.
    with pytest.raises(pydantic.ValidationError):
        Mine.model_validate({"either": {"kind": "hexagon"}, "tagged": bad_square})
    with pytest.raises(pydantic.ValidationError):
        Mine.model_validate({"either": bad_square, "tagged": {"kind": "hexagon"}})


def test_a_tag_naming_another_type_is_not_taken(shapes: Any) -> None:
    with pytest.raises(pydantic.ValidationError):
        shapes.Circle.model_validate({"kind": "square", "side": 1})
    circle = shapes.Circle.model_validate({"kind": "circle", "radius": 1, "color": "pink"})
    assert circle.color == "pink"


# --- the cost of conforming data -------------------------------------------------------------


def test_one_wrapper_per_root_none_inside(rt: Any, api: Any, shapes: Any) -> None:
    # The fallback is a Python call at the root of each of our models' trees only: the models
    # inside are pydantic's alone (conforming data pays nothing per nested object).
    api.Input.model_validate({})
    for model in (api.Thing, api.Input, shapes.Group, shapes.Scene):
        assert root_wrappers(rt, model.__pydantic_core_schema__) == 1, model

    class Mine(pydantic.BaseModel):
        a: api.Thing
        b: api.Thing
        c: List[shapes.Scene]

    # one wrapper for each model used at a root (a and b share one definition), none inside
    assert root_wrappers(rt, Mine.__pydantic_core_schema__) == 2
    bare = rt.import_module("_validators").bare_validator(api.Thing)
    assert bare is not None and bare is rt.import_module("_validators").bare_validator(api.Thing)


# --- warnings --------------------------------------------------------------------------------


def test_warnings_stay_short(rt: Any, warned: Any) -> None:
    base = rt.models.BaseModel
    variants = [
        type(f"Variant{i:02d}WithAVeryLongNameIndeed", (base,), {
            "__annotations__": {"kind": Literal[f"kind_{i}"], "value": int},
            "__module__": __name__,
        })
        for i in range(30)
    ]
    many = Union[tuple(variants)]  # type: ignore[valid-type]
    wide = Literal[tuple(f"choice_number_{i}" for i in range(200))]  # type: ignore[valid-type]
    holder = type("Holder", (base,), {"__annotations__": {"item": many, "level": wide,
                                                          "items": List[many]},
                                      "__module__": __name__})
    big = {"kind": "kind_999", "payload": "x" * 5000, "nested": [{"deep": "y" * 5000}] * 20}
    rt.models.parse_response(many, big)
    rt.models.parse_response(List[many], [big, {"kind": "kind_3", "value": "z" * 5000}])
    holder.model_validate({"item": big, "level": "z" * 5000, "items": [big]})
    messages = warnings_of(warned, rt)
    assert len(messages) >= 5
    for message in messages:
        assert len(message) < 600, message
        assert "xxxxxxxxxx" * 10 not in message


def test_each_place_is_logged_once(rt: Any, api: Any, warned: Any) -> None:
    class Mine(pydantic.BaseModel):
        thing: api.Thing

    for _ in range(3):
        api.Thing.model_validate(FUTURE)
        api.Thing.model_validate_json(json.dumps(FUTURE))
        Mine.model_validate({"thing": FUTURE})
        rt.models.parse_response(api.Thing, FUTURE)
    assert problems(warned, rt) == FUTURE_WARNINGS


# --- _request_id -----------------------------------------------------------------------------


def test_request_id(rt: Any, api: Any) -> None:
    set_request_id = rt.models.set_request_id
    made = [
        api.Thing.model_validate(RESPONSE),
        api.Thing.model_validate(FUTURE),  # built leniently
        rt.models.parse_response(api.Thing, {"id": None}),
        api.Thing.model_validate_json(json.dumps(FUTURE)),
        api.Thing(id="x"),
        api.Thing.model_construct(id="x"),
    ]
    for thing in made:
        assert thing._request_id is None
        set_request_id(thing, "req_1")
        assert thing._request_id == "req_1"
        assert thing.input is None or thing.input._request_id is None  # only the top object
        assert "req_1" not in json.dumps(thing.to_dict(mode="json"))
        assert "req_1" not in thing.model_dump_json() + thing.to_json() + repr(thing)
        assert "_request_id" not in thing.model_dump()
        assert thing.model_copy()._request_id == "req_1"
    for other in ([made[0]], {"a": 1}, None, "text"):
        set_request_id(other, "req_2")  # not one of ours: left alone
    assert made[0]._request_id == "req_1"
    set_request_id(made[0], None)
    assert made[0]._request_id is None


def test_request_id_beside_a_users_private_attributes(rt: Any, api: Any) -> None:
    class Annotated_(api.Thing):
        _note: str = pydantic.PrivateAttr(default="n")

    value = Annotated_.model_validate(FUTURE)
    assert value._note == "n" and value._request_id is None
    rt.models.set_request_id(value, "req_3")
    assert value._note == "n" and value._request_id == "req_3"


def test_a_users_model_inside_ours(rt: Any, api: Any, warned: Any) -> None:
    # Our model holds a user's model that holds ours: the outermost of ours builds, whole.
    class Mine(pydantic.BaseModel):
        thing: api.Thing

    class Holder(api.Thing):
        mine: Optional[Mine] = None

    data = {"id": "h", "mine": {"thing": {"id": "t", "status": "gone"}}}
    entry_points = [
        lambda: pydantic.TypeAdapter(Holder).validate_python(data),
        lambda: Holder.model_validate(data),
        lambda: Holder.model_validate_json(json.dumps(data)),
    ]
    for entry_point in entry_points:
        holder = entry_point()
        assert type(holder.mine.thing) is api.Thing and holder.mine.thing.status == "gone"
        assert problems(warned, rt) == [
            "mine.thing.status: 'gone' is not one of 'active', 'archived'"]
    with pytest.raises(pydantic.ValidationError):
        Holder(**data)  # our constructor raises, even for a model of ours deep inside
