"""Pages of a list operation, and iteration over every item across pages.

A list method returns a SyncPage (async: an AsyncPaginator, which awaits to an AsyncPage): one
response's items in `.data`, the body's other fields as attributes, and what the next request
needs. `Paging` names the scheme the generator recognised in the spec and the fields it reads:

- cursor: `param` takes the last item's `field` ("after" = the last id);
- token: `param` takes the body's `field` (a dotted path: "meta.next_cursor");
- page: `param` counts pages from 1; offset: `param` advances by the number of items;
- next_url: the body's `field` holds the next page's URL; link: the `Link` header's rel="next".

Iterating a page fetches each next page only when the current one is used up, and keeps no
earlier page alive: a list of any length costs one page of memory.
"""

import functools
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Tuple,
    TypeVar,
    cast,
)

import httpx

__all__ = [
    "AsyncPage",
    "AsyncPaginator",
    "NextPage",
    "Paging",
    "SyncPage",
    "next_query",
    "parse_link_header",
]

ItemT = TypeVar("ItemT")


class Paging(NamedTuple):
    """How an operation pages (see the module docstring for each scheme)."""

    scheme: str
    items: str = ""  # the body field holding the items; "": the body is the list
    param: str = ""  # the query parameter the next request sets
    field: str = ""  # cursor: the item's field; token, next_url: the body's (dotted) field
    more: str = ""  # the body's (dotted) boolean field saying whether more follow
    limit: str = ""  # offset: the page-size query parameter


class NextPage(NamedTuple):
    """What the next request sends: `query` merged over the first request's, or `url` fetched
    as it is (an absolute URL that carries its own query)."""

    query: Optional[Dict[str, object]] = None
    url: Optional[str] = None


def next_query(query: Mapping[str, object], info: NextPage) -> Dict[str, object]:
    """The query a page's `fetch` sends for `info` and gives the page it builds: `info.query`
    over the page's own query; for a URL, the URL's query."""
    if info.url is not None:
        return dict(httpx.URL(info.url).params.items())
    return {**query, **(info.query or {})}


_MISSING: Any = object()


def _member(value: object, name: str) -> Any:
    """A dict's key, or a model's field by wire name (its alias), Python name or extra."""
    if isinstance(value, dict):
        return value.get(name, _MISSING)
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict):
        for attribute, info in fields.items():
            if name in (attribute, getattr(info, "alias", None)):
                return getattr(value, attribute)
        extra = getattr(value, "model_extra", None)
        return extra.get(name, _MISSING) if isinstance(extra, dict) else _MISSING
    if isinstance(value, (list, str, int, float, bool)) or value is None:
        return _MISSING
    return getattr(value, name, _MISSING)


def _lookup(value: object, path: str) -> Any:
    """The value at a dotted path; a name that holds a dot ('@odata.nextLink') is tried whole
    before it is split."""
    found = _member(value, path)
    if found is not _MISSING or "." not in path:
        return found
    dot = path.find(".")
    while dot != -1:
        head = _member(value, path[:dot])
        if head is not _MISSING and head is not None:
            inner = _lookup(head, path[dot + 1:])
            if inner is not _MISSING:
                return inner
        dot = path.find(".", dot + 1)
    return _MISSING


