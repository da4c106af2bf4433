"""The generated client-secrets package type-checks clean, and its types bite: a wrong
literal or a misspelled key in a user's call is reported by both pyright and mypy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, node_tool

GENERATED = ROOT / "generated"
PACKAGE = GENERATED / "openai_realtime"

USER_CODE_OK = '''\
from openai_realtime import OpenAIRealtime
from openai_realtime.types import ClientSecretCreateParams

client = OpenAIRealtime(api_key="sk-test")
params: ClientSecretCreateParams = {EXAMPLE}
secret = client.realtime.client_secrets.create(
    expires_after={"anchor": "created_at", "seconds": 600},
    session={
        "type": "realtime",
        "model": "gpt-realtime",
        "audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}},
    },
)
value: str = secret.value
expires: int = secret.expires_at
'''

USER_CODE_BAD = '''\
from openai_realtime import OpenAIRealtime

client = OpenAIRealtime(api_key="sk-test")
client.realtime.client_secrets.create(
    session={
        "type": "realtime",
        "audio": {"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "fast"}}},
    },
)
client.realtime.client_secrets.create(
    expires_after={"anchor": "created_at", "secconds": 600},
)
'''
BAD_CALLS = [range(4, 10), range(10, 13)]  # lines of the wrong literal, the misspelled key


def _each_call_flagged(lines: set[int]) -> bool:
    return all(any(line in call for line in lines) for call in BAD_CALLS)


def _pyright(target: Path, version: str, config_dir: Path, strict: bool = True,
             ) -> subprocess.CompletedProcess[str]:
    """pyright on target, configured from a file in config_dir (a test's own folder: the
    checkout stays as it was, whatever runs beside it)."""
    pyright = node_tool("pyright")
    config = config_dir / f"pyrightconfig-{version}.json"
    config.write_text(json.dumps({
        "include": [os.path.relpath(target, config_dir)],  # pyright ignores absolute paths
        "typeCheckingMode": "strict" if strict else "standard", "pythonVersion": version,
        "extraPaths": [str(GENERATED)],
    }))
    return subprocess.run([str(pyright), "--pythonpath", sys.executable, "-p", str(config),
                           "--outputjson"], cwd=target.parent, capture_output=True, text=True,
                          check=False)


def _mypy(target: Path, version: str | None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
            "/dev/null", "--show-error-codes", "--no-error-summary"]
    if version:
        args += ["--python-version", version]
    return subprocess.run([*args, str(target)], cwd=target.parent, capture_output=True,
                          text=True, check=False, env={"MYPYPATH": str(GENERATED),
                                                       "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("version", ["3.9", f"{sys.version_info[0]}.{sys.version_info[1]}"])
def test_pyright_strict_clean(version: str, tmp_path: Path) -> None:
    result = _pyright(PACKAGE, version, tmp_path)
    report = json.loads(result.stdout)
    assert report["summary"]["filesAnalyzed"] == len(list(PACKAGE.rglob("*.py"))), result.stderr
    errors = [f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}"
              for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert not errors, "\n".join(errors[:40])


@pytest.mark.parametrize("version", ["3.10", None])  # mypy 2 checks 3.10 and later only
def test_mypy_strict_clean(version: str | None) -> None:
    result = _mypy(PACKAGE, version)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def _user_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "user_code.py"
    path.write_text(text)
    return path


def test_example_request_and_documented_call_type_check(tmp_path: Path,
                                                        example_request: dict[str, object],
                                                        ) -> None:
    code = USER_CODE_OK.replace("{EXAMPLE}", repr(example_request))
    user = _user_file(tmp_path, code)
    pyright = json.loads(_pyright(user, "3.9", tmp_path).stdout)
    errors = [d["message"] for d in pyright["generalDiagnostics"] if d["severity"] == "error"]
    assert not errors, errors
    mypy = _mypy(user, "3.10")
    assert mypy.returncode == 0, mypy.stdout


def test_types_bite_in_pyright(tmp_path: Path) -> None:
    user = _user_file(tmp_path, USER_CODE_BAD)
    report = json.loads(_pyright(user, "3.9", tmp_path).stdout)
    lines = {d["range"]["start"]["line"] + 1 for d in report["generalDiagnostics"]
             if d["severity"] == "error"}
    assert _each_call_flagged(lines), report["generalDiagnostics"]


def test_types_bite_in_mypy(tmp_path: Path) -> None:
    user = _user_file(tmp_path, USER_CODE_BAD)
    result = _mypy(user, "3.10")
    lines = {int(line.split(":")[1]) for line in result.stdout.splitlines()
             if "user_code.py:" in line and ": error:" in line}
    assert _each_call_flagged(lines), result.stdout
