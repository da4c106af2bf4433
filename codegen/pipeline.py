"""The stages in their one direction: load -> build -> naming -> render -> format."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .builder import build
from .builder.pagination import paginate
from .builder.streams import select_streams
from .config import Config, with_package, with_strict
from .diagnostics import Diagnostic, Diagnostics, FatalError, Severity
from .format import formatting
from .ir import Api
from .jsonschema import load_input, original_places
from .naming import Names, name_api
from .render import render
from .render.runtime import runtime_sources

if TYPE_CHECKING:
    from .diff.saved import Saved

DEFAULT_SPEC = "spec/openapi.yaml"
DEFAULT_CONFIG = "spec/codegen.yaml"
DEFAULT_OUT = "generated"


@dataclass(frozen=True)
class Generated:
    api: Api | None
    names: Names | None
    config: Config
    files: dict[str, str]
    diagnostics: list[Diagnostic]
    saved: Saved | None = None  # the surface the package saves (None when nothing is made)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def load_config(path: str | None, package: str | None, spec: str,
                required: bool = True, strict: bool = False) -> Config:
    """--config FILE (a codegen.yaml or a pyproject.toml), else the [tool.codegen] table of
    ./pyproject.toml, else spec/codegen.yaml for the default spec. `required`: a package name
    must be known (diff does not need one); `strict`: --strict, over the config's `strict`."""
    from .project import project, read_config

    if path is None:
        found = project()
        default = Path(DEFAULT_CONFIG)
        if found is not None:
            path = found.path
        elif spec == DEFAULT_SPEC and default.exists():
            path = str(default)
    config = read_config(path) if path is not None else Config()
    config = with_strict(with_package(config, package), strict)
    if required and not config.package.name:
        raise FatalError(Diagnostic("", Severity.ERROR, "no package name",
                                    "pass --package NAME or set package.name in the config"))
    return config


@dataclass(frozen=True)
class Analysed:
    api: Api
    names: Names
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def analyse(spec: str, config: Config) -> Analysed:
    """load -> build -> naming: everything `validate` reports, nothing rendered."""
    diagnostics = Diagnostics()
    document, bundle = load_input(spec, config.input, diagnostics)
    api = build(document, diagnostics)
    api = select_streams(api, config.streaming, diagnostics)
    api = paginate(api, config.pagination, diagnostics)
    names = name_api(api, config, diagnostics)
    found = diagnostics.sorted()
    found = original_places(found, bundle) if bundle else found
    return Analysed(api, names, strictly(found) if config.strict else found)


def strictly(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Strict mode: every warning is an error, and says why it is one."""
    return [replace(d, severity=Severity.ERROR, message=f"{d.message} (strict: warnings are "
                    "errors)") if d.severity is Severity.WARNING else d for d in diagnostics]


def generate_files(spec: str, config: Config, formatted: bool = True) -> Generated:
    """Everything up to the files' text, in memory. Never writes."""
    analysed = analyse(spec, config)
    api, names, diagnostics = analysed.api, analysed.names, analysed.diagnostics
    if not analysed.ok:
        return Generated(api, names, config, {}, diagnostics)
    from .diff.saved import saved_surface  # here: codegen.diff builds on this module

    files = render(api, names, config)
    package = config.package.name
    if not formatted:
        return Generated(api, names, config, files, diagnostics,
                         saved_surface(api, names, package))
    with formatting(files, config.format, own=runtime_sources()) as done:
        saved = saved_surface(api, names, package)  # on this core while the formatter runs
    return Generated(api, names, config, done, diagnostics, saved)
