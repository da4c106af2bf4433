"""The report: bench/results.md (Markdown tables) and bench/out/results.json (every sample)."""

from __future__ import annotations

import datetime
import shlex
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.cases import (
    CLIENT_CASES,
    CLIENT_PACKAGE,
    CLIENT_SERVER,
    CLIENT_TOOL_NAMES,
    CLIENT_VENV,
    IMPORT_CASES,
    IMPORT_REFERENCE,
    PARSE,
    TARGETS,
    ClientCase,
    Target,
    cold_code,
)
from bench.machine import machine_lines
from bench.measure import Command
from bench.paths import CODEGEN_CACHE_DIR, GEN_OUT, rel
from bench.stats import load_of, median_of, paired_ratios, spread, target_ratio
from bench.suites import CaseResult, ParseResult


@dataclass(frozen=True)
class Method:
    """How the run was made, for the header."""

    runs: int
    warmup: int
    timeout: float
    tool_versions: str
    sources_changed: bool  # codegen's sources changed during the run


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(md_cell(c) for c in cells) + " |"


def md_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return [md_row(header), md_row(["---"] * len(header)), *(md_row(r) for r in rows)]


def status_text(cmd: Command) -> str:
    if cmd.unavailable:
        text = cmd.unavailable
        return text if text.startswith("not available") else f"not available: {text}"
    if not cmd.failed:
        return "not measured"
    where = f" ({cmd.failed_at})" if cmd.failed_at else ""
    return f"FAILED{where}: {cmd.failed}"


def verdict(ratio: float | None, limit: float) -> str:
    return "not measured" if ratio is None else "met" if ratio <= limit else "**missed**"


def header(method: Method) -> list[str]:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cmdline = " ".join(shlex.quote(a) for a in sys.argv[1:]) or "(defaults)"
    warning = (
        "- **Warning: codegen's sources (codegen/, templates/) changed during this run: "
        "its rows mix two versions. Rerun on a quiet tree.**"
    )
    return [
        "# Benchmark results",
        "",
        f"- Date: {now}; `bench/run.py {cmdline}`",
        *machine_lines(),
        f"- Tools: {method.tool_versions}",
        f"- Method: each command {method.warmup} warm-up + {method.runs} measured run(s), the "
        "commands of a case alternating (A B A B); median [min–max]; CPU = user+sys of the "
        "process and its waited-for children (wait4); RSS = peak resident set of the largest "
        "of them; ratios codegen/peer taken run by run, then median [min–max]. "
        f"Timeout {method.timeout:.0f} s per command. Every tool writes under {GEN_OUT} "
        "(tmpfs where there is one: see `bench/paths.py`).",
        *([warning] if method.sources_changed else []),
        "",
    ]


def row_map(cases: list[CaseResult], imports: list[Command]) -> dict[str, Command]:
    """Every command by the row key targets name: "<case id>:<tool>" or the import row id."""
    rows = {f"{case.id}:{cmd.tool}": cmd for case in cases for cmd in case.commands}
    return rows | {cmd.row_id: cmd for cmd in imports}


def targets_table(cases: list[CaseResult], imports: list[Command]) -> list[str]:
    """The performance targets, each as a ratio from this run's numbers."""
    rows = row_map(cases, imports)
    table = []
    for target in TARGETS:
        value = target_ratio(target, rows)
        shown = "—" if value is None else target_number(target, value)
        if value is not None and target.absolute and target.attr != "rss_mib":
            shown += f" (load {load_of(rows, target.measured) or 0:.1f})"  # time depends on it
        limit = target_number(target, target.limit)
        table.append([target.title, limit, shown, verdict(value, target.limit)])
    return ["## Targets", "", *md_table(["target", "at most", "this run", ""], table), ""]


def target_number(target: Target, value: float) -> str:
    """A ratio as "0.250x", an absolute limit or value with its unit ("20.0 s", "600 MiB")."""
    if not target.absolute:
        return f"{value:.3f}x"
    return f"{value:.0f}{target.unit}" if target.attr == "rss_mib" else f"{value:.1f}{target.unit}"


