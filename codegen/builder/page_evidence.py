"""The evidence for each pagination scheme in one operation's Shape, and the detectors that
weigh it: a token the response hands back for a named parameter, then a cursor (`after` plus
`has_more`), a `Link` header, a next-page URL, then offset and page numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ..ir import Decl, Field, PageScheme, Pagination, Prim, TypeExpr
from .page_shapes import Shape, norm, unwrap

# Names are compared normalised: lower case, letters and digits only ('has_more' -> 'hasmore').
MORE_NAMES = ("hasmore", "hasnext", "hasnextpage", "hasmoreitems", "hasmoreresults", "more",
              "moreresults", "moreitems")
CURSOR_PARAMS = ("after", "startingafter", "afterid", "startafter")
TOKEN_PARAMS = ("cursor", "pagetoken", "token", "nexttoken", "nextpagetoken", "startingtoken",
                "starttoken", "marker", "continuationtoken", "continuation", "startcursor",
                "pagecursor", "after")
# Parts of a response field's name that make it a token for the next request...
TOKEN_WORDS = ("next", "token", "cursor", "marker", "continuation")
# ...unless it points elsewhere than forward.
NOT_TOKEN_WORDS = ("prev", "before", "first", "last", "self", "total", "count", "has", "url",
                   "link", "uri", "href")
URL_NAMES = ("nexturl", "nextlink", "nextpageurl", "nextpagelink", "nexturi", "nextpageuri",
             "odatanextlink", "nexthref")
OFFSET_PARAMS = ("offset", "skip", "startindex", "startat", "start")
# Offset names that mean an offset only beside a page size (alone, often a time).
WEAK_OFFSET_PARAMS = ("start",)
PAGE_PARAMS = ("page", "pagenumber", "pagenum", "pageno", "pageindex")
LIMIT_PARAMS = ("limit", "perpage", "pagesize", "count", "size", "maxresults", "maxitems",
                "maxpagesize", "max", "top", "take", "rows", "pagelimit", "resultsperpage")


def _stem(name: str) -> str:
    """What a token field and its parameter share: 'next_page_token' and 'pageToken' ->
    'pagetoken'; 'next_cursor' and 'start_cursor' -> 'cursor'."""
    text = norm(name)
    for prefix in ("next", "starting", "start"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _kind(decls: Mapping[str, Decl], t: TypeExpr) -> str:
    """'str', 'int' (also float: some specs type counts as numbers), 'bool', or ''."""
    inner = unwrap(decls, t)
    if isinstance(inner, Prim) and inner.kind in ("str", "int", "bool"):
        return inner.kind
    return "int" if inner == Prim("float") else ""


def _last(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _parent(path: str) -> str:
    return path.rsplit(".", 2)[-2] if "." in path else ""


@dataclass(frozen=True)
class Finder:
    """Looks up names in one operation's Shape."""

    decls: Mapping[str, Decl]
    shape: Shape

    def param(self, names: tuple[str, ...], kinds: tuple[str, ...]) -> str:
        """The first query parameter (by `names` order) with one of the names and kinds."""
        by_norm = {norm(n): p for n, p in self.shape.query.items()}
        for name in names:
            p = by_norm.get(name)
            if p is not None and _kind(self.decls, p.type) in kinds:
                return p.wire_name
        return ""

    def more(self) -> str:
        """The boolean response field saying whether another page follows."""
        for path, f in self.shape.fields.items():
            if norm(_last(path)) in MORE_NAMES and _kind(self.decls, f.type) == "bool":
                return path
        return ""

    def limit(self) -> str:
        return self.param(LIMIT_PARAMS, ("int",))

    def token_fields(self) -> Iterator[str]:
        """Response fields that may hold the next request's token, in spec order."""
        for path, f in self.shape.fields.items():
            kind = _kind(self.decls, f.type)
            if (kind in ("str", "int") and self._is_token(path, f)) or (
                    kind == "str" and path in self._string_paging_params()):
                yield path

    def _string_paging_params(self) -> set[str]:
        """Paging parameters typed string: a top-level field of the same name hands their
        next value back (Airtable's `offset`)."""
        names = TOKEN_PARAMS + OFFSET_PARAMS + PAGE_PARAMS
        return {n for n, p in self.shape.query.items()
                if norm(n) in names and _kind(self.decls, p.type) == "str"}

    def _is_token(self, path: str, f: Field) -> bool:
        last, parent = norm(_last(path)), norm(_parent(path))
        if any(w in last for w in NOT_TOKEN_WORDS) or self._is_url(path, f):
            return False
        if last == "next":  # a bare `next` is a URL unless its text says cursor or token
            return any(w in f.doc.lower() for w in ("cursor", "token"))
        return any(w in last for w in TOKEN_WORDS) or (last == "after" and "cursor" in parent)

    def token_param(self, path: str) -> str:
        """The query parameter that takes the token in response field `path`: the one named
        alike ('next_cursor' -> 'cursor'), else the only token-like parameter."""
        usable = {n: p for n, p in self.shape.query.items()
                  if _kind(self.decls, p.type) in ("str", "int")}
        stem = _stem(_last(path))
        for name in usable:
            if stem and _stem(name) == stem:
                return name
        tokens = [n for n in usable if norm(n) in TOKEN_PARAMS]
        return tokens[0] if len(tokens) == 1 else ""

    def url_fields(self) -> Iterator[str]:
        for path, f in self.shape.fields.items():
            if _kind(self.decls, f.type) == "str" and self._is_url(path, f):
                yield path

    @staticmethod
    def _is_url(path: str, f: Field) -> bool:
        last, parent = norm(_last(path)), norm(_parent(path))
        if last in URL_NAMES or (last == "href" and parent == "next"):
            return True
        if last not in ("next", "nextpage"):
            return False
        text = f.doc.lower() + " " + (f.example if isinstance(f.example, str) else "")
        says_url = any(w in text for w in ("url", "uri", "link", "http"))
        # A bare `next` is a URL unless its text says cursor or token; `nextPage` only when
        # its text says URL (else it is a page token or number).
        if last == "next":
            return says_url or not any(w in text for w in ("cursor", "token"))
        return says_url


