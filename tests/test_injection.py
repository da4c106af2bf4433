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

Budget: MAX_EXAMPLES documents with `derandomize=True` and `database=None`, so CI runs the same
documents every time, and no deadline. One document costs about 0.3-0.5 s on the 2-core CI
machine (generation including `ruff format`, writing, importing, calling), so MAX_EXAMPLES = 150
takes about 60-90 s. To search harder locally, set CODEGEN_INJECTION_EXAMPLES (and
CODEGEN_INJECTION_RANDOM=1 for fresh random documents instead of the fixed ones).
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

import httpx
import pytest
import typing_extensions
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from codegen.config import Config, with_package
from codegen.diagnostics import FatalError, Severity
from codegen.pipeline import Generated, generate_files

MAX_EXAMPLES = int(os.environ.get("CODEGEN_INJECTION_EXAMPLES", "150"))
RANDOM = os.environ.get("CODEGEN_INJECTION_RANDOM", "") == "1"
PACKAGE = "injpkg"
CANARY = Path(f"/tmp/codegen-injection-canary-{os.getpid()}")
BASE_URL = "http://test.invalid"
MISSING = object()

WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})
# Schema-name collisions codegen refuses on purpose (README: pin a name in codegen.yaml).
ACCEPTED_REFUSAL = re.compile(r"^schemas '.*' and '.*' both become the Python class ", re.S)