def _measured_cells(cmd: Command) -> list[str]:
    """n, then wall (with a later failure), CPU."""
    then = f" (then {status_text(cmd)})" if cmd.failed else ""
    walls, cpus = [s.wall for s in cmd.samples], [s.cpu for s in cmd.samples]
    return [str(len(cmd.samples)), spread(walls) + then, spread(cpus)]


def _generation_row(case: CaseResult, cmd: Command, reference: Command | None) -> list[str]:
    if cmd.unavailable or not cmd.samples:
        return [case.title, cmd.label, "0", status_text(cmd), "", "", "", "", ""]
    ratio = ""
    if cmd.tool != "codegen" and reference is not None:
        ratio = "— (codegen has no result)"
        if reference.measured and cmd.measured:
            ratio = spread(paired_ratios(reference.samples, cmd.samples, "cpu"), "{:.3f}x")
    return [
        case.title,
        cmd.label,
        *_measured_cells(cmd),
        f"{median_of(cmd.samples, 'sys_cpu'):.2f}",
        f"{median_of(cmd.samples, 'rss_mib'):.0f}",
        cmd.output_summary or "—",
        ratio,
    ]


def _generation_rows(cases: list[CaseResult]) -> Iterable[list[str]]:
    for case in cases:
        if case.unavailable:
            yield [case.title, "all", "0", case.unavailable, "", "", "", "", ""]
            continue
        reference = next((c for c in case.commands if c.tool == "codegen"), None)
        yield from (_generation_row(case, cmd, reference) for cmd in case.commands)


def generation_table(cases: list[CaseResult]) -> list[str]:
    columns = ["case", "tool", "n", "wall s", "CPU s", "of which sys s", "peak RSS MiB"]
    columns += ["output (last run)", "codegen/peer CPU"]
    notes = [f"- {md_cell(c.title)}: {c.note}" for c in cases if c.note]
    table = md_table(columns, _generation_rows(cases))
    return ["## Generation", "", *table, *([""] + notes if notes else []), ""]


def _import_row(cmd: Command, references: Mapping[str, Command]) -> list[str]:
    if cmd.unavailable or not cmd.samples:
        return [cmd.label, "0", status_text(cmd), "", "", ""]
    kind = cmd.row_id.rsplit("-", 1)[1]
    ref = references.get(f"import-{IMPORT_REFERENCE}-{kind}")
    ratio = ""
    if ref is not None and ref is not cmd and ref.measured:
        ratio = spread(paired_ratios(cmd.samples, ref.samples, "wall"), "{:.3f}x")
    return [cmd.label, *_measured_cells(cmd), f"{median_of(cmd.samples, 'rss_mib'):.0f}", ratio]


def import_table(commands: list[Command]) -> list[str]:
    references = {cmd.row_id: cmd for cmd in commands}
    reference = next(case.title for case in IMPORT_CASES if case.id == IMPORT_REFERENCE)
    columns = ["what", "n", "wall s", "CPU s", "peak RSS MiB", f"wall / {IMPORT_REFERENCE}"]
    codes = [
        f"- {md_cell(case.title)}, {kind}: `{code}`"
        for case in IMPORT_CASES
        for _, kind, code in case.rows()
    ]
    return [
        "## Import",
        "",
        "Whole process `python -c CODE` (bytecode cached by one warm-up run); the ratio "
        f"is wall time against the {reference} row of the same kind, run by run.",
        "",
        *md_table(columns, (_import_row(cmd, references) for cmd in commands)),
        *["", "Code run:", "", *codes, ""],
    ]