def page_of(shape: Shape, scheme: PageScheme, **names: str) -> Pagination:
    return Pagination(scheme, shape.item, shape.items, pointer=shape.pointer, **names)


def _token(find: Finder) -> Pagination | None:
    for path in find.token_fields():
        param = find.token_param(path)
        if param:
            return page_of(find.shape, "token", param=param, field=path, more=find.more())
    return None


def _cursor(find: Finder) -> Pagination | None:
    param, more = find.param(CURSOR_PARAMS, ("str", "int")), find.more()
    ids = find.shape.item_fields
    if param and more and (ids is None or "id" in ids):
        return page_of(find.shape, "cursor", param=param, field="id", more=more)
    return None


def _link(find: Finder) -> Pagination | None:
    if "link" in find.shape.headers:
        return page_of(find.shape, "link", more=find.more(), limit=find.limit())
    return None


def _next_url(find: Finder) -> Pagination | None:
    for path in find.url_fields():
        return page_of(find.shape, "next_url", field=path, more=find.more())
    return None


def _offset(find: Finder) -> Pagination | None:
    param, limit = find.param(OFFSET_PARAMS, ("int",)), find.limit()
    if param and (limit or norm(param) not in WEAK_OFFSET_PARAMS):
        return page_of(find.shape, "offset", param=param, more=find.more(), limit=limit)
    return None


def _page_number(find: Finder) -> Pagination | None:
    param = find.param(PAGE_PARAMS, ("int",))
    if param:
        return page_of(find.shape, "page", param=param, more=find.more(), limit=find.limit())
    return None


# By strength of evidence: what the response hands back beats what the parameters suggest.
DETECTORS: tuple[Callable[[Finder], Pagination | None], ...] = (
    _token, _cursor, _link, _next_url, _offset, _page_number)


def describe(page: Pagination) -> str:
    """What a note says: "cursor (`after` takes the last item's `id`; `has_more` says if more
    follow)"."""
    text = {
        "cursor": f"`{page.param}` takes the last item's `{page.field}`",
        "token": f"`{page.param}` takes the response's `{page.field}`",
        "next_url": f"the next page is fetched from the response's `{page.field}`",
        "link": "the next page is fetched from the `Link` header's rel=\"next\"",
        "offset": f"`{page.param}` advances by the number of items",
        "page": f"`{page.param}` counts pages",
    }[page.scheme]
    if page.limit:
        text += f"; `{page.limit}` sets the page size"
    if page.more:
        text += f"; `{page.more}` says if more follow"
    return f"{page.scheme} ({text})"
