"""Commands with made-up samples, for the statistics and report tests."""

from __future__ import annotations

from bench.measure import Command, Sample


def sample(wall: float = 1.0, cpu: float = 1.0, rss: float = 10.0) -> Sample:
    return Sample(wall=wall, cpu=cpu, rss_mib=rss, rc=0)


def command(tool: str, cpus: list[float], *, row_id: str = "", failed: str = "") -> Command:
    """A command whose runs took these CPU seconds (wall = CPU, RSS 10 MiB per CPU second)."""
    cmd = Command(tool, tool, row_id=row_id, failed=failed)
    cmd.samples = [sample(wall=c, cpu=c, rss=10 * c) for c in cpus]
    return cmd
