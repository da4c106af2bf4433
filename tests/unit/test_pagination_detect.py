"""Pagination detection (codegen/builder/pagination.py): which list operations page and how,
from small specs built as dicts; the config's overrides and the errors in them."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.builder import build
from codegen.builder.pagination import paginate
from codegen.config import PaginationConfig, parse_config
from codegen.diagnostics import Diagnostic, Diagnostics, Severity
from codegen.ir import Api, Operation, Pagination, RefType, UnionType
from codegen.load import Document

THING = "#/components/schemas/Thing"
OP = "#/paths/~1things/get"


def params(**kinds: str) -> list[dict[str, Any]]:
    """Query parameters by name and JSON type ('string', 'integer', 'boolean')."""
    return [{"name": name, "in": "query", "schema": {"type": kind}} for name, kind in kinds.items()]


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def array(item: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "array", "items": item or {"$ref": THING}}


STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}


def spec(body: dict[str, Any], query: list[dict[str, Any]] | None = None,
         headers: tuple[str, ...] = (), method: str = "get", path: str = "/things",
         item: dict[str, Any] | None = None) -> dict[str, Any]:
    """One operation answering `body` (a schema) as JSON; Thing is the usual item."""
    response: dict[str, Any] = {"description": "ok", "content": {
        "application/json": {"schema": body}}}
    if headers:
        response["headers"] = {h: {"schema": {"type": "string"}} for h in headers}
    return {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "paths": {path: {method: {"operationId": "op", "parameters": query or [],
                                  "responses": {"200": response}}}},
        "components": {"schemas": {"Thing": item or obj(id=STR, name=STR)}},
    }


def paged(document: dict[str, Any], config: dict[str, Any] | None = None,
          ) -> tuple[Api, Diagnostics]:
    diagnostics = Diagnostics()
    api = build(Document("spec.yaml", document, "0" * 64), diagnostics)
    pagination = (parse_config({"pagination": config}, "codegen.yaml").pagination
                  if config is not None else PaginationConfig())
    return paginate(api, pagination, diagnostics), diagnostics


def page_of(document: dict[str, Any], config: dict[str, Any] | None = None,
            ) -> Pagination | None:
    api, _ = paged(document, config)
    return only(api).page


def only(api: Api) -> Operation:
    (op,) = api.operations
    return op


def notes(diagnostics: Diagnostics, severity: Severity) -> list[Diagnostic]:
    return [d for d in diagnostics.items if d.severity is severity]


# ---- cursor ------------------------------------------------------------------------------------

def test_openai_list_is_a_cursor_on_the_last_id() -> None:
    body = obj(object=STR, data=array(), first_id=STR, last_id=STR, has_more=BOOL)
    api, diagnostics = paged(spec(body, params(limit="integer", order="string",
                                              after="string", before="string")))
    page = only(api).page
    assert page == Pagination("cursor", RefType(THING), "data", param="after", field="id",
                              more="has_more", pointer=page.pointer if page else "")
    assert page is not None and page.pointer.endswith("/schema")
    (note,) = notes(diagnostics, Severity.INFO)
    assert note.pointer == OP and "cursor" in note.message and "`after`" in note.message
    assert not notes(diagnostics, Severity.WARNING)


def test_stripe_starting_after_is_a_cursor() -> None:
    body = obj(object=STR, data=array(), has_more=BOOL, url=STR)
    page = page_of(spec(body, params(limit="integer", starting_after="string",
                                     ending_before="string")))
    assert page is not None
    assert (page.scheme, page.param, page.field, page.more) == (
        "cursor", "starting_after", "id", "has_more")


def test_a_cursor_needs_items_with_an_id_and_a_more_flag() -> None:
    no_id = spec(obj(data=array(), has_more=BOOL), params(after="string"),
                 item=obj(name=STR))
    assert page_of(no_id) is None
    no_more = spec(obj(data=array()), params(after="string"))
    assert page_of(no_more) is None


def test_a_nullable_items_array_and_an_aliased_one_are_found() -> None:
    nullable = obj(data={"anyOf": [array(), {"type": "null"}]}, has_more=BOOL)
    page = page_of(spec(nullable, params(after="string")))
    assert page is not None and page.scheme == "cursor" and page.items == "data"
    aliased = spec(obj(data={"$ref": "#/components/schemas/Things"}, has_more=BOOL),
                   params(after="string"))
    aliased["components"]["schemas"]["Things"] = array()
    page = page_of(aliased)
    assert page is not None and page.scheme == "cursor" and page.item == RefType(THING)


# ---- token -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "param"), [
    ("next_cursor", "cursor"),
    ("next_page_token", "page_token"),
    ("nextPageToken", "pageToken"),
    ("nextToken", "nextToken"),
    ("next_token", "starting_token"),
    ("next_marker", "marker"),
    ("NextMarker", "Marker"),
    ("continuation_token", "continuation_token"),
    ("next_cursor", "start_cursor"),  # Notion
    ("next_stream_position", "stream_position"),  # Box events
    ("next_page", "page"),  # Stripe search, OpenAI usage: a page token
    ("offset", "offset"),  # Airtable: a string offset handed back
    ("cursor", "cursor"),
])
def test_a_token_handed_back_for_its_parameter(field: str, param: str) -> None:
    body = obj(items=array(), **{field: STR})
    page = page_of(spec(body, params(**{param: "string", "limit": "integer"})))
    assert page is not None
    assert (page.scheme, page.param, page.field, page.items) == ("token", param, field, "items")


@pytest.mark.parametrize(("body", "field"), [
    (obj(ok=BOOL, channels=array(), response_metadata=obj(next_cursor=STR)),
     "response_metadata.next_cursor"),  # Slack
    (obj(data=array(), meta=obj(next_cursor=STR, total=INT)), "meta.next_cursor"),
    (obj(data=array(), paging=obj(cursors=obj(before=STR, after=STR))), "paging.cursors.after"),
])
def test_a_nested_token_is_a_dotted_path(body: dict[str, Any], field: str) -> None:
    param = "after" if field.endswith("after") else "cursor"
    page = page_of(spec(body, params(**{param: "string"})))
    assert page is not None and (page.scheme, page.field, page.param) == ("token", field, param)


def test_openai_next_cursor_page_feeds_next_to_after() -> None:
    """The openai package's SyncNextCursorPage: `after` takes the body's `next`."""
    body = obj(object=STR, data=array(), has_more=BOOL,
               next={"anyOf": [STR, {"type": "null"}], "description": "Cursor to fetch the "
                     "next page of results, or `null` if there are no more results."})
    page = page_of(spec(body, params(limit="integer", after="string", order="string")))
    assert page is not None
    assert (page.scheme, page.param, page.field, page.more) == ("token", "after", "next",
                                                                "has_more")


def test_backward_and_unpaired_tokens_are_not_used() -> None:
    backward = obj(data=array(), prev_cursor=STR, previous_page_token=STR)
    assert page_of(spec(backward, params(cursor="string"))) is None
    unpaired = obj(data=array(), next_cursor=STR)  # nothing in the query takes it
    assert page_of(spec(unpaired, params(q="string"))) is None


# ---- next_url and link -------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "field"), [
    (obj(count=INT, next=STR, previous=STR, results=array()), "next"),  # Django REST framework
    (obj(data=array(), next_url=STR), "next_url"),
    (obj(data=array(), links=obj(next=STR, self=STR)), "links.next"),
    (obj(_embedded=obj(), items=array(), _links=obj(next=obj(href=STR))), "_links.next.href"),
    ({"type": "object", "properties": {"value": array(), "@odata.nextLink": STR}},
     "@odata.nextLink"),
    (obj(data=array(), paging=obj(next=STR, previous=STR)), "paging.next"),
    (obj(values=array(), nextPage={"type": "string", "description": "The URL of the next "
                                   "page."}), "nextPage"),  # Jira
])
def test_a_next_page_url_in_the_body(body: dict[str, Any], field: str) -> None:
    page = page_of(spec(body, params(offset="integer", limit="integer")))
    assert page is not None and (page.scheme, page.field) == ("next_url", field)


def test_a_declared_link_header_beats_page_numbers() -> None:
    api, diagnostics = paged(spec(array(), params(per_page="integer", page="integer"),
                                  headers=("Link",)))
    page = only(api).page
    assert page is not None
    assert (page.scheme, page.items, page.item) == ("link", "", RefType(THING))
    assert any("Link" in d.message for d in notes(diagnostics, Severity.INFO))


def test_a_union_of_arrays_is_one_list() -> None:
    """GitHub's stargazers: users, or users with the time they starred."""
    other = {"type": "object", "properties": {"starred_at": STR}}
    body = {"oneOf": [array(), array(other)]}
    page = page_of(spec(body, params(page="integer"), headers=("link",)))
    assert page is not None and page.scheme == "link" and page.items == ""
    assert isinstance(page.item, UnionType) and len(page.item.variants) == 2


