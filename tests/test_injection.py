"""Property-based security test: text from a spec never changes the structure of generated code.

Hypothesis builds small, valid OpenAPI 3.1 documents in which arbitrary text is placed into
descriptions, summaries, titles, enum values (strings and ints), const values, defaults,
property names, component schema names, operationIds, paths (static segments and path
parameter names), server URLs and server variables, query and header parameter names, response
header names and the security scheme's parameter name. The text is `st.text()` plus targeted
nasties: quotes, triple quotes, backslashes, CR/LF, NUL, RTL marks, U+2028, emoji, combining
marks, Jinja syntax, Python that would run if it escaped a string literal, path traversal,
Windows device names, keywords and reserved attribute names, and names that differ only by case
or by `-`/`_`. Each document goes through `codegen.pipeline.generate_files` and then:

1. generate: no exception. A FatalError is a failure too, as every document is valid. The only
   error diagnostic accepted is codegen's documented refusal of two component schemas whose
   names become one class name (the user must pin one in codegen.yaml).
2. compile: every generated .py file compiles.
3. path: no generated path is absolute, has a `..` segment, a backslash, NUL or a Windows
   device name as a segment's stem, or leaves the package folder when joined to it.
4. import / round-trip: written to a temporary folder, the package and every module of it
   import; every enum/const value is exactly an argument of the field's Literal; descriptions
   keep their words (docstrings are rewrapped, so the words, not the layout, are compared);
   defaults reach the generated tests exactly; the server URL and the auth parameter name are
   exact; a call through httpx.MockTransport sends each path, query, header and body parameter
   under its wire name, and the response parses back to the JSON it came from.
5. collision: one model field per property, TypedDict keys == wire names, distinct class names
   and module files for distinct schemas, no two files differing only by case, one keyword
   argument per parameter, every resource and method reachable from the client, every
   operation present in the generated tests.
6. nothing executes: texts carry payloads that create CANARY if they ever run; it never appears.

Budget: MAX_EXAMPLES = 350 documents, with `derandomize=True` and `database=None` so that CI
runs the same documents every time, and no deadline. A document costs about 0.19 s on the
2-core CI machine (drawing it, generating with `ruff format`, writing, importing, calling):
the property takes about 65 s (75 s on a busy machine), the known cases about 5 s more.
Shrinking is off (it can take 5 minutes per failure; a failure prints its document, stage and
error, and the known cases are minimal already): CODEGEN_INJECTION_SHRINK=1 turns it on. To
search harder locally, raise CODEGEN_INJECTION_EXAMPLES, and set CODEGEN_INJECTION_RANDOM=1 for
new random documents instead of the fixed ones.

KNOWN_CASES at the end are the failures this property found, shrunk to minimal specs: each
asserts the correct behaviour, so it fails until codegen is fixed and then guards the fix.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import json
import os
import re
import sys
import tempfile
import typing
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

import httpx
import pydantic
import pytest
import typing_extensions
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from codegen.config import Config, with_package
from codegen.diagnostics import FatalError, Severity
from codegen.pipeline import Generated, generate_files

MAX_EXAMPLES = int(os.environ.get("CODEGEN_INJECTION_EXAMPLES", "350"))
RANDOM = os.environ.get("CODEGEN_INJECTION_RANDOM", "") == "1"
# Shrinking a failing document takes up to 5 minutes (each run generates and imports a package):
# off by default, so a failing CI run stays short; the known cases below are already minimal.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
if os.environ.get("CODEGEN_INJECTION_SHRINK", "") == "1":
    PHASES.append(Phase.shrink)
PACKAGE = "injpkg"
CANARY = Path(f"/tmp/codegen-injection-canary-{os.getpid()}")
BASE_URL = "http://test.invalid"
MISSING = object()

WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})
# Schema-name collisions codegen refuses on purpose (naming.py: the user pins a name in
# codegen.yaml `models:`).
ACCEPTED_REFUSAL = re.compile(r"^schemas '.*' and '.*' both become the Python class ", re.S)


class StageError(AssertionError):
    """A broken property, labelled with the stage that broke it."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"[{stage}] {message}")
        self.stage = stage


def fail(stage: str, message: str) -> None:
    raise StageError(stage, message)


