"""The official JSON-Schema-Test-Suite through codegen and, in the same run, through
datamodel-code-generator (dmcg), keyword by keyword.

Each case is a schema with instances the suite marks valid or invalid. A case counts as one a
pydantic model can express when codegen generates it without a warning (every warning names
an approximation). Codegen's side: the case generates (models only), imports, and each
instance is parsed with `parse_response(Root, data, strict=True)`: a pass is a valid instance
accepted or an invalid one rejected. dmcg's side: the same cases, generated with its Python API
in its own virtualenv (bench/.venvs/dmcg, which `make bench` builds) and each instance checked
with `TypeAdapter(Model).validate_python(data)`.

Sources: bench/schema_sources.py (a cache filled with pip and npm; nothing is written into the
repository): the suite as PyPI's `jsonschema` sdist vendors it (drafts 2020-12, 2019-09, 7)
and as npm's `json-schema-test-suite` has it (draft 4).

`python -m tests.jsonschema.suite` writes tests/jsonschema/results.md.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.schema_sources import CACHE, fetch_sources, schemastore
from codegen.config import Config, with_package
from codegen.diagnostics import Diagnostics, FatalError, Severity
from codegen.jsonschema import load_input
from codegen.pipeline import generate_files

ROOT = Path(__file__).resolve().parents[2]
DMCG_PYTHON = ROOT / "bench" / ".venvs" / "dmcg" / "bin" / "python"
DRAFTS = ("draft2020-12", "draft2019-09", "draft7", "draft4")
METASCHEMAS = {"draft2020-12": "https://json-schema.org/draft/2020-12/schema",
               "draft2019-09": "https://json-schema.org/draft/2019-09/schema",
               "draft7": "http://json-schema.org/draft-07/schema#",
               "draft4": "http://json-schema.org/draft-04/schema#"}
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    draft: str
    keyword: str  # the suite file's name: the keyword it tests
    name: str  # a file stem, unique in the run
    description: str
    schema: Any
    tests: tuple[tuple[Any, bool], ...]  # (instance, valid?)


@dataclass
class Outcome:
    generated: bool = False
    expressible: bool = False  # generated without a warning
    passed: int = 0  # instances judged as the suite says
    passed_json: int = 0  # ... by pydantic's strict mode on the instance as JSON text
    tests: int = 0
    problem: str = ""


@dataclass
class Row:
    cases: int = 0
    generated: int = 0
    expressible: int = 0
    # instances judged right (strict mode, JSON strict) and instances, on expressible cases
    ours: list[int] = field(default_factory=lambda: [0, 0, 0])
    dmcg_generated: int = 0
    dmcg: list[int] = field(default_factory=lambda: [0, 0, 0])

    def add(self, other: Row) -> None:
        self.cases += other.cases
        self.generated += other.generated
        self.expressible += other.expressible
        self.dmcg_generated += other.dmcg_generated
        for i in range(3):
            self.ours[i] += other.ours[i]
            self.dmcg[i] += other.dmcg[i]


def _members(archive: Path, prefix_marker: str) -> Iterator[tuple[str, bytes]]:
    """(path after the marker, bytes) of each JSON file in a tarball below the marker."""
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and prefix_marker in member.name and \
                    member.name.endswith(".json"):
                handle = tar.extractfile(member)
                if handle is not None:
                    yield member.name.split(prefix_marker, 1)[1], handle.read()


def suite_files() -> dict[tuple[str, str], Any]:
    """{(draft, keyword): the suite file's cases}, optional/ and draft-next left out."""
    out: dict[tuple[str, str], Any] = {}
    sources = sorted(CACHE.glob("jsonschema-*.tar.gz"))[-1:] + \
        sorted(CACHE.glob("json-schema-test-suite-*.tgz"))[-1:]
    for archive in sources:
        for path, raw in _members(archive, "/tests/"):
            draft, _, rest = path.partition("/")
            if draft in DRAFTS and "/" not in rest:
                out.setdefault((draft, rest.removesuffix(".json")), json.loads(raw))
    return out


def cases(drafts: tuple[str, ...] = DRAFTS, keywords: tuple[str, ...] = ()) -> list[Case]:
    out = []
    for (draft, keyword), groups in sorted(suite_files().items()):
        if draft not in drafts or keywords and keyword not in keywords:
            continue
        for number, group in enumerate(groups):
            tests = tuple((t["data"], bool(t["valid"])) for t in group["tests"])
            schema = group["schema"]
            if isinstance(schema, dict) and "$schema" not in schema:  # the folder says it
                schema = {"$schema": METASCHEMAS[draft], **schema}
            name = f"c_{draft.replace('-', '_')}_{keyword.replace('-', '_')}_{number}".lower()
            out.append(Case(draft, keyword, name, group["description"], schema, tests))
    return out


def _root_type(package: Any, schema_path: str) -> Any:
    document, _ = load_input(schema_path, "jsonschema", Diagnostics())
    root = next(iter(document.data["components"]["schemas"]))
    from codegen.naming.types import class_identifier

    return getattr(package.types, class_identifier(root))


def run_ours(case: Case, folder: Path) -> Outcome:
    """Generates the case (models only), imports it and judges each instance."""
    outcome = Outcome(tests=len(case.tests))
    schema_path = folder / f"{case.name}.json"
    schema_path.write_text(json.dumps(case.schema), encoding="utf-8")
    config = replace(with_package(Config(), case.name), output="models", input="jsonschema",
                     format="none")
    try:
        result = generate_files(str(schema_path), config)
    except FatalError as exc:
        outcome.problem = str(exc)[:200]
        return outcome
    if not result.ok:
        outcome.problem = next(d.message for d in result.diagnostics
                               if d.severity is Severity.ERROR)
        return outcome
    outcome.expressible = not any(d.severity is Severity.WARNING for d in result.diagnostics)
    for path, text in result.files.items():
        dest = folder / case.name / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    try:
        package = importlib.import_module(case.name)
        root = _root_type(package, str(schema_path))
        parse = importlib.import_module(f"{case.name}._models").parse_response
    except Exception as exc:  # noqa: BLE001 - a generated package that does not import
        outcome.problem = f"import: {type(exc).__name__}: {exc}"[:200]
        return outcome
    outcome.generated = True
    outcome.passed = sum(_judged(lambda d: parse(root, d, strict=True), data, valid)
                         for data, valid in case.tests)
    adapter = _json_strict(root)
    outcome.passed_json = sum(_judged(adapter, data, valid) for data, valid in case.tests)
    return outcome


def _json_strict(root: Any) -> Any:
    """Validates an instance as JSON text in pydantic's strict mode ("1" is not an integer,
    1 is not a boolean), with the models' own strict context (no lenient fallback)."""
    from pydantic import TypeAdapter

    adapter = TypeAdapter(root)
    return lambda data: adapter.validate_json(json.dumps(data), strict=True,
                                              context={"strict": True})


def _judged(validate: Any, data: Any, valid: bool) -> bool:
    try:
        validate(data)
    except Exception:  # noqa: BLE001 - ValidationError, or anything else a bad value raises
        return not valid
    return valid


def run_all_ours(chosen: list[Case]) -> dict[str, Outcome]:
    with tempfile.TemporaryDirectory(prefix="codegen-suite-") as tmp:
        sys.path.insert(0, tmp)
        try:
            return {case.name: run_ours(case, Path(tmp)) for case in chosen}
        finally:
            sys.path.remove(tmp)
            for name in [m for m in sys.modules if m.startswith("c_")]:
                del sys.modules[name]


def _dmcg(listing: list[Any]) -> dict[str, Any] | None:
    """bench/.venvs/dmcg runs dmcg_driver.py on the listing; None without that venv (`make
    bench` builds it)."""
    if not DMCG_PYTHON.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="codegen-suite-dmcg-") as tmp:
        path = Path(tmp) / "listing.json"
        path.write_text(json.dumps(listing), encoding="utf-8")
        result = subprocess.run([str(DMCG_PYTHON), str(HERE / "dmcg_driver.py"), str(path),
                                 tmp], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"dmcg driver failed: {result.stderr[-2000:]}")
        found: dict[str, Any] = json.loads((Path(tmp) / "results.json").read_text("utf-8"))
    return found