# ---- offset and page ---------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "param", "limit"), [
    (params(offset="integer", limit="integer"), "offset", "limit"),
    (params(offset="integer"), "offset", ""),
    (params(offset="integer", count="integer"), "offset", "count"),  # Mailchimp
    (params(startAt="integer", maxResults="integer"), "startAt", "maxResults"),  # Jira
    (params(startIndex="integer", limit="integer"), "startIndex", "limit"),  # Jellyfin
    (params(**{"$skip": "integer", "$top": "integer"}), "$skip", "$top"),  # OData
    (params(start="integer", count="integer"), "start", "count"),  # PeerTube
])
def test_offset_parameters(query: list[dict[str, Any]], param: str, limit: str) -> None:
    page = page_of(spec(obj(total=INT, data=array()), query))
    assert page is not None and (page.scheme, page.param, page.limit) == ("offset", param, limit)


def test_a_lone_start_a_from_or_a_string_offset_is_not_an_offset() -> None:
    assert page_of(spec(array(), params(start="integer"))) is None
    assert page_of(spec(array(), params(offset="string"))) is None
    # Vercel: `from` is a timestamp beside `limit`
    assert page_of(spec(array(), params(**{"from": "integer", "limit": "integer"}))) is None


@pytest.mark.parametrize(("query", "param", "limit"), [
    (params(page="integer", per_page="integer"), "page", "per_page"),
    (params(page="integer", page_size="integer"), "page", "page_size"),
    (params(pageNumber="integer", pageSize="integer"), "pageNumber", "pageSize"),
    (params(page="integer"), "page", ""),
])
def test_page_numbers(query: list[dict[str, Any]], param: str, limit: str) -> None:
    page = page_of(spec(array(), query))
    assert page is not None and (page.scheme, page.param, page.limit) == ("page", param, limit)


