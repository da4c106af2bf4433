"""Hypothesis strategies: small, valid OpenAPI 3.1 documents full of hostile text.

Arbitrary text is placed into descriptions, summaries, titles, enum values (strings and ints),
const values, defaults, property names, component schema names, operationIds, paths (static
segments and path parameter names), server URLs and server variables, query and header
parameter names, response header names and the security scheme's parameter name. The text is
`st.text()` plus targeted nasties: quotes, triple quotes, backslashes, CR/LF, NUL, RTL marks,
U+2028, emoji, combining marks, Jinja syntax, Python that would run if it escaped a string
literal, path traversal, Windows device names, keywords and reserved attribute names, and names
that differ only by case or by `-`/`_`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

# Created by the payloads below if text from a spec ever runs as code.
CANARY = Path(f"/tmp/codegen-injection-canary-{os.getpid()}")

# ---- text ------------------------------------------------------------------------------------

# The payloads name the canary through an environment variable, so that the documents, and so
# the run, are the same in every process.
CANARY_ENV = "CODEGEN_INJECTION_CANARY"
os.environ[CANARY_ENV] = str(CANARY)
_TOUCH = f"__import__('pathlib').Path(__import__('os').environ[{CANARY_ENV!r}]).touch()"
CANARY_PAYLOADS = [
    f'"""; {_TOUCH} #',
    f"'''; {_TOUCH} #",
    f'"; {_TOUCH} #',
    f"'; {_TOUCH} #",
    f'" + {_TOUCH} + "',
    f"' + {_TOUCH} + '",
    f'\\"""\n{_TOUCH}\n"""',
    f'\n{_TOUCH}\n',
    f'")\n{_TOUCH}\n#',
    f"}}\n{_TOUCH}\n#",
    f"]\n{_TOUCH}\n#",
    f"\\\n{_TOUCH}",
    f"\r{_TOUCH}",
    f"\u2028{_TOUCH}",
    f"{{{{ cycler.__init__.__globals__.os.popen('touch \"${CANARY_ENV}\"').read() }}}}",
    f"{{% set x = cycler.__init__.__globals__.os.popen('touch \"${CANARY_ENV}\"').read() %}}",
    f"a: int = {_TOUCH}",
]
TEXT_NASTIES = [
    '"', "'", '"""', "'''", '""', "\\", "\\\\", '\\"', "\n", "\r", "\r\n", "\t", "\x00", "\x0b",
    "\x0c", "\x1b[31m", "\x7f", "\x85", "\u00a0", "\u200b", "\u200e", "\u200f", "\u202e",
    "\u2028", "\u2029", "\ufeff", "\U0001f600", "\U0001f1fa\U0001f1f8", "e\u0301", "\u0301",
    "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u6587", "\u017f",
    "\u212a", "\ufb01", "\u0130", "{{ 7*7 }}", "{%", "%}", "{% raw %}", "{#", "#}", "{{", "}}",
    "${x}", "%s", "{0}", "{}", '"""; import os #', "__import__('os').system('x')", "# ",
    "`", "```", "```python\nimport os\n```", "<!--", "-->", "</code>", "*/", "\\N{BULLET}",
    "\\x41", "\\u0041", "f'{x}'", "b'", "r'", "#!/bin/sh", "$(x)", "; rm -rf /", "\n\n- x",
    " ", "  ", ".", "..", "../x", "/etc/passwd", "C:\\x", "\\\\?\\x", *CANARY_PAYLOADS,
]
NAME_NASTIES = [
    "../x", "..\\x", "/etc/passwd", "..", ".", "con", "CON", "Con", "nul", "NUL.txt", "aux",
    "prn", "com1", "COM9", "lpt1", "lpt9.py", "__init__", "__main__", "class", "Class", "None",
    "none", "True", "def", "import", "lambda", "async", "await", "match", "type", "self",
    "cls", "model_config", "model_fields", "model_dump", "model_", "dict", "json", "copy",
    "schema", "validate", "fields", "__class__", "__dict__", "__getattr__", "mro", "register",
    "str", "int", "float", "bool", "object", "bytes", "list", "List", "Dict", "Optional",
    "Union", "Literal", "Any", "Field", "FieldInfo", "BaseModel", "TypedDict", "Required",
    "TypeAlias", "Annotated", "Iterable", "builtins", "datetime", "date", "typing", "pydantic",
    "httpx", "os", "sys", "types", "resources", "tests", "conftest", "client", "Client",
    "AsyncClient", "_client", "api_key", "base_url", "with_options", "close", "request",
    "get", "post", "cached_property", "with_raw_response", "omit", "Omit", "not_given",
    "NotGiven", "body", "query", "headers", "timeout", "extra_headers", "extra_query",
    "extra_body", "path_template", "make_request_options", "to_dict", "parse_response", "0",
    "1abc", "", " ", "_", "__", "-", "--", "a-b", "a_b", "A_B", "A-B", "aB", "Ab", "AB", "ab",
    "a.b", "a b", "a/b", "a~b", "a~1b", "a#b", "a%20b", "a?b", "x-request-id",
    "X-Request-ID", "Content-Type", "Authorization", "\u00e4", "\u017f", "\u212a", "\ufb01",
    "\u0130", "\U0001f600", "foo_param", "FooParam", "items", "keys", "values",
]
_PIECE = st.one_of(st.text(max_size=6), st.sampled_from(TEXT_NASTIES),
                   st.sampled_from(NAME_NASTIES))
