"""The runtime's sources (codegen/runtime/) as the generator sees them: each reaches every
package under the generated header, and a change to one invalidates the fingerprint that
`codegen check` compares."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from codegen.render.environment import templates_dir
from codegen.render.runtime import RUNTIME_DIR, runtime_file_names, runtime_sources
from tests.helpers import ROOT

from .conftest import generated_files


def test_every_runtime_source_reaches_the_package() -> None:
    sources = {path.name for path in RUNTIME_DIR.glob("*.py")} - {"__init__.py"}
    assert set(runtime_sources()) == sources
    files = generated_files("rt_bearer", "bearer", True)
    assert runtime_file_names() <= set(files)
    header = files["_client.py"].split('"""', 1)[0]
    for name, source in runtime_sources().items():
        # the same code, laid out by the formatter at the generated code's line length
        assert files[name].startswith(header), name
        assert ast.dump(ast.parse(files[name])) == ast.dump(ast.parse(source)), name
    assert files["_constants.py"].startswith(header)


def _digest(checkout: Path) -> str:
    code = "from codegen.fingerprint import generator_digest; print(generator_digest())"
    result = subprocess.run([sys.executable, "-c", code], cwd=checkout, capture_output=True,
                            text=True, check=True, env={"PYTHONPATH": str(checkout)})
    return result.stdout.strip()


def test_fingerprint_sees_runtime_sources_and_templates(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "codegen", checkout / "codegen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(templates_dir(), checkout / "templates")
    before = _digest(checkout)
    assert before == _digest(checkout)
    runtime = checkout / "codegen" / "runtime" / "_models.py"
    runtime.write_text(runtime.read_text() + "\n# changed\n")
    after_runtime = _digest(checkout)
    assert after_runtime != before
    template = checkout / "templates" / "runtime" / "_constants.py.j2"
    template.write_text(template.read_text() + "\n")
    assert _digest(checkout) != after_runtime