def test_the_note_names_the_parameters() -> None:
    _, diagnostics = paged(spec(array(), params(page="integer", per_page="integer")))
    (note,) = notes(diagnostics, Severity.INFO)
    assert note.message == "paginated by page (`page` counts pages; `per_page` sets the page size)"
    assert note.hint == "set pagination.methods['get /things'] in the config to change it"


def test_page_numbers_keep_a_more_flag() -> None:
    body = obj(budgets=array(), has_next_page=BOOL, total_count=INT)  # GitHub's budgets
    page = page_of(spec(body, params(page="integer", per_page="integer")))
    assert page is not None
    assert (page.scheme, page.items, page.more) == ("page", "budgets", "has_next_page")


# ---- which evidence wins -----------------------------------------------------------------------

def test_a_handed_back_token_beats_offset_and_a_cursor() -> None:
    body = obj(data=array(), has_more=BOOL, next_cursor=STR)
    page = page_of(spec(body, params(cursor="string", after="string", offset="integer")))
    assert page is not None and (page.scheme, page.param) == ("token", "cursor")


def test_a_next_url_beats_offset_and_page() -> None:
    body = obj(count=INT, next=STR, results=array())
    page = page_of(spec(body, params(page="integer", offset="integer", limit="integer")))
    assert page is not None and page.scheme == "next_url"


def test_a_cursor_beats_a_link_header() -> None:
    body = obj(data=array(), has_more=BOOL)
    page = page_of(spec(body, params(after="string"), headers=("link",)))
    assert page is not None and page.scheme == "cursor"


# ---- what is a list ----------------------------------------------------------------------------

def test_an_envelope_whose_only_array_holds_the_items() -> None:
    body = obj(total_count=INT, workflow_runs=array())  # GitHub
    page = page_of(spec(body, params(page="integer", per_page="integer")))
    assert page is not None and page.items == "workflow_runs"


def test_an_object_with_an_array_field_is_not_a_list() -> None:
    """A repository has an id and topics: not an envelope, whatever its parameters."""
    repository = obj(id=INT, name=STR, topics=array(STR))
    api, diagnostics = paged(spec(repository, params(page="integer"), headers=("link",)))
    assert only(api).page is None and not diagnostics.items


def test_a_resource_with_an_id_and_results_is_not_a_list() -> None:
    """OpenAI's eval output item: one resource, whose `results` is one of its fields."""
    item = obj(object=STR, id=STR, status=STR, results=array(obj(name=STR)))
    api, diagnostics = paged(spec(item, params(page="integer")))
    assert only(api).page is None and not diagnostics.items


def test_two_arrays_without_an_items_name_are_not_a_list() -> None:
    body = obj(users=array(), teams=array())
    assert page_of(spec(body, params(page="integer"))) is None


def test_links_arrays_are_not_the_items() -> None:
    body = obj(_links=array(obj(rel=STR, href=STR)), exports=array(), total_items=INT)
    page = page_of(spec(body, params(offset="integer", count="integer")))  # Mailchimp
    assert page is not None and page.items == "exports"


def test_a_list_that_fits_no_scheme_is_returned_as_one_page() -> None:
    api, diagnostics = paged(spec(obj(object=STR, data=array()), params(q="string")))
    assert only(api).page is None
    (warning,) = notes(diagnostics, Severity.WARNING)
    assert warning.pointer == OP and "returned as one page" in warning.message
    assert "get /things" in warning.hint


def test_only_get_operations_are_detected() -> None:
    api, diagnostics = paged(spec(array(), params(page="integer"), method="post"))
    assert only(api).page is None and not diagnostics.items