def _as_int(value: object, default: int) -> int:
    """A page number or offset from the query (the caller's int, or text from a URL)."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return default


def _absolute(response: httpx.Response, ref: str) -> str:
    try:
        base = response.url
    except RuntimeError:  # a response built without its request: nothing to resolve against
        return ref
    return str(base.join(ref))


# ---- Link header (RFC 8288) --------------------------------------------------------------------

def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _quoted(text: str, at: int) -> Tuple[str, int]:
    """The quoted string starting at `text[at] == '"'` (backslash escapes undone), and the
    index after its closing quote."""
    out: List[str] = []
    at += 1
    while at < len(text) and text[at] != '"':
        if text[at] == "\\" and at + 1 < len(text):
            at += 1
        out.append(text[at])
        at += 1
    return "".join(out), at + 1


def _param(text: str, at: int) -> Tuple[str, str, int]:
    """One `; name=value` parameter starting after the semicolon: (name, value, next index)."""
    at = _skip_spaces(text, at)
    start = at
    while at < len(text) and text[at] not in "=;,":
        at += 1
    name = text[start:at].strip().lower()
    at = _skip_spaces(text, at)
    if at >= len(text) or text[at] != "=":
        return name, "", at
    at = _skip_spaces(text, at + 1)
    if at < len(text) and text[at] == '"':
        value, at = _quoted(text, at)
        return name, value, at
    start = at
    while at < len(text) and text[at] not in ";,":
        at += 1
    return name, text[start:at].strip(), at


def _link(text: str, at: int) -> Tuple[Optional[Tuple[str, Dict[str, str]]], int]:
    """The link at `text[at]` and the index after it (past its comma); None when it is not a
    `<uri>` link, skipped to the next comma."""
    if text[at] != "<":
        comma = text.find(",", at)
        return None, len(text) if comma == -1 else comma + 1
    end = text.find(">", at)
    if end == -1:
        return None, len(text)
    uri = text[at + 1:end]
    params: Dict[str, str] = {}
    at = _skip_spaces(text, end + 1)
    while at < len(text) and text[at] == ";":
        name, value, at = _param(text, at + 1)
        params.setdefault(name, value)  # RFC 8288: a repeated parameter is ignored
        at = _skip_spaces(text, at)
    if at < len(text) and text[at] != ",":  # stray text before the next link
        comma = text.find(",", at)
        at = len(text) if comma == -1 else comma
    return (uri, params), at + 1


def parse_link_header(value: str) -> List[Tuple[str, Dict[str, str]]]:
    """Each link of a `Link` header value as (URI reference, parameters with lower-case names):
    several links, quoted parameters and commas inside `<...>` or quotes are handled."""
    links: List[Tuple[str, Dict[str, str]]] = []
    at = 0
    while at < len(value):
        at = _skip_spaces(value, at)
        if at >= len(value):
            break
        if value[at] == ",":
            at += 1
            continue
        link, at = _link(value, at)
        if link is not None:
            links.append(link)
    return links


def _next_link(response: httpx.Response) -> Optional[str]:
    value = ", ".join(response.headers.get_list("link"))
    for uri, params in parse_link_header(value):
        if "next" in params.get("rel", "").lower().split():
            return uri
    return None


# ---- the next request, by scheme -------------------------------------------------------------

def _present(value: object) -> bool:
    return value is not _MISSING and value is not None and value != ""


class _Page(Generic[ItemT]):
    """What sync and async pages share: the items, the next request, the body's fields."""

    data: List[ItemT]
    """The items of this page."""
    body: object
    """The parsed response body (a model, a list or a dict)."""
    response: httpx.Response
    paging: Paging
    query: Dict[str, object]
    """The query this page was requested with."""

    def __init__(self, *, body: object, response: httpx.Response, paging: Paging,
                 query: Mapping[str, object]) -> None:
        self.body = body
        self.response = response
        self.paging = paging
        self.query = dict(query)
        items = _lookup(body, paging.items) if paging.items else body
        self.data = cast(List[ItemT], items if isinstance(items, list) else [])

    def has_next_page(self) -> bool:
        return self.next_page_info() is not None

    def next_page_info(self) -> Optional[NextPage]:
        """What to send for the next page; None when this is the last one."""
        if self.paging.more and _lookup(self.body, self.paging.more) is False:
            return None
        scheme = _SCHEMES.get(self.paging.scheme)
        if scheme is None:
            raise ValueError(f"unknown paging scheme {self.paging.scheme!r}")
        info = scheme(self)
        return None if info is None or self._asks_again(info) else info

    def _asks_again(self, info: NextPage) -> bool:
        """A server that hands back the cursor it was given would be asked forever."""
        if info.url is not None:
            return info.url == _absolute(self.response, "")
        return bool(info.query) and all(
            k in self.query and self.query[k] == v for k, v in (info.query or {}).items())

    def _no_next_page(self) -> RuntimeError:
        return RuntimeError("there is no next page; check `has_next_page()` before calling "
                            "`get_next_page()`, or iterate the page to get every item")

    def __getattr__(self, name: str) -> Any:
        body = self.__dict__.get("body", _MISSING)  # absent while unpickling or copying
        value = _MISSING if name.startswith("__") or body is _MISSING else _member(body, name)
        if value is _MISSING:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}, "
                                 "and the response body has no such field")
        return value

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} scheme={self.paging.scheme} items={len(self.data)}"
                f" url={self.response.request.url if self._has_request() else None}>")

    def _has_request(self) -> bool:
        try:
            self.response.request  # noqa: B018 - raises when the response has none
        except RuntimeError:
            return False
        return True


def _cursor(page: "_Page[Any]") -> Optional[NextPage]:
    if not page.data:
        return None
    cursor = _lookup(page.data[-1], page.paging.field or "id")
    return NextPage(query={page.paging.param: cursor}) if _present(cursor) else None


def _token(page: "_Page[Any]") -> Optional[NextPage]:
    token = _lookup(page.body, page.paging.field)
    return NextPage(query={page.paging.param: token}) if _present(token) else None


