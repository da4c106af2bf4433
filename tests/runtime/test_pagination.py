"""The runtime's pages (_pagination.py): every scheme, sync and async, against httpx.MockTransport
servers that page a list of things and record each query; iteration keeps one page alive."""

from __future__ import annotations

import copy
import weakref
from collections.abc import Callable
from typing import Any

import httpx
import pytest

BASE = "https://api.test/v1"


@pytest.fixture
def pg(rt: Any) -> Any:
    """The generated package's copy of the runtime module."""
    return rt.import_module("_pagination")


# ---- a server that pages `count` things ------------------------------------------------------

def _ids(start: int, end: int) -> list[dict[str, Any]]:
    return [{"id": f"t{i}", "name": f"thing {i}"} for i in range(start, end)]


class Server:
    """A MockTransport handler listing things t0..t<count-1> by one scheme, `size` a page
    unless the query says otherwise; `queries` records each request's query."""

    def __init__(self, scheme: str, count: int, size: int = 2) -> None:
        self.scheme, self.count, self.size = scheme, count, size
        self.queries: list[list[tuple[str, str]]] = []
        self.urls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.queries.append(sorted(request.url.params.multi_items()))
        self.urls.append(str(request.url))
        q = request.url.params
        return getattr(self, "_" + self.scheme)(q)

    def _window(self, start: int, size: int) -> tuple[list[dict[str, Any]], int]:
        end = min(start + size, self.count)
        return _ids(start, end), end

    def _cursor(self, q: httpx.QueryParams) -> httpx.Response:
        start = int(q["after"][1:]) + 1 if "after" in q else 0
        items, end = self._window(start, int(q.get("limit", self.size)))
        return httpx.Response(200, json={"object": "list", "data": items,
                                         "has_more": end < self.count,
                                         "last_id": items[-1]["id"] if items else None})

    def _token(self, q: httpx.QueryParams) -> httpx.Response:
        start = int(q["cursor"][1:]) if "cursor" in q else 0
        items, end = self._window(start, self.size)
        token = f"c{end}" if end < self.count else None
        return httpx.Response(200, json={"items": items, "meta": {"next_cursor": token}})

    def _page(self, q: httpx.QueryParams) -> httpx.Response:
        size = int(q.get("per_page", self.size))
        items, _ = self._window((int(q.get("page", 1)) - 1) * size, size)
        return httpx.Response(200, json=items)

    def _offset(self, q: httpx.QueryParams) -> httpx.Response:
        items, _ = self._window(int(q.get("offset", 0)), int(q.get("limit", self.size)))
        return httpx.Response(200, json={"data": items, "total": self.count})

    def _next_url(self, q: httpx.QueryParams) -> httpx.Response:
        items, end = self._window(int(q.get("offset", 0)), self.size)
        # relative to the response's URL, as servers often write it
        nxt = f"things?offset={end}&tag=a,b" if end < self.count else None
        return httpx.Response(200, json={"results": items, "next": nxt})

    def _link(self, q: httpx.QueryParams) -> httpx.Response:
        number = int(q.get("page", 1))
        items, end = self._window((number - 1) * self.size, self.size)
        links = [f'<{BASE}/things?page=1>; rel="first"; title="a, b; c"']
        if end < self.count:
            links.append(f'</v1/things?page={number + 1}&q=x,y>; rel="next"')
        # a second Link header, as proxies may split them
        headers = [("link", ", ".join(links)), ("link", f'<{BASE}/things?page=9>; rel="last"')]
        return httpx.Response(200, json=items, headers=headers)


def q(**params: Any) -> list[tuple[str, str]]:
    """A recorded query, as Server writes it."""
    return sorted((k, str(v)) for k, v in params.items())


# ---- fetch functions: a real httpx client, the way a generated method pages -----------------

def first_sync(pg: Any, client: httpx.Client, paging: Any, query: dict[str, Any],
               parse: Callable[[Any], Any] = lambda body: body,
               made: weakref.WeakSet[Any] | None = None) -> Any:
    original = dict(query)

    def load(sent: dict[str, Any], url: str | None = None) -> Any:
        response = client.get(url) if url is not None else client.get("/things", params=sent)
        page = pg.SyncPage(body=parse(response.json()), response=response, paging=paging,
                           query=sent, fetch=fetch)
        if made is not None:
            made.add(page)
        return page

    def fetch(info: Any) -> Any:
        return load(pg.next_query(original, info), info.url)

    return load(original)


