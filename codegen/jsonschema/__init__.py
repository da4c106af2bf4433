"""JSON Schema documents as input (draft 2020-12, 2019-09, draft-07 and older): presented to
the OpenAPI builder as the components of an OpenAPI document (bundle.py), so that one schema
builder serves both inputs. Problems the builder finds are reported at the user's own
pointers, in the user's own files."""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostic, Diagnostics
from ..load import Document, load
from ..pointers import pointer_join, pointer_parts
from .bundle import COMPONENTS, Bundle, as_openapi
from .keywords import looks_like_jsonschema

__all__ = ["load_input", "looks_like_jsonschema", "original_places"]


def load_input(spec: str, kind: str, diagnostics: Diagnostics) -> tuple[Document, Bundle | None]:
    """The spec as the builder reads it: an OpenAPI document as it is, a JSON Schema (`kind`
    "jsonschema", or "auto" and it looks like one) bundled into components."""
    document = load(spec)
    if kind == "openapi" or kind == "auto" and not looks_like_jsonschema(document.data):
        return document, None
    bundle = as_openapi(document.path, document.data, diagnostics)
    return replace(document, data=bundle.document), bundle


def original_places(diagnostics: list[Diagnostic], bundle: Bundle) -> list[Diagnostic]:
    """Diagnostics with '#/components/schemas/Name/...' pointers moved back to the file and
    pointer the schema came from."""
    prefix = COMPONENTS + "/"
    out = []
    for diag in diagnostics:
        if diag.pointer.startswith(prefix):
            parts = pointer_parts(diag.pointer)
            origin = bundle.origins.get(parts[2])
            if origin is not None:
                file, base = origin
                diag = replace(diag, pointer=pointer_join(base, *parts[3:]),  # noqa: PLW2901
                               file="" if file == bundle.root_path else file)
        out.append(diag)
    return out