def test_a_single_object_is_neither_paged_nor_warned_about() -> None:
    api, diagnostics = paged(spec({"$ref": THING}, params(page="integer")))
    assert only(api).page is None and not diagnostics.items


# ---- the config --------------------------------------------------------------------------------

CURSOR_LIST = spec(obj(data=array(), has_more=BOOL), params(after="string", limit="integer"))


def test_detection_can_be_turned_off_for_all_or_one_endpoint() -> None:
    assert page_of(CURSOR_LIST, {"detect": False}) is None
    api, diagnostics = paged(CURSOR_LIST, {"methods": {"get /things": False}})
    assert only(api).page is None and not diagnostics.items


def test_a_rule_is_used_as_given() -> None:
    body = obj(items=array(), meta=obj(after=STR))
    rule = {"scheme": "token", "items": "items", "param": "from", "field": "meta.after"}
    api, diagnostics = paged(spec(body, params(**{"from": "string"})),
                             {"methods": {"GET /things": rule}})
    page = only(api).page
    assert page is not None
    assert (page.scheme, page.items, page.param, page.field) == ("token", "items", "from",
                                                                 "meta.after")
    assert not diagnostics.has_errors
    assert any("as the config says" in d.message for d in notes(diagnostics, Severity.INFO))


def test_a_rule_fills_its_blanks_from_the_spec() -> None:
    page = page_of(CURSOR_LIST, {"methods": {"get /things": {"scheme": "cursor"}}})
    assert page is not None
    assert (page.items, page.param, page.field, page.more, page.limit) == (
        "data", "after", "id", "has_more", "limit")


def test_a_rule_can_page_a_post() -> None:
    document = spec(array(), params(page="integer"), method="post")
    page = page_of(document, {"methods": {"post /things": {"scheme": "page"}}})
    assert page is not None and (page.scheme, page.param) == ("page", "page")


def test_a_rule_overrides_what_detection_finds() -> None:
    rule = {"scheme": "offset", "param": "limit"}
    page = page_of(CURSOR_LIST, {"methods": {"get /things": rule}})
    assert page is not None and (page.scheme, page.param) == ("offset", "limit")


AT = "codegen.yaml#/pagination/methods/get ~1things"


@pytest.mark.parametrize(("rule", "problem"), [
    ({"scheme": "cursor", "param": "starting_after"},
     "`param`: 'starting_after' is not a query parameter"),
    ({"scheme": "offset", "limit": "size"}, "`limit`: 'size' is not a query parameter"),
    ({"scheme": "offset"}, "offset pagination needs `param`"),
    ({"scheme": "token", "param": "after", "field": "next"},
     "`field`: 'next' is not a field of the response"),
    ({"scheme": "token", "param": "after"}, "token pagination needs `field`"),
    ({"scheme": "next_url"}, "next_url pagination needs `field`"),
    ({"scheme": "cursor", "field": "uuid"}, "`field`: 'uuid' is not a field of the items"),
    ({"scheme": "cursor", "more": "more_please"}, "`more`: 'more_please' is not a field"),
    ({"scheme": "cursor", "items": "things"}, "no array field 'things'"),
])
def test_a_rule_naming_what_the_spec_lacks_is_an_error(rule: dict[str, str],
                                                       problem: str) -> None:
    api, diagnostics = paged(CURSOR_LIST, {"methods": {"get /things": rule}})
    assert only(api).page is None
    errors = notes(diagnostics, Severity.ERROR)
    assert errors and all(d.pointer == AT and d.message.startswith("config: ")
                          for d in errors)
    assert any(problem in d.message for d in errors), [d.message for d in errors]


def test_a_rule_for_an_unknown_or_misspelt_endpoint_is_an_error() -> None:
    config = {"methods": {"get /nothing": {"scheme": "page"}, "fetch /things": False}}
    api, diagnostics = paged(CURSOR_LIST, config)
    errors = sorted(notes(diagnostics, Severity.ERROR))
    assert [d.pointer for d in errors] == [
        "codegen.yaml#/pagination/methods/fetch ~1things",
        "codegen.yaml#/pagination/methods/get ~1nothing"]
    assert "must look like 'get /path'" in errors[0].message
    assert "not an operation of the spec" in errors[1].message
    assert only(api).page is not None  # detection still runs for the others


def test_the_pipeline_paginates_before_naming(tmp_path: Any) -> None:
    import json

    from codegen.config import Config
    from codegen.pipeline import analyse

    path = tmp_path / "spec.json"
    path.write_text(json.dumps(CURSOR_LIST), encoding="utf-8")
    analysed = analyse(str(path), Config())
    page = only(analysed.api).page
    assert page is not None and page.scheme == "cursor" and analysed.ok
    assert any(d.pointer == OP and "cursor" in d.message for d in analysed.diagnostics)