class StageError(AssertionError):
    """A broken property, labelled with the stage that broke it."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"[{stage}] {message}")
        self.stage = stage


def fail(stage: str, message: str) -> None:
    raise StageError(stage, message)


# ---- text ------------------------------------------------------------------------------------

_TOUCH = f"__import__('pathlib').Path({str(CANARY)!r}).touch()"
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
    f"{{{{ cycler.__init__.__globals__.os.popen('touch {CANARY}').read() }}}}",
    f"{{% set x = cycler.__init__.__globals__.os.popen('touch {CANARY}').read() %}}",
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
IDENT = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
NAME = st.one_of(IDENT, st.sampled_from(NAME_NASTIES), TEXT)
INTS = st.one_of(st.integers(-3, 3), st.integers(), st.sampled_from([2**63, -(2**63) - 1,
                                                                        10**30]))


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


VARIANTS: list[Callable[[str], str]] = [_upper, _lower, _swapcase, _title, _dash, _underscore,
                                        _trailing, _leading, _spaced]


@st.composite
def names(draw: st.DrawFn, base: st.SearchStrategy[str] = NAME, min_size: int = 0,
          max_size: int = 4, keep: Callable[[str], bool] = lambda s: True) -> list[str]:
    """Distinct names, often with variants of one of them (case, `-`/`_`, a leading `_`)."""
    out = draw(st.lists(base.filter(keep), min_size=min_size, max_size=max_size, unique=True))
    if out and draw(st.booleans()):
        stem = draw(st.sampled_from(out))
        for variant in draw(st.lists(st.sampled_from(VARIANTS), max_size=3)):
            text = variant(stem)
            if text not in out and keep(text):
                out.append(text)
    return out


# ---- documents -------------------------------------------------------------------------------

def esc(part: str) -> str:
    """One JSON pointer token (RFC 6901)."""
    return part.replace("~", "~0").replace("/", "~1")


def component_ref(name: str) -> str:
    return "#/components/schemas/" + esc(name)


def with_description(draw: st.DrawFn, node: dict[str, Any]) -> dict[str, Any]:
    if draw(st.booleans()):
        node["description"] = draw(TEXT)
    return node


@st.composite
def literal_values(draw: st.DrawFn) -> list[Any]:
    kind = draw(st.sampled_from(["str", "int", "mixed"]))
    values = st.one_of(TEXT, INTS) if kind == "mixed" else TEXT if kind == "str" else INTS
    return draw(st.lists(values, min_size=1, max_size=4,
                         unique_by=lambda v: (type(v).__name__, v)))


@st.composite
def scalar_schema(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "enum", "nullable_enum", "const"]))
    node: dict[str, Any]
    if kind == "string":
        node = {"type": "string"}
        if draw(st.booleans()):
            node["default"] = draw(TEXT)
    elif kind == "integer":
        node = {"type": "integer"}
        if draw(st.booleans()):
            node["default"] = draw(INTS)
    elif kind == "const":
        node = {"const": draw(st.one_of(TEXT, INTS))}
    else:
        values = draw(literal_values())
        node = {"enum": values + [None]} if kind == "nullable_enum" else {"enum": values}
        if all(isinstance(v, str) for v in values) and kind == "enum":
            node["type"] = "string"
        if draw(st.booleans()):
            node["default"] = draw(st.sampled_from(values))
    if draw(st.booleans()):
        node["title"] = draw(TEXT)
    return with_description(draw, node)


@st.composite
def object_schema(draw: st.DrawFn, depth: int = 0, max_props: int = 4) -> dict[str, Any]:
    wires = draw(names(max_size=max_props))
    props = {w: draw(property_schema(depth + 1)) for w in wires}
    node: dict[str, Any] = {"type": "object", "properties": props}
    required = [w for w in wires if draw(st.booleans())]
    if required:
        node["required"] = required
    if draw(st.booleans()):
        node["title"] = draw(TEXT)
    return with_description(draw, node)


@st.composite
def property_schema(draw: st.DrawFn, depth: int = 1) -> dict[str, Any]:
    if depth >= 2 or draw(st.integers(0, 5)):
        return draw(scalar_schema())
    if draw(st.booleans()):
        inline = draw(object_schema(depth, max_props=2))
        inline.setdefault("properties", {})[draw(IDENT)] = {"type": "string"}
        return inline
    variants = [draw(object_schema(depth, max_props=2)) for _ in range(2)]
    for variant in variants:
        variant["title"] = draw(NAME)
    return with_description(draw, {"oneOf": variants})


def path_param_ok(name: str) -> bool:
    return bool(name) and not set(name) & set("{}/?#")


def static_segment_ok(name: str) -> bool:
    return bool(name) and not set(name) & set("{}/?#")


@st.composite
def path_template(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A path and its parameter names, e.g. ('/a/{id}/b', ['id'])."""
    params = draw(names(max_size=2, keep=path_param_ok))
    statics = draw(st.lists(st.one_of(IDENT, NAME.filter(static_segment_ok)), min_size=0,
                            max_size=3))
    segments = list(statics)
    for param in params:
        segments.insert(draw(st.integers(0, len(segments))), "{" + param + "}")
    return "/" + "/".join(segments), params


@st.composite
def parameters(draw: st.DrawFn, path_params: list[str]) -> list[dict[str, Any]]:
    out = [with_description(draw, {"name": p, "in": "path", "required": True,
                                   "schema": {"type": "string"}}) for p in path_params]
    for wire in draw(names(max_size=3)):
        node = {"name": wire, "in": "query", "required": draw(st.booleans()),
                "schema": draw(scalar_schema())}
        out.append(with_description(draw, node))
    headers: list[str] = []
    for wire in draw(names(max_size=2, keep=bool)):
        if wire.lower() not in {h.lower() for h in headers}:
            headers.append(wire)
            node = {"name": wire, "in": "header", "schema": draw(scalar_schema())}
            out.append(with_description(draw, node))
    return out


