"""From the case tables to commands and results: generation, import and parse."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.cases import (
    IMPORT_CASES,
    PARSE,
    SPECS,
    TOOL_NAMES,
    GenerationCase,
    ImportCase,
    Package,
    ParseCase,
    ParseSuite,
    Tool,
)
from bench.measure import Command, log, prepare_output, quick_run, tail_of
from bench.npm_directory import ensure_directory, is_npm_spec
from bench.parse_probe import UNAVAILABLE
from bench.paths import GEN_OUT, OUT, rel
from bench.peers import Peers, clear_codegen_cache, codegen_command, find_package, tool_env
from bench.schema_sources import schemastore

PARSE_PROBE = Path(__file__).with_name("parse_probe.py")
Selected = Callable[[str], bool]


@dataclass
class CaseResult:
    """A generation case's commands (their samples once run), or why it cannot run."""

    id: str
    title: str
    commands: list[Command]
    unavailable: str = ""
    note: str = ""


@dataclass
class ParseResult:
    id: str
    title: str
    unavailable: str = ""
    failure: str = ""
    stats: dict[str, Any] = field(default_factory=dict)  # parse_probe.py's output


def diff_command(old_key: str, new_key: str) -> Command:
    """`codegen diff OLD NEW`, never failing on changes; it writes nothing but its report."""
    cmd = codegen_command(new_key, GEN_OUT / "diff", "diff")
    if not cmd.unavailable and cmd.argv:
        cmd.argv = [cmd.argv[0], "diff", str(SPECS[old_key].path), str(SPECS[new_key].path),
                    "--fail-on", "none"]
        missing = spec_missing(old_key)
        cmd.unavailable = missing
    return cmd


def spec_missing(spec_key: str) -> str:
    path = SPECS[spec_key].path
    if is_npm_spec(path) and not path.is_file():
        why = ensure_directory()
        if why:
            return f"not available: {why}"
    if SPECS[spec_key].kind == "jsonschema" and not path.is_file():
        try:
            schemastore(path.parent)
        except (OSError, subprocess.CalledProcessError) as exc:
            return f"not available: the SchemaStore schemas cannot be fetched ({exc})"
    return "" if path.is_file() else f"not available: {rel(path)} does not exist"


def generation_case(case: GenerationCase, peers: Peers, timeout: float) -> CaseResult:
    """The commands of one generation case (may build the peers' venvs)."""
    result = CaseResult(case.id, case.title, [], spec_missing(case.spec), case.note)
    if not result.unavailable:
        result.commands = [_generation_command(case, tool, peers, timeout) for tool in case.tools]
    return result


def _generation_command(case: GenerationCase, tool: Tool, peers: Peers, timeout: float) -> Command:
    out_dir = GEN_OUT / case.id / tool
    if case.diff_from:
        return diff_command(case.diff_from, case.spec)
    if case.check:
        cmd = peers.checker(tool, case.spec, out_dir)
        generate = peers.generator(tool, case.spec, out_dir)

        def prepare() -> str:
            return prepare_output(generate, timeout, f"{case.id}-{tool}")

        cmd.before_series = prepare
    else:
        cmd = peers.generator(tool, case.spec, out_dir, case.codegen_args)
    cmd.max_runs, cmd.max_warmup = case.limits(tool)
    if tool == "codegen" and case.cache == "cold":
        cmd.before_run = clear_codegen_cache
    if tool == "codegen" and case.cache == "warm" and not cmd.unavailable:

        def prime() -> str:
            clear_codegen_cache()
            return prepare_output(cmd, timeout, f"{case.id}-prime")

        cmd.before_series = prime
    return cmd


class PackageFinder:
    """Finds the packages import and parse cases need, generating a missing one once."""

    def __init__(self, peers: Peers, timeout: float) -> None:
        self.peers = peers
        self.timeout = timeout
        self._generated: dict[Package, str] = {}  # failure reason or ""

    def path(self, package: Package | None) -> tuple[Path | None, str]:
        """(folder to put on sys.path or None, "") or (None, why it is not available)."""
        if package is None:
            return None, ""
        found = find_package(package.base, package.name)
        if found is None and package.generator is not None:
            self._generate(package, package.generator)
            found = find_package(package.base, package.name)
            if found is None:
                why = self._generated[package] or f"{package.name} not found after generating"
                return None, f"not available: {why}"
        if found is None:
            return None, f"not available: no package {package.name} under {rel(package.base)}"
        return found, ""

    def _generate(self, package: Package, tool: Tool) -> None:
        if package in self._generated:
            return
        log(
            f"[import] {package.name} missing under {rel(package.base)}: "
            f"generating it once with {TOOL_NAMES[tool]}"
        )
        cmd = self.peers.generator(tool, package.spec, package.base)
        self._generated[package] = prepare_output(cmd, self.timeout, f"import-{tool}")


