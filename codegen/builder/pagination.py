"""List operations and how they page: sets `Operation.page` (an ir.Pagination).

Detection reads only names and types, since specs rarely say how they paginate: the items array
(the body, or a `data`/`items`/... field of it), the query parameters, the response's fields
and its declared headers. Each scheme needs its own evidence, and the strongest wins: a token
the response hands back for a named parameter, then a cursor (`after` plus `has_more`), a
`Link` header, a next-page URL, then offset and page numbers. The config's
`pagination.methods` overrides detection per endpoint; its names are checked against the spec.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from ..config import PageRule, PaginationConfig, endpoint_key
from ..diagnostics import Diagnostics
from ..ir import (
    Alias,
    Api,
    Decl,
    Field,
    ListType,
    Model,
    Nullable,
    Operation,
    PageScheme,
    Pagination,
    Parameter,
    Prim,
    RefType,
    Response,
    TypeExpr,
    UnionType,
    all_fields,
)
from ..pointers import pointer_join

# The items field, by preference; failing these, an envelope's only array field.
ITEMS_NAMES = ("data", "items", "results", "records", "entries", "values", "elements")
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
# A response field's path is followed this deep ('_links.next.href').
MAX_DEPTH = 3
# A list's envelope has no identity of its own (a resource with an `id` and a `results` array is
# one resource); one whose only array holds the items also has few fields.
ENVELOPE_MAX_FIELDS = 6
CONFIG_POINTER = "codegen.yaml#/pagination/methods"
CONFIG_HINT = "see README.md, section 'Configuration'"


def paginate(api: Api, config: PaginationConfig, diagnostics: Diagnostics) -> Api:
    """The api with `page` set on each list operation that pages (a note says how), a warning
    on each list it cannot page, and the config's rules applied and checked."""
    rules = _rules_by_operation(api, config, diagnostics)
    operations = []
    for op in api.operations:
        endpoint, rule = rules.get((op.method, op.path), ("", None))
        if isinstance(rule, PageRule):
            page = _from_rule(api, op, rule, endpoint, diagnostics)
        elif rule is None and config.detect:
            page = _detect(api, op, diagnostics)
        else:  # turned off, for this endpoint or for all
            page = None
        operations.append(replace(op, page=page) if page is not None else op)
    return replace(api, operations=tuple(operations))


# ---- what an operation offers ----------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """A list operation's response and query, as pagination sees them."""

    query: Mapping[str, Parameter]  # query parameters by wire name, in spec order
    items: str  # the items field; "" when the body is the list
    item: TypeExpr
    fields: Mapping[str, Field]  # the response's fields by dotted path (none for a list body)
    item_fields: frozenset[str] | None  # the item's field names; None when they are unknown
    headers: tuple[str, ...]
    pointer: str  # the response schema
    listed: bool  # clearly a list: the body is an array, or its items field has a list's name


def shape_of(api: Api, op: Operation, items: str = "") -> Shape | None:
    """The operation's Shape; None when its response holds no items array (or not `items`)."""
    response = op.response
    if response.encoding != "json" or response.type is None:
        return None
    query = {p.wire_name: p for p in op.parameters if p.location == "query"}
    body = _list_of_lists(api.decls, unwrap(api.decls, response.type))
    if isinstance(body, ListType):
        return None if items else Shape(
            query, "", body.item, {}, _field_names(api.decls, body.item),
            _header_names(api, response), pointer_join(response.pointer, "schema"), True)
    model = _model(api.decls, body)
    if model is None:
        return None
    top = {f.wire_name: f for f in all_fields(api.decls, model)}
    found = _items_field(api.decls, top, items)
    if found is None:
        return None
    name, item, listed = found
    return Shape(query, name, item, dict(_paths(api.decls, top, "", 1)),
                 _field_names(api.decls, item), _header_names(api, response), model.key, listed)


def _header_names(api: Api, response: Response) -> tuple[str, ...]:
    model = api.decls.get(response.headers or "")
    return tuple(f.wire_name for f in model.fields) if isinstance(model, Model) else ()


def _list_of_lists(decls: Mapping[str, Decl], body: TypeExpr) -> TypeExpr:
    """A union of arrays (GitHub's stargazers: users, or users with dates) as one array of
    the union of their items; any other type as it is."""
    if not isinstance(body, UnionType):
        return body
    variants = [unwrap(decls, v) for v in body.variants]
    items = tuple(v.item for v in variants if isinstance(v, ListType))
    if len(items) < len(variants):
        return body
    return ListType(items[0] if len(set(items)) == 1 else UnionType(items))


