"""The tools' command lines and the peers' virtualenvs.

Each peer runs from its own venv under bench/.venvs/, built on first use from the pinned
requirement file beside this module and rebuilt when that file (or the Python) changes.
datamodel-code-generator runs with the options its `--recommend-options` prints for the spec.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import sys
from pathlib import Path

from bench.cases import DMCG_MODULE, SPECS, VENV_REQUIREMENTS, Tool
from bench.measure import Command, log, quick_run, tail_of
from bench.paths import (
    BENCH,
    CODEGEN_BIN,
    CODEGEN_CACHE_DIR,
    CODEGEN_SOURCES,
    CODEGEN_VENV_BIN,
    LOGS,
    ROOT,
    VENVS,
    rel,
)

RECOMMEND_TIMEOUT = 600.0
# datamodel-code-generator on a JSON Schema: its defaults, pydantic v2 models.
JSONSCHEMA_FLAGS = ["--input-file-type", "jsonschema", "--output-model-type",
                    "pydantic_v2.BaseModel"]
PIP_TIMEOUT = 1800.0
# The packages whose versions the report's header gives, per venv.
REPORTED_PACKAGES = {
    "dmcg": ["datamodel-code-generator", "black", "pydantic"],
    "opc": ["openapi-python-client", "ruff"],
    "openai": ["openai", "pydantic", "httpx", "httpx2"],
}
_UNSET_FOR_TOOLS = (
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONINSPECT",
)


def tool_env(
    bin_dir: Path | None, pythonpath: Path | None = None, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of an activated venv; bytecode writing allowed."""
    env = {k: v for k, v in os.environ.items() if k not in _UNSET_FOR_TOOLS}
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(bin_dir.parent)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    env.update(extra or {})
    return env


def parse_recommended_command(output: str, kind: str = "openapi",
                              ) -> tuple[list[str] | None, str]:
    """The options in the 'Command' section that --recommend-options prints, minus
    --input/--output; plus --input-file-type and --output-model-type when it leaves them out.
    (options, "") or (None, why not)."""
    lines = output.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "Command"]
    if not starts:
        return None, "--recommend-options printed no 'Command' section"
    block: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if not line.strip():
            break
        block.append(line.strip().rstrip("\\").strip())
    words = shlex.split(" ".join(block))
    if not words or "datamodel-codegen" not in words[0]:
        return None, f"cannot read the recommended command: {' '.join(block)[:200]}"
    flags: list[str] = []
    skip = False
    for word in words[1:]:
        if skip or word.startswith(("--input=", "--output=")):
            skip = False
            continue
        skip = word in ("--input", "--output")
        if not skip:
            flags.append(word)
    if "--input-file-type" not in flags:
        flags += ["--input-file-type", kind]
    if "--output-model-type" not in flags:
        flags += ["--output-model-type", "pydantic_v2.BaseModel"]
    return flags, ""


def find_package(base: Path, name: str, depth: int = 3) -> Path | None:
    """The directory to put on sys.path so that `import name` finds it under base."""
    level = [base] if base.is_dir() else []
    for _ in range(depth + 1):
        below: list[Path] = []
        for folder in level:
            if (folder / name / "__init__.py").is_file() or (folder / f"{name}.py").is_file():
                return folder
            try:
                below += [p for p in folder.iterdir() if p.is_dir() and not _hidden(p)]
            except OSError:
                continue
        level = below
    return None


def _hidden(folder: Path) -> bool:
    return folder.name.startswith((".", "__"))


def clear_codegen_cache() -> None:
    """Forgets the parsed specs: the next run sees the spec for the first time. The compiled
    templates (codegen's own, the same for every spec) stay, as .pyc files stay for every tool."""
    shutil.rmtree(CODEGEN_CACHE_DIR / "specs", ignore_errors=True)