def _parse_row(result: ParseResult, reference: ParseResult | None) -> list[str]:
    if result.unavailable or result.failure:
        text = result.unavailable or f"FAILED: {result.failure}"
        if not text.startswith(("not available", "FAILED")):
            text = f"not available: {text}"
        return [result.title, text, "", ""]
    st = result.stats
    ratio = f"{st['median'] / reference.stats['median']:.3f}x" if reference is not None else ""
    kind = f"{st['type']} ({st.get(f'{PARSE.inspect}_type')})"
    if st.get("input_mutated"):
        kind += "; input mutated!"
    rates = f"{st['median']:,.0f} [{st['min']:,.0f}–{st['max']:,.0f}]"
    return [result.title, rates, ratio, kind]


def parse_table(results: list[ParseResult]) -> list[str]:
    reference = next((r for r in results if r.id == PARSE.reference and r.stats), None)
    columns = ["parser", "objects/s", f"vs {PARSE.reference_label}"]
    columns.append(f"result ({PARSE.inspect} type)")
    return [
        "## Parse throughput",
        "",
        f"{PARSE.description}, timeit in one process per row, "
        f"objects/s median [min–max] of {PARSE.repeats} repeats.",
        "",
        *md_table(columns, (_parse_row(r, reference) for r in results)),
        "",
    ]


CLIENT_REFERENCES = ("floor", "openai")  # the client table's ratio columns, in order


def client_attr(case: ClientCase) -> str:
    """What a client row is measured by: the whole process's wall time for a cold start, else
    the time per unit the probe printed."""
    return "wall" if case.kind == "cold" else "unit_us"


def _client_ratios(cmd: Command, refs: Mapping[str, Command], attr: str) -> list[str]:
    cells = []
    for name in CLIENT_REFERENCES:
        ref = refs.get(name)
        if ref is None or ref is cmd or not ref.measured or not cmd.measured:
            cells.append("")
        else:
            cells.append(spread(paired_ratios(cmd.samples, ref.samples, attr), "{:.3f}x"))
    return cells


def _client_row(case: ClientCase, cmd: Command, refs: Mapping[str, Command]) -> list[str]:
    if cmd.unavailable or not cmd.samples:
        return [case.title, cmd.label, "0", status_text(cmd), "", "", "", "", "", ""]
    then = f" (then {status_text(cmd)})" if cmd.failed else ""
    values = [s.value(client_attr(case)) for s in cmd.samples]
    rss = f"{median_of(cmd.samples, 'rss_mib'):.0f}"
    ratios = _client_ratios(cmd, refs, client_attr(case))
    if case.kind == "cold":
        cpu = spread([s.cpu for s in cmd.samples], "{:.3f}") + " s"
        cells = [spread(values, "{:.3f}") + " s" + then, "", cpu, *ratios, "", rss]
    else:
        per_second = f"{1e6 / median_of(cmd.samples, 'unit_us'):,.0f}"
        cpu = spread([s.value("unit_cpu_us") for s in cmd.samples], "{:.1f}") + " µs"
        growth = spread([s.value("rss_growth_mib") for s in cmd.samples])
        cells = [spread(values, "{:.1f}") + " µs" + then, per_second, cpu, *ratios, growth, rss]
    return [case.title, cmd.label, str(len(cmd.samples)), *cells]


def _client_rows(results: Sequence[CaseResult]) -> Iterable[list[str]]:
    cases = {case.id: case for case in CLIENT_CASES}
    for result in results:
        case = cases[result.id]
        if result.unavailable:
            yield [case.title, "all", "0", result.unavailable, "", "", "", "", "", ""]
            continue
        refs = {cmd.tool: cmd for cmd in result.commands}
        yield from (_client_row(case, cmd, refs) for cmd in result.commands)