def run_all_dmcg(chosen: list[Case]) -> dict[str, Outcome] | None:
    """dmcg's outcomes, or None when its virtualenv is absent."""
    raw = _dmcg([{"name": c.name, "schema": c.schema, "tests": c.tests} for c in chosen])
    if raw is None:
        return None
    return {name: Outcome(generated=r["generated"], passed=r["passed"],
                          passed_json=r["passed_json"], tests=r["tests"], problem=r["problem"])
            for name, r in raw.items()}


def table(chosen: list[Case], ours: dict[str, Outcome],
          theirs: dict[str, Outcome] | None) -> dict[str, Row]:
    """Rows by keyword (all drafts together); dmcg judged on the cases codegen can express."""
    rows: dict[str, Row] = {}
    for case in chosen:
        row = rows.setdefault(case.keyword, Row())
        mine = ours[case.name]
        row.cases += 1
        row.generated += mine.generated
        if not (mine.generated and mine.expressible):
            continue
        row.expressible += 1
        _count(row.ours, mine)
        other = theirs.get(case.name) if theirs is not None else None
        if other is not None:
            row.dmcg_generated += other.generated
            _count(row.dmcg, other)
    return dict(sorted(rows.items()))


def _count(into: list[int], outcome: Outcome) -> None:
    into[0] += outcome.passed
    into[1] += outcome.passed_json
    into[2] += outcome.tests


def _rate(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.0f}%)" if total else "-"


HEAD = ("| keyword | cases | generated | expressible | codegen strict | dmcg generated | "
        "dmcg strict | codegen JSON strict | dmcg JSON strict |")