def async_loader(pg: Any, client: httpx.AsyncClient, paging: Any, query: dict[str, Any],
                 parse: Callable[[Any], Any] = lambda body: body,
                 made: weakref.WeakSet[Any] | None = None) -> Callable[[], Any]:
    """A coroutine function that loads the first page (what AsyncPaginator takes)."""
    original = dict(query)

    async def load(sent: dict[str, Any], url: str | None = None) -> Any:
        response = await (client.get(url) if url is not None
                          else client.get("/things", params=sent))
        page = pg.AsyncPage(body=parse(response.json()), response=response, paging=paging,
                            query=sent, fetch=fetch)
        if made is not None:
            made.add(page)
        return page

    async def fetch(info: Any) -> Any:
        return await load(pg.next_query(original, info), info.url)

    return lambda: load(original)


def sync_client(server: Server) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(server), base_url=BASE)


def async_client(server: Server) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(server), base_url=BASE)


def ids(items: Any) -> list[str]:
    return [item["id"] if isinstance(item, dict) else item.id for item in items]


# ---- every scheme: the items, and the exact query of each request ------------------------------

def cases(pg: Any) -> dict[str, tuple[Any, dict[str, Any], int, list[Any]]]:
    """scheme -> (paging, first query, count, the queries the server must see)."""
    return {
        "cursor": (pg.Paging("cursor", items="data", param="after", field="id", more="has_more"),
                   {"limit": 2, "order": "asc"}, 5,
                   [q(limit=2, order="asc"), q(limit=2, order="asc", after="t1"),
                    q(limit=2, order="asc", after="t3")]),
        "token": (pg.Paging("token", items="items", param="cursor", field="meta.next_cursor"),
                  {"filter": "x"}, 5,
                  [q(filter="x"), q(filter="x", cursor="c2"), q(filter="x", cursor="c4")]),
        # page and offset stop at the first empty page
        "page": (pg.Paging("page", param="page", limit="per_page"), {"per_page": 2}, 4,
                 [q(per_page=2), q(per_page=2, page=2), q(per_page=2, page=3)]),
        "offset": (pg.Paging("offset", items="data", param="offset"), {"limit": 2}, 4,
                   [q(limit=2), q(limit=2, offset=2), q(limit=2, offset=4)]),
        "next_url": (pg.Paging("next_url", items="results", field="next"), {"limit": 2}, 5,
                     [q(limit=2), q(offset=2, tag="a,b"), q(offset=4, tag="a,b")]),
        "link": (pg.Paging("link"), {"per_page": 2}, 5,
                 [q(per_page=2), q(page=2, q="x,y"), q(page=3, q="x,y")]),
    }


