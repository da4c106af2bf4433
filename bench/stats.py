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
    """This run's ratio for target (for an absolute target: the median of its row); None when
    a row has no result. rows: measured commands by row key ("<case id>:<tool>" or an import
    row id)."""
    measured = rows.get(target.measured)
    if measured is None or not measured.measured:
        return None
    if target.absolute:
        return median_of(measured.samples, target.attr)
    against = rows.get(target.against)
    if against is None or not against.measured:
        return None
    ratio = median_paired_ratio if target.paired else ratio_of_medians
    return ratio(measured.samples, against.samples, target.attr)


def load_of(rows: Mapping[str, Command], row: str) -> float | None:
    """The median 1-minute load average at the start of the row's measured runs."""
    cmd = rows.get(row)
    if cmd is None or not cmd.samples:
        return None
    return median_of(cmd.samples, "load")