def _page_number(page: "_Page[Any]") -> Optional[NextPage]:
    if not page.data:
        return None
    current = _as_int(page.query.get(page.paging.param), 1)
    return NextPage(query={page.paging.param: current + 1})


def _offset(page: "_Page[Any]") -> Optional[NextPage]:
    if not page.data:
        return None
    limit = _as_int(page.query.get(page.paging.limit), 0) if page.paging.limit else 0
    if limit and len(page.data) < limit:
        return None
    current = _as_int(page.query.get(page.paging.param), 0)
    return NextPage(query={page.paging.param: current + len(page.data)})


def _next_url(page: "_Page[Any]") -> Optional[NextPage]:
    url = _lookup(page.body, page.paging.field)
    if not isinstance(url, str) or not url:
        return None
    return NextPage(url=_absolute(page.response, url))


def _link_header(page: "_Page[Any]") -> Optional[NextPage]:
    uri = _next_link(page.response)
    return NextPage(url=_absolute(page.response, uri)) if uri else None


_SCHEMES: Dict[str, Callable[["_Page[Any]"], Optional[NextPage]]] = {
    "cursor": _cursor,
    "token": _token,
    "page": _page_number,
    "offset": _offset,
    "next_url": _next_url,
    "link": _link_header,
}


# ---- sync ---------------------------------------------------------------------------------------

class SyncPage(_Page[ItemT]):
    """One page of a list: `.data`, the body's fields (`page.has_more`), and `for item in
    page`, which goes on through every following page."""

    def __init__(self, *, body: object, response: httpx.Response, paging: Paging,
                 query: Mapping[str, object],
                 fetch: Callable[[NextPage], "SyncPage[ItemT]"]) -> None:
        super().__init__(body=body, response=response, paging=paging, query=query)
        self._fetch = fetch

    def get_next_page(self) -> "SyncPage[ItemT]":
        info = self.next_page_info()
        if info is None:
            raise self._no_next_page()
        return self._fetch(info)

    def iter_pages(self) -> Iterator["SyncPage[ItemT]"]:
        """This page and each following one, fetched as the loop reaches it."""
        return _pages(self)

    def __iter__(self) -> Iterator[ItemT]:
        return _items(self)


def _pages(page: SyncPage[ItemT]) -> Iterator[SyncPage[ItemT]]:
    # Module functions, not methods: rebinding `page` lets each used page go.
    while True:
        yield page
        info = page.next_page_info()
        if info is None:
            return
        fetch = page._fetch
        del page  # before the request: only one page is alive at a time
        page = fetch(info)


def _items(page: SyncPage[ItemT]) -> Iterator[ItemT]:
    while True:
        yield from page.data
        info = page.next_page_info()
        if info is None:
            return
        fetch = page._fetch
        del page
        page = fetch(info)


# ---- async --------------------------------------------------------------------------------------

class AsyncPage(_Page[ItemT]):
    """One page of a list: `.data`, the body's fields, and `async for item in page`, which
    goes on through every following page."""

    def __init__(self, *, body: object, response: httpx.Response, paging: Paging,
                 query: Mapping[str, object],
                 fetch: Callable[[NextPage], Awaitable["AsyncPage[ItemT]"]]) -> None:
        super().__init__(body=body, response=response, paging=paging, query=query)
        self._fetch = fetch

    async def get_next_page(self) -> "AsyncPage[ItemT]":
        info = self.next_page_info()
        if info is None:
            raise self._no_next_page()
        return await self._fetch(info)

    def iter_pages(self) -> AsyncIterator["AsyncPage[ItemT]"]:
        """This page and each following one: `async for page in first.iter_pages()`."""
        return _async_pages(functools.partial(_ready, self))

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return _async_items(functools.partial(_ready, self))


async def _ready(page: AsyncPage[ItemT]) -> AsyncPage[ItemT]:
    return page


async def _async_pages(
    first: Callable[[], Awaitable[AsyncPage[ItemT]]],
) -> AsyncIterator[AsyncPage[ItemT]]:
    page = await first()
    del first  # it may hold the first page
    while True:
        yield page
        info = page.next_page_info()
        if info is None:
            return
        fetch = page._fetch
        del page
        page = await fetch(info)


async def _async_items(first: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> AsyncIterator[ItemT]:
    page = await first()
    del first
    while True:
        for item in page.data:
            yield item
        info = page.next_page_info()
        if info is None:
            return
        fetch = page._fetch
        del page
        page = await fetch(info)


class AsyncPaginator(Generic[ItemT]):
    """What an async list method returns: `await` it for the first page, or `async for` it
    for every item of every page."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[ItemT]]:
        return self._first().__await__()

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return _async_items(self._first)