def client_table(results: list[CaseResult]) -> list[str]:
    columns = ["case", "tool", "n", "time per unit", "units/s", "client CPU per unit"]
    columns += [f"vs {name}" for name in CLIENT_REFERENCES]
    columns += ["RSS growth MiB", "peak RSS MiB"]
    server = CLIENT_SERVER
    shown = {result.id for result in results}
    cold = [
        f"- {md_cell(CLIENT_TOOL_NAMES[tool])}: `{cold_code(tool, server)}`"
        for case in CLIENT_CASES
        if case.kind == "cold" and case.id in shown
        for tool in case.tools
    ]
    calls = next((case.warmup for case in CLIENT_CASES if case.kind == "requests"), 0)
    return [
        "## Client",
        "",
        f"The generated SDK at run time: `{CLIENT_PACKAGE.name}`, generated at the start of the "
        f"run from the whole OpenAI spec with `{rel(CLIENT_PACKAGE.config)}` (so it is called "
        "as the official SDK is), against the official `openai` SDK (which sends through "
        "httpx2) and the floor: a bare `httpx` client making the same request and "
        "`json.loads`-ing the body (for the stream: `iter_lines` + `json.loads` of each "
        "`data:` line). Every row is a fresh process in the "
        f"`{CLIENT_VENV}` venv (the same pydantic and httpx), the tools alternating run by run, "
        "against one local server (`bench/client_server.py`: uvicorn + Starlette on "
        "127.0.0.1, every body built before the first request, the stream body served in "
        f"{server.chunk // 1024} KiB pieces). The probe (`bench/client_probe.py`) times the "
        f"workload inside the process after its warm-up ({calls} calls; one whole stream; "
        "the first page alone) and checks that the work was done (the ids, the number of "
        "events and items). Time per unit is wall time (the server's share included, the "
        "same for every tool); client CPU is the client process's own; ratios are time per "
        "unit against the column's row of the same case, run by run (below 1.0x is faster). "
        "RSS growth is "
        "the probe's peak RSS at the end of the measured part minus after its first unit; "
        "peak RSS is the whole process's. A cold start is the whole process "
        "(`python -c`, bytecode cached by one warm-up run): wall and CPU seconds.",
        "",
        *md_table(columns, _client_rows(results)),
        *(["", "Cold start code:", "", *cold] if cold else []),
        "",
    ]


def notes_section(dmcg_flags: Mapping[Path, tuple[list[str] | None, str]]) -> list[str]:
    lines = ["## Notes", ""]
    for spec, (flags, why) in dmcg_flags.items():
        if flags is not None:
            lines.append(
                f"- datamodel-code-generator flags for {spec.name} (from "
                f"`--recommend-options`): `{' '.join(flags)}`"
            )
        else:
            lines.append(f"- datamodel-code-generator on {spec.name}: {md_cell(why)}")
    lines.append(
        f"- codegen cache: `{rel(CODEGEN_CACHE_DIR)}/` (passed as CODEGEN_CACHE_DIR): parsed "
        "YAML specs in `specs/`, compiled templates in `templates/`."
    )
    lines.append("- Logs of every run: `bench/out/logs/`; raw numbers: `bench/out/results.json`.")
    return lines + [""]


def _command_json(cmd: Command) -> dict[str, Any]:
    return {
        "label": cmd.label,
        "argv": cmd.argv,
        "unavailable": cmd.unavailable,
        "failed": cmd.failed or None,
        "failed_at": cmd.failed_at,
        "samples": [s.__dict__ for s in cmd.samples],
        "output": cmd.output_summary,
    }


def _case_json(case: CaseResult) -> dict[str, Any]:
    return {
        "id": case.id,
        "title": case.title,
        "unavailable": case.unavailable,
        "commands": [_command_json(x) for x in case.commands],
    }


def raw_json(
    cases: list[CaseResult],
    imports: list[Command],
    parses: list[ParseResult],
    clients: list[CaseResult] | None = None,
    scale: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "generation": [_case_json(c) for c in cases],
        "scale": scale or [],
        "import": [dict(_command_json(x), id=x.row_id) for x in imports],
        "parse": [r.__dict__ for r in parses],
        "client": [_case_json(c) for c in clients or []],
    }


def command_json(cmd: Command) -> dict[str, Any]:
    """A command's argv, status and samples, as results.json keeps them."""
    return _command_json(cmd)