def codegen_command(spec_key: str, out_dir: Path, verb: str = "generate",
                    args: tuple[str, ...] = ()) -> Command:
    generating = verb == "generate"
    cmd = Command(
        "codegen",
        "codegen" if generating else f"codegen {verb}",
        out_dir=out_dir if generating else None,
        output=out_dir if generating else None,
    )
    if not CODEGEN_BIN.exists():
        cmd.unavailable = f"{rel(CODEGEN_BIN)} does not exist (pip install -e .)"
        return cmd
    spec = SPECS[spec_key]
    cmd.argv = [str(CODEGEN_BIN), verb, str(spec.path), "--package", spec.codegen_package]
    cmd.argv += ["--out", str(out_dir), *args]
    cmd.env = tool_env(CODEGEN_VENV_BIN, extra={"CODEGEN_CACHE_DIR": str(CODEGEN_CACHE_DIR)})
    return cmd


class Peers:
    """The peers' venvs and datamodel-code-generator's recommended options, each worked out
    once per run."""

    def __init__(self) -> None:
        self._venvs: dict[str, tuple[Path | None, str]] = {}
        # spec path -> (options, "") or (None, why not); the report lists them in its notes
        self.dmcg_flags: dict[Path, tuple[list[str] | None, str]] = {}

    def venv(self, name: str) -> tuple[Path | None, str]:
        """(bin dir, "") when the venv is ready, else (None, reason). Rebuilt when stale."""
        if name not in self._venvs:
            self._venvs[name] = _ensure_venv(name)
            if self._venvs[name][1]:
                log(f"[venv] {name}: {self._venvs[name][1]}")
        return self._venvs[name]

    def generator(self, tool: Tool, spec_key: str, out_dir: Path,
                  codegen_args: tuple[str, ...] = ()) -> Command:
        if tool == "codegen":
            return codegen_command(spec_key, out_dir, args=codegen_args)
        if tool == "dmcg":
            return self.dmcg_command(spec_key, out_dir)
        return self.opc_command(spec_key, out_dir)

    def checker(self, tool: Tool, spec_key: str, out_dir: Path) -> Command:
        """The command that checks out_dir against the spec without writing."""
        if tool == "codegen":
            return codegen_command(spec_key, out_dir, "check")
        if tool == "dmcg":
            return self.dmcg_command(spec_key, out_dir, check=True)
        raise ValueError(f"{tool} has no check command")

    def recommended_flags(self, spec: Path, kind: str = "openapi",
                          ) -> tuple[list[str] | None, str]:
        """The options `datamodel-codegen --recommend-options` advises for spec (it prints
        them, as a command line, and exits without generating)."""
        if spec not in self.dmcg_flags:
            bin_dir, why = self.venv("dmcg")
            if bin_dir is None:
                return None, why
            argv = [str(bin_dir / "datamodel-codegen"), "--input", str(spec)]
            argv += ["--input-file-type", kind, "--recommend-options"]
            env = tool_env(bin_dir)
            rc, out, err = quick_run(argv, env=env, timeout=RECOMMEND_TIMEOUT)
            if rc != 0:
                why = f"--recommend-options failed (exit {rc}): {tail_of(err or out)}"
                self.dmcg_flags[spec] = (None, why)
            else:
                self.dmcg_flags[spec] = parse_recommended_command(out, kind)
        return self.dmcg_flags[spec]

    def dmcg_command(self, spec_key: str, out_dir: Path, check: bool = False) -> Command:
        cmd = Command(
            "dmcg",
            "datamodel-code-generator" + (" --check" if check else ""),
            out_dir=None if check else out_dir,
            output=None if check else out_dir,
        )
        bin_dir, why = self.venv("dmcg")
        spec = SPECS[spec_key].path
        kind = SPECS[spec_key].kind
        if kind == "jsonschema":  # --recommend-options takes minutes on large JSON Schemas
            flags: list[str] | None = JSONSCHEMA_FLAGS
        else:
            flags, why = self.recommended_flags(spec, kind) if bin_dir is not None \
                else (None, why)
        if bin_dir is None or flags is None:
            cmd.unavailable = why
            return cmd
        cmd.argv = [str(bin_dir / "datamodel-codegen"), "--input", str(spec), *flags]
        cmd.argv += ["--output", str(out_dir / f"{DMCG_MODULE}.py")]
        cmd.argv += ["--check"] if check else []
        cmd.env = tool_env(bin_dir)
        return cmd

    def opc_command(self, spec_key: str, out_dir: Path) -> Command:
        cmd = Command("opc", "openapi-python-client", out_dir=out_dir, output=out_dir)
        bin_dir, why = self.venv("opc")
        if bin_dir is None:
            cmd.unavailable = why
            return cmd
        spec = SPECS[spec_key]
        cmd.argv = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(spec.path)]
        cmd.argv += ["--output-path", str(out_dir / spec.opc_package)]
        cmd.argv += ["--overwrite", "--meta", "none"]
        cmd.env = tool_env(bin_dir)  # its ruff post-hooks are looked up on PATH
        return cmd