def record(what: str) -> None:
    """Counts what was checked (pytest --hypothesis-show-statistics shows the counts)."""
    if currently_in_test_context():
        event(what)


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
    return "#/components/schemas/" + esc(name)


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


# ---- generation and the static checks -------------------------------------------------------

def generate(doc: dict[str, Any], tmp: Path) -> Generated | None:
    """Generated files, or None when codegen refused the document in the one accepted way."""
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    config = with_package(Config(tests=True), PACKAGE)  # the generated tests are checked too
    try:
        gen = generate_files(str(spec), config)
    except FatalError as exc:
        detail = explain_fatal(str(spec), config)
        fail("generate", f"FatalError on a valid document: {exc}{detail}")
    except Exception as exc:  # any exception is the finding
        fail("generate", f"{type(exc).__name__}: {exc}")
    errors = [d for d in gen.diagnostics if d.severity is Severity.ERROR]
    if errors:
        if all(ACCEPTED_REFUSAL.match(d.message) for d in errors):
            record("refused: two schemas become one class name")
            return None
        fail("generate", "error diagnostics on a valid document: " +
             "; ".join(f"{d.pointer}: {d.message}" for d in errors))
    return gen


def explain_fatal(spec: str, config: Config) -> str:
    """When formatting failed, the compile error of the unformatted source that caused it."""
    try:
        raw = generate_files(spec, config, formatted=False)
    except Exception:  # only an explanation
        return ""
    for path, text in raw.files.items():
        if path.endswith(".py"):
            try:
                compile(text, path, "exec")
            except SyntaxError as exc:
                line = text.splitlines()[(exc.lineno or 1) - 1] if exc.lineno else ""
                return f" (unformatted {path}:{exc.lineno}: {exc.msg}: {line!r})"
    return ""


def check_compiles(files: dict[str, str]) -> None:
    for path, text in files.items():
        if not path.endswith(".py"):
            continue
        try:
            compile(text, path, "exec")
        except (SyntaxError, ValueError) as exc:
            fail("compile", f"{path}: {type(exc).__name__}: {exc}")


def check_paths(files: dict[str, str], root: Path) -> None:
    package = (root / PACKAGE).resolve()
    folded: dict[str, str] = {}
    for path in files:
        if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
            fail("path", f"absolute path {path!r}")
        if "\\" in path or "\x00" in path:
            fail("path", f"backslash or NUL in {path!r}")
        for segment in path.split("/"):
            if segment in ("", ".", ".."):
                fail("path", f"empty, '.' or '..' segment in {path!r}")
            if segment.split(".")[0].lower() in WINDOWS_DEVICES:
                fail("path", f"Windows device name {segment!r} in {path!r}")
            if segment != segment.rstrip(". "):
                fail("path", f"segment ending in '.' or ' ' in {path!r}")
        joined = (package / path).resolve()
        if package not in joined.parents:
            fail("path", f"{path!r} leaves the package folder")
        other = folded.setdefault(path.lower(), path)
        if other != path:
            fail("collision", f"files {other!r} and {path!r} differ only by case")


# ---- importing -------------------------------------------------------------------------------

@contextlib.contextmanager
def imported(root: Path) -> Iterator[ModuleType]:
    """The package imported from `root`, forgotten afterwards."""
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def write(files: dict[str, str], root: Path) -> None:
    for path, text in files.items():
        dest = root / PACKAGE / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")


def import_everything(files: dict[str, str]) -> None:
    """Every module imports and every model builds, without a warning (pydantic warns, for
    example, when a field shadows an attribute of BaseModel)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import_modules(files)
    for warning in caught:
        if PACKAGE in str(warning.filename) or "pydantic" in str(warning.filename):
            fail("import", f"warning {warning.category.__name__}: {warning.message}")


def import_modules(files: dict[str, str]) -> None:
    for path in sorted(files):
        if not path.endswith(".py") or path.startswith("tests/"):
            continue
        parts = PurePosixPath(path).with_suffix("").parts
        module = ".".join((PACKAGE, *(parts[:-1] if parts[-1] == "__init__" else parts)))
        try:
            importlib.import_module(module)
        except Exception as exc:  # any exception is the finding
            fail("import", f"{module}: {type(exc).__name__}: {exc}")
    types = importlib.import_module(PACKAGE + ".types")
    for name in types.__all__:
        try:
            getattr(types, name)
        except Exception as exc:
            fail("import", f"{PACKAGE}.types.{name}: {type(exc).__name__}: {exc}")
    build_models()


def build_models() -> None:
    """Models are built on first use (defer_build): build each now, so none fails later."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(PACKAGE + ".types."):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type) and issubclass(value, pydantic.BaseModel) \
                    and value.__module__ == name:
                try:
                    value.model_rebuild(force=True)
                except Exception as exc:  # any exception is the finding
                    fail("import", f"{name}.{value.__name__} cannot be built: "
                         f"{type(exc).__name__}: {exc}")


