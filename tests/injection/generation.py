"""Generating a document's package, checking its files before they are written (paths, syntax),
then writing and importing every module and building every model."""

from __future__ import annotations

import importlib
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import pydantic

from codegen.config import Config, with_package
from codegen.diagnostics import FatalError, Severity
from codegen.pipeline import Generated, generate_files
from tests.helpers import module_names

from .expectations import fail

PACKAGE = "injpkg"
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})


def generate(doc: dict[str, Any], tmp: Path) -> Generated:
    """Generated files; any error on a valid document is a finding (schema names that become
    one class are settled with a warning, not refused)."""
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



def import_everything(root: Path) -> None:
    """Every module imports and every model builds, without a warning (pydantic warns, for
    example, when a field shadows an attribute of BaseModel)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        import_modules(root)
    for warning in caught:
        if PACKAGE in str(warning.filename) or "pydantic" in str(warning.filename):
            fail("import", f"warning {warning.category.__name__}: {warning.message}")


def import_modules(root: Path) -> None:
    """Every module but the generated tests (they need a mock server), then every public type
    through the lazy `types` package."""
    for module in module_names(root, PACKAGE):
        if module.startswith(f"{PACKAGE}.tests"):
            continue
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