def _ensure_venv(name: str) -> tuple[Path | None, str]:
    """Build bench/.venvs/<name> unless its stamp matches the requirements and the Python."""
    req = BENCH / VENV_REQUIREMENTS[name]
    vdir = VENVS / name
    stamp = vdir / ".bench-stamp"
    try:
        wanted = req.read_bytes() + f"\n{sys.version}\n{sys.base_prefix}".encode()
    except OSError as exc:
        return None, f"cannot read {req.name}: {exc.strerror}"
    digest = hashlib.sha256(wanted).hexdigest()
    python = vdir / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return vdir / "bin", ""
    log(f"[venv] building bench/.venvs/{name} from {req.name} (one-time, ~30 s)")
    shutil.rmtree(vdir, ignore_errors=True)
    rc, _, err = quick_run([sys.executable, "-m", "venv", str(vdir)], timeout=300)
    if rc != 0:
        return None, f"python -m venv failed: {tail_of(err)}"
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    rc, out, err = quick_run([*pip, "-r", str(req)], timeout=PIP_TIMEOUT)
    LOGS.mkdir(parents=True, exist_ok=True)
    (LOGS / f"pip-{name}.log").write_text(out + err)
    if rc != 0:
        return None, f"pip install -r {req.name} failed: {tail_of(err or out)}"
    stamp.write_text(digest + "\n")
    return vdir / "bin", ""


_VERSIONS_CODE = """\
import importlib.metadata as m, json, sys
out = {}
for n in sys.argv[1:]:
    try: out[n] = m.version(n)
    except Exception: pass
print(json.dumps(out))
"""


def _versions_in(python: Path, names: list[str]) -> dict[str, str]:
    rc, out, _ = quick_run([str(python), "-c", _VERSIONS_CODE, *names], timeout=60)
    try:
        found: dict[str, str] = json.loads(out) if rc == 0 else {}
    except ValueError:
        found = {}
    return found


def _codegen_version() -> str:
    found = _versions_in(CODEGEN_VENV_BIN / "python", ["codegen"])
    version = found.get("codegen", "not installed")
    git = ["git", "-C", str(ROOT)]
    rc, head, _ = quick_run([*git, "rev-parse", "--short", "HEAD"], timeout=30)
    status = [*git, "status", "--porcelain", "--", *CODEGEN_SOURCES]
    rc2, dirty, _ = quick_run(status, timeout=30)
    commit = head.strip() if rc == 0 else "?"
    if rc2 == 0 and dirty.strip():
        commit += " + uncommitted changes"
    return f"codegen {version} (git {commit})"


def tool_versions() -> str:
    """codegen's version and commit, and the reported packages of each venv that exists."""
    parts = [_codegen_version()]
    for venv, names in REPORTED_PACKAGES.items():
        python = VENVS / venv / "bin" / "python"
        found = _versions_in(python, names) if python.exists() else {}
        if found:
            parts.append(f"venv {venv}: " + ", ".join(f"{k} {v}" for k, v in found.items()))
    return "; ".join(parts)
