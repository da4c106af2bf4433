from __future__ import annotations

import pytest

from bench.cases import Target
from bench.stats import paired_ratios, ratio_of_medians, spread, target_ratio

from .helpers import command, sample


def test_spread_is_median_then_range() -> None:
    assert spread([3.0, 1.0, 2.0]) == "2.00 [1.00–3.00]"
    assert spread([0.5, 0.25], "{:.3f}x") == "0.375x [0.250x–0.500x]"


def test_spread_without_values_is_a_dash() -> None:
    assert spread([]) == "—"


def test_paired_ratios_divide_run_by_run() -> None:
    a = [sample(cpu=1.0), sample(cpu=3.0)]
    b = [sample(cpu=2.0), sample(cpu=4.0)]
    assert paired_ratios(a, b, "cpu") == [0.5, 0.75]


def test_paired_ratios_stop_at_the_shorter_series_and_skip_zero_divisors() -> None:
    a = [sample(wall=1.0), sample(wall=2.0), sample(wall=9.0)]
    b = [sample(wall=0.0), sample(wall=4.0)]
    assert paired_ratios(a, b, "wall") == [0.5]


def test_ratio_of_medians() -> None:
    a = [sample(rss=10.0), sample(rss=30.0), sample(rss=20.0)]
    b = [sample(rss=40.0), sample(rss=40.0)]
    assert ratio_of_medians(a, b, "rss_mib") == 0.5
    assert ratio_of_medians(a, [sample(rss=0.0)], "rss_mib") is None
    assert ratio_of_medians([], b, "rss_mib") is None


def _target(paired: bool) -> Target:
    return Target("t", 1.0, "case:codegen", "case:dmcg", "cpu", paired=paired)


def test_paired_target_is_the_median_of_the_run_by_run_ratios() -> None:
    # ratios 1/2, 4/8, 9/3 = 0.5, 0.5, 3.0: median 0.5; the medians' ratio is 4/3
    rows = {"case:codegen": command("codegen", [1, 4, 9]), "case:dmcg": command("dmcg", [2, 8, 3])}
    assert target_ratio(_target(paired=True), rows) == 0.5
    assert target_ratio(_target(paired=False), rows) == pytest.approx(4 / 3)


@pytest.mark.parametrize("paired", [True, False])
def test_target_without_both_results_is_not_measured(paired: bool) -> None:
    ok = command("codegen", [1.0])
    assert target_ratio(_target(paired), {"case:codegen": ok}) is None
    empty = {"case:codegen": ok, "case:dmcg": command("dmcg", [])}
    assert target_ratio(_target(paired), empty) is None
    failed = {"case:codegen": ok, "case:dmcg": command("dmcg", [1.0], failed="exit 1")}
    assert target_ratio(_target(paired), failed) is None


def test_absolute_target_is_the_median_of_its_row() -> None:
    target = Target("wall", 20.0, "case:codegen", "", "wall", paired=False)
    assert target.absolute and target.unit == " s"
    rows = {"case:codegen": command("codegen", [30.0, 10.0, 18.0])}
    assert target_ratio(target, rows) == 18.0
    assert target_ratio(target, {}) is None
