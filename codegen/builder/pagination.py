"""List operations and how they page: sets `Operation.page` (an ir.Pagination).

Detection reads only names and types, since specs rarely say how they paginate
(`page_shapes.py` finds what an operation offers, `page_evidence.py` weighs it; the strongest
scheme wins). The config's `pagination.methods` overrides detection per endpoint; its names are
checked against the spec here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Literal

from ..config import PageRule, PaginationConfig, endpoint_key
from ..diagnostics import Diagnostics
from ..ir import Api, Operation, Pagination
from ..pointers import pointer_join
from .page_evidence import (
    CURSOR_PARAMS,
    DETECTORS,
    OFFSET_PARAMS,
    PAGE_PARAMS,
    Finder,
    describe,
    page_of,
)
from .page_shapes import shape_of

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
    return page_of(find.shape, rule.scheme, param=param, field=field,
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