@st.composite
def operation(draw: st.DrawFn, verb: str, path_params: list[str], op_id: str,
              components: list[str]) -> dict[str, Any]:
    node: dict[str, Any] = {"operationId": op_id, "parameters": draw(parameters(path_params))}
    for key in ("summary", "description"):
        if draw(st.booleans()):
            node[key] = draw(TEXT)
    if verb in ("post", "put", "patch") and draw(st.integers(0, 3)):
        if components and draw(st.booleans()):
            schema: dict[str, Any] = {"$ref": component_ref(draw(st.sampled_from(components)))}
        else:
            schema = draw(object_schema())
        node["requestBody"] = {"required": draw(st.booleans()),
                               "content": {"application/json": {"schema": schema}}}
    response: dict[str, Any] = {"description": draw(TEXT)}
    choice = draw(st.integers(0, 3))
    if choice and components:
        ref = {"$ref": component_ref(draw(st.sampled_from(components)))}
        response["content"] = {"application/json": {"schema": ref}}
    elif choice:
        response["content"] = {"application/json": {"schema": draw(object_schema())}}
    header_names = draw(names(max_size=2, keep=bool))
    if header_names:
        response["headers"] = {h: {"description": draw(TEXT), "schema": {"type": "string"}}
                               for h in header_names}
    node["responses"] = {"200" if "content" in response else "204": response}
    return node


def _template_key(path: str) -> str:
    return re.sub(r"\{[^{}]*\}", "{}", path)


@st.composite
def paths(draw: st.DrawFn, components: list[str]) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {}
    templates: dict[str, str] = {}
    op_ids = draw(names(min_size=3, max_size=3, keep=bool))
    for op_id in op_ids[: draw(st.integers(1, 3))]:
        path, params = draw(path_template())
        path = templates.setdefault(_template_key(path), path)
        params = re.findall(r"\{([^{}]*)\}", path)
        item = out.setdefault(path, {})
        free = [v for v in ("get", "post", "put", "patch", "delete") if v not in item]
        if free:
            verb = draw(st.sampled_from(free))
            item[verb] = draw(operation(verb, params, op_id, components))
    return out


@st.composite
def servers(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str]:
    """Servers, and the base URL codegen must make of the first one."""
    parts = draw(st.lists(st.one_of(TEXT, st.just("{var0}"), st.just("{var1}")), min_size=1,
                          max_size=4))
    variables = {f"var{i}": {"default": draw(TEXT), "description": draw(TEXT)}
                 for i in range(2) if draw(st.booleans())}
    url = "".join(parts)
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
    components = draw(names(max_size=3))
    schemas = {c: draw(object_schema()) for c in components}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": draw(TEXT), "version": draw(TEXT), "description": draw(TEXT)},
        "paths": draw(paths(components)),
        "components": {"schemas": schemas},
    }
    base_url = None
    if draw(st.booleans()):
        doc["servers"], base_url = draw(servers())
    if draw(st.booleans()):
        where = draw(st.sampled_from(["header", "query"]))
        doc["components"]["securitySchemes"] = {draw(NAME): {
            "type": "apiKey", "in": where, "name": draw(NAME.filter(bool)),
            "description": draw(TEXT)}}
    return Case(doc, base_url)


# ---- generation and the static checks -------------------------------------------------------

def generate(doc: dict[str, Any], tmp: Path) -> Generated | None:
    """Generated files, or None when codegen refused the document in the one accepted way."""
    spec = tmp / "spec.json"
    spec.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    config = with_package(Config(), PACKAGE)
    try:
        gen = generate_files(str(spec), config)
    except FatalError as exc:
        detail = explain_fatal(str(spec), config)
        fail("generate", f"FatalError on a valid document: {exc}{detail}")
    except Exception as exc:  # noqa: BLE001 - any exception is the finding
        fail("generate", f"{type(exc).__name__}: {exc}")
    errors = [d for d in gen.diagnostics if d.severity is Severity.ERROR]
    if errors:
        if all(ACCEPTED_REFUSAL.match(d.message) for d in errors):
            event("refused: two schemas become one class name")
            return None
        fail("generate", "error diagnostics on a valid document: " +
             "; ".join(f"{d.pointer}: {d.message}" for d in errors))
    return gen