TEXT = st.one_of(
    st.text(max_size=24),
    st.sampled_from(TEXT_NASTIES),
    st.lists(_PIECE, min_size=1, max_size=4).map("".join),
)
# Plain identifiers, built without a restricted alphabet (shrinking strings drawn from a
# restricted alphabet next to unrestricted ones trips an internal error in hypothesis 6.155).
IDENT = st.builds("{}{}".format, st.sampled_from(["id", "name", "user", "item", "kind", "a",
                                                  "b", "value", "thing_id", "org"]),
                  st.sampled_from(["", "2", "_x", "s"]))
NAME = st.one_of(IDENT, st.sampled_from(NAME_NASTIES), TEXT)
# Strategies are built once, here: building them inside @composite functions costs more than
# drawing from them. Maps, not filters, keep every draw valid.
NONEMPTY = NAME.map(lambda s: s or "x")


def _without(chars: str) -> Callable[[str], str]:
    def strip(text: str) -> str:
        return "".join(c for c in text if c not in chars) or "x"

    return strip


# A path parameter name or a static segment: anything but the template's own syntax.
SEGMENT_TEXT = NONEMPTY.map(_without("{}/?#"))
SEGMENT = st.one_of(IDENT, IDENT, SEGMENT_TEXT)
BOOL = st.booleans()
INTS = st.one_of(st.integers(-3, 3), st.integers(), st.sampled_from([2**63, -(2**63) - 1,
                                                                        10**30]))
# pydantic-core cannot validate a Literal of several ints when one is outside int64
# ("exceeded maximum size"), whatever codegen writes: such ints only go in a `const`.
ENUM_INTS = st.integers(-(2**63), 2**63 - 1)
LITERAL_LISTS = [st.lists(values, min_size=1, max_size=4, unique_by=lambda v: (type(v), v))
                 for values in (TEXT, ENUM_INTS, st.one_of(TEXT, ENUM_INTS))]
TAG_VALUES = st.lists(st.one_of(TEXT, ENUM_INTS), min_size=2, max_size=2,
                      unique_by=lambda v: (type(v), v))
SCALAR_KINDS = st.sampled_from(["string", "integer", "enum", "nullable_enum", "const"])
CONST = st.one_of(TEXT, INTS)
VERBS = ["get", "post", "put", "patch", "delete"]


def _upper(s: str) -> str:
    return s.upper()


def _lower(s: str) -> str:
    return s.lower()


def _swapcase(s: str) -> str:
    return s.swapcase()


def _title(s: str) -> str:
    return s.title()


def _dash(s: str) -> str:
    return s.replace("_", "-")


def _underscore(s: str) -> str:
    return s.replace("-", "_")


def _trailing(s: str) -> str:
    return s + "_"


def _leading(s: str) -> str:
    return "_" + s


def _spaced(s: str) -> str:
    return s.replace("_", " ")


VARIANTS = st.lists(st.sampled_from([_upper, _lower, _swapcase, _title, _dash, _underscore,
                                     _trailing, _leading, _spaced]), max_size=3)


