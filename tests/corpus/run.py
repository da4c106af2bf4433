"""Corpus robustness harness: generate, import and type-check every spec of ../shared/corpus.

    python -m tests.corpus.run [--only SUBSTRING] [--jobs N] [--no-typecheck] [--full]

Writes tests/corpus/results.md (a table plus every problem in full; not for --only runs) and
prints it. Exits 1 when
a spec crashed the generator, failed to import, or had type-check errors; a spec codegen rejects
with exit 1 and a diagnostic is listed, but is not a failure.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = Path(__file__).with_name("results.md")
IMPORT_CHECK = Path(__file__).with_name("import_check.py")
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
GITHUB = "github/api.github.com.json"
GENERATE_TIMEOUT = 300
IMPORT_TIMEOUT = 900
TYPECHECK_TIMEOUT = 1800
TYPECHECK_MAX_FILES = 3000
VERBS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SUMMARY = re.compile(r"codegen: .*?(\d+) errors, (\d+) warnings")
DIAGNOSTIC = re.compile(r": (error|warning|info): ")


@dataclass
class Problem:
    stage: str  # generate, import, type-check
    message: str
    detail: str = ""
    fatal: bool = True  # False: codegen rejected the spec cleanly (exit 1 with a diagnostic)


@dataclass
class Outcome:
    spec: str
    package: str
    out: str
    schemas: int | None = None
    operations: int | None = None
    exit_code: int | None = None  # None: timed out
    seconds: float = 0.0
    import_seconds: float = 0.0  # the import check's, models built included
    warnings: int = 0
    errors: int = 0
    files: int = 0
    imports: bool | None = None
    typecheck: int | None = None  # pyright errors; None: not run
    typecheck_note: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.fatal for p in self.problems)


# --- the corpus ---------------------------------------------------------------------------

def _documents(folder: Path) -> list[Path]:
    """Every OpenAPI document below folder; the JSON twin when both JSON and YAML exist."""
    chosen: dict[tuple[str, ...], Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".json", ".yaml", ".yml"):
            continue
        rel = path.relative_to(folder).with_suffix("").parts
        key = tuple(part for part in rel if part not in ("json", "yaml"))
        if key not in chosen or path.suffix == ".json":
            chosen[key] = path
    return sorted(chosen.values())


def find_specs(corpus: Path = CORPUS) -> list[Path]:
    """apis/*, GitHub's spec, oas-examples/3.0 and 3.1 (2.0 is an error case tested elsewhere)."""
    examples = corpus / "oas-examples"
    return [*_documents(corpus / "apis"), corpus / GITHUB,
            *_documents(examples / "3.0"), *_documents(examples / "3.1")]


def package_name(spec: Path, corpus: Path = CORPUS) -> str:
    parts = [p for p in spec.relative_to(corpus).with_suffix("").parts
             if p not in ("apis", "json", "yaml")]
    name = re.sub(r"[^0-9a-zA-Z]+", "_", "_".join(parts)).strip("_").lower()
    return name if name[:1].isalpha() else f"p_{name}"


def count_spec(spec: Path) -> tuple[int | None, int | None]:
    """(schemas in components.schemas, operations over paths x verbs); None when unreadable."""
    try:
        text = spec.read_text(encoding="utf-8")
        doc = json.loads(text) if spec.suffix == ".json" else yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ValueError, yaml.YAMLError):
        return None, None
    schemas = ((doc.get("components") or {}).get("schemas")) or {}
    paths = doc.get("paths") or {}
    operations = sum(1 for item in paths.values() if isinstance(item, dict)
                     for verb in item if verb in VERBS)
    return len(schemas), operations


# --- generate ------------------------------------------------------------------------------

def _text(data: str | bytes | None) -> str:
    return data.decode(errors="replace") if isinstance(data, bytes) else data or ""


def parse_counts(stderr: str) -> tuple[int, int]:
    """(warnings, errors) from codegen's summary line, else from its diagnostic lines."""
    for line in reversed(stderr.splitlines()):
        if match := SUMMARY.match(line):
            return int(match[2]), int(match[1])
    severities = Counter(m[1] for m in map(DIAGNOSTIC.search, stderr.splitlines()) if m)
    return severities["warning"], severities["error"]


def error_blocks(stderr: str) -> list[list[str]]:
    """Each `...: error: ...` diagnostic with its indented `at` / `hint` lines."""
    blocks: list[list[str]] = []
    inside = False
    for line in stderr.splitlines():
        if DIAGNOSTIC.search(line) and not line.startswith(" "):
            inside = ": error: " in line
            if inside:
                blocks.append([line])
        elif inside and line.startswith("  "):
            blocks[-1].append(line)
        else:
            inside = False
    return blocks


def generate_problem(code: int, stderr: str, spec: Path) -> Problem | None:
    tail = "\n".join(stderr.splitlines()[-30:])
    if "Traceback (most recent call last)" in stderr:
        last = stderr[stderr.rindex("Traceback"):].strip().splitlines()[-1]
        return Problem("generate", f"crash (exit {code}): {last}", tail)
    if code not in (0, 1):
        return Problem("generate", f"crash: exit {code}", tail)
    if code == 0:
        return None
    blocks = error_blocks(stderr.replace(str(spec), spec.name))
    if not blocks:
        return Problem("generate", "exit 1 without an error diagnostic", tail)
    first = blocks[0]
    message = first[0].split(": error: ", 1)[1]
    pointer = next((ln.strip()[3:] for ln in first if ln.strip().startswith("at ")), "")
    detail = "\n".join(line for block in blocks[:10] for line in block)
    return Problem("generate", f"{message} (at {pointer})" if pointer else message, detail,
                   fatal=False)


def run_generate(spec: Path, outcome: Outcome, timeout: float = GENERATE_TIMEOUT) -> None:
    out = Path(outcome.out)
    command = [sys.executable, "-m", "codegen", "generate", str(spec),
               "--package", outcome.package, "--out", str(out)]
    env = {**os.environ, "CODEGEN_CACHE_DIR": str(out / ".cache")}
    started = time.perf_counter()
    try:
        proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        outcome.seconds = time.perf_counter() - started
        tail = "\n".join(_text(exc.stderr).splitlines()[-30:])
        outcome.problems.append(Problem("generate", f"timed out after {timeout:.0f} s", tail))
        return
    outcome.seconds = time.perf_counter() - started
    outcome.exit_code = proc.returncode
    outcome.warnings, outcome.errors = parse_counts(proc.stderr)
    if problem := generate_problem(proc.returncode, proc.stderr, spec):
        outcome.problems.append(problem)
    if proc.returncode == 0:
        outcome.files = sum(1 for p in (out / outcome.package).rglob("*") if p.is_file())


# --- import --------------------------------------------------------------------------------

def _import_report(outcome: Outcome) -> dict[str, object]:
    command = [sys.executable, str(IMPORT_CHECK), outcome.out, outcome.package]
    try:
        proc = subprocess.run(command, cwd=outcome.out, capture_output=True, text=True,
                              timeout=IMPORT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return {"died": f"import check timed out after {IMPORT_TIMEOUT} s"}
    try:
        return dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    except (IndexError, ValueError):
        tail = "\n".join(proc.stderr.splitlines()[-30:])
        return {"died": f"import check died (exit {proc.returncode})", "tail": tail}


def run_import(outcome: Outcome) -> None:
    started = time.perf_counter()
    report = _import_report(outcome)
    outcome.import_seconds = time.perf_counter() - started
    if "died" in report:
        outcome.imports = False
        outcome.problems.append(Problem("import", str(report["died"]), str(report.get("tail"))))
        return
    errors: list[dict[str, str]] = report["errors"]  # type: ignore[assignment]
    outcome.imports = not errors
    if errors:
        first = errors[0]
        others = "\n".join(f"{e['where']}: {e['error'].splitlines()[0]}" for e in errors[1:21])
        detail = f"{len(errors)} failures; the first:\n{first['traceback']}"
        if others:
            detail += f"\nthe next ones:\n{others}"
        message = f"{first['where']}: {first['error'].splitlines()[0]}"
        outcome.problems.append(Problem("import", message, detail))


# --- type check ----------------------------------------------------------------------------

def pyright(folder: Path, includes: list[str], threads: int = 1,
            ) -> dict[str, list[dict[str, object]]]:
    """Runs pyright (standard mode) once over the given package folders (relative to folder);
    returns the error diagnostics of each. Raises RuntimeError when pyright does not report."""
    config = folder / "pyrightconfig.json"
    config.write_text(json.dumps({"include": includes, "typeCheckingMode": "standard"}))
    command = [str(PYRIGHT), "--pythonpath", sys.executable, "-p", str(config), "--outputjson",
               *(["--threads", str(threads)] if threads > 1 else [])]
    try:
        proc = subprocess.run(command, cwd=folder, capture_output=True, text=True,
                              timeout=TYPECHECK_TIMEOUT, check=False)
        report = json.loads(proc.stdout)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"pyright timed out after {TYPECHECK_TIMEOUT} s") from exc
    except ValueError as exc:
        raise RuntimeError(f"pyright exit {proc.returncode}: {proc.stderr[-2000:]}") from exc
    found: dict[str, list[dict[str, object]]] = {include: [] for include in includes}
    for diag in report["generalDiagnostics"]:
        if diag["severity"] == "error":
            rel = Path(diag["file"]).relative_to(folder).as_posix()
            owner = next((i for i in includes if rel.startswith(i + "/")), includes[0])
            found[owner].append(diag)
    return found


def _where(diag: dict[str, object], base: Path) -> str:
    start = diag["range"]["start"]  # type: ignore[index]
    rel = Path(str(diag["file"])).relative_to(base).as_posix()
    message = str(diag["message"]).splitlines()[0]
    rule = f" [{diag['rule']}]" if diag.get("rule") else ""
    return f"{rel}:{start['line'] + 1}:{start['character'] + 1}: {message}{rule}"


def record_typecheck(outcome: Outcome, diags: list[dict[str, object]]) -> None:
    outcome.typecheck = len(diags)
    if not diags:
        return
    base = Path(outcome.out)
    rules = Counter(str(d.get("rule", "-")) for d in diags)
    detail = "\n".join([", ".join(f"{rule} x{n}" for rule, n in rules.most_common()),
                        *(_where(d, base) for d in diags[:15])])
    message = f"{len(diags)} errors; first: {_where(diags[0], base)}"
    outcome.problems.append(Problem("type-check", message, detail))


def run_typecheck(outcome: Outcome) -> None:
    try:
        found = pyright(Path(outcome.out), [outcome.package])
    except RuntimeError as exc:
        outcome.problems.append(Problem("type-check", str(exc).splitlines()[0], str(exc)))
        return
    record_typecheck(outcome, found[outcome.package])


def typecheck_together(outcomes: list[Outcome], out_root: Path, threads: int = 2) -> None:
    """One pyright run over the packages of many outcomes (all below out_root): pyright's
    start-up (typeshed, pydantic, httpx) dominates small packages, so this is much faster."""
    if not outcomes:
        return
    owners = {f"{o.package}/{o.package}": o for o in outcomes}
    try:
        found = pyright(out_root, list(owners), threads)
    except RuntimeError as exc:
        for outcome in outcomes:
            outcome.problems.append(Problem("type-check", str(exc).splitlines()[0], str(exc)))
        return
    for include, diags in found.items():
        record_typecheck(owners[include], diags)


# --- the whole corpus ----------------------------------------------------------------------

@dataclass(frozen=True)
class Sweep:
    """How a run checks each spec: below which corpus folder, with which limits."""
    corpus: Path = CORPUS
    typecheck: bool = True
    full: bool = False
    generate_timeout: float = GENERATE_TIMEOUT
    keep: bool = True  # False: each package's folder is deleted once checked (big sweeps)
    biggest_first: bool = True  # keeps workers busy to the end; False: in the given order


def check_spec(spec: Path, out_root: Path, typecheck: bool = True, full: bool = False,
               sweep: Sweep | None = None) -> Outcome:
    """Generates spec into its own folder below out_root, then imports and type-checks it."""
    sweep = sweep or Sweep(typecheck=typecheck, full=full)
    package = package_name(spec, sweep.corpus)
    out = out_root / package
    out.mkdir(parents=True)
    outcome = Outcome(spec=spec.relative_to(sweep.corpus).as_posix(), package=package,
                      out=str(out))
    try:
        _check(spec, outcome, sweep)
    finally:
        if not sweep.keep:
            shutil.rmtree(out, ignore_errors=True)
    return outcome


def _check(spec: Path, outcome: Outcome, sweep: Sweep) -> None:
    outcome.schemas, outcome.operations = count_spec(spec)
    run_generate(spec, outcome, sweep.generate_timeout)
    if outcome.exit_code != 0 or outcome.failed:
        return
    run_import(outcome)
    if not sweep.typecheck:
        outcome.typecheck_note = "off"
    elif outcome.files > TYPECHECK_MAX_FILES and not sweep.full:
        outcome.typecheck_note = f"skipped: {outcome.files} files (--full checks it)"
    else:
        run_typecheck(outcome)


def status(outcome: Outcome) -> str:
    if not outcome.problems:
        return "ok"
    first = outcome.problems[0]
    return f"{first.stage} {'FAILED' if first.fatal else 'rejected'}: {first.message[:100]}"


def progress(done: int, total: int, elapsed: float) -> str:
    """`12/300, 3.1 specs/min, 01:02:03 left` (the rate so far, over what is left)."""
    rate = done / elapsed if elapsed > 0 else 0.0
    left = (total - done) / rate if rate else 0.0
    hours, rest = divmod(int(left), 3600)
    return f"{done}/{total}, {rate * 60:.1f} specs/min, {hours:02d}:{rest // 60:02d}:" \
        f"{rest % 60:02d} left"


def run_all(specs: list[Path], out_root: Path, jobs: int = 2, typecheck: bool = True,
            full: bool = False, sweep: Sweep | None = None,
            on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """check_spec over every spec on `jobs` processes, biggest first; results in specs order.
    Prints each outcome with the progress so far; `on_outcome` sees each as it comes."""
    sweep = sweep or Sweep(typecheck=typecheck, full=full)
    order = sorted(specs, key=lambda p: -p.stat().st_size) if sweep.biggest_first else specs
    outcomes: dict[Path, Outcome] = {}
    started = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(check_spec, spec, out_root, sweep=sweep): spec for spec in order}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            outcome = outcomes[futures[future]] = future.result()
            if on_outcome is not None:
                on_outcome(outcome)
            print(f"[{progress(done, len(specs), time.perf_counter() - started)}] "
                  f"{outcome.spec}: {status(outcome)} ({outcome.seconds:.1f} s)",
                  file=sys.stderr, flush=True)
    return [outcomes[spec] for spec in specs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.run", description=__doc__)
    parser.add_argument("--only", default="", help="only specs whose path contains this")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--no-typecheck", action="store_true", help="skip pyright")
    parser.add_argument("--full", action="store_true",
                        help=f"also type-check packages over {TYPECHECK_MAX_FILES} files")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent: ../shared lives beside the repository", file=sys.stderr)
        return 2
    if not args.no_typecheck and not PYRIGHT.exists():
        print(f"{PYRIGHT} is missing: run `npm ci`, or pass --no-typecheck", file=sys.stderr)
        return 2
    specs = [s for s in find_specs() if args.only in s.relative_to(CORPUS).as_posix()]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="corpus-") as out_root:
        outcomes = run_all(specs, Path(out_root), args.jobs, not args.no_typecheck, args.full)
    from tests.corpus.report import report  # it imports this module

    text = report(outcomes, sys.argv[1:] if argv is None else argv,
                  time.perf_counter() - started)
    if not args.only:  # a partial run must not replace the table of the whole corpus
        RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
