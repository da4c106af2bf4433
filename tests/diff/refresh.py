"""Rewrites tests/diff/cases/*/expected.* from the current code (read the diff!)."""

from __future__ import annotations

from tests.diff.cases import CASES, EXPECTED, case_names, report


def main() -> None:
    for name in case_names():
        for fmt, file in EXPECTED.items():
            (CASES / name / file).write_text(report(name, fmt), encoding="utf-8")
            print(f"wrote {CASES / name / file}")


if __name__ == "__main__":
    main()
