"""Shapes of real specs that once broke the generator or the package it wrote, each as a small
spec in specs/: the package generates, every module imports, every model builds (in a fresh
interpreter, by tests/corpus/import_check.py, the check the directory sweep runs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.config import Config, with_package
from codegen.diagnostics import Severity
from codegen.pipeline import generate_files
from tests.helpers import write_package

SPECS = Path(__file__).with_name("specs")
IMPORT_CHECK = Path(__file__).parents[1] / "corpus" / "import_check.py"


def _generate(spec: str, root: Path) -> list[str]:
    """Writes the package of specs/<spec> below root; returns its warnings."""
    package = spec.removesuffix(".yaml")
    result = generate_files(str(SPECS / spec), with_package(Config(), package))
    assert result.ok, [d.render() for d in result.diagnostics]
    write_package(result.files, root, package)
    return [d.render() for d in result.diagnostics if d.severity is Severity.WARNING]


def _import_report(root: Path, package: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, str(IMPORT_CHECK), str(root), package],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("spec", ["allof_base_in_cycle.yaml", "alias_in_cycle.yaml",
                                  "twin_base.yaml", "type_is_a_schema.yaml",
                                  "webhook_extension.yaml"])
def test_every_module_imports_and_every_model_builds(spec: str, tmp_path: Path) -> None:
    _generate(spec, tmp_path)
    report = _import_report(tmp_path, spec.removesuffix(".yaml"))
    errors = report["errors"]
    assert not errors, "\n".join(e["traceback"] for e in errors)  # type: ignore[attr-defined]
    assert report["models"], report


def test_a_base_class_is_defined_above_its_subclasses(tmp_path: Path) -> None:
    _generate("allof_base_in_cycle.yaml", tmp_path)
    modules = (tmp_path / "allof_base_in_cycle" / "types").glob("*.py")
    lines = [ln for p in modules for ln in p.read_text().splitlines() if ln.startswith("class ")]
    assert "class MediaObject(CreativeWork):" in lines
    assert not [ln for ln in lines if '("' in ln], lines  # no base is a forward reference


def test_a_request_twin_extends_the_twin_of_its_base(tmp_path: Path) -> None:
    _generate("twin_base.yaml", tmp_path)
    twin = tmp_path / "twin_base" / "types" / "location_param.py"
    assert "class LocationParam(BaseMessageParam, total=False):" in twin.read_text()


def test_a_type_that_is_a_schema_is_a_warning_at_its_pointer(tmp_path: Path) -> None:
    warnings = _generate("type_is_a_schema.yaml", tmp_path)
    assert any("`type` must be a string or a list of strings, got an object" in w
               and "at #/components/schemas/Item/definitions/itemType/type" in w
               for w in warnings), warnings


def test_an_extension_beside_the_webhooks_is_no_webhook(tmp_path: Path) -> None:
    assert _generate("webhook_extension.yaml", tmp_path) == []
    event = (tmp_path / "webhook_extension" / "types" / "webhook_event.py").read_text()
    assert "WebhookEvent: TypeAlias = Employee" in event