def _items_field(decls: Mapping[str, Decl], fields: Mapping[str, Field],
                 wanted: str) -> tuple[str, TypeExpr, bool] | None:
    """(name, item type, whether the name says list) of the model's items array."""
    arrays = {name: t for name, f in fields.items()
              if isinstance(t := unwrap(decls, f.type), ListType) and norm(name) != "links"}
    if wanted:
        return (wanted, arrays[wanted].item, True) if wanted in arrays else None
    if "id" in fields:
        return None
    for name in ITEMS_NAMES:
        if name in arrays:
            return name, arrays[name].item, True
    if len(arrays) == 1 and len(fields) <= ENVELOPE_MAX_FIELDS:
        name, array = next(iter(arrays.items()))
        return name, array.item, False
    return None


def _paths(decls: Mapping[str, Decl], fields: Mapping[str, Field], prefix: str,
           depth: int) -> Iterator[tuple[str, Field]]:
    """Every response field by dotted path, objects followed MAX_DEPTH deep."""
    for name, f in fields.items():
        path = prefix + name
        yield path, f
        inner = _model(decls, unwrap(decls, f.type))
        if inner is not None and depth < MAX_DEPTH:
            below = {g.wire_name: g for g in all_fields(decls, inner)}
            yield from _paths(decls, below, path + ".", depth + 1)


def _field_names(decls: Mapping[str, Decl], item: TypeExpr) -> frozenset[str] | None:
    """The names every variant of the item has; None when the item is not (only) models."""
    t = unwrap(decls, item)
    variants = t.variants if isinstance(t, UnionType) else (t,)
    names: frozenset[str] | None = None
    for variant in variants:
        model = _model(decls, unwrap(decls, variant))
        if model is None:
            return None
        own = frozenset(f.wire_name for f in all_fields(decls, model))
        names = own if names is None else names & own
    return names


def unwrap(decls: Mapping[str, Decl], t: TypeExpr) -> TypeExpr:
    """The type under nullability and aliases (a union with null is nullability too)."""
    for _ in range(32):  # alias chains are short; the bound guards a cycle
        if isinstance(t, Nullable):
            t = t.inner
        elif isinstance(t, RefType) and isinstance(decls.get(t.target), Alias):
            alias = decls[t.target]
            assert isinstance(alias, Alias)
            t = alias.type
        elif isinstance(t, UnionType) and len(real := [v for v in t.variants
                                                      if v != Prim("none")]) == 1:
            t = real[0]
        else:
            break
    return t


def _model(decls: Mapping[str, Decl], t: TypeExpr) -> Model | None:
    decl = decls.get(t.target) if isinstance(t, RefType) else None
    return decl if isinstance(decl, Model) else None


# ---- names and types ---------------------------------------------------------------------------