SCHEMES = ["cursor", "token", "page", "offset", "next_url", "link"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_sync_iteration_reads_every_page(pg: Any, scheme: str) -> None:
    paging, query, count, queries = cases(pg)[scheme]
    server = Server(scheme, count)
    with sync_client(server) as client:
        first = first_sync(pg, client, paging, query)
        assert ids(first.data) == ["t0", "t1"]
        assert ids(first) == [f"t{i}" for i in range(count)]
    assert server.queries == queries


@pytest.mark.parametrize("scheme", SCHEMES)
async def test_async_iteration_reads_every_page(pg: Any, scheme: str) -> None:
    paging, query, count, queries = cases(pg)[scheme]
    server = Server(scheme, count)
    async with async_client(server) as client:
        paginator = pg.AsyncPaginator(async_loader(pg, client, paging, query))
        assert [item["id"] async for item in paginator] == [f"t{i}" for i in range(count)]
        assert server.queries == queries
        first = await paginator  # awaiting asks for the first page again
        assert isinstance(first, pg.AsyncPage) and ids(first.data) == ["t0", "t1"]
        assert [item["id"] async for item in first] == [f"t{i}" for i in range(count)]
    assert server.queries == 2 * queries


@pytest.mark.parametrize("scheme", SCHEMES)
def test_sync_pages_one_by_one(pg: Any, scheme: str) -> None:
    paging, query, count, _ = cases(pg)[scheme]
    server = Server(scheme, count)
    with sync_client(server) as client:
        page = first_sync(pg, client, paging, query)
        seen = ids(page.data)
        while page.has_next_page():
            page = page.get_next_page()
            seen += ids(page.data)
        assert seen == [f"t{i}" for i in range(count)]
        with pytest.raises(RuntimeError, match=r"no next page; check `has_next_page\(\)`"):
            page.get_next_page()
        assert page.next_page_info() is None


async def test_async_pages_one_by_one(pg: Any) -> None:
    paging, query, count, queries = cases(pg)["token"]
    server = Server("token", count)
    async with async_client(server) as client:
        page = await pg.AsyncPaginator(async_loader(pg, client, paging, query))
        sizes = [len(p.data) async for p in page.iter_pages()]
        assert sizes == [2, 2, 1] and server.queries == queries
        last = await (await page.get_next_page()).get_next_page()
        assert not last.has_next_page()
        with pytest.raises(RuntimeError, match="no next page"):
            await last.get_next_page()


def test_iter_pages_yields_each_page(pg: Any) -> None:
    paging, query, count, queries = cases(pg)["link"]
    server = Server("link", count)
    with sync_client(server) as client:
        pages = list(first_sync(pg, client, paging, query).iter_pages())
    assert [ids(p.data) for p in pages] == [["t0", "t1"], ["t2", "t3"], ["t4"]]
    assert server.queries == queries


def test_a_page_is_fetched_only_when_the_last_one_is_used_up(pg: Any) -> None:
    paging, query, _, _ = cases(pg)["cursor"]
    server = Server("cursor", 6)
    with sync_client(server) as client:
        items = iter(first_sync(pg, client, paging, query))
        assert len(server.queries) == 1
        next(items), next(items)
        assert len(server.queries) == 1
        next(items)
        assert len(server.queries) == 2


# ---- when to stop ----------------------------------------------------------------------------

def one_page(pg: Any, paging: Any, body: Any, query: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None, url: str = f"{BASE}/things") -> Any:
    # the body is given parsed: the response only carries the URL and headers
    response = httpx.Response(200, headers=headers, request=httpx.Request("GET", url))

    def fetch(info: Any) -> Any:
        raise AssertionError(f"no request expected, got {info}")

    return pg.SyncPage(body=body, response=response, paging=paging, query=query or {},
                       fetch=fetch)


def test_cursor_stops_on_has_more_false_or_an_empty_page(pg: Any) -> None:
    paging = pg.Paging("cursor", items="data", param="after", field="id", more="has_more")
    assert one_page(pg, paging, {"data": _ids(0, 2), "has_more": False}).next_page_info() is None
    assert one_page(pg, paging, {"data": [], "has_more": True}).next_page_info() is None
    # no `has_more` in the body: go on while there are items
    assert one_page(pg, paging, {"data": _ids(0, 2)}).next_page_info() == pg.NextPage(
        query={"after": "t1"})
    # an item without the cursor field: nothing to ask with
    assert one_page(pg, paging, {"data": [{"name": "x"}], "has_more": True}
                    ).next_page_info() is None


@pytest.mark.parametrize("token", [None, "", "MISSING"])
def test_token_stops_when_the_token_is_missing_or_empty(pg: Any, token: Any) -> None:
    paging = pg.Paging("token", items="items", param="cursor", field="meta.next_cursor")
    meta = {} if token == "MISSING" else {"next_cursor": token}
    page = one_page(pg, paging, {"items": _ids(0, 2), "meta": meta})
    assert not page.has_next_page()


def test_token_goes_on_past_an_empty_page_and_reads_more(pg: Any) -> None:
    paging = pg.Paging("token", items="items", param="page_token", field="next_page_token",
                       more="has_more")
    page = one_page(pg, paging, {"items": [], "next_page_token": "abc"})
    assert page.next_page_info() == pg.NextPage(query={"page_token": "abc"})
    done = one_page(pg, paging, {"items": [], "next_page_token": "abc", "has_more": False})
    assert done.next_page_info() is None


def test_a_server_handing_back_the_same_cursor_is_not_asked_again(pg: Any) -> None:
    paging = pg.Paging("token", items="items", param="cursor", field="next")
    page = one_page(pg, paging, {"items": _ids(0, 1), "next": "c1"}, query={"cursor": "c1"})
    assert page.next_page_info() is None
    url_paging = pg.Paging("next_url", items="items", field="next")
    same = one_page(pg, url_paging, {"items": _ids(0, 1), "next": f"{BASE}/things?p=2"},
                    url=f"{BASE}/things?p=2")
    assert same.next_page_info() is None


def test_page_numbers_count_from_the_query(pg: Any) -> None:
    paging = pg.Paging("page", param="page")
    assert one_page(pg, paging, _ids(0, 2), {"page": 3}).next_page_info() == pg.NextPage(
        query={"page": 4})
    assert one_page(pg, paging, _ids(0, 2), {"page": "7"}).next_page_info() == pg.NextPage(
        query={"page": 8})
    assert one_page(pg, paging, _ids(0, 2)).next_page_info() == pg.NextPage(query={"page": 2})
    assert one_page(pg, paging, [], {"page": 3}).next_page_info() is None


def test_offset_stops_on_a_short_page_when_the_limit_is_known(pg: Any) -> None:
    paging = pg.Paging("offset", items="data", param="offset", limit="limit")
    short = one_page(pg, paging, {"data": _ids(0, 2)}, {"offset": 10, "limit": 3})
    assert short.next_page_info() is None
    full = one_page(pg, paging, {"data": _ids(0, 3)}, {"offset": 10, "limit": 3})
    assert full.next_page_info() == pg.NextPage(query={"offset": 13})
    unknown = one_page(pg, paging, {"data": _ids(0, 2)}, {"offset": 10})
    assert unknown.next_page_info() == pg.NextPage(query={"offset": 12})
    assert one_page(pg, paging, {"data": []}, {"offset": 10}).next_page_info() is None


def test_next_url_is_resolved_against_the_response_url(pg: Any) -> None:
    paging = pg.Paging("next_url", items="value", field="@odata.nextLink")
    body = {"value": _ids(0, 1), "@odata.nextLink": "/v2/x?$skiptoken=A"}
    assert one_page(pg, paging, body).next_page_info() == pg.NextPage(
        url="https://api.test/v2/x?$skiptoken=A")
    nested = pg.Paging("next_url", items="items", field="_links.next.href")
    body = {"items": _ids(0, 1), "_links": {"next": {"href": "https://other.test/p2"}}}
    assert one_page(pg, nested, body).next_page_info() == pg.NextPage(url="https://other.test/p2")
    assert not one_page(pg, nested, {"items": [], "_links": {"next": None}}).has_next_page()


# ---- Link headers (RFC 8288) -----------------------------------------------------------------

def test_link_header_parsing(pg: Any) -> None:
    value = ('<https://a.test/x?p=2,3;4>; rel="next last"; title="one, \\"two\\"; three", '
             '<https://a.test/x?p=1> ; REL=prev ;x, junk, <https://a.test/x?p=9>; rel=last')
    assert pg.parse_link_header(value) == [
        ("https://a.test/x?p=2,3;4", {"rel": "next last", "title": 'one, "two"; three'}),
        ("https://a.test/x?p=1", {"rel": "prev", "x": ""}),
        ("https://a.test/x?p=9", {"rel": "last"}),
    ]
    assert pg.parse_link_header("") == [] and pg.parse_link_header(" , ,") == []
    assert pg.parse_link_header("<https://a.test/unclosed; rel=next") == []


def test_link_next_among_several_links_and_headers(pg: Any) -> None:
    paging = pg.Paging("link")
    headers = httpx.Headers([("link", '<https://a.test/1>; rel="prev"'),
                             ("Link", '<?page=3>; rel="Next"; title="x,y"')])
    response = httpx.Response(200, json=[], headers=headers,
                              request=httpx.Request("GET", f"{BASE}/things?page=2"))
    page = pg.SyncPage(body=[], response=response, paging=paging, query={}, fetch=print)
    assert page.next_page_info() == pg.NextPage(url=f"{BASE}/things?page=3")
    no_next = one_page(pg, paging, _ids(0, 1), headers={"link": '<https://a.test/1>; rel="last"'})
    assert no_next.next_page_info() is None
    assert one_page(pg, paging, _ids(0, 1)).next_page_info() is None


# ---- pydantic bodies and the body's other fields ---------------------------------------------

def test_pydantic_bodies_and_getattr(rt: Any, pg: Any) -> None:
    import pydantic

    class Thing(rt.models.BaseModel):  # type: ignore[name-defined,misc]
        id: str

    class ThingList(rt.models.BaseModel):  # type: ignore[name-defined,misc]
        data: list[Thing]
        has_more: bool | None = None
        last_id: str | None = None
        next_link: str | None = pydantic.Field(default=None, alias="@odata.nextLink")

    paging, query, count, queries = cases(pg)["cursor"]
    server = Server("cursor", count)
    with sync_client(server) as client:
        first = first_sync(pg, client, paging, query, ThingList.model_validate)
        assert all(isinstance(t, Thing) for t in first.data)
        assert first.has_more is True and first.last_id == "t1"
        assert first.object == "list"  # an extra field the model keeps
        assert first.body.data is first.data
        assert ids(first) == [f"t{i}" for i in range(count)]
    assert server.queries == queries
    with pytest.raises(AttributeError, match="no such field"):
        _ = first.not_a_field
    aliased = one_page(pg, pg.Paging("next_url", items="data", field="@odata.nextLink"),
                       ThingList.model_validate({"data": [], "@odata.nextLink": "/p2"}))
    assert aliased.next_page_info() == pg.NextPage(url="https://api.test/p2")
    assert getattr(aliased, "@odata.nextLink") == "/p2" and aliased.next_link == "/p2"


def test_getattr_on_dict_and_list_bodies(pg: Any) -> None:
    page = one_page(pg, pg.Paging("cursor", items="data", param="after"),
                    {"data": _ids(0, 1), "has_more": False, "last_id": "t0"})
    assert page.has_more is False and page.last_id == "t0"
    with pytest.raises(AttributeError):
        _ = page.first_id
    listed = one_page(pg, pg.Paging("page", param="page"), _ids(0, 3))
    assert ids(listed.data) == ["t0", "t1", "t2"] and listed.body is listed.data
    with pytest.raises(AttributeError):
        _ = listed.has_more
    assert copy.copy(page).data == page.data  # copying looks up no body field
    assert "SyncPage scheme=cursor items=1" in repr(page)


def test_missing_or_null_items_are_an_empty_page(pg: Any) -> None:
    paging = pg.Paging("cursor", items="data", param="after", more="has_more")
    assert one_page(pg, paging, {"data": None, "has_more": True}).data == []
    assert one_page(pg, paging, {"has_more": True}).data == []


def test_an_unknown_scheme_is_an_error(pg: Any) -> None:
    with pytest.raises(ValueError, match="unknown paging scheme 'sideways'"):
        one_page(pg, pg.Paging("sideways"), []).has_next_page()


def test_next_query_merges_over_the_first_query(pg: Any) -> None:
    first = {"limit": 2, "after": "t1", "order": "asc"}
    assert pg.next_query(first, pg.NextPage(query={"after": "t3"})) == {
        "limit": 2, "after": "t3", "order": "asc"}
    assert pg.next_query(first, pg.NextPage(url=f"{BASE}/things?page=2&q=x")) == {
        "page": "2", "q": "x"}


# ---- memory: one page alive, however long the list ----------------------------------------------

PAGES, PER_PAGE = 100, 100


def test_sync_iteration_keeps_one_page_alive(pg: Any) -> None:
    paging, _, _, _ = cases(pg)["cursor"]
    server = Server("cursor", PAGES * PER_PAGE)
    made: weakref.WeakSet[Any] = weakref.WeakSet()
    alive: set[int] = set()
    seen: list[str] = []
    with sync_client(server) as client:
        for item in first_sync(pg, client, paging, {"limit": PER_PAGE}, made=made):
            seen.append(item["id"])
            if len(seen) % PER_PAGE == 1:  # the first item of each page
                alive.add(len(made))
    assert seen == [f"t{i}" for i in range(PAGES * PER_PAGE)] and len(server.queries) == PAGES
    assert alive == {1}, "earlier pages were kept alive"


def test_sync_iter_pages_keeps_only_what_the_caller_keeps(pg: Any) -> None:
    paging, _, _, _ = cases(pg)["offset"]
    server = Server("offset", 20 * 10)
    made: weakref.WeakSet[Any] = weakref.WeakSet()
    alive = set()
    with sync_client(server) as client:
        for page in first_sync(pg, client, paging, {"limit": 10}, made=made).iter_pages():
            alive.add(len(made))
            del page
    assert alive == {1} and len(server.queries) == 21  # the last page is empty


async def test_async_iteration_keeps_one_page_alive(pg: Any) -> None:
    paging, _, _, _ = cases(pg)["cursor"]
    server = Server("cursor", PAGES * PER_PAGE)
    made: weakref.WeakSet[Any] = weakref.WeakSet()
    alive: set[int] = set()
    count = 0
    async with async_client(server) as client:
        load = async_loader(pg, client, paging, {"limit": PER_PAGE}, made=made)
        async for _ in pg.AsyncPaginator(load):
            count += 1
            if count % PER_PAGE == 1:
                alive.add(len(made))
        assert alive == {1} and count == PAGES * PER_PAGE
        alive.clear()
        async for _ in await pg.AsyncPaginator(load):  # from an awaited first page
            count += 1
            if count % PER_PAGE == 1:
                alive.add(len(made))
    assert alive == {1}, "earlier pages were kept alive"
    assert len(server.queries) == 2 * PAGES
