"""`codegen extract` makes the committed spec/openapi.yaml, deterministically."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers import ROOT, run_codegen, shared_path

COMMITTED = ROOT / "spec" / "openapi.yaml"


def _stamp() -> dict[str, list[str]]:
    """What the committed spec says it was extracted from (`make extract` wrote it)."""
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))["x-codegen-source"]


def _extract(out: Path) -> str:
    source = shared_path("specs", "openai-openapi.yaml")
    stamp = _stamp()
    wanted = [arg for op in stamp["operations"] for arg in ("--operation", op)]
    wanted += [arg for hook in stamp.get("webhooks", []) for arg in ("--webhook", hook)]
    result = run_codegen("extract", str(source), *wanted, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "9 operations, 1 webhooks, 43 schemas" in result.stderr
    return out.read_text(encoding="utf-8")


def test_committed_spec_is_the_extraction(tmp_path: Path) -> None:
    text = _extract(tmp_path / "a.yaml")
    assert text == COMMITTED.read_text(encoding="utf-8")
    assert _extract(tmp_path / "b.yaml") == text


def test_extraction_is_self_contained_and_stamped(tmp_path: Path) -> None:
    doc = yaml.safe_load(_extract(tmp_path / "a.yaml"))
    assert sorted(doc["paths"]) == [
        "/realtime/calls", "/realtime/calls/{call_id}/accept", "/realtime/calls/{call_id}/hangup",
        "/realtime/calls/{call_id}/refer", "/realtime/calls/{call_id}/reject",
        "/realtime/client_secrets", "/realtime/sessions", "/realtime/transcription_sessions",
        "/realtime/translations/client_secrets"]
    assert list(doc["webhooks"]) == ["realtime_call_incoming"]
    assert "WebhookRealtimeCallIncoming" in doc["components"]["schemas"]
    assert len(doc["components"]["schemas"]) == 43
    assert "ApiKeyAuth" in doc["components"]["securitySchemes"]
    stamp = doc["x-codegen-source"]
    assert stamp["file"] == "openai-openapi.yaml"
    assert stamp["sha256"] == "db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8"
    assert stamp["operations"][0] == "create-realtime-client-secret"
    assert stamp["webhooks"] == ["realtime_call_incoming"]
    refs = set()
    stack: list[object] = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.add(node["$ref"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    for ref in refs:
        _, section, name = ref.lstrip("#/").split("/", 2)[0:3] if ref.count("/") >= 3 else (
            "", "", "")
        assert name.split("/")[0] in doc["components"][section], ref


def test_operation_by_route_and_unknown_operation(tmp_path: Path) -> None:
    source = shared_path("specs", "openai-openapi.json")
    out = tmp_path / "route.yaml"
    ok = run_codegen("extract", str(source), "--operation", "POST /realtime/client_secrets",
                     "--out", str(out))
    assert ok.returncode == 0 and "31 schemas" in ok.stderr
    bad = run_codegen("extract", str(source), "--operation", "no-such-op", "--out",
                      str(tmp_path / "x.yaml"))
    assert bad.returncode == 1
    assert "no operation 'no-such-op'" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.yaml").exists()
    hook = run_codegen("extract", str(source), "--operation", "create-realtime-client-secret",
                       "--webhook", "no_such_hook", "--out", str(tmp_path / "x.yaml"))
    assert hook.returncode == 1 and "no webhook 'no_such_hook'" in hook.stderr
    assert "Traceback" not in hook.stderr and not (tmp_path / "x.yaml").exists()
