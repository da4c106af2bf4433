"""The scale table's arithmetic (floor subtraction, per unit, the band, the log-log slope), its
unit counts and its rendering from made-up samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cases import SCALE_BAND, SCALE_FLOOR, SCALE_LADDER, SPECS
from bench.measure import Command
from bench.scale import (
    FLOOR_DOCUMENT,
    ScaleResult,
    ScaleRow,
    above_floor,
    band_cost,
    band_ratio,
    costs_of,
    count_units,
    loglog_slope,
    per_unit_ms,
    scale_table,
    spec_units,
)

from .helpers import command


def test_units_are_schemas_plus_http_methods_under_paths() -> None:
    openapi3 = {
        "components": {"schemas": {"A": {}, "B": {}}},
        "paths": {"/a": {"get": {}, "post": {}, "parameters": [], "summary": "x"}, "/b": {}},
    }
    assert count_units(openapi3) == (2, 2)
    swagger2 = {"definitions": {"A": {}}, "paths": {"/a": {"delete": {}, "x-extra": {}}}}
    assert count_units(swagger2) == (1, 1)
    assert count_units({}) == (0, 0)
    assert count_units(FLOOR_DOCUMENT) == (1, 1)


def test_floor_subtraction_never_goes_below_zero() -> None:
    assert above_floor(3.5, 1.5) == 2.0
    assert above_floor(1.2, 1.5) == 0.0


def test_cost_per_unit_is_milliseconds_above_the_floor() -> None:
    assert per_unit_ms(11.0, 1.0, 1000) == pytest.approx(10.0)
    assert per_unit_ms(0.5, 1.0, 1000) == 0.0


def test_band_cost_is_the_median_of_the_specs_inside_it_bounds_included() -> None:
    costs = [(100, 9.0), (1_000, 1.0), (2_000, 3.0), (3_000, 2.0), (3_001, 50.0)]
    assert band_cost(costs, (1_000, 3_000)) == 2.0
    assert band_cost(costs, (4_000, 5_000)) is None


def test_band_ratio() -> None:
    assert band_ratio(2.5, 2.0) == 1.25
    assert band_ratio(2.5, None) is None
    assert band_ratio(2.5, 0.0) is None


def test_loglog_slope_is_the_power_of_the_growth() -> None:
    linear = [(x, 0.002 * x) for x in (100.0, 1_000.0, 30_000.0)]
    assert loglog_slope(linear) == pytest.approx(1.0)
    square = [(x, 3 * x * x) for x in (10.0, 20.0, 400.0)]
    assert loglog_slope(square) == pytest.approx(2.0)
    # points at or below zero (a spec no slower than the floor) are left out
    assert loglog_slope([*linear, (50.0, 0.0)]) == pytest.approx(1.0)
    assert loglog_slope([(10.0, 1.0), (10.0, 2.0)]) is None
    assert loglog_slope([(1.0, 1.0), (2.0, 1.0)]) == 0.0  # no growth at all


def test_ladder_is_known_specs_of_increasing_size_with_specs_in_the_band() -> None:
    keys = [spec.key for spec in SCALE_LADDER]
    assert set(keys) <= set(SPECS) and SCALE_FLOOR in SPECS and SCALE_FLOOR not in keys
    units = [spec.units for spec in SCALE_LADDER]
    assert units == sorted(units) and len(set(units)) == len(units)
    assert sum(SCALE_BAND[0] <= u <= SCALE_BAND[1] for u in units) >= 2
    assert {"graph", "graph-beta"} <= set(keys)


def _row(key: str, schemas: int, operations: int, walls: list[float]) -> ScaleRow:
    return ScaleRow(key, command(key, walls), schemas, operations, mb=2.0)


def _result() -> ScaleResult:
    """A floor of 1 s and a ladder costing 1 ms per unit above it, except Graph beta (2 ms)."""
    floor = _row(SCALE_FLOOR, 1, 1, [1.0, 1.0, 1.0])
    rows = [
        _row("scale-amp", 50, 50, [1.1, 1.1]),
        _row("scale-squareup", 800, 200, [2.0]),
        _row("scale-sagemaker", 1_500, 500, [3.0, 2.9, 3.1]),
        _row("graph", 2_000, 8_000, [11.0]),
        _row("graph-beta", 5_000, 15_000, [41.0]),
    ]
    return ScaleResult(floor, rows)


def test_costs_subtract_the_floor_and_divide_by_units() -> None:
    costs = costs_of(_result())
    assert costs is not None
    assert costs.floor == (1.0, 1.0)
    assert costs.per_unit["graph"] == pytest.approx((1.0, 1.0))
    assert costs.per_unit["graph-beta"] == pytest.approx((2.0, 2.0))
    assert costs.band(_result().rows, 0) == pytest.approx(1.0)  # squareup and sagemaker


def test_scale_table_shows_each_spec_the_band_ratios_and_the_slope() -> None:
    text = "\n".join(scale_table(_result()))
    assert "| trivial spec | 2 | 1 + 1 | 2.00 | 3 | 1.00 [1.00–1.00] |" in text
    assert "| amazonaws.com/sagemaker.json | 2,000 | 1,500 + 500 | 2.00 | 3 |" in text
    beta = next(line for line in text.splitlines() if "graph-beta.json" in line)
    assert beta.endswith("| 40.00 | 2.000 | 2.000 | 20000 | 2.00x |")
    assert "  - graph: 1.00x the band's cost per unit (at most 1.25x): met" in text
    assert "  - graph-beta: 2.00x the band's cost per unit (at most 1.25x): **missed**" in text
    assert "log-log slope of (wall − floor) against units over the ladder: 1." in text
    assert "Median 1-minute load average at the runs' start: 0.0." in text


def test_scale_table_without_a_floor_says_why_there_is_no_cost() -> None:
    result = _result()
    result.floor.cmd = Command(SCALE_FLOOR, SCALE_FLOOR, failed="exit 2: boom", failed_at="run 1/3")
    text = "\n".join(scale_table(result))
    assert "has no result (FAILED (run 1/3): exit 2: boom): no cost per unit" in text
    assert "| amazonaws.com/amp.json | 100 | 50 + 50 | 2.00 | 2 | 1.10 [1.10–1.10] |" in text


def test_an_unavailable_spec_is_a_row_that_says_why() -> None:
    result = _result()
    result.rows[0].cmd = Command("scale-amp", "scale-amp", unavailable="not available: gone")
    line = next(x for x in scale_table(result) if "amp.json" in x)
    assert "| 0 | not available: gone |" in line


def test_units_of_a_spec_file_are_counted_in_a_child_process(tmp_path: Path) -> None:
    spec = tmp_path / "floor.json"
    spec.write_text(json.dumps(FLOOR_DOCUMENT))
    assert spec_units(spec) == ((1, 1), "")
    (tmp_path / "bad.json").write_text("{")
    units, why = spec_units(tmp_path / "bad.json")
    assert units is None and "JSONDecodeError" in why
