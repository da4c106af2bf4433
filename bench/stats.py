"""Medians, spreads and ratios of samples."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence

from bench.cases import Target
from bench.measure import Command, Sample


def spread(values: Sequence[float], fmt: str = "{:.2f}") -> str:
    """"median [min–max]", or "—" without values."""
    if not values:
        return "—"
    med = statistics.median(values)
    return f"{fmt.format(med)} [{fmt.format(min(values))}–{fmt.format(max(values))}]"


def median_of(samples: Sequence[Sample], attr: str) -> float:
    return float(statistics.median(s.value(attr) for s in samples))


def paired_ratios(a: Sequence[Sample], b: Sequence[Sample], attr: str) -> list[float]:
    """Run i of a over run i of b, for the runs both have (b's zeros left out)."""
    pairs = zip(a, b, strict=False)
    return [x.value(attr) / y.value(attr) for x, y in pairs if y.value(attr) > 0]


def median_paired_ratio(a: Sequence[Sample], b: Sequence[Sample], attr: str) -> float | None:
    ratios = paired_ratios(a, b, attr)
    return statistics.median(ratios) if ratios else None


def ratio_of_medians(a: Sequence[Sample], b: Sequence[Sample], attr: str) -> float | None:
    if not a or not b:
        return None
    below = median_of(b, attr)
    return median_of(a, attr) / below if below else None


def target_ratio(target: Target, rows: Mapping[str, Command]) -> float | None:
    """This run's ratio for target; None when either row has no result. rows: measured
    commands by row key ("<case id>:<tool>" or an import row id)."""
    measured, against = rows.get(target.measured), rows.get(target.against)
    if measured is None or against is None or not measured.measured or not against.measured:
        return None
    ratio = median_paired_ratio if target.paired else ratio_of_medians
    return ratio(measured.samples, against.samples, target.attr)