def explain_fatal(spec: str, config: Config) -> str:
    """When formatting failed, the compile error of the unformatted source that caused it."""
    try:
        raw = generate_files(spec, config, formatted=False)
    except Exception:  # noqa: BLE001 - only an explanation
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
    for path in sorted(files):
        if not path.endswith(".py") or path.startswith("tests/"):
            continue
        module = ".".join(PurePosixPath(path).with_suffix("").parts)
        module = PACKAGE + "." + module.removesuffix("__init__").rstrip(".")
        try:
            importlib.import_module(module.rstrip("."))
        except Exception as exc:  # noqa: BLE001 - any exception is the finding
            fail("import", f"{module}: {type(exc).__name__}: {exc}")
    types = importlib.import_module(PACKAGE + ".types")
    for name in types.__all__:
        try:
            getattr(types, name)
        except Exception as exc:  # noqa: BLE001
            fail("import", f"{PACKAGE}.types.{name}: {type(exc).__name__}: {exc}")


# ---- round-trip and collision checks ---------------------------------------------------------

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
             if (info.alias or name) == wire]
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


def check_model(gen: Generated, files: dict[str, str], name: str, schema: dict[str, Any]
                ) -> None:
    assert gen.names is not None
    key = component_key(name)
    module_name = gen.names.modules[gen.names.roots[key]]
    class_name = gen.names.classes[key]
    module = importlib.import_module(f"{PACKAGE}.types.{module_name}")
    model = getattr(module, class_name)
    props = schema.get("properties", {})
    if len(model.model_fields) != len(props):
        fail("collision", f"schema {name!r}: {len(props)} properties {sorted(props)} but "
             f"{class_name} has fields {sorted(model.model_fields)}")
    check_words(f"schema {name!r} docstring", schema.get("description", ""), model.__doc__)
    docs = attribute_docs(files[f"types/{module_name}.py"], class_name)
    for wire, node in props.items():
        field_name, info = field_for(model, wire)
        values = expected_literals(node)
        if values is not None and typed(literal_args(info.annotation)) != typed(values):
            fail("round-trip", f"{class_name}.{field_name} ({wire!r}): Literal args "
                 f"{literal_args(info.annotation)!r} != {values!r}")
        check_words(f"{class_name}.{field_name}", node.get("description", ""),
                    docs.get(field_name))


def check_models(case: Case, gen: Generated, files: dict[str, str]) -> None:
    assert gen.names is not None and gen.api is not None
    schemas = case.doc["components"]["schemas"]
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
        check_model(gen, files, name, schema)


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
        name = next(n for n in doc["components"]["schemas"] if component_ref(n) == schema["$ref"])
        return doc["components"]["schemas"][name]  # type: ignore[no-any-return]
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
    kw = gen.names.kwargs
    call = Call({}, {}, {}, MISSING, {})
    for i, p in enumerate(op.params("path")):
        call.path_values[p["name"]] = f"v{i}"
        call.kwargs[kw[(op.key, "path", p["name"])]] = f"v{i}"
    for p in op.params("query"):
        value = sample(p["schema"])
        call.query[p["name"]] = str(value)
        call.kwargs[kw[(op.key, "query", p["name"])]] = value
    for p in op.params("header"):
        if TOKEN.match(p["name"]) and p["name"].lower() not in MANAGED_HEADERS:
            call.headers[p["name"]] = "h"
            call.kwargs[kw[(op.key, "header", p["name"])]] = "h"
    schema = body_schema(case.doc, op)
    if schema is not None:
        call.body = sample(schema)
        if body_is_flattened(case.doc, op):
            for wire, value in call.body.items():
                call.kwargs[kw[(op.key, "body", wire)]] = value
        else:
            call.kwargs[kw[(op.key, "body", "body")]] = call.body
    return call


def response_payload(case: Case, op: Op) -> Any:
    response = next(iter(op.node["responses"].values()))
    if "content" not in response:
        return None
    return sample(resolve(case.doc, response["content"]["application/json"]["schema"]))


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
                      http_client=httpx.Client(transport=transport))


