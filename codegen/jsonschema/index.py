"""Every identifier of a set of JSON Schema documents: the resources their `$id`s name, their
anchors (`$anchor`, `$dynamicAnchor`, draft-07's `$id: "#name"`), their `$defs`, and each
reference with the base URI it is written against. Sibling files that a reference names are
loaded (never a URL: codegen does not use the network) and indexed in turn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlparse

from .keywords import DEFS, dialect, is_legacy, subschemas

Parts = tuple[str, ...]
Location = tuple[str, Parts]  # (the document's URI, the path of the node inside it)
REF_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")


@dataclass
class Source:
    uri: str  # file:///... of the document (its base URI before any $id)
    path: str  # the file on disk, as given or found
    data: Any
    dialect: str


@dataclass(frozen=True)
class Reference:
    at: Location
    keyword: str
    value: str
    base: str  # the base URI in effect where the reference is written


def resolve_uri(base: str, ref: str) -> str:
    """RFC 3986 resolution, also for bases without a hierarchy (`urn:`, `tag:`)."""
    if ref.startswith("#"):
        return urldefrag(base)[0] + ref
    if urlparse(ref).scheme:
        return ref
    return urljoin(base, ref)


def file_uri(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


@dataclass
class Index:
    sources: dict[str, Source] = field(default_factory=dict)
    resources: dict[str, Location] = field(default_factory=dict)  # URI without fragment
    anchors: dict[str, Location] = field(default_factory=dict)  # 'URI#name'
    defs: list[Location] = field(default_factory=list)  # every $defs/definitions entry
    references: list[Reference] = field(default_factory=list)

    def add(self, path: str, data: Any) -> Source:
        uri = file_uri(path)
        source = Source(uri, path, data, dialect(data))
        self.sources[uri] = source
        self.resources.setdefault(uri, (uri, ()))
        self._walk(source)
        return source

    def _walk(self, source: Source) -> None:
        legacy = is_legacy(source.dialect)
        stack: list[tuple[Any, Parts, str]] = [(source.data, (), source.uri)]
        while stack:
            node, parts, base = stack.pop()
            if not isinstance(node, dict):
                continue
            here = (source.uri, parts)
            # Drafts 4-7 ignore an `$id` beside `$ref` (its definitions stay reachable).
            if not (legacy and "$ref" in node):
                base = self._identify(node, here, base, source.dialect)
            for keyword in ("$anchor", "$dynamicAnchor"):
                if isinstance(node.get(keyword), str):
                    self.anchors.setdefault(f"{base}#{node[keyword]}", here)
            for keyword in REF_KEYWORDS:
                if isinstance(node.get(keyword), str):
                    self.references.append(Reference(here, keyword, node[keyword], base))
            for path, child in subschemas(node):
                if legacy and "$ref" in node and path[0] not in DEFS:
                    continue
                if len(path) == 2 and path[0] in DEFS:
                    self.defs.append((source.uri, parts + path))
                stack.append((child, parts + path, base))

    def _identify(self, node: dict[str, Any], here: Location, base: str, name: str) -> str:
        """Records the node's `$id` (draft 4: `id`); returns the base URI inside it."""
        ident = node.get("$id")
        if ident is None and name == "draft4":
            ident = node.get("id")
        if not isinstance(ident, str):
            return base
        if ident.startswith("#") and len(ident) > 1 and not ident.startswith("#/"):
            self.anchors.setdefault(urldefrag(base)[0] + ident, here)  # draft 6/7 anchors
            return base
        uri, fragment = urldefrag(resolve_uri(base, ident))
        self.resources.setdefault(uri, here)
        if fragment and not fragment.startswith("/"):
            self.anchors.setdefault(f"{uri}#{fragment}", here)
        return uri

    def node(self, location: Location) -> Any:
        """The node at a location; KeyError when there is none."""
        uri, parts = location
        node = self.sources[uri].data
        for part in parts:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise KeyError(part)
        return node

    def sibling_file(self, uri: str) -> str | None:
        """The local file a file:// URI names, when it exists."""
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            return None
        path = unquote(parsed.path)
        return path if os.path.isfile(path) else None