# ---- round-trip and collision checks ---------------------------------------------------------

def schemas_of(doc: dict[str, Any]) -> dict[str, Any]:
    return doc.get("components", {}).get("schemas", {})  # type: ignore[no-any-return]


def schemes_of(doc: dict[str, Any]) -> dict[str, Any]:
    return doc.get("components", {}).get("securitySchemes", {})  # type: ignore[no-any-return]


def component_key(name: str) -> str:
    return component_ref(name)


def op_key(path: str, verb: str) -> str:
    return "#/paths/" + esc(path) + "/" + verb


def literal_args(annotation: Any) -> list[Any]:
    """Every argument of every Literal inside an annotation, in order."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Literal, typing_extensions.Literal):
        return list(typing.get_args(annotation))
    return [a for arg in typing.get_args(annotation) for a in literal_args(arg)]


def expected_literals(node: dict[str, Any]) -> list[Any] | None:
    values = [node["const"]] if "const" in node else node.get("enum")
    if values is None:
        return None
    return [v for v in values if v is not None]


def typed(values: list[Any]) -> list[tuple[str, Any]]:
    return [(type(v).__name__, v) for v in values]


def field_for(model: type, wire: str) -> tuple[str, Any]:
    found = [(name, info) for name, info in model.model_fields.items()  # type: ignore[attr-defined]
             if (name if info.alias is None else info.alias) == wire]
    if len(found) != 1:
        fail("collision", f"{model.__name__}: {len(found)} fields for property {wire!r} "
             f"(fields: {sorted(model.model_fields)})")  # type: ignore[attr-defined]
    return found[0]


def attribute_docs(source: str, class_name: str) -> dict[str, str]:
    """Field name -> the docstring that follows it in `class class_name`."""
    out: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            body = node.body
            for stmt, after in zip(body, body[1:], strict=False):
                if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) \
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) \
                        and isinstance(after.value.value, str):
                    out[stmt.target.id] = after.value.value
    return out


def check_words(stage_where: str, expected: str, actual: str | None) -> None:
    if expected.strip() and (actual or "").split() != expected.split():
        fail("round-trip", f"{stage_where}: description words changed: {expected!r} -> "
             f"{actual!r}")


def nested_models(annotation: Any) -> list[type]:
    """The model classes inside an annotation, in order (a union's variants in its order)."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in nested_models(arg)]


def check_model(gen: Generated, name: str, schema: dict[str, Any]) -> None:
    assert gen.names is not None
    key = component_key(name)
    module = importlib.import_module(
        f"{PACKAGE}.types.{gen.names.modules[gen.names.roots[key]]}")
    check_model_class(getattr(module, gen.names.classes[key]), schema, f"schema {name!r}")


def check_model_class(model: Any, schema: dict[str, Any], where: str) -> None:
    """One field per property, exact Literals, descriptions' words; nested inline models too."""
    props = schema.get("properties", {})
    if len(model.model_fields) != len(props):
        fail("collision", f"{where}: {len(props)} properties {sorted(props)} but "
             f"{model.__name__} has fields {sorted(model.model_fields)}")
    check_words(f"{where} ({model.__name__}) docstring", schema.get("description", ""),
                model.__doc__)
    source = Path(sys.modules[model.__module__].__file__ or "").read_text(encoding="utf-8")
    docs = attribute_docs(source, model.__name__)
    for wire, node in props.items():
        field_name, info = field_for(model, wire)
        inner = f"{where} ({model.__name__}.{field_name}, property {wire!r})"
        values = expected_literals(node)
        if values is not None:
            record("checked: a Literal of a model field")
            if typed(literal_args(info.annotation)) != typed(values):
                fail("round-trip", f"{inner}: Literal args {literal_args(info.annotation)!r} "
                     f"!= {values!r}")
        check_words(inner, node.get("description", ""), docs.get(field_name))
        # An inline object with properties is a model; one without is a plain Dict.
        variants = [v for v in node.get("oneOf", [node]) if v.get("properties")]
        models = nested_models(info.annotation)
        if len(models) != len(variants):
            fail("collision", f"{inner}: {len(variants)} inline objects but models {models}")
        for variant, nested in zip(variants, models, strict=True):
            check_model_class(nested, variant, inner)


def check_models(case: Case, gen: Generated) -> None:
    assert gen.names is not None and gen.api is not None
    schemas = schemas_of(case.doc)
    seen_classes: dict[str, str] = {}
    seen_modules: dict[str, str] = {}
    for name, schema in schemas.items():
        key = component_key(name)
        if key in gen.names.params_roots or key in gen.api.absorbed:
            continue  # used only as one request body: it is that operation's Params
        cls = gen.names.classes[key]
        module = gen.names.modules[gen.names.roots[key]].lower()
        for seen, value in ((seen_classes, cls), (seen_modules, module)):
            other = seen.setdefault(value, name)
            if other != name:
                fail("collision", f"schemas {other!r} and {name!r} both become {value!r}")
        check_model(gen, name, schema)


@dataclass(frozen=True)
class Op:
    path: str
    verb: str
    node: dict[str, Any]
    key: str

    def params(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.node.get("parameters", []) if p["in"] == where]


def operations(doc: dict[str, Any]) -> list[Op]:
    return [Op(path, verb, node, op_key(path, verb)) for path, item in doc["paths"].items()
            for verb, node in item.items()]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = next(n for n in schemas_of(doc) if component_ref(n) == schema["$ref"])
        return schemas_of(doc)[name]
    return schema


def body_schema(doc: dict[str, Any], op: Op) -> dict[str, Any] | None:
    body = op.node.get("requestBody")
    if body is None:
        return None
    return resolve(doc, body["content"]["application/json"]["schema"])


def sample(node: dict[str, Any]) -> Any:
    """A value of the schema that pydantic and the wire carry unchanged."""
    values = expected_literals(node)
    if values:
        return values[0]
    if "oneOf" in node:
        return sample(node["oneOf"][0])
    if "properties" in node or node.get("type") == "object":
        return {w: sample(p) for w, p in node.get("properties", {}).items()}
    if node.get("type") == "integer":
        return 7
    return "s"


def body_is_flattened(doc: dict[str, Any], op: Op) -> bool:
    schema = body_schema(doc, op)
    if schema is None:
        return False
    body = op.node["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" not in body and not schema.get("properties"):
        return False  # an inline object without properties is a plain dict: passed as `body`
    params = {p["name"] for p in op.params("query") + op.params("header")}
    return not set(schema.get("properties", {})) & params


def check_params_typeddict(case: Case, gen: Generated, op: Op) -> None:
    assert gen.api is not None and gen.names is not None
    ir = next(o for o in gen.api.operations if o.key == op.key)
    if ir.params_key is None:
        return
    module = importlib.import_module(
        f"{PACKAGE}.types.{gen.names.modules[gen.names.roots[ir.params_key]]}")
    typed_dict = getattr(module, gen.names.classes[ir.params_key])
    keys = set(typed_dict.__required_keys__) | set(typed_dict.__optional_keys__)
    expected = {p["name"] for p in op.params("query") + op.params("header")}
    schema = body_schema(case.doc, op)
    if schema is not None and body_is_flattened(case.doc, op):
        expected |= set(schema.get("properties", {}))
    if keys != expected:
        fail("collision", f"{op.verb} {op.path!r}: TypedDict {typed_dict.__name__} keys "
             f"{sorted(keys)!r} != wire names {sorted(expected)!r}")


# ---- a call through a mock transport --------------------------------------------------------

TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
MANAGED_HEADERS = frozenset({"content-type", "content-length", "host", "authorization",
                             "accept", "user-agent", "transfer-encoding", "connection",
                             "accept-encoding", "cookie", "expect", "te", "upgrade",
                             "idempotency-key", "x-stainless-retry-count"})


@dataclass
class Call:
    kwargs: dict[str, Any]
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    path_values: dict[str, str]


def plan_call(case: Case, gen: Generated, op: Op) -> Call:
    assert gen.names is not None
    kw = {(a.location, a.wire): a.name for a in gen.names.signatures[op.key].arguments}
    call = Call({}, {}, {}, MISSING, {})
    for i, p in enumerate(op.params("path")):
        call.path_values[p["name"]] = f"v{i}"
        call.kwargs[kw[("path", p["name"])]] = f"v{i}"
    for p in op.params("query"):
        value = sample(p["schema"])
        call.query[p["name"]] = str(value)
        call.kwargs[kw[("query", p["name"])]] = value
    for p in op.params("header"):
        if TOKEN.match(p["name"]) and p["name"].lower() not in MANAGED_HEADERS:
            call.headers[p["name"]] = "h"
            call.kwargs[kw[("header", p["name"])]] = "h"
    schema = body_schema(case.doc, op)
    if schema is not None:
        call.body = sample(schema)
        if body_is_flattened(case.doc, op):
            for wire, value in call.body.items():
                call.kwargs[kw[("body", wire)]] = value
        else:
            call.kwargs[kw[("body", "body")]] = call.body
    return call


def response_payload(case: Case, op: Op) -> tuple[str, Any]:
    """The media type and content the mock server answers with."""
    response = next(iter(op.node["responses"].values()))
    if "content" not in response:
        return "", None
    media, content = next(iter(response["content"].items()))
    if media == "text/plain":
        return media, "text \u2028 \"\"\" \x00"
    if media == "application/octet-stream":
        return media, b"\x00\xff binary"
    return media, sample(resolve(case.doc, content["schema"]))


def response_schema(case: Case, op: Op) -> dict[str, Any]:
    response = next(iter(op.node["responses"].values()))
    return resolve(case.doc, response["content"]["application/json"]["schema"])


def answer(media: str, payload: Any) -> httpx.Response:
    if not media:
        return httpx.Response(204)
    if media == "application/json":
        return httpx.Response(200, json=payload)
    content = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    return httpx.Response(200, content=content, headers={"content-type": media})


def expected_path(op: Op, call: Call) -> str | None:
    """The URL path the call must hit, when its static segments are plain enough to predict."""
    out = []
    for segment in op.path.split("/")[1:]:
        name = segment[1:-1] if segment.startswith("{") and segment.endswith("}") else None
        if name is not None:
            out.append(call.path_values[name])
        elif re.fullmatch(r"[A-Za-z0-9_~-]*", segment) and segment not in ("", ".", ".."):
            out.append(segment)
        else:
            return None
    return "/" + "/".join(out)


def client_for(pkg: ModuleType, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
    transport = httpx.MockTransport(handler)
    return pkg.Client(api_key="k", base_url=BASE_URL, max_retries=0,
                      http_client=httpx.Client(transport=transport),
                      strict_response_validation=True)


def resource_of(gen: Generated, client: Any, op: Op) -> Any:
    assert gen.api is not None and gen.names is not None
    resource = gen.names.placements[op.key].resource
    target = client
    for depth in range(1, len(resource) + 1):
        names = gen.names.resources[resource[:depth]]
        target = getattr(target, names.attr, None)
        if type(target).__name__ != names.sync_class:
            fail("collision", f"client.{'.'.join(resource[:depth])} (attribute "
                 f"{names.attr!r}) is {type(target).__name__}, not {names.sync_class}")
    method = getattr(target, gen.names.methods[op.key], None)
    if getattr(method, "__self__", None) is not target or not callable(method):
        fail("collision", f"{gen.names.methods[op.key]!r} of {type(target).__name__} for "
             f"{op.verb} {op.path!r} is {method!r}, not the operation's method")
    return method


def check_signature(gen: Generated, op: Op, method: Any) -> None:
    assert gen.names is not None
    import inspect

    arguments = gen.names.signatures[op.key].arguments
    expected = {a.name for a in arguments}
    got = set(inspect.signature(method).parameters) - {"extra_headers", "extra_query",
                                                       "extra_body", "timeout"}
    if got != expected or len(expected) != len(arguments):
        fail("collision", f"{op.verb} {op.path!r}: arguments {sorted(got)} for "
             f"{len(arguments)} parameters {sorted((a.location, a.wire) for a in arguments)}")


def sendable(case: Case, op: Op) -> bool:
    """Whether httpx can send this operation at all: a control character in a static path
    segment makes the URL invalid, and a header name must be an HTTP token."""
    statics = [s for s in op.path.split("/") if not (s.startswith("{") and s.endswith("}"))]
    if any(ord(c) < 0x20 or ord(c) == 0x7F for s in statics for c in s):
        return False
    schemes = schemes_of(case.doc)
    return all(s["in"] != "header" or TOKEN.match(s["name"]) for s in schemes.values())


def check_call(case: Case, gen: Generated, pkg: ModuleType, op: Op) -> None:
    seen: list[httpx.Request] = []
    media, payload = response_payload(case, op)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(media, payload)

    client = client_for(pkg, handler)
    method = resource_of(gen, client, op)
    check_signature(gen, op, method)
    if not sendable(case, op):
        record("call skipped: the path or auth header cannot be sent over HTTP")
        return
    call = plan_call(case, gen, op)
    try:
        result = method(**call.kwargs)
    except Exception as exc:  # any exception is the finding
        fail("round-trip", f"{op.verb} {op.path!r}({call.kwargs!r}): {type(exc).__name__}: "
             f"{exc}")
    request = seen[-1]
    record("checked: a call through the mock transport")
    check_request(case, op, call, request)
    got = result.to_dict(mode="json") if hasattr(result, "to_dict") else result
    if got != payload:
        fail("round-trip", f"{op.verb} {op.path!r}: response {payload!r} parsed to {got!r}")
    if isinstance(result, pydantic.BaseModel):
        schema = response_schema(case, op)
        check_model_class(type(result), schema, f"response of {op.verb} {op.path!r}")


def check_request(case: Case, op: Op, call: Call, request: httpx.Request) -> None:
    where = f"{op.verb} {op.path!r}"
    if request.method != op.verb.upper():
        fail("round-trip", f"{where}: sent as {request.method}")
    path = expected_path(op, call)
    if path is not None and request.url.path != path:
        fail("round-trip", f"{where}: requested {request.url.path!r}, expected {path!r}")
    auth = auth_name(case)
    for wire, value in call.query.items():
        if wire != auth and request.url.params.get_list(wire) != [value]:
            fail("round-trip", f"{where}: query {wire!r} = {value!r} sent as "
                 f"{request.url.params.get_list(wire)!r} in {request.url.query!r}")
    for wire, value in call.headers.items():
        if wire.lower() != (auth or "").lower() and request.headers.get_list(wire) != [value]:
            fail("round-trip", f"{where}: header {wire!r} sent as "
                 f"{request.headers.get_list(wire)!r}")
    if call.body is not MISSING:
        sent = json.loads(request.content) if request.content else None
        optional_empty = call.body == {} and not op.node["requestBody"]["required"]
        if sent != call.body and not (sent is None and optional_empty):
            fail("round-trip", f"{where}: body {call.body!r} sent as {sent!r}")


def auth_name(case: Case) -> str | None:
    schemes = schemes_of(case.doc)
    for scheme in schemes.values():
        return scheme["name"]  # type: ignore[no-any-return]
    return None


# The client's own methods and properties: a resource must not replace any of them.
CLIENT_API = ("request", "get", "post", "put", "patch", "delete", "with_options", "is_closed",
              "auth_headers", "auth_query")
SYNC_API = (*CLIENT_API, "close", "__enter__", "__exit__")
ASYNC_API = (*CLIENT_API, "aclose", "__aenter__", "__aexit__")


def check_client_api(pkg: ModuleType) -> None:
    import functools
    import inspect

    for cls, api in ((pkg.Client, SYNC_API), (pkg.AsyncClient, ASYNC_API)):
        for name in api:
            static = inspect.getattr_static(cls, name, None)
            if static is None or isinstance(static, functools.cached_property):
                fail("collision", f"{cls.__name__}.{name} is {static!r}: a resource replaced "
                     "the client's own attribute")


def check_client_constants(case: Case, pkg: ModuleType) -> None:
    client_module = importlib.import_module(PACKAGE + "._client")
    if case.base_url is not None and case.base_url != client_module.DEFAULT_BASE_URL:
        fail("round-trip", f"DEFAULT_BASE_URL {client_module.DEFAULT_BASE_URL!r} != "
             f"{case.base_url!r}")
    schemes = schemes_of(case.doc)
    for scheme in schemes.values():
        client = pkg.Client(api_key="k", base_url=BASE_URL)
        got = client.auth_headers if scheme["in"] == "header" else client.auth_query
        if got != {scheme["name"]: "k"}:
            fail("round-trip", f"auth {scheme['in']} {scheme['name']!r} became {got!r}")


# ---- the generated tests: one per operation, defaults as arguments --------------------------

def generated_test_functions(files: dict[str, str], method: str) -> list[ast.AST]:
    found: list[ast.AST] = []
    for path, text in files.items():
        if path.startswith("tests/test_"):
            found += [n for n in ast.walk(ast.parse(text))
                      if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.name == f"test_method_{method}_with_all_params"
                      and f".{method}(" in ast.unparse(n)]
    return found


def check_generated_tests(case: Case, gen: Generated, files: dict[str, str], op: Op) -> None:
    assert gen.names is not None and gen.api is not None
    method = gen.names.methods[op.key]
    dotted = gen.names.resources[gen.names.placements[op.key].resource].display
    functions = [f for f in generated_test_functions(files, method) if f"client.{dotted}.{method}("
                 in ast.unparse(f)]
    if not functions:
        fail("collision", f"{op.verb} {op.path!r} (client.{dotted}.{method}) has no generated "
             "test")
    schema = body_schema(case.doc, op)
    if schema is None or not body_is_flattened(case.doc, op):
        return
    for wire, node in schema.get("properties", {}).items():
        default = node.get("default", None)
        if default is None:
            continue
        arg = next(a.name for a in gen.names.signatures[op.key].keyword
                   if (a.location, a.wire) == ("body", wire))
        record("checked: a default in the generated tests")
        for function in functions:
            check_default(function, arg, default, f"{op.verb} {op.path!r} {wire!r}")


def check_default(function: ast.AST, arg: str, default: Any, where: str) -> None:
    for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
        for keyword in call.keywords:
            if keyword.arg == arg:
                value = ast.literal_eval(keyword.value)
                if typed([value]) != typed([default]):
                    fail("round-trip", f"{where}: default {default!r} became {value!r}")
                return
    fail("round-trip", f"{where}: argument {arg} missing from the generated test")


# ---- the property ----------------------------------------------------------------------------

def check_document(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="codegen-injection-") as tmp:
        root = Path(tmp)
        gen = generate(case.doc, root)
        if gen is None:
            return
        files = gen.files
        check_paths(files, root / "out")
        check_compiles(files)
        write(files, root / "out")
        with imported(root / "out") as pkg:
            import_everything(files)
            check_models(case, gen)
            check_client_api(pkg)
            check_client_constants(case, pkg)
            for op in operations(case.doc):
                check_params_typeddict(case, gen, op)
                check_call(case, gen, pkg, op)
                check_generated_tests(case, gen, files, op)
    if CANARY.exists():
        fail("execute", f"{CANARY} was created: text from the spec ran as code")


@pytest.fixture(autouse=True)
def _no_canary() -> Iterator[None]:
    CANARY.unlink(missing_ok=True)
    yield
    assert not CANARY.exists(), f"{CANARY} was created: text from the spec ran as code"


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
          phases=PHASES, suppress_health_check=list(HealthCheck))
@given(documents())
def test_spec_text_never_changes_generated_code(case: Case) -> None:
    note(json.dumps(case.doc, ensure_ascii=True))
    check_document(case)


# ---- known cases -----------------------------------------------------------------------------
# The failures this property found, each shrunk by hand to a minimal spec. They assert the
# correct behaviour, so each fails until codegen is fixed, and then guards the fix.

def _spec(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths or {},
            "components": {"schemas": schemas or {}}}


def _get(path: str, parameters: list[dict[str, Any]] | None = None,
         content: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": "ok"}
    if content:
        response["content"] = content
    return {path: {"get": {"parameters": parameters or [],
                           "responses": {"200" if content else "204": response}}}}


def _query(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "query", "schema": {"type": "string"}}]


def _model(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    node: dict[str, Any] = {"type": "object", "properties": properties}
    if description:
        node["description"] = description
    return node


_STRING = {"type": "string"}
_TAGGED = {"oneOf": [_model({"t-t": {"const": "a"}}) | {"required": ["t-t"]},
                     _model({"t-t": {"const": "b"}}) | {"required": ["t-t"]}]}
_TEXT = {"text/plain": {"schema": _STRING}}
KNOWN_CASES: dict[str, dict[str, Any]] = {
    # [generate] FatalError: docstring_body escapes the last `"` of `\"\"\"` once more.
    "docstring-ends-with-triple-quote": _spec(schemas={"M": _model({}, '"""')}),
    # [round-trip] the same bug in a multi-line docstring: `"""` comes out as `""\"`.
    "multiline-docstring-ends-with-triple-quote": _spec(schemas={"M": _model({}, 'a\n\n"""')}),
    # [generate] ValueError: a colliding name falls back to a non-ASCII wire name.
    "property-name-non-ascii": _spec(schemas={"M": _model({"a": _STRING, "a\u00e9": _STRING})}),
    # [collision] a colliding name falls back to `_a`, which pydantic makes a private attribute.
    "property-name-leading-underscore": _spec(schemas={"M": _model({"a": _STRING,
                                                                    "_a": _STRING})}),
    # [generate] ValueError: the resource `none` becomes the class `None`.
    "resource-named-none": _spec(_get("/none")),
    # [round-trip] resources/a/a.py is both resource `a` and its child `a.a`: GET /a sends /a/a.
    "resource-child-named-like-parent": _spec(_get("/a") | _get("/a/a")),
    # [import] TypeError: a child resource `cached_property` replaces the decorator in the class.
    "child-resource-named-cached-property": _spec(_get("/a/cached_property")),
    # [import] the same in the client class.
    "resource-named-cached-property": _spec(_get("/cached_property") | _get("/d")),
    # [collision] a child resource `with_raw_response` is shadowed by the raw-response prefix.
    "child-resource-named-with-raw-response": _spec(_get("/a/with_raw_response")),
    # [collision] a resource named like a client method: it replaces the method, or (renamed to
    # `close_`) the generated tests and README still call `client.close`.
    "resource-named-like-client-method": _spec(_get("/close")),
    # [import] TypeError: importing types/getattr.py binds `getattr` in types/__init__.py, whose
    # lazy __getattr__ then calls the module instead of the builtin.
    "schema-named-getattr": _spec(schemas={"getattr": _model({})}),
    # [import] UserWarning at import: the field `mro` shadows an attribute of BaseModel.
    "property-named-mro": _spec(schemas={"M": _model({"mro": _STRING})}),
    # [import] the same with `register`, an attribute of pydantic's metaclass (ABCMeta).
    "property-named-register": _spec(schemas={"M": _model({"register": _STRING})}),
    # [collision] the field `Datetime` shadows the inline class `Datetime` in the class body:
    # pydantic reads `Datetime: Optional[Datetime] = None` as a field of type None.
    "property-named-like-its-inline-type": _spec(schemas={"M": _model({
        "datetime": _STRING, "Datetime": _model({"a": _STRING})})}),
    # [collision] with a field `str`, the class body writes `builtins.str`, which a field
    # named `builtins` would shadow.
    "properties-named-str-and-builtins": _spec(schemas={"M": _model({
        "str": _STRING, "builtins": _STRING})}),
    # [path] resources/con.py: a Windows device name.
    "resource-named-con": _spec(_get("/con")),
    # [import] PydanticUserError: the discriminator is the wire name `t-t`, not the field `t_t`.
    "discriminator-with-alias": _spec(schemas={"M": _model({"p": _TAGGED})}),
    # [round-trip] TypeError: the argument `make_request_options` shadows the helper.
    "argument-named-make-request-options": _spec(_get("/x", _query("make_request_options"))),
    # [round-trip] the argument `str` shadows the builtin in `cast_to=str`.
    "argument-named-str": _spec(_get("/x", _query("str"), _TEXT)),
    # [round-trip] a required JSON body whose schema has no properties is never sent.
    "required-body-without-properties": _spec(
        {"/x": {"post": {"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/E"}}}},
            "responses": {"204": {"description": "ok"}}}}},
        {"E": {"type": "object"}}),
}


@pytest.mark.parametrize("name", sorted(KNOWN_CASES))
def test_known_case(name: str) -> None:
    check_document(Case(KNOWN_CASES[name], None))
