"""Rewrites tests/errors/cases/*/expected.txt from what codegen prints now (`make goldens`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .cases import HERE, cases, normalise, run_case


def main() -> None:
    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            result = run_case(case, out)
            (HERE / case / "expected.txt").write_text(normalise(result.stderr, out))
            print(f"{case}: exit {result.returncode}")


if __name__ == "__main__":
    main()
