"""Request-building helpers: JSON bodies, query strings, paths and header merging."""

import datetime as _dt
import enum
import re
import sys
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union, cast
from urllib.parse import quote

from ._types import NotGiven, Omit

__all__ = [
    "comma_separated",
    "encode_query",
    "header_value",
    "is_given",
    "merge_headers",
    "path_template",
    "to_jsonable",
]

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def is_given(value: object) -> bool:
    """False for the `omit` and `not_given` sentinels, True for anything else (None too)."""
    return not isinstance(value, (Omit, NotGiven))


def path_template(template: str, values: Mapping[str, object]) -> str:
    """Fill each `{name}` of a path with the percent-encoded text of its value.

    Every character that is not unreserved is encoded (`/` too), so a value can never change
    which endpoint is called; `.` and `..` are encoded as well, for the same reason.
    """

    def fill(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for path parameter {name!r}")
        value = values[name]
        if isinstance(value, enum.Enum):
            value = value.value
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        if text == "":
            raise ValueError(f"Expected a non-empty value for path parameter {name!r}")
        if text in (".", ".."):
            return text.replace(".", "%2E")
        return quote(text, safe="")

    return _PLACEHOLDER.sub(fill, template)


def encode_query(params: Mapping[str, object]) -> List[Tuple[str, str]]:
    """Query parameters as (key, text) pairs.

    Lists repeat the key, mappings nest as `a[b]=c`, booleans are `true`/`false`, dates are
    ISO 8601; `omit`, `not_given` and None are left out (a query string cannot carry null).
    """
    pairs: List[Tuple[str, str]] = []
    for key, value in params.items():
        _flatten_query(key, value, pairs)
    return pairs


def _flatten_query(key: str, value: object, out: List[Tuple[str, str]]) -> None:
    if value is None or not is_given(value):
        return
    if isinstance(value, bool):
        out.append((key, "true" if value else "false"))
    elif isinstance(value, Mapping):
        for sub_key, sub_value in cast("Mapping[object, object]", value).items():
            _flatten_query(f"{key}[{sub_key}]", sub_value, out)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in cast("Iterable[object]", value):
            _flatten_query(key, item, out)
    elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        out.append((key, value.isoformat()))
    elif isinstance(value, enum.Enum):
        _flatten_query(key, value.value, out)
    else:
        out.append((key, str(value)))


def _is_model(value: object) -> bool:
    """Whether value is a pydantic model, without importing pydantic (which costs more than the
    rest of this package): no model can exist before pydantic.main is loaded."""
    loaded = sys.modules.get("pydantic.main")
    return loaded is not None and isinstance(value, loaded.BaseModel)


def to_jsonable(value: Any) -> Any:
    """A JSON-able copy of a request body value.

    `omit` and `not_given` are dropped at any depth; None stays (it is sent as `null`);
    pydantic models are dumped by alias with only the fields that were set; dates become
    ISO 8601 text; tuples, sets and other iterables become lists.
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if _is_model(value):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {str(k): to_jsonable(v) for k, v in mapping.items() if is_given(v)}
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (bytes, bytearray)):
        raise TypeError("bytes cannot be sent in a JSON body; upload them as a file instead")
    if isinstance(value, Iterable):
        return [to_jsonable(v) for v in cast("Iterable[object]", value) if is_given(v)]
    return value


def comma_separated(value: object) -> object:
    """A list or a mapping as one text, for a query parameter with `explode: false`:
    `[1, 2]` -> `1,2`, `{"a": 1}` -> `a,1`. `omit`, None and single values pass through."""
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        items: List[object] = [x for pair in mapping.items() for x in pair]
    elif isinstance(value, (list, tuple)):
        items = list(cast("Iterable[object]", value))
    else:
        return value
    return ",".join(_scalar_text(item) for item in items)


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return _scalar_text(value.value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def header_value(value: object) -> Union[str, Omit]:
    """A header parameter as text (OpenAPI's `simple` style): lists comma-separated,
    booleans `true`/`false`; `omit` stays `omit`."""
    if isinstance(value, Omit):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(str(header_value(v)) for v in cast("Iterable[object]", value))
    return str(value)


def merge_headers(*layers: Optional[Mapping[str, object]]) -> Dict[str, str]:
    """Merge header mappings, later ones winning whatever the case of the name.

    An `omit` value removes the header set by an earlier layer; None values are skipped.
    """
    merged: Dict[str, Tuple[str, str]] = {}
    for layer in layers:
        if not layer:
            continue
        for name, value in layer.items():
            if isinstance(value, Omit):
                merged.pop(name.lower(), None)
            elif value is not None and not isinstance(value, NotGiven):
                merged[name.lower()] = (name, str(value))
    return dict(merged.values())
