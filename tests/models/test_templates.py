"""User templates (`templates: DIR`, `--templates DIR`): a file there replaces the built-in
template of the same path; a name that replaces nothing is an error; `check` compares with
them, so an edited template is drift; docs/templates.md is what the code says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from codegen.config import Config, with_package
from codegen.fingerprint import inputs_digest
from codegen.render.environment import templates_dir
from codegen.render.template_docs import PAGE, render_page, template_variables
from tests.helpers import ROOT, run_codegen

SPEC = str(ROOT / "spec" / "openapi.yaml")
MARK = "# a line from the project's own template"


def _override(folder: Path, extra: str = "") -> Path:
    target = folder / "types" / "init.py.j2"
    target.parent.mkdir(parents=True, exist_ok=True)
    builtin = (templates_dir() / "types" / "init.py.j2").read_text(encoding="utf-8")
    target.write_text(builtin + MARK + extra + "\n", encoding="utf-8")
    return target


def test_a_template_replaces_the_builtin_one_of_its_path(tmp_path: Path) -> None:
    _override(tmp_path / "tpl")
    out = tmp_path / "out"
    proc = run_codegen("generate", "--templates", str(tmp_path / "tpl"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    package = out / "openai_realtime"
    assert (package / "types" / "__init__.py").read_text(encoding="utf-8").endswith(MARK + "\n")
    assert MARK not in (package / "__init__.py").read_text(encoding="utf-8")


def test_check_sees_an_edited_template_as_drift(tmp_path: Path) -> None:
    template = _override(tmp_path / "tpl")
    out = tmp_path / "out"
    args = ("--templates", str(tmp_path / "tpl"), "--out", str(out))
    assert run_codegen("generate", *args).returncode == 0
    assert run_codegen("check", *args).returncode == 0
    template.write_text(template.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    proc = run_codegen("check", *args)
    assert proc.returncode == 1 and "+# edited" in proc.stdout
    assert run_codegen("check", "--out", str(out)).returncode == 1  # without the templates


def test_the_inputs_digest_covers_the_templates(tmp_path: Path) -> None:
    template = _override(tmp_path / "tpl")
    config = replace(with_package(Config(), "x"), templates=str(tmp_path / "tpl"))
    before = inputs_digest(SPEC, config)
    template.write_text("{{ header }}\n", encoding="utf-8")
    assert inputs_digest(SPEC, config) != before
    assert inputs_digest(SPEC, replace(config, templates="")) != before


def test_a_template_that_replaces_nothing_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "tpl" / "types").mkdir(parents=True)
    (tmp_path / "tpl" / "types" / "modul.py.j2").write_text("x", encoding="utf-8")
    proc = run_codegen("generate", "--templates", str(tmp_path / "tpl"), "--out",
                       str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "types/modul.py.j2" in proc.stderr and "replaces no built-in template" in proc.stderr
    assert not (tmp_path / "out").exists()
    proc = run_codegen("generate", "--templates", str(tmp_path / "nowhere"), "--out",
                       str(tmp_path / "out"))
    assert proc.returncode == 1 and "is not a folder" in proc.stderr


def test_templates_key_is_relative_to_the_config_file(tmp_path: Path) -> None:
    _override(tmp_path / "conf" / "tpl")
    config = tmp_path / "conf" / "codegen.yaml"
    config.write_text("package: {name: rel}\ntemplates: tpl\n", encoding="utf-8")
    proc = run_codegen("generate", SPEC, "--config", str(config), "--out", str(tmp_path / "o"))
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "o" / "rel" / "types" / "__init__.py").read_text(encoding="utf-8")
    assert text.endswith(MARK + "\n")


def test_the_templates_page_is_what_the_code_says() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_page(), \
        "docs/templates.md is stale: python -m codegen.render.template_docs"
    assert "UNDESCRIBED" not in render_page(), \
        "a template reads a variable codegen/render/template_docs.py does not describe"
    assert len(template_variables()) >= 15