def norm(name: str) -> str:
    """'has_more', 'hasMore', '$top', '@odata.nextLink' -> 'hasmore', 'hasmore', 'top', ..."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


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


# ---- the evidence for each scheme --------------------------------------------------------------

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


def _page(shape: Shape, scheme: PageScheme, **names: str) -> Pagination:
    return Pagination(scheme, shape.item, shape.items, pointer=shape.pointer, **names)


def _token(find: Finder) -> Pagination | None:
    for path in find.token_fields():
        param = find.token_param(path)
        if param:
            return _page(find.shape, "token", param=param, field=path, more=find.more())
    return None


def _cursor(find: Finder) -> Pagination | None:
    param, more = find.param(CURSOR_PARAMS, ("str", "int")), find.more()
    ids = find.shape.item_fields
    if param and more and (ids is None or "id" in ids):
        return _page(find.shape, "cursor", param=param, field="id", more=more)
    return None


def _link(find: Finder) -> Pagination | None:
    if "link" in find.shape.headers:
        return _page(find.shape, "link", more=find.more(), limit=find.limit())
    return None


def _next_url(find: Finder) -> Pagination | None:
    for path in find.url_fields():
        return _page(find.shape, "next_url", field=path, more=find.more())
    return None


def _offset(find: Finder) -> Pagination | None:
    param, limit = find.param(OFFSET_PARAMS, ("int",)), find.limit()
    if param and (limit or norm(param) not in WEAK_OFFSET_PARAMS):
        return _page(find.shape, "offset", param=param, more=find.more(), limit=limit)
    return None


def _page_number(find: Finder) -> Pagination | None:
    param = find.param(PAGE_PARAMS, ("int",))
    if param:
        return _page(find.shape, "page", param=param, more=find.more(), limit=find.limit())
    return None


# By strength of evidence: what the response hands back beats what the parameters suggest.
DETECTORS: tuple[Callable[[Finder], Pagination | None], ...] = (
    _token, _cursor, _link, _next_url, _offset, _page_number)


def _detect(api: Api, op: Operation, diagnostics: Diagnostics) -> Pagination | None:
    shape = shape_of(api, op) if op.method == "get" else None
    if shape is None:
        return None
    find = Finder(api.decls, shape)
    for detector in DETECTORS:
        found = detector(find)
        if found is not None:
            diagnostics.info(op.key, f"paginated by {describe(found)}", "set pagination."
                             f"methods['{op.method} {op.path}'] in the config to change it")
            return found
    if shape.listed:
        diagnostics.warning(op.key, "returns a list but no pagination scheme fits its "
                            "parameters and response; returned as one page",
                            f"set pagination.methods['{op.method} {op.path}'] in the config "
                            "if the API pages it")
    return None


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


# ---- the config's rules ------------------------------------------------------------------------

def _rules_by_operation(api: Api, config: PaginationConfig, diagnostics: Diagnostics,
                        ) -> dict[tuple[str, str], tuple[str, PageRule | Literal[False]]]:
    """(method, path) -> (the endpoint as the config spells it, its rule); bad keys reported."""
    known = {(op.method, op.path) for op in api.operations}
    out: dict[tuple[str, str], tuple[str, PageRule | Literal[False]]] = {}
    for endpoint, rule in config.methods.items():
        at = pointer_join(CONFIG_POINTER, endpoint)
        try:
            key = endpoint_key(endpoint)
        except ValueError:
            _config_error(diagnostics, at, f"endpoint '{endpoint}' must look like 'get /path'")
            continue
        if key not in known:
            _config_error(diagnostics, at, f"pagination is set for '{endpoint}', which is not "
                          "an operation of the spec")
        elif key in out:
            _config_error(diagnostics, at, f"'{endpoint}' is set twice")
        else:
            out[key] = (endpoint, rule)
    return out


def _config_error(diagnostics: Diagnostics, pointer: str, message: str) -> None:
    diagnostics.error(pointer, f"config: {message}", CONFIG_HINT)


def _from_rule(api: Api, op: Operation, rule: PageRule, endpoint: str,
               diagnostics: Diagnostics) -> Pagination | None:
    """The rule's pagination, its blanks filled as detection would; None (and errors) when a
    name it gives or needs is not in the spec."""
    at = pointer_join(CONFIG_POINTER, endpoint)
    shape = shape_of(api, op, rule.items)
    if shape is None:
        what = f"no array field '{rule.items}'" if rule.items else "no items array"
        _config_error(diagnostics, at, f"'{endpoint}': the JSON response has {what} to page "
                      "over")
        return None
    find = Finder(api.decls, shape)
    page = _filled(find, rule)
    problems = list(_rule_problems(find, page))
    for problem in problems:
        _config_error(diagnostics, at, f"'{endpoint}': {problem}")
    if problems:
        return None
    diagnostics.info(op.key, f"paginated by {describe(page)}, as the config says")
    return page


def _filled(find: Finder, rule: PageRule) -> Pagination:
    """The rule with what it leaves blank taken from the spec, as detection would find it."""
    field = rule.field
    if not field and rule.scheme == "cursor":
        field = "id"
    elif not field and rule.scheme in ("token", "next_url"):
        candidates = find.token_fields() if rule.scheme == "token" else find.url_fields()
        field = next(iter(candidates), "")
    param = rule.param
    if not param and rule.scheme == "cursor":
        param = find.param(CURSOR_PARAMS, ("str", "int"))
    elif not param and rule.scheme == "token" and field:
        param = find.token_param(field)
    elif not param and rule.scheme in ("offset", "page"):
        names = OFFSET_PARAMS if rule.scheme == "offset" else PAGE_PARAMS
        param = find.param(names, ("int",))
    return _page(find.shape, rule.scheme, param=param, field=field,
                 more=rule.more or find.more(), limit=rule.limit or find.limit())


def _rule_problems(find: Finder, page: Pagination) -> Iterator[str]:
    shape = find.shape
    needs_param = page.scheme in ("cursor", "token", "offset", "page")
    if needs_param and not page.param:
        yield f"{page.scheme} pagination needs `param`: no query parameter fits"
    for key in ("param", "limit"):
        name = getattr(page, key)
        if name and name not in shape.query:
            yield f"`{key}`: '{name}' is not a query parameter of the operation"
    if page.scheme in ("token", "next_url") and not page.field:
        yield f"{page.scheme} pagination needs `field`: no response field fits"
    elif page.scheme in ("token", "next_url") and page.field not in shape.fields:
        yield f"`field`: '{page.field}' is not a field of the response"
    elif page.scheme == "cursor" and shape.item_fields is not None \
            and page.field not in shape.item_fields:
        yield f"`field`: '{page.field}' is not a field of the items"
    if page.more and page.more not in shape.fields:
        yield f"`more`: '{page.more}' is not a field of the response"