def markdown(rows: dict[str, Row], drafts: tuple[str, ...], with_dmcg: bool) -> str:
    total = Row()
    for row in rows.values():
        total.add(row)
    lines = [f"Drafts: {', '.join(drafts)}; a row is one keyword's file of the suite, all drafts "
             "together. Generated: the case generates and imports (models only). Expressible: "
             "generated without a warning (a warning names an approximation). The instance "
             "columns count the suite's instances judged right (a valid one accepted, an "
             "invalid one rejected) on the expressible cases: *strict* is codegen's strict mode "
             "(`parse_response(T, data, strict=True)`; pydantic's lax coercion, so `\"1\"` is an "
             "integer) and, for datamodel-code-generator, `TypeAdapter(Model).validate_python`; "
             "*JSON strict* is pydantic's strict mode on the instance as JSON text, for both. "
             "datamodel-code-generator ran on the same cases in the same run.", "",
             HEAD, "|---|---|---|---|---|---|---|---|---|"]
    for keyword, row in [*rows.items(), ("**all**", total)]:
        n = row.ours[2]
        dmcg = [str(row.dmcg_generated), _rate(row.dmcg[0], row.dmcg[2]),
                _rate(row.dmcg[1], row.dmcg[2])] if with_dmcg else ["-", "-", "-"]
        lines.append(f"| {keyword} | {row.cases} | {row.generated} | {row.expressible} | "
                     f"{_rate(row.ours[0], n)} | {dmcg[0]} | {dmcg[1]} | "
                     f"{_rate(row.ours[1], n)} | {dmcg[2]} |")
    return "\n".join(lines) + "\n"


def schemastore_table(folder: Path) -> str:
    """Each SchemaStore schema through both tools: generated, imported, models built."""
    from codegen.diagnostics import Severity as _Severity

    paths = schemastore(folder)
    theirs = _dmcg([str(p) for p in paths]) or {}
    lines = ["| schema | size | codegen: models built | codegen warnings | dmcg: models built |",
             "|---|---|---|---|---|"]
    totals = [0, 0, 0, 0]
    for path in paths:
        name = "s_" + path.stem.replace("-", "_")
        result = generate_files(str(path), replace(with_package(Config(), name),
                                                    output="models"))
        warnings = sum(d.severity is _Severity.WARNING for d in result.diagnostics)
        built = _build_all(result.files, name) if result.ok else "error"
        other = theirs.get(path.name, {})
        problem = " ".join(str(other.get("problem", "not run")).split()).replace("|", "/")
        dmcg = other.get("models", 0) if other.get("generated") else f"failed: {problem[:60]}"
        totals[0] += isinstance(built, int)
        totals[1] += built if isinstance(built, int) else 0
        totals[2] += bool(other.get("generated"))
        totals[3] += other.get("models", 0) if other.get("generated") else 0
        lines.append(f"| {path.name} | {path.stat().st_size // 1024} KB | {built} | {warnings} "
                     f"| {dmcg} |")
    lines.append(f"| **{len(paths)} schemas** | | {totals[0]} generate and import, {totals[1]} "
                 f"models | | {totals[2]} generate and import, {totals[3]} models |")
    return "\n".join(lines) + "\n"


def _build_all(files: dict[str, str], name: str) -> int | str:
    """Imports the written package (without httpx) and builds every model; how many."""
    from tests.models.no_httpx import NO_HTTPX

    with tempfile.TemporaryDirectory(prefix="codegen-schemastore-") as tmp:
        for path, text in files.items():
            dest = Path(tmp) / name / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        # Every model class of every module (inline ones too), as dmcg's count has them.
        code = NO_HTTPX + (f"import importlib, pkgutil\nfrom {name} import types, BaseModel\n"
                           "seen = set()\n"
                           "for info in pkgutil.iter_modules(types.__path__):\n"
                           "    module = importlib.import_module(f'{types.__name__}.{info.name}')\n"
                           "    for v in vars(module).values():\n"
                           "        if isinstance(v, type) and issubclass(v, BaseModel) and "
                           f"v.__module__.startswith('{name}.') and v not in seen:\n"
                           "            v.model_rebuild(); seen.add(v)\nprint(len(seen))\n")
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp, capture_output=True,
                              text=True, check=False)
    return int(proc.stdout) if proc.returncode == 0 else "import failed"


def main() -> None:
    fetch_sources()
    with tempfile.TemporaryDirectory(prefix="codegen-schemastore-src-") as tmp:
        store = schemastore_table(Path(tmp))
    chosen = cases()
    ours = run_all_ours(chosen)
    theirs = run_all_dmcg(chosen)
    text = "# JSON Schema input: codegen and datamodel-code-generator\n\n" + \
        "Written by `python -m tests.jsonschema.suite` (both tools in the same run).\n\n" + \
        "## SchemaStore (the schemas PyPI's check-jsonschema vendors)\n\n" + \
        "Models only; built = imported (codegen's with httpx blocked) and `model_rebuild()` " + \
        "of every model class. dmcg: `generate()` with its defaults, pydantic v2 models.\n\n" + \
        store + "\n## JSON-Schema-Test-Suite\n\n" + \
        markdown(table(chosen, ours, theirs), DRAFTS, theirs is not None)
    failed = [f"- {name}: {o.problem}" for name, o in sorted(ours.items()) if not o.generated]
    if failed:
        text += "\nCases that did not generate or import:\n\n" + "\n".join(failed) + "\n"
    (HERE / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
