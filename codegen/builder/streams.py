"""The config's choice of which body property asks an operation for its event stream, over
the builder's convention (a boolean `stream`)."""

from __future__ import annotations

from dataclasses import replace

from ..config import StreamingConfig, endpoint_key
from ..diagnostics import Diagnostics
from ..ir import Api, Model, Operation, all_fields
from ..pointers import pointer_join


def select_streams(api: Api, config: StreamingConfig, diagnostics: Diagnostics) -> Api:
    api = _configured(api, config, diagnostics)
    for op in api.operations:
        if op.stream is not None and not op.stream.used:
            diagnostics.warning(op.stream.pointer, "an event stream is offered beside another "
                                "response body, but no boolean `stream` body property selects "
                                "it: the method returns the other body (streaming.methods in "
                                "the config can name the property)")
    return api


def _configured(api: Api, config: StreamingConfig, diagnostics: Diagnostics) -> Api:
    by_endpoint = {(op.method, op.path): op for op in api.operations}
    chosen: dict[str, Operation] = {}
    for endpoint, choice in config.methods.items():
        where = pointer_join("codegen.yaml#/streaming/methods", endpoint)
        try:
            op = by_endpoint.get(endpoint_key(endpoint))
        except ValueError:
            op = None
        if op is None or op.stream is None:
            what = "no operation" if op is None else "an operation without an event stream"
            diagnostics.error(where, f"'{endpoint}' is {what} in the spec")
            continue
        updated = _selected(api, op, choice, where, diagnostics)
        if updated is not None:
            chosen[op.key] = updated
    operations = tuple(chosen.get(op.key, op) for op in api.operations)
    return replace(api, operations=operations)


def _selected(api: Api, op: Operation, choice: str | bool, where: str,
              diagnostics: Diagnostics) -> Operation | None:
    assert op.stream is not None
    if choice is False:
        return replace(op, stream=None)
    prop, _, value = str(choice).partition("=")
    model = api.decls.get(op.body.flattened_model or "") if op.body else None
    names = {f.wire_name for f in all_fields(api.decls, model)} if isinstance(
        model, Model) else set()
    if prop not in names:
        diagnostics.error(where, f"the request body has no property '{prop}' to select the "
                          "stream with")
        return None
    return replace(op, stream=replace(op.stream, selector=prop, value=value or True))
