"""`readme: {guides: [...]}` in the config (codegen/config.py): Markdown files, relative to the
config file, read with it, included verbatim in the package's README.md and covered by the
inputs' fingerprint; each mistake in the key gets a diagnostic pointing at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.config import Config, parse_config
from codegen.diagnostics import FatalError
from codegen.fingerprint import inputs_digest
from codegen.pipeline import generate_files

SPEC = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
"""
GUIDE = "## Flow: list the things\n\n```python\nprint(client.things.list())\n```\n"


def _config_file(tmp_path: Path) -> str:
    path = tmp_path / "conf" / "codegen.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("package: {name: things}\n")
    return str(path)


def _parse(path: str, guides: list[str]) -> Config:
    return parse_config({"package": {"name": "things"}, "readme": {"guides": guides}}, path)


def _messages(exc: pytest.ExceptionInfo[FatalError]) -> list[tuple[str, str]]:
    return [(d.pointer, d.message) for d in exc.value.diagnostics]


def test_guides_are_read_relative_to_the_config_file_in_their_order(tmp_path: Path) -> None:
    path = _config_file(tmp_path)
    (tmp_path / "conf" / "guides").mkdir()
    (tmp_path / "conf" / "guides" / "b.md").write_text("\n\n## B\n\ntext b\n\n\n")
    (tmp_path / "conf" / "a.md").write_text("## A\n")
    config = parse_config({"readme": {"guides": ["guides/b.md", "a.md"]}}, path)
    assert config.readme.guides == ["guides/b.md", "a.md"]
    assert config.readme.texts == ("## B\n\ntext b\n", "## A\n")


def test_a_missing_guide_is_an_error_at_its_index(tmp_path: Path) -> None:
    path = _config_file(tmp_path)
    (tmp_path / "conf" / "here.md").write_text("## Here\n")
    with pytest.raises(FatalError) as exc:
        _parse(path, ["here.md", "gone.md"])
    [(pointer, message)] = _messages(exc)
    assert pointer == "#/readme/guides/1"
    assert message == "config: cannot read guide 'gone.md': No such file or directory"
    assert exc.value.diagnostics[0].file == path


def test_a_guide_that_is_not_markdown_is_an_error(tmp_path: Path) -> None:
    path = _config_file(tmp_path)
    (tmp_path / "conf" / "notes.txt").write_text("text\n")
    with pytest.raises(FatalError) as exc:
        _parse(path, ["notes.txt"])
    assert _messages(exc) == [
        ("#/readme/guides/0", "config: guide 'notes.txt' must be a Markdown file (.md)")]


@pytest.mark.parametrize("readme, pointer, fragment", [
    ({"guides": "flows.md"}, "#/readme/guides", "valid list"),
    ({"guide": ["flows.md"]}, "#/readme/guide", "unknown key 'guide'"),
    ({"texts": ["## injected"]}, "#/readme/texts", "unknown key 'texts'"),
])
def test_malformed_readme_keys_are_errors(tmp_path: Path, readme: dict[str, object],
                                          pointer: str, fragment: str) -> None:
    with pytest.raises(FatalError) as exc:
        parse_config({"readme": readme}, _config_file(tmp_path))
    [(at, message)] = _messages(exc)
    assert at == pointer and fragment in message


def test_the_readme_holds_each_guide_verbatim_after_async_usage(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    path = _config_file(tmp_path)
    (tmp_path / "conf" / "flow.md").write_text(GUIDE)
    readme = generate_files(str(spec), _parse(path, ["flow.md"]),
                            formatted=False).files["README.md"]
    assert GUIDE in readme
    assert readme.index("## Async usage") < readme.index(GUIDE) < readme.index(
        "## Request parameters")
    without = generate_files(str(spec), parse_config({"package": {"name": "things"}}, path),
                             formatted=False).files["README.md"]
    assert "## Flow: list the things" not in without


def test_editing_a_guide_changes_the_inputs_fingerprint(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    path = _config_file(tmp_path)
    guide = tmp_path / "conf" / "flow.md"
    guide.write_text(GUIDE)
    before = inputs_digest(str(spec), _parse(path, ["flow.md"]))
    assert inputs_digest(str(spec), _parse(path, ["flow.md"])) == before
    guide.write_text(GUIDE.replace("list the things", "list every thing"))
    assert inputs_digest(str(spec), _parse(path, ["flow.md"])) != before
