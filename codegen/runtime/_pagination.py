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

from ._constants import REQUEST_ID_HEADER

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
_T = TypeVar("_T")  # the static generators' own: they are called with any page


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
    """The query a page's `fetch` sends for `info`, and gives the page it builds: `info.query`
    over the first request's query; for a URL, the URL's own query."""
    if info.url is not None:
        return dict(httpx.URL(info.url).params.items())
    return {**query, **(info.query or {})}


_MISSING: Any = object()


def _member(value: object, name: str) -> Any:
    """A dict's key, or a model's field by wire name (its alias), Python name or extra."""
    if isinstance(value, dict):
        return cast(Dict[str, Any], value).get(name, _MISSING)
    fields: object = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict):
        for attribute, info in cast(Dict[str, Any], fields).items():
            if name in (attribute, getattr(info, "alias", None)):
                return getattr(value, attribute)
        extra: object = getattr(value, "model_extra", None)
        return cast(Dict[str, Any], extra).get(name, _MISSING) if isinstance(
            extra, dict) else _MISSING
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


# ---- pages -------------------------------------------------------------------------------------

def _present(value: object) -> bool:
    return value is not _MISSING and value is not None and value != ""


class _Page(Generic[ItemT]):
    """What sync and async pages share: the items, the next request, the body's fields."""

    data: List[ItemT]
    """The items of this page."""
    body: object
    """The parsed response body (a model, a list or a dict)."""
    response: httpx.Response
    # Private, so that they never hide a body field of the same name.
    _paging: Paging
    _query: Dict[str, object]  # the query this page was requested with

    def __init__(self, *, body: object, response: httpx.Response, paging: Paging,
                 query: Mapping[str, object]) -> None:
        self.body = body
        self.response = response
        self._paging = paging
        self._query = dict(query)
        items = _lookup(body, paging.items) if paging.items else body
        self.data = cast(List[ItemT], items if isinstance(items, list) else [])

    @property
    def _request_id(self) -> Optional[str]:
        """The server's id of the request that fetched this page."""
        value: Optional[str] = self.response.headers.get(REQUEST_ID_HEADER)
        return value

    def has_next_page(self) -> bool:
        return self.next_page_info() is not None

    def next_page_info(self) -> Optional[NextPage]:
        """What to send for the next page; None when this is the last one."""
        if self._paging.more and _lookup(self.body, self._paging.more) is False:
            return None
        info = self._by_scheme()
        return None if info is None or self._asks_again(info) else info

    def _by_scheme(self) -> Optional[NextPage]:
        scheme, param, field = self._paging.scheme, self._paging.param, self._paging.field
        if scheme == "cursor":
            cursor = _lookup(self.data[-1], field or "id") if self.data else None
            return NextPage(query={param: cursor}) if _present(cursor) else None
        if scheme == "token":
            token = _lookup(self.body, field)
            return NextPage(query={param: token}) if _present(token) else None
        if scheme == "page":
            number = _as_int(self._query.get(param), 1)
            return NextPage(query={param: number + 1}) if self.data else None
        if scheme == "offset":
            return self._next_offset()
        if scheme == "next_url":
            url = _lookup(self.body, field)
            present = isinstance(url, str) and url
            return NextPage(url=_absolute(self.response, cast(str, url))) if present else None
        if scheme == "link":
            uri = _next_link(self.response)
            return NextPage(url=_absolute(self.response, uri)) if uri else None
        raise ValueError(f"unknown paging scheme {scheme!r}")

    def _next_offset(self) -> Optional[NextPage]:
        """The offset after this page's items; none after an empty page, or a short one when
        the page size is known."""
        limit_param = self._paging.limit
        limit = _as_int(self._query.get(limit_param), 0) if limit_param else 0
        if not self.data or (limit and len(self.data) < limit):
            return None
        offset = _as_int(self._query.get(self._paging.param), 0)
        return NextPage(query={self._paging.param: offset + len(self.data)})

    def _asks_again(self, info: NextPage) -> bool:
        """A server that hands back the cursor it was given would be asked forever."""
        if info.url is not None:
            return info.url == _absolute(self.response, "")
        return bool(info.query) and all(
            k in self._query and self._query[k] == v for k, v in (info.query or {}).items())

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
        try:
            url: object = self.response.request.url
        except RuntimeError:  # a response built without its request
            url = None
        return (f"<{type(self).__name__} scheme={self._paging.scheme} items={len(self.data)}"
                f" url={url}>")


# ---- sync ---------------------------------------------------------------------------------------

class SyncPage(_Page[ItemT]):
    """One page of a list: `.data`, the body's fields (`page.has_more`), and `for item in
    page`, which goes on through every following page.

    `fetch` requests the page that a NextPage describes; it must not hold this page, so that
    iterating lets each used page go."""

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
        return self._pages(self)

    def __iter__(self) -> Iterator[ItemT]:
        return self._items(self)

    # Static: a method's frame would hold `self`, the first page, for the whole loop; here
    # rebinding `page` lets each used page go.
    @staticmethod
    def _pages(page: "SyncPage[_T]") -> Iterator["SyncPage[_T]"]:
        while True:
            yield page
            info = page.next_page_info()
            if info is None:
                return
            fetch = page._fetch
            del page  # before the request: one page alive at a time
            page = fetch(info)

    @staticmethod
    def _items(page: "SyncPage[_T]") -> Iterator[_T]:
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
    goes on through every following page (`fetch` as for SyncPage, awaitable)."""

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
        return self._pages(functools.partial(_ready, self))

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return self._items(functools.partial(_ready, self))

    # They start from a call that gives the first page, and drop it once called: an async
    # generator's arguments live until its first step.
    @staticmethod
    async def _pages(
        first: Callable[[], Awaitable["AsyncPage[_T]"]],
    ) -> AsyncIterator["AsyncPage[_T]"]:
        page = await first()
        del first
        while True:
            yield page
            info = page.next_page_info()
            if info is None:
                return
            fetch = page._fetch
            del page
            page = await fetch(info)

    @staticmethod
    async def _items(first: Callable[[], Awaitable["AsyncPage[_T]"]]) -> AsyncIterator[_T]:
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


async def _ready(page: AsyncPage[ItemT]) -> AsyncPage[ItemT]:
    return page


class AsyncPaginator(Generic[ItemT]):
    """What an async list method returns: `await` it for the first page, or `async for` it
    for every item of every page."""

    def __init__(self, first: Callable[[], Awaitable[AsyncPage[ItemT]]]) -> None:
        self._first = first

    def __await__(self) -> Generator[Any, None, AsyncPage[ItemT]]:
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        first = await self._first()
        items = first.__aiter__()
        del first  # `items` lets each page go once used
        async for item in items:
            yield item