def import_commands(selected: Selected, finder: PackageFinder) -> list[Command]:
    """One command per selected row of IMPORT_CASES (unavailable ones say why)."""
    return [
        _import_command(case, row_id, kind, code, finder)
        for case in IMPORT_CASES
        for row_id, kind, code in case.rows()
        if selected(row_id)
    ]


def _import_command(
    case: ImportCase, row_id: str, kind: str, code: str, finder: PackageFinder
) -> Command:
    what = "import" if kind == "import" else "import + client + first resource"
    cmd = Command(case.id, f"{case.title} — {what}", row_id=row_id)
    bin_dir, why = finder.peers.venv(case.venv)
    path, why = finder.path(case.package) if bin_dir is not None else (None, why)
    if bin_dir is None or why:
        cmd.unavailable = why
        return cmd
    cmd.argv = [str(bin_dir / "python"), "-c", code]
    cmd.env = tool_env(bin_dir, pythonpath=path)
    return cmd


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")  # `"type": "server_vad",\n        }`


def lenient_json(text: str) -> tuple[Any | None, str]:
    """JSON text decoded after removing trailing commas: (value, "") or (None, why not)."""
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text)), ""
    except ValueError as exc:
        return None, f"example still invalid JSON after removing trailing commas: {exc}"


def example_input(suite: ParseSuite) -> tuple[Any | None, str]:
    """The parse input: the value at suite.location in its spec, decoded when it is text."""
    spec = SPECS[suite.spec].path
    try:
        value = json.loads(spec.read_bytes())
        for key in suite.location:
            value = value[key]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, f"cannot read the example from {spec}: {type(exc).__name__}: {exc}"
    return lenient_json(value) if isinstance(value, str) else (value, "")


def parse_results(selected: Selected, finder: PackageFinder) -> list[ParseResult]:
    """Probe every selected parse case once (one process each)."""
    cases = [c for c in PARSE.cases if selected(f"parse-{c.id}")]
    if not cases:
        return []
    data, why = example_input(PARSE)
    data_file = OUT / PARSE.saved_as
    if data is not None:
        OUT.mkdir(parents=True, exist_ok=True)
        data_file.write_text(json.dumps(data, indent=2) + "\n")
    results: list[ParseResult] = []
    for case in cases:
        result = ParseResult(case.id, case.title, unavailable=why)
        if data is not None:
            _probe(case, result, data_file, finder)
        results.append(result)
    return results


def probe_argv(python: Path, case: ParseCase, data_file: Path) -> list[str]:
    argv = [str(python), str(PARSE_PROBE), str(data_file), str(PARSE.repeats)]
    argv += [case.parser, case.model]
    argv += ["--keywords", *case.keywords] if case.keywords else []
    return argv + (["--inspect", PARSE.inspect] if PARSE.inspect else [])


def _probe(case: ParseCase, result: ParseResult, data_file: Path, finder: PackageFinder) -> None:
    bin_dir, why = finder.peers.venv(case.venv)
    path, why = finder.path(case.package) if bin_dir is not None else (None, why)
    if bin_dir is None or why:
        result.unavailable = why
        return
    log(f"[parse] {case.id}")
    argv = probe_argv(bin_dir / "python", case, data_file)
    rc, out, err = quick_run(argv, env=tool_env(bin_dir, pythonpath=path), timeout=finder.timeout)
    try:
        printed = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    except ValueError:
        printed = {}
    if rc == UNAVAILABLE and "unavailable" in printed:
        result.unavailable = f"not available: {printed['unavailable']}"
    elif rc != 0 or "median" not in printed:
        result.failure = f"exit {rc}: {tail_of(err) or tail_of(out)}"
    else:
        result.stats = printed
