"""Webhooks (OpenAPI 3.1 `webhooks`, 3.0 `x-webhooks`): the requests the API sends, each typed
by its JSON body, for `client.webhooks.unwrap` to parse."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostics
from ..ir import Alias, InlineHint, UnionType, Webhook
from ..pointers import pointer_join
from ..refs import RefError, ref_of
from ..words import pascal_words
from .operations import VERBS, OperationBuilder


def webhook_union(data: dict[str, Any], webhooks: list[Webhook]) -> Alias | None:
    """The union of every webhook's payload, declared at the webhooks object's pointer
    (the discriminator pass tells the events apart by their tag where it can)."""
    variants = tuple(dict.fromkeys(hook.type for hook in webhooks))
    if not variants:
        return None
    key = "#/webhooks" if "webhooks" in data else "#/x-webhooks"
    union = variants[0] if len(variants) == 1 else UnionType(variants)
    return Alias(key, InlineHint(title="WebhookEvent"), "Every event the API sends to a webhook.",
                 union)


def build_webhooks(data: dict[str, Any], builder: OperationBuilder,
                   diagnostics: Diagnostics) -> list[Webhook]:
    key = "webhooks" if "webhooks" in data else "x-webhooks"
    hooks = data.get(key) or {}
    if not isinstance(hooks, dict):
        diagnostics.error(f"#/{key}", f"{key} must be a mapping")
        return []
    out = []
    for name, raw in hooks.items():
        pointer = pointer_join(f"#/{key}", name)
        if str(name).startswith("x-"):
            continue  # an extension of the webhooks object (`x-sdk-exclude: true`), no webhook
        if not isinstance(raw, dict):
            diagnostics.warning(pointer, f"a webhook must be an object, got "
                                f"{type(raw).__name__}; skipped")
            continue
        try:
            pointer, item = builder.deref(pointer, raw)
        except RefError as exc:
            diagnostics.error(pointer, str(exc), exc.hint)
            continue
        for verb in VERBS:
            if isinstance(item.get(verb), dict):
                hook = _webhook(str(name), verb, pointer_join(pointer, verb), item[verb], builder)
                if hook is not None:
                    out.append(hook)
    return out


def _webhook(name: str, verb: str, pointer: str, node: dict[str, Any],
             builder: OperationBuilder) -> Webhook | None:
    summary = node.get("summary") or node.get("description") or ""
    try:
        body_pointer, body = builder.deref(pointer_join(pointer, "requestBody"),
                                           node.get("requestBody") or {})
    except RefError as exc:
        builder.diagnostics.error(pointer, str(exc), exc.hint)
        return None
    content = body.get("content") or {}
    media = next((str(m) for m in content if "json" in str(m)), "") if isinstance(
        content, dict) else ""
    schema = content[media].get("schema") if media and isinstance(content[media], dict) else None
    if schema is None:
        builder.diagnostics.warning(pointer, "a webhook without a JSON body schema: "
                                    "`webhooks.unwrap` cannot type it; left out")
        return None
    schema_pointer = pointer_join(body_pointer, "content", media, "schema")
    hint = InlineHint(title="".join(pascal_words(name)) + "Event")
    wtype = (builder.schemas.type_of(schema_pointer, schema, InlineHint())
             if ref_of(schema) is not None else builder.schemas.reference(schema_pointer, hint))
    return Webhook(name, verb, wtype, pointer, str(summary).strip())
