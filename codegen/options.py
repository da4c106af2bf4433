"""The output options that the command line shares with the config: `--models-only`
(`output: models`), `--input-type` (`input:`), `--templates DIR` (`templates:`) and `--format`
(`format:`). A flag given on the command line wins over the config's key.

User templates: every file under the folder replaces the built-in template of the same relative
path; a file that matches no built-in template is an error (a misspelt name would otherwise be
ignored without a word). Their bytes are part of the inputs digest, so `check` sees an edited
template as drift.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import replace
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, FatalError, Severity

FORMATTERS = ("ruff", "black", "none")
INPUT_TYPES = ("auto", "openapi", "jsonschema")


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--models-only", action="store_true",
                        help="write only the models (types/ and the base they need): a package "
                        "that depends on pydantic and typing_extensions, no httpx")
    parser.add_argument("--input-type", choices=INPUT_TYPES,
                        help="what SPEC is (default: told from its content)")
    parser.add_argument("--templates", metavar="DIR",
                        help="templates that replace the built-in ones of the same relative path")
    parser.add_argument("--format", choices=FORMATTERS, dest="formatter",
                        help="formatter of the generated code (default: ruff)")


def with_options(config: Config, args: argparse.Namespace) -> Config:
    """The config with the command line's output options applied over it, checked."""
    if getattr(args, "models_only", False):
        config = replace(config, output="models")
    if getattr(args, "input_type", None):
        config = replace(config, input=args.input_type)
    if getattr(args, "templates", None):
        config = replace(config, templates=args.templates)
    if getattr(args, "formatter", None):
        config = replace(config, format=args.formatter)
    if config.templates:
        template_overrides(config.templates)  # fails early on a bad folder or name
    return config


def _problem(message: str, hint: str) -> FatalError:
    return FatalError(Diagnostic("", Severity.ERROR, message, hint))


def template_overrides(folder: str) -> dict[str, Path]:
    """{relative template path: file} of the user's templates; FatalError when the folder is
    missing or a file replaces no built-in template."""
    from .render.environment import templates_dir

    root = Path(folder)
    if not root.is_dir():
        raise _problem(f"templates: {folder} is not a folder",
                       "give the folder that holds your replacement templates")
    builtin = templates_dir()
    found = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}
    unknown = [name for name in found if not (builtin / name).is_file()]
    if unknown:
        raise _problem(f"templates: {', '.join(unknown)} in {folder} replaces no built-in "
                       "template", "name it after one of codegen's templates (docs/templates.md "
                       "lists them)")
    return found


def templates_digest(folder: str) -> str:
    """The user's templates, names and bytes, as one hash ("" without a folder)."""
    if not folder:
        return ""
    digest = hashlib.sha256()
    for name, path in template_overrides(folder).items():
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def formatter_version(name: str) -> str:
    """black's version when black formats (ruff's is part of the generator digest)."""
    if name != "black":
        return name
    from importlib.metadata import PackageNotFoundError, version

    try:
        return "black " + version("black")
    except PackageNotFoundError:
        return "black missing"  # the run itself says how to install it
