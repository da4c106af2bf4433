"""Starting and keeping a project: `codegen init` writes a codegen.yaml that changes nothing
until edited, and the configuration can live in pyproject.toml under [tool.codegen]."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.pipeline import generate_files, load_config
from codegen.project import read_config
from tests.diff.cases import run
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("case", ["operations", "inline_names", "kitchen_sink", "pagination",
                                  "streams", "webhooks"])
def test_init_config_generates_the_same_package_byte_for_byte(tmp_path: Path,
                                                              case: str) -> None:
    spec = str(GOLDEN / case / "spec.yaml")
    code, _, err = run(tmp_path, "init", spec, "--package", "starter")
    assert code == 0, err
    written = tmp_path / "codegen.yaml"
    text = written.read_text(encoding="utf-8")
    assert "package:\n  name: starter" in text
    without = generate_files(spec, load_config(None, "starter", spec), formatted=False)
    with_it = generate_files(spec, read_config(str(written)), formatted=False)
    assert without.ok and with_it.ok
    assert with_it.files == without.files
    assert [d.render() for d in with_it.diagnostics] == [d.render() for d in without.diagnostics]


def test_init_lists_resources_methods_and_models_and_never_overwrites(tmp_path: Path) -> None:
    spec = str(GOLDEN / "operations" / "spec.yaml")
    assert run(tmp_path, "init", spec)[0] == 0
    text = (tmp_path / "codegen.yaml").read_text(encoding="utf-8")
    assert "  name: spec\n" in text, "the package is named after the spec's file"
    assert '      list: "get /files"  # List files. (types: FileListParams, FileListResponse)' \
        in text
    assert "models:  # component schema -> class name\n  File: File\n" in text
    code, _, err = run(tmp_path, "init", spec)
    assert code == 2 and "--force" in err
    assert run(tmp_path, "init", spec, "--force", "--package", "other")[0] == 0
    assert "  name: other\n" in (tmp_path / "codegen.yaml").read_text(encoding="utf-8")


def _project(tmp_path: Path, table: str) -> Path:
    spec = tmp_path / "api" / "openapi.yaml"
    spec.parent.mkdir()
    spec.write_text((GOLDEN / "operations" / "spec.yaml").read_text(encoding="utf-8"))
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'app'\n\n{table}",
                                             encoding="utf-8")
    return tmp_path


def test_pyproject_table_configures_generate_and_check(tmp_path: Path) -> None:
    folder = _project(tmp_path, '[tool.codegen]\nspec = "api/openapi.yaml"\nout = "build"\n'
                      '[tool.codegen.package]\nname = "files_api"\n'
                      '[tool.codegen.client]\nname = "Files"\n')
    code, _, err = run(folder, "generate")
    assert code == 0, err
    client = (folder / "build" / "files_api" / "_client.py").read_text(encoding="utf-8")
    assert "class Files(" in client and "class AsyncFiles(" in client
    assert run(folder, "check")[0] == 0
    same = run(folder, "generate", "--config", "pyproject.toml", "api/openapi.yaml",
               "--out", "build")
    assert same[0] == 0, same[2]


@pytest.mark.parametrize(("table", "message", "pointer"), [
    ('[tool.codegen.package]\nname = "Bad-Name"\n', "must be a lowercase Python module name",
     "#/tool/codegen/package/name"),
    ('[tool.codegen]\npackages = 1\n', "config: unknown key 'packages'",
     "#/tool/codegen/packages"),
    ('[tool.codegen.resources.files.methods]\nlist = "get /nowhere"\n'
     '[tool.codegen.package]\nname = "x"\n', "which is not an operation of the spec",
     "#/tool/codegen/resources/files/methods/list"),
    ('[tool.codegen]\nspec = 3\n', "'spec' must be a path", "#/tool/codegen/spec"),
])
def test_pyproject_problems_name_the_file_and_the_key(tmp_path: Path, table: str, message: str,
                                                      pointer: str) -> None:
    folder = _project(tmp_path, table)
    code, _, err = run(folder, "generate", "api/openapi.yaml", "--out", "build")
    assert code == 1
    assert "pyproject.toml" in err and message in err and f"at {pointer}" in err, err
    assert "Traceback" not in err
