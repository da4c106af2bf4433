"""Parse throughput of one parser, run as a script in the venv under test (standard library only).

    python bench/parse_probe.py DATA.json REPEATS MODULE:FUNCTION MODULE:CLASS
        [--keywords MODEL_NAME DATA_NAME] [--inspect ATTRIBUTE]

Times FUNCTION(CLASS, data) (or FUNCTION(MODEL_NAME=CLASS, DATA_NAME=data)) with timeit and
prints one JSON line: objects/s median, min and max over REPEATS, the loop count, the parsed
object's type, the type of its ATTRIBUTE as "<ATTRIBUTE>_type", and whether parsing changed data.
Exits 3, printing {"unavailable": ...}, when FUNCTION or CLASS cannot be imported.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

UNAVAILABLE = 3

def load(target: str) -> Any:
    """The object "module:name" names."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def rates(fn: Callable[[], object], repeats: int) -> tuple[list[float], int]:
    """(calls per second of each repeat, calls per repeat): at least 100 calls and about
    twice what timeit's autorange picks (0.2 s or more)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(number * 2, 100)
    return [number / t for t in timer.repeat(repeat=repeats, number=number)], number


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("repeats", type=int)
    parser.add_argument("parser", metavar="MODULE:FUNCTION")
    parser.add_argument("model", metavar="MODULE:CLASS")
    parser.add_argument("--keywords", nargs=2, metavar=("MODEL_NAME", "DATA_NAME"))
    parser.add_argument("--inspect", default="", metavar="ATTRIBUTE")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data = json.loads(args.data.read_text())
    try:
        parse, model = load(args.parser), load(args.model)
    except ImportError as exc:
        print(json.dumps({"unavailable": f"{type(exc).__name__}: {exc}"}))
        return UNAVAILABLE
    if args.keywords:
        fn = functools.partial(parse, **dict(zip(args.keywords, (model, data), strict=True)))
    else:
        fn = functools.partial(parse, model, data)
    before = json.dumps(data, sort_keys=True)
    obj = fn()
    per_second, number = rates(fn, args.repeats)
    result: dict[str, object] = {
        "median": statistics.median(per_second),
        "min": min(per_second),
        "max": max(per_second),
        "number": number,
        "type": type(obj).__name__,
    }
    if args.inspect:
        inner = getattr(obj, args.inspect, None)
        result[f"{args.inspect}_type"] = type(inner).__name__ if inner is not None else None
    result["input_mutated"] = json.dumps(data, sort_keys=True) != before
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    # Run as a script, this file's folder comes first on sys.path, where the harness's own
    # modules could shadow what the parser imports.
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]
    sys.exit(main())
