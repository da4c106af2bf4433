"""Stage 2: JSON pointers, `$ref` resolution (with sibling keywords), `$recursiveRef`/`$dynamicRef`.

Only local references and relative files beside the spec are followed; a URL is never fetched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .diagnostics import Diagnostic, Diagnostics, Severity
from .pointers import pointer_join, pointer_parts

# Keywords that only annotate a schema: beside a `$ref` they decorate the target, they do not
# change its shape (OpenAPI 3.1 allows siblings; 3.0 documents use them anyway).
ANNOTATIONS = frozenset({
    "description", "summary", "title", "default", "example", "examples", "deprecated",
    "readOnly", "writeOnly", "nullable", "externalDocs", "xml", "$comment", "format",
})

REF_KEYS = ("$ref", "$recursiveRef", "$dynamicRef")


class RefError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass
class Resolver:
    """Resolves references against the root document and any relative files it names."""

    root: Any
    base_path: str = ""
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    _external: dict[str, Any] = field(default_factory=dict)

    def node_at(self, pointer: str) -> Any:
        """The node at an absolute key: '#/a/b' in the root, 'file.yaml#/a' in another file."""
        file, _, local = pointer.partition("#")
        node = self._document(file) if file else self.root
        for part in pointer_parts("#" + local):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise RefError(f"the $ref target {pointer} does not exist",
                               "define it in the spec or fix the reference's spelling")
        return node

    def target_of(self, ref: str, at: str) -> str:
        """The absolute key a `$ref` written at pointer `at` points to."""
        if not isinstance(ref, str):
            raise RefError(f"$ref must be a string, got {type(ref).__name__}")
        if "://" in ref or ref.startswith("//"):
            raise RefError(f"$ref to a URL ({ref}) is not followed: codegen never uses the "
                           "network", "download the document and refer to it by a relative path")
        file, _, local = ref.partition("#")
        local = unquote(local)  # a pointer in a URI fragment is percent-encoded (RFC 6901)
        if local and not local.startswith("/"):
            raise RefError(f"$ref anchor '#{local}' is not supported",
                           "use a JSON pointer such as '#/components/schemas/Name'")
        current_file = at.partition("#")[0]
        if file:
            base = os.path.dirname(current_file) if current_file else ""
            file = os.path.normpath(os.path.join(base, file))
        else:
            file = current_file
        key = f"{file}#{local}"
        self.node_at(key)  # raises when the target is missing
        return key

    def dynamic_target(self, at: str) -> str:
        """`$recursiveRef`/`$dynamicRef`: the nearest enclosing anchored schema, else the
        enclosing component (what spec authors mean by '#' inside a component)."""
        file, _, local = at.partition("#")
        parts = pointer_parts("#" + local)
        for end in range(len(parts), 0, -1):
            candidate = pointer_join(file + "#", *parts[:end])
            node = self.node_at(candidate)
            if isinstance(node, dict) and (node.get("$recursiveAnchor") or
                                           node.get("$dynamicAnchor")):
                return candidate
        if len(parts) >= 3 and parts[0] == "components":
            return pointer_join(file + "#", *parts[:3])
        raise RefError("$recursiveRef/$dynamicRef outside a component schema has no target")

    def _document(self, file: str) -> Any:
        if file not in self._external:
            from .load import load  # local: only specs split over files need it

            path = os.path.join(os.path.dirname(self.base_path), file)
            if not os.path.exists(path):
                raise RefError(f"$ref names the file '{file}', which does not exist",
                               "add the file beside the spec or fix the path")
            self._external[file] = load(path).data
        return self._external[file]


def ref_of(node: Any) -> tuple[str, str] | None:
    """('$ref', value) for a reference node, or None."""
    if isinstance(node, dict):
        for key in REF_KEYS:
            if key in node:
                return key, node[key]
    return None


def split_siblings(node: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Sibling keywords of a `$ref`: (annotations, structural keywords)."""
    notes: dict[str, Any] = {}
    shape: dict[str, Any] = {}
    for key, value in node.items():
        if key in REF_KEYS or key.startswith("x-") or key in ("$recursiveAnchor",
                                                               "$dynamicAnchor"):
            continue
        (notes if key in ANNOTATIONS else shape)[key] = value
    return notes, shape


def resolve_chain(resolver: Resolver, pointer: str, node: Any) -> tuple[str, Any]:
    """Follows pure `$ref` hops (a ref whose target is itself a ref) to the first real schema.

    A chain that returns to where it started is a cycle no type can express: RefError.
    """
    seen = [pointer]
    while (found := ref_of(node)) is not None:
        keyword, value = found
        target = (resolver.dynamic_target(pointer) if keyword != "$ref"
                  else resolver.target_of(value, pointer))
        if target in seen:
            raise RefError("$ref cycle: " + " -> ".join([*seen, target]),
                           "one schema in the cycle must define a type instead of referring on")
        seen.append(target)
        pointer, node = target, resolver.node_at(target)
        if keyword != "$ref":
            break
    return pointer, node


def missing_ref(pointer: str, exc: RefError) -> Diagnostic:
    return Diagnostic(pointer, Severity.ERROR, str(exc), exc.hint)
