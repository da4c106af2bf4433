"""The reserved-name tables hold what the generated code really uses: an argument, resource or
class name taken from the spec must never shadow a name the templates or the runtime define."""

from __future__ import annotations

import ast
from pathlib import Path

from codegen.naming.reserved import RESERVED_CLASS_BODY, RESERVED_CLIENT, RESERVED_KWARGS
from tests.golden.cases import HERE, config_for
from tests.helpers import imported, write_package

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _module_names(tree: ast.Module) -> set[str]:
    """Names a module imports at its top level (its own classes are named apart already)."""
    out: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
    return out


def _type_imports(tree: ast.Module) -> set[str]:
    """Types imported from the package's types/: the renderer aliases them around arguments."""
    return {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and ".types" in ("." * node.level + (node.module or "")) for a in node.names}


def test_method_bodies_use_only_reserved_module_names() -> None:
    checked = 0
    for path in sorted(GOLDEN.glob("*/expected/resources/**/*.py")):
        tree = ast.parse(path.read_text())
        module = _module_names(tree) - _type_imports(tree)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for method in cls.body:
                if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                args = {a.arg for a in method.args.args + method.args.kwonlyargs}
                if "extra_headers" not in args:
                    continue  # not an API method: its arguments do not come from the spec
                # the body only: annotations and defaults are evaluated in the class's scope
                used = {n.id for stmt in method.body for n in ast.walk(stmt)
                        if isinstance(n, ast.Name)}
                for name in (used & module) - args:
                    checked += 1
                    assert name in RESERVED_KWARGS | RESERVED_CLASS_BODY, (
                        f"{path}: {cls.name}.{method.name} uses {name}, which an argument "
                        "could shadow: add it to RESERVED_KWARGS")
    assert checked > 50


def test_the_client_attributes_are_reserved(tmp_path: Path) -> None:
    from codegen.pipeline import generate_files

    config = config_for("kitchen_sink")
    files = generate_files(str(HERE / "kitchen_sink" / "spec.yaml"), config).files
    write_package(files, tmp_path, config.package.name)
    with imported(tmp_path, config.package.name) as package:
        for cls in (package.Sink, package.AsyncSink):
            client = cls(api_key="k", base_url="http://127.0.0.1:9")
            public = {n for n in dir(client) if not n.startswith("_")}
            resources = {"projects"}
            assert public - resources <= RESERVED_CLIENT, public - resources - RESERVED_CLIENT
