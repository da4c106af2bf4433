"""A JSON Schema (and the sibling files it refers to) as the components of one OpenAPI
document, for the OpenAPI builder to build as it builds any spec.

The root schema and every `$defs`/`definitions` entry become components, named by their
`title` when it is a short name, else by their key (the root: by the file's name). Every
reference is resolved here, by URI (`$id`, relative files, anchors, JSON pointers), and written
back as a plain pointer into the components; `$dynamicRef` and `$recursiveRef` are resolved
statically (to the schema they name in the document), which is all a static type can say.
Older drafts are brought to 2020-12's spelling on the way (`items` as a list is `prefixItems`;
in drafts 4-7, keywords beside `$ref` are dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urldefrag

from ..diagnostics import Diagnostics
from ..load import load
from ..naming.types import class_identifier
from ..pointers import pointer_join, pointer_parts
from ..refs import ANNOTATIONS
from .index import Index, Location, Reference, resolve_uri
from .keywords import DEFS, SCHEMA_LISTS, SCHEMA_MAPS, is_legacy, subschemas

COMPONENTS = "#/components/schemas"
CONTAINERS = frozenset((*SCHEMA_MAPS, *SCHEMA_LISTS, "dependencies"))
# A list of `items` (drafts up to 2019-09) is `prefixItems`, and `additionalItems` is `items`.
TUPLE_RENAMES = {"items": "prefixItems", "additionalItems": "items"}
RESOLVED = frozenset(("$schema", "$id", "$anchor", "$vocabulary", "$comment"))
STRING_ONLY = ("minLength", "maxLength", "pattern")
COMPOSITIONS = ("allOf", "anyOf", "oneOf")
STRUCTURE = frozenset(("properties", "additionalProperties", "patternProperties", "items",
                       "prefixItems", "enum", "const", "format", "$ref"))
_NAME_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9 _.-]{0,47}$")


@dataclass
class Bundle:
    """The OpenAPI document, and where each component came from (to report problems at the
    user's own pointers)."""

    document: dict[str, Any]
    root_path: str  # the file given
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (file, pointer)


def short_name(title: Any) -> str:
    """A title that reads as a name ('Dependabot config'), or "" for a sentence."""
    if not isinstance(title, str) or not _NAME_LIKE.match(title.strip()):
        return ""
    return title.strip() if len(title.split()) <= 4 else ""


class Bundler:
    def __init__(self, path: str, data: Any, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        self.index = Index()
        self.root = self.index.add(path, data)
        self.targets: dict[tuple[Location, str], Location | None] = {}
        self.components: dict[Location, str] = {}
        # The rewritten schema of each document's root and of each $defs entry (rewriting
        # takes the entries out of their parents: the builder would read them beside a $ref).
        self.rewritten: dict[Location, Any] = {}

    # ---- references -----------------------------------------------------------------------

    def resolve_all(self) -> None:
        done = 0
        while done < len(self.index.references):  # resolving may load (and index) a file
            ref = self.index.references[done]
            done += 1
            self.targets[(ref.at, ref.keyword)] = self._target(ref)

    def _target(self, ref: Reference) -> Location | None:
        if ref.keyword == "$recursiveRef":
            return self.index.resources.get(urldefrag(ref.base)[0])
        uri, fragment = urldefrag(resolve_uri(ref.base, ref.value))
        resource = self.index.resources.get(uri) or self._load(uri)
        if resource is None and not fragment.startswith("/") and ref.value.split("#")[0]:
            # An `$id` that is a URL, with the files beside each other on disk: a relative
            # reference names the sibling file.
            uri = urldefrag(resolve_uri(ref.at[0], ref.value))[0]
            resource = self.index.resources.get(uri) or self._load(uri)
        if resource is None:
            return None
        fragment = unquote(fragment)
        if not fragment:
            return resource
        if fragment.startswith("/"):
            target = (resource[0], resource[1] + tuple(pointer_parts("#" + fragment)))
            try:
                self.index.node(target)
            except KeyError:
                return None
            return target
        return self.index.anchors.get(f"{uri}#{fragment}")

    def _load(self, uri: str) -> Location | None:
        path = self.index.sibling_file(uri)
        if path is None:
            return None
        self.index.add(path, load(path).data)
        return self.index.resources.get(uri)

    # ---- components -----------------------------------------------------------------------

    def name_components(self) -> None:
        taken: set[str] = set()
        for uri, source in self.index.sources.items():
            stem = re.sub(r"\.(json|ya?ml)$", "", uri.rsplit("/", 1)[-1]) or "Model"
            title = source.data.get("title") if isinstance(source.data, dict) else None
            self._name((uri, ()), [short_name(title), stem], taken)
        for location in self.index.defs:
            node = self.index.node(location)
            title = node.get("title") if isinstance(node, dict) else None
            self._name(location, [short_name(title), location[1][-1]], taken)

    def _name(self, location: Location, wanted: list[str], taken: set[str]) -> None:
        for name in [w for w in wanted if w]:
            if class_identifier(name).lower() not in taken:
                break
        else:
            base, number = wanted[-1], 2
            while class_identifier(f"{base}{number}").lower() in taken:
                number += 1
            name = f"{base}{number}"
        taken.add(class_identifier(name).lower())
        self.components[location] = name

    def pointer_of(self, location: Location) -> str:
        """The components pointer of a location: below its nearest enclosing component, in
        the modern spelling (`items/0` of a draft-07 tuple is `prefixItems/0`)."""
        uri, parts = location
        for end in range(len(parts), -1, -1):
            name = self.components.get((uri, parts[:end]))
            if name is not None:
                return pointer_join(COMPONENTS, name, *self._modern(uri, parts, end))
        raise LookupError(location)  # every document's root is a component

    def _modern(self, uri: str, parts: tuple[str, ...], start: int) -> list[str]:
        out = []
        for end in range(start, len(parts)):
            node = self.index.node((uri, parts[:end]))
            tuple_node = isinstance(node, dict) and isinstance(node.get("items"), list)
            out.append(TUPLE_RENAMES.get(parts[end], parts[end]) if tuple_node else parts[end])
        return out

    # ---- rewriting ------------------------------------------------------------------------

    def rewrite(self, node: Any, at: Location, legacy: bool, typed_above: bool = False) -> Any:
        """A copy of the schema with every reference a components pointer (data keywords such
        as `enum` and `default` are shared with the original, not copied)."""
        if not isinstance(node, dict):
            return node
        # Identifiers are resolved here: beside a $ref the builder would read them as shape.
        out = {k: v for k, v in node.items() if k not in RESOLVED}
        _modernise(out, legacy, typed_above)
        for keyword in ("$ref", "$dynamicRef", "$recursiveRef"):
            if isinstance(node.get(keyword), str):
                out = self._rewrite_ref(out, at, keyword, legacy)
        for key, value in out.items():  # containers of subschemas, copied once
            if key in CONTAINERS and isinstance(value, (dict, list)):
                out[key] = type(value)(value)
        renamed = TUPLE_RENAMES if isinstance(node.get("items"), list) else {}
        # Children by their place in the original (where the references point), put where
        # the modern spelling has them.
        for path, child in list(subschemas(node)):
            key = renamed.get(path[0], path[0])
            if key not in out:
                continue  # dropped: beside a draft 4-7 $ref, or additionalItems unused
            # A member of a composition shares the type of the schema around it.
            typed = path[0] in COMPOSITIONS and "type" in node
            new = self.rewrite(child, (at[0], at[1] + path), legacy, typed)
            if len(path) == 1:
                out[key] = new
            elif isinstance(out[key], list):
                out[key][int(path[1])] = new
            else:
                out[key][path[1]] = new
        for key in DEFS:  # each entry is a component of its own: kept aside, not in place
            entries = out.pop(key, None) if isinstance(out.get(key), dict) else None
            for name, child in (entries or {}).items():
                self.rewritten[(at[0], (*at[1], key, name))] = child
        return out

    def _rewrite_ref(self, out: dict[str, Any], at: Location, keyword: str,
                     legacy: bool) -> dict[str, Any]:
        value = out.pop(keyword)
        target = self.targets.get((at, keyword))
        where = self._report_at(at, keyword)
        if target is None:
            self.diagnostics.warning(where, f"{keyword} '{value}' names nothing in the document "
                                     "or its sibling files (codegen never fetches a URL); "
                                     "typed as any", "add the schema it names beside this one")
            return out
        if keyword != "$ref":
            self.diagnostics.info(where, f"{keyword} resolved to the schema it names here; "
                                  "a dynamic scope cannot change a static type")
        if legacy:  # drafts 4-7 ignore everything beside a $ref but its annotations
            out = {k: v for k, v in out.items() if k in ANNOTATIONS or k in DEFS}
        out["$ref"] = self.pointer_of(target)
        return out

    def _report_at(self, at: Location, keyword: str) -> str:
        return pointer_join("#", *at[1], keyword)

    def document(self) -> Bundle:
        for uri, source in self.index.sources.items():
            self.rewritten[(uri, ())] = self.rewrite(source.data, (uri, ()),
                                                     is_legacy(source.dialect))
        schemas: dict[str, Any] = {}
        origins: dict[str, tuple[str, str]] = {}
        for (uri, parts), name in self.components.items():
            schemas[name] = self.rewritten[(uri, parts)]
            origins[name] = (self.index.sources[uri].path, pointer_join("#", *parts))
        root = self.root.data if isinstance(self.root.data, dict) else {}
        info = {"title": str(root.get("title") or ""), "version": "",
                "description": str(root.get("description") or "")}
        document = {"openapi": "3.1.0", "info": info, "paths": {},
                    "components": {"schemas": schemas}}
        return Bundle(document, self.root.path, origins)


def _modernise(node: dict[str, Any], legacy: bool, typed_above: bool) -> None:
    """Older drafts spelled as 2020-12: a list of `items` is `prefixItems` (then
    `additionalItems` is `items`; a list is never a 2020-12 `items`, so this holds for a
    document that does not say its draft too); draft 4's boolean exclusive bounds are dropped."""
    if isinstance(node.get("items"), list):
        node["prefixItems"] = node.pop("items")
        if "additionalItems" in node:
            node["items"] = node.pop("additionalItems")
    else:
        node.pop("additionalItems", None)
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        if legacy and isinstance(node.get(key), bool):
            node.pop(key)
    # Without `type`, a JSON Schema accepts every type and checks strings against these; the
    # builder (reading OpenAPI's habit) would take them to mean a string. They only constrain,
    # and codegen's types do not carry such constraints: the schema is any value.
    if "type" not in node and not typed_above and not STRUCTURE & node.keys():
        for key in STRING_ONLY:
            node.pop(key, None)


def as_openapi(path: str, data: Any, diagnostics: Diagnostics) -> Bundle:
    bundler = Bundler(path, data, diagnostics)
    bundler.resolve_all()
    bundler.name_components()
    return bundler.document()
