"""The command line: generate, check, diff, init, extract, validate. Exit codes: 0 ok, 1 spec
errors or drift (diff: changes), 2 usage errors. Problems are printed as diagnostics, never
as tracebacks."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, FatalError, Severity
from .diff.command import add_parser as add_diff_parser
from .diff.report import summary
from .diff.saved import changes_since, previous
from .fingerprint import inputs_digest
from .load import with_positions
from .options import add_output_options, with_options
from .pipeline import DEFAULT_OUT, DEFAULT_SPEC, analyse, generate_files, load_config
from .project import in_table, is_pyproject, project

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
POSITIONS_MAX_BYTES = 1024 * 1024  # finding line numbers re-parses the file (~0.5 s/MB)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="codegen", description="OpenAPI 3.0/3.1 -> typed Python SDK package.")
    parser.add_argument("--version", action="version", version=f"codegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, text in (("generate", "write the package (atomically) into OUT/PACKAGE"),
                       ("check", "compare the package on disk with a fresh generation; exit 1 "
                        "and print a diff on drift; never writes")):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("spec", nargs="?", help="OpenAPI document, YAML or JSON (default: "
                         f"[tool.codegen] spec in ./pyproject.toml, else {DEFAULT_SPEC})")
        sub.add_argument("--config", help="codegen.yaml or pyproject.toml (default: "
                         "./pyproject.toml's [tool.codegen], else spec/codegen.yaml for the "
                         "default spec, else none)")
        sub.add_argument("--out", help="output folder (default: [tool.codegen] out, else "
                         f"{DEFAULT_OUT})")
        sub.add_argument("--package", help="package name (overrides the config)")
        sub.add_argument("-v", "--verbose", action="store_true", help="also print notes")
        _strict_flag(sub)
        add_output_options(sub)
    add_diff_parser(commands)
    init = commands.add_parser("init", help="write a starter codegen.yaml with every derived "
                               "name", description="Write a commented codegen.yaml holding the "
                               "package and client names, the whole resource map and every "
                               "component's class name, as codegen derives them.")
    init.add_argument("spec", help="OpenAPI document")
    init.add_argument("--package", help="package name (default: from the spec's file name)")
    init.add_argument("--out", default="codegen.yaml", help="file to write (default: "
                      "codegen.yaml); never overwritten without --force")
    init.add_argument("--force", action="store_true", help="overwrite --out")
    extract = commands.add_parser("extract", help="write a self-contained subset of a spec",
                                  description="Write the chosen operations and every component "
                                  "they reach, as one self-contained YAML document.")
    extract.add_argument("spec", help="the large OpenAPI document")
    extract.add_argument("--operation", action="append", required=True, metavar="ID_OR_ROUTE",
                         help="operationId or 'METHOD /path'; repeat for more")
    extract.add_argument("--webhook", action="append", default=[], metavar="NAME",
                         help="a key of the spec's webhooks; repeat for more")
    extract.add_argument("--out", required=True, help="file to write (YAML)")
    validate = commands.add_parser("validate", help="report the spec's problems; write nothing",
                                   description="Build the spec and report every problem found.")
    validate.add_argument("spec", help="OpenAPI document")
    validate.add_argument("-v", "--verbose", action="store_true", help="also print notes")
    _strict_flag(validate)
    return parser


def _strict_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true", help="every warning is an error "
                        "(exit 1, nothing written); `strict: true` in the config does the same")


def main(argv: Sequence[str] | None = None) -> int:
    # One short run builds a few million small objects that all live until it ends; the cyclic
    # collector would only re-scan them (a fifth of a large YAML load). Peak memory is the same.
    gc.disable()
    args = _parser().parse_args(argv)
    try:
        handler = {"generate": _generate, "check": _check, "diff": _diff, "init": _init,
                   "extract": _extract, "validate": _validate}[args.command]
        return handler(args)
    except FatalError as exc:
        _report(exc.diagnostics, getattr(args, "spec", ""), verbose=True,
                config=getattr(args, "config", None))
        if args.command in ("generate", "extract"):
            print("codegen: stopped; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("codegen: interrupted; nothing was written", file=sys.stderr)
        return 130


def _report(diagnostics: list[Diagnostic], spec: str, verbose: bool,
            config: str | None = None) -> None:
    """Prints diagnostics, with file:line:column looked up in the spec and the config."""
    shown = [_in_config(d, config) for d in diagnostics
             if verbose or d.severity is not Severity.INFO]
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in shown:
        by_file.setdefault(diag.file or spec, []).append(diag)
    placed: dict[int, Diagnostic] = {}
    for path, items in by_file.items():
        wanted = [d for d in items if not d.line and (
            d.severity is Severity.ERROR or _small(path))]
        if path and wanted:
            placed.update(zip(map(id, wanted), with_positions(wanted, path), strict=True))
    for diag in shown:
        located = placed.get(id(diag)) or replace(diag, file=diag.file or spec)
        print(located.render(), file=sys.stderr)


def _in_config(diag: Diagnostic, config: str | None) -> Diagnostic:
    """Problems found in the config carry pointers like 'codegen.yaml#/models/X'."""
    if diag.pointer.startswith("codegen.yaml#") and config and is_pyproject(config):
        return replace(in_table(diag), file=diag.file or config)
    if diag.pointer.startswith("codegen.yaml#"):
        return replace(diag, pointer=diag.pointer.removeprefix("codegen.yaml"),
                       file=diag.file or config or "codegen.yaml")
    return diag


def _small(path: str) -> bool:
    try:
        return Path(path).stat().st_size <= POSITIONS_MAX_BYTES
    except OSError:
        return False


def _summary(diagnostics: list[Diagnostic]) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    return (f"{counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} notes")


def _generate(args: argparse.Namespace) -> int:
    from .write import generate

    started = time.perf_counter()
    _project_paths(args)
    config = with_options(load_config(args.config, args.package, args.spec,
                                      strict=args.strict), args)
    result = generate_files(args.spec, config)
    _report(result.diagnostics, args.spec, args.verbose, args.config)
    if not result.ok or result.saved is None:
        print(f"codegen: {_summary(result.diagnostics)}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    target = Path(args.out) / config.package.name
    before = previous(target)
    report = generate(result.saved.with_files(result.files), target,
                      inputs_digest(args.spec, config))
    for path in report.kept:
        print(f"codegen: kept {target / path}: not written by codegen", file=sys.stderr)
    print(f"codegen: wrote {report.written} files to {target} in "
          f"{time.perf_counter() - started:.2f}s ({_summary(result.diagnostics)}"
          f"{'' if args.verbose else '; -v shows notes'})", file=sys.stderr)
    changes = changes_since(before, result.saved.surface)
    if changes is not None:
        for text in summary(changes):
            print(f"codegen: {text}", file=sys.stderr)
    return EXIT_OK


def _project_paths(args: argparse.Namespace) -> None:
    """The spec and output folder: given, else from [tool.codegen], else the defaults."""
    found = project()
    args.spec = args.spec or (found.spec if found else "") or DEFAULT_SPEC
    args.out = args.out or (found.out if found else "") or DEFAULT_OUT
    if found is not None and args.config is None:
        args.config = found.path  # its problems are reported with its name


def _check(args: argparse.Namespace) -> int:
    from .write import check, unchanged

    _project_paths(args)
    config = with_options(load_config(args.config, args.package, args.spec,
                                      strict=args.strict), args)
    target = Path(args.out) / config.package.name
    inputs = inputs_digest(args.spec, config)
    if unchanged(target, inputs):  # same spec, config and generator, no file touched
        print(f"codegen: {target} is up to date", file=sys.stderr)
        return EXIT_OK
    result = generate_files(args.spec, config)
    _report([d for d in result.diagnostics if d.severity is Severity.ERROR], args.spec, True,
            args.config)
    if not result.ok or result.saved is None:
        return EXIT_PROBLEMS
    drift = check(result.saved.with_files(result.files), target, inputs)
    if not (drift.changed or drift.added or drift.removed):
        print(f"codegen: {target} is up to date", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(drift.diff)
    for path in drift.added:
        print(f"added (not on disk): {target / path}")
    for path in drift.removed:
        print(f"removed (no longer generated): {target / path}")
    print(f"codegen: {target} is stale: {len(drift.changed)} changed, {len(drift.added)} "
          f"added, {len(drift.removed)} removed; run `make regenerate` (codegen generate) and "
          "commit the result", file=sys.stderr)
    return EXIT_PROBLEMS


def _diff(args: argparse.Namespace) -> int:
    from .diff.command import run

    config = load_config(args.config, None, "", required=False)
    return run(args, config, lambda diagnostics, spec: _report(diagnostics, spec, True,
                                                               args.config))


def _init(args: argparse.Namespace) -> int:
    from .starter import default_package, render_starter, starter_config
    from .write import write_file_atomic

    out = Path(args.out)
    if out.exists() and not args.force:
        print(f"codegen: {out} exists; pass --force to overwrite it", file=sys.stderr)
        return EXIT_USAGE
    package = args.package or default_package(args.spec)
    result = analyse(args.spec, starter_config(package))
    _report(result.diagnostics, args.spec, False)
    if not result.ok:
        print(f"codegen: {_summary(result.diagnostics)}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    write_file_atomic(out.absolute(), render_starter(args.spec, result, package))
    print(f"codegen: wrote {out}: {len(result.api.operations)} methods in "
          f"{len(result.names.resources)} resources", file=sys.stderr)
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from .extract import count, dump, extract
    from .load import load
    from .write import write_file_atomic

    subset = extract(load(args.spec), args.operation, args.webhook)
    out = Path(args.out)
    write_file_atomic(out, dump(subset))
    operations, webhooks, schemas = count(subset)
    print(f"codegen: wrote {out}: {operations} operations, {webhooks} webhooks, {schemas} "
          "schemas", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from .config import Config, with_strict

    result = analyse(args.spec, with_strict(Config(), args.strict))
    _report(result.diagnostics, args.spec, args.verbose)
    print(f"codegen: {args.spec}: {len(result.api.operations)} operations, "
          f"{len(result.api.decls)} types; {_summary(result.diagnostics)}", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_PROBLEMS
