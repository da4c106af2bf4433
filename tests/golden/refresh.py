"""`make goldens`: rewrite every tests/golden/<case>/expected/ (and diagnostics.txt) from the
current generator. Read the diff before committing it."""

from __future__ import annotations

import shutil

from .cases import HERE, cases, render_case


def main() -> None:
    for case in cases():
        files, diagnostics = render_case(case)
        target = HERE / case / "expected"
        shutil.rmtree(target, ignore_errors=True)
        for path, text in files.items():
            dest = target / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        (HERE / case / "diagnostics.txt").write_text(
            "".join(line + "\n" for d in diagnostics for line in d.splitlines()),
            encoding="utf-8")
        print(f"{case}: {len(files)} files, {len(diagnostics)} diagnostics")


if __name__ == "__main__":
    main()