def resource_of(gen: Generated, client: Any, op: Op) -> Any:
    assert gen.api is not None and gen.names is not None
    ir = next(o for o in gen.api.operations if o.key == op.key)
    target = client
    for depth in range(1, len(ir.resource) + 1):
        names = gen.names.resources[ir.resource[:depth]]
        target = getattr(target, names.attr, None)
        if type(target).__name__ != names.sync_class:
            fail("collision", f"client.{'.'.join(ir.resource[:depth])} (attribute "
                 f"{names.attr!r}) is {type(target).__name__}, not {names.sync_class}")
    method = getattr(target, gen.names.methods[op.key], None)
    if getattr(method, "__self__", None) is not target or not callable(method):
        fail("collision", f"{gen.names.methods[op.key]!r} of {type(target).__name__} for "
             f"{op.verb} {op.path!r} is {method!r}, not the operation's method")
    return method


def check_signature(gen: Generated, op: Op, method: Any) -> None:
    assert gen.names is not None
    import inspect

    expected = {v for k, v in gen.names.kwargs.items() if k[0] == op.key}
    got = set(inspect.signature(method).parameters) - {"extra_headers", "extra_query",
                                                       "extra_body", "timeout"}
    wires = {k for k in gen.names.kwargs if k[0] == op.key}
    if got != expected or len(expected) != len(wires):
        fail("collision", f"{op.verb} {op.path!r}: arguments {sorted(got)} for "
             f"{len(wires)} parameters {sorted(w[1:] for w in wires)}")


def check_call(case: Case, gen: Generated, pkg: ModuleType, op: Op) -> None:
    seen: list[httpx.Request] = []
    payload = response_payload(case, op)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if payload is None:
            return httpx.Response(204)
        return httpx.Response(200, json=payload)

    client = client_for(pkg, handler)
    method = resource_of(gen, client, op)
    check_signature(gen, op, method)
    call = plan_call(case, gen, op)
    try:
        result = method(**call.kwargs)
    except Exception as exc:  # noqa: BLE001 - any exception is the finding
        fail("round-trip", f"{op.verb} {op.path!r}({call.kwargs!r}): {type(exc).__name__}: "
             f"{exc}")
    request = seen[-1]
    check_request(case, op, call, request)
    got = None if result is None else result.to_dict(mode="json")
    if got != payload:
        fail("round-trip", f"{op.verb} {op.path!r}: response {payload!r} parsed to {got!r}")


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
        if sent != call.body:
            fail("round-trip", f"{where}: body {call.body!r} sent as {sent!r}")


def auth_name(case: Case) -> str | None:
    schemes = case.doc["components"].get("securitySchemes") or {}
    for scheme in schemes.values():
        return scheme["name"]  # type: ignore[no-any-return]
    return None


def check_client_constants(case: Case, pkg: ModuleType) -> None:
    client_module = importlib.import_module(PACKAGE + "._client")
    if case.base_url is not None and client_module.DEFAULT_BASE_URL != case.base_url:
        fail("round-trip", f"DEFAULT_BASE_URL {client_module.DEFAULT_BASE_URL!r} != "
             f"{case.base_url!r}")
    schemes = case.doc["components"].get("securitySchemes") or {}
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
    ir = next(o for o in gen.api.operations if o.key == op.key)
    dotted = ".".join(gen.names.resources[ir.resource[:i]].attr
                      for i in range(1, len(ir.resource) + 1))
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
        arg = gen.names.kwargs[(op.key, "body", wire)]
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
            check_models(case, gen, files)
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
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.filter_too_much, HealthCheck.large_base_example])
@given(documents())
def test_spec_text_never_changes_generated_code(case: Case) -> None:
    note(json.dumps(case.doc, ensure_ascii=True))
    check_document(case)