def name_lists(base: st.SearchStrategy[str], max_size: int,
               min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(base, min_size=min_size, max_size=max_size, unique=True)


PROPERTY_NAMES = name_lists(NAME, 4)
INLINE_PROPERTY_NAMES = name_lists(NAME, 2)
COMPONENT_NAMES = name_lists(NAME, 3)
QUERY_NAMES = name_lists(NAME, 3)
HEADER_NAMES = name_lists(NONEMPTY, 2)
PATH_PARAM_NAMES = name_lists(SEGMENT_TEXT, 2)
STATIC_SEGMENTS = st.lists(SEGMENT, max_size=3)
OPERATION_IDS = name_lists(NONEMPTY, 3, min_size=3)


@st.composite
def names(draw: st.DrawFn, lists: st.SearchStrategy[list[str]],
          keep: Callable[[str], bool] = bool) -> list[str]:
    """Distinct names, often with variants of one of them (case, `-`/`_`, a leading `_`)."""
    out = draw(lists)
    if out and draw(BOOL):
        stem = draw(st.sampled_from(out))
        for variant in draw(VARIANTS):
            text = variant(stem)
            if text not in out and keep(text):
                out.append(text)
    return out


def _keep_any(text: str) -> bool:
    return True


def _keep_segment(text: str) -> bool:
    return bool(text) and not set(text) & set("{}/?#")


# ---- documents -------------------------------------------------------------------------------

def esc(part: str) -> str:
    """One JSON pointer token (RFC 6901)."""
    return part.replace("~", "~0").replace("/", "~1")


def component_ref(name: str) -> str:
    """A $ref is a URI: in its fragment a literal `%` is written `%25` (RFC 6901, section 6),
    or a schema named `a%20b` would be read as `a b`."""
    return "#/components/schemas/" + esc(name).replace("%", "%25")


def with_description(draw: st.DrawFn, node: dict[str, Any]) -> dict[str, Any]:
    if draw(BOOL):
        node["description"] = draw(TEXT)
    return node


@st.composite
def scalar_schema(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(SCALAR_KINDS)
    node: dict[str, Any]
    if kind == "string":
        node = {"type": "string"}
        if draw(BOOL):
            node["default"] = draw(TEXT)
    elif kind == "integer":
        node = {"type": "integer"}
        if draw(BOOL):
            node["default"] = draw(INTS)
    elif kind == "const":
        node = {"const": draw(CONST)}
    else:
        values = draw(st.sampled_from(LITERAL_LISTS).flatmap(lambda s: s))
        node = {"enum": values + [None]} if kind == "nullable_enum" else {"enum": values}
        if all(isinstance(v, str) for v in values) and kind == "enum":
            node["type"] = "string"
        if draw(BOOL):
            node["default"] = draw(st.sampled_from(values))
    if draw(BOOL):
        node["title"] = draw(TEXT)
    return with_description(draw, node)


@st.composite
def object_schema(draw: st.DrawFn, depth: int = 0, inline: bool = False) -> dict[str, Any]:
    wires = draw(names(INLINE_PROPERTY_NAMES if inline else PROPERTY_NAMES, _keep_any))
    props = {w: draw(property_schema(depth + 1)) for w in wires}
    node: dict[str, Any] = {"type": "object", "properties": props}
    required = [w for w in wires if draw(BOOL)]
    if required:
        node["required"] = required
    if draw(BOOL):
        node["title"] = draw(TEXT)
    return with_description(draw, node)


@st.composite
def property_schema(draw: st.DrawFn, depth: int = 1) -> dict[str, Any]:
    if depth >= 2 or draw(st.integers(0, 5)):
        return draw(scalar_schema())
    if draw(BOOL):
        inline = draw(object_schema(depth, inline=True))
        inline["properties"][draw(IDENT)] = {"type": "string"}
        return inline
    variants = [draw(object_schema(depth, inline=True)) for _ in range(2)]
    for variant in variants:
        variant["title"] = draw(NAME)
    node: dict[str, Any] = {"oneOf": variants}
    if draw(BOOL):
        # A tagged union: every variant has the tag as a required constant of its own.
        tag = draw(NAME)
        for variant, value in zip(variants, draw(TAG_VALUES), strict=True):
            variant["properties"][tag] = {"const": value}
            variant["required"] = [*variant.get("required", []), tag]
        if draw(BOOL):
            node["discriminator"] = {"propertyName": tag}
    return with_description(draw, node)


@st.composite
def path_template(draw: st.DrawFn) -> str:
    """A path such as '/a/{id}/b', its parameters among its segments."""
    segments = list(draw(STATIC_SEGMENTS))
    for param in draw(names(PATH_PARAM_NAMES, _keep_segment)):
        segments.insert(draw(st.integers(0, len(segments))), "{" + param + "}")
    return "/" + "/".join(segments)


@st.composite
def parameters(draw: st.DrawFn, path_params: list[str]) -> list[dict[str, Any]]:
    out = [with_description(draw, {"name": p, "in": "path", "required": True,
                                   "schema": {"type": "string"}}) for p in path_params]
    for wire in draw(names(QUERY_NAMES, _keep_any)):
        node = {"name": wire, "in": "query", "required": draw(BOOL),
                "schema": draw(scalar_schema())}
        out.append(with_description(draw, node))
    headers: set[str] = set()
    for wire in draw(names(HEADER_NAMES)):
        if wire.lower() not in headers:  # HTTP header names are case-insensitive
            headers.add(wire.lower())
            node = {"name": wire, "in": "header", "schema": draw(scalar_schema())}
            out.append(with_description(draw, node))
    return out


@st.composite
def request_body(draw: st.DrawFn, components: list[str]) -> dict[str, Any]:
    if components and draw(BOOL):
        schema: dict[str, Any] = {"$ref": component_ref(draw(st.sampled_from(components)))}
    else:
        schema = draw(object_schema())
    return {"required": draw(BOOL), "content": {"application/json": {"schema": schema}}}


@st.composite
def response(draw: st.DrawFn, components: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"description": draw(TEXT)}
    choice = draw(st.integers(0, 5))
    if choice in (1, 2) and components:
        ref = {"$ref": component_ref(draw(st.sampled_from(components)))}
        out["content"] = {"application/json": {"schema": ref}}
    elif choice in (1, 2, 3):
        out["content"] = {"application/json": {"schema": draw(object_schema())}}
    elif choice == 4:
        out["content"] = {"text/plain": {"schema": {"type": "string"}}}
    elif choice == 5:
        binary = {"type": "string", "format": "binary"}
        out["content"] = {"application/octet-stream": {"schema": binary}}
    header_names = draw(names(HEADER_NAMES))
    if header_names:
        out["headers"] = {h: {"description": draw(TEXT), "schema": {"type": "string"}}
                          for h in header_names}
    return out


@st.composite
def operation(draw: st.DrawFn, verb: str, path_params: list[str], op_id: str,
              components: list[str]) -> dict[str, Any]:
    node: dict[str, Any] = {"operationId": op_id, "parameters": draw(parameters(path_params))}
    for key in ("summary", "description"):
        if draw(BOOL):
            node[key] = draw(TEXT)
    if verb in ("post", "put", "patch") and draw(st.integers(0, 3)):
        node["requestBody"] = draw(request_body(components))
    answer = draw(response(components))
    node["responses"] = {"200" if "content" in answer else "204": answer}
    return node


def _template_key(path: str) -> str:
    return re.sub(r"\{[^{}]*\}", "{}", path)


@st.composite
def paths(draw: st.DrawFn, components: list[str]) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {}
    templates: dict[str, str] = {}
    for op_id in draw(OPERATION_IDS)[: draw(st.integers(1, 3))]:
        # Paths equal but for their parameters' names are one path: reuse the first spelling.
        drawn = draw(path_template())
        path = templates.setdefault(_template_key(drawn), drawn)
        params = re.findall(r"\{([^{}]*)\}", path)
        item = out.setdefault(path, {})
        free = [v for v in VERBS if v not in item]
        if free:
            verb = draw(st.sampled_from(free))
            item[verb] = draw(operation(verb, params, op_id, components))
    return out


# Braces outside `{var}` would make the URL template ambiguous: not a valid URL anyway.
URL_TEXT = TEXT.map(lambda t: t.replace("{", "").replace("}", ""))
URL_PARTS = st.lists(st.one_of(URL_TEXT, st.just("{var0}"), st.just("{var1}")), min_size=1,
                     max_size=4)


@st.composite
def servers(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str]:
    """Servers, and the base URL codegen must make of the first one."""
    url = "".join(draw(URL_PARTS))
    variables = {f"var{i}": {"default": draw(URL_TEXT), "description": draw(TEXT)}
                 for i in range(2) if draw(BOOL)}
    expected = re.sub(r"\{(var[01])\}",
                      lambda m: variables[m.group(1)]["default"] if m.group(1) in variables
                      else m.group(0), url)
    server: dict[str, Any] = {"url": url, "description": draw(TEXT)}
    if variables:
        server["variables"] = variables
    return [server], expected


@dataclass(frozen=True)
class Case:
    doc: dict[str, Any]
    base_url: str | None  # what DEFAULT_BASE_URL must be; None when the spec has no server


@st.composite
def documents(draw: st.DrawFn) -> Case:
    components = draw(names(COMPONENT_NAMES, _keep_any))
    schemas = {c: draw(object_schema()) for c in components}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": draw(TEXT), "version": draw(TEXT), "description": draw(TEXT)},
        "paths": draw(paths(components)),
        "components": {"schemas": schemas},
    }
    base_url = None
    if draw(BOOL):
        doc["servers"], base_url = draw(servers())
    if draw(BOOL):
        where = draw(st.sampled_from(["header", "query"]))
        doc["components"]["securitySchemes"] = {draw(NAME): {
            "type": "apiKey", "in": where, "name": draw(st.one_of(IDENT, NONEMPTY)),
            "description": draw(TEXT)}}
    return Case(doc, base_url)

