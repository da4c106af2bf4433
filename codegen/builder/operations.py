"""Paths -> operations: parameters, request body (flattened into keyword arguments when it is
an object), the success response, and the params declaration that types the arguments."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..diagnostics import Diagnostics
from ..ir import (
    ANY,
    MISSING,
    Body,
    BodyEncoding,
    Decl,
    EventStream,
    Field,
    InlineHint,
    ListType,
    Model,
    NameHint,
    Nullable,
    Operation,
    OperationHint,
    Parameter,
    Part,
    Prim,
    RefType,
    Response,
    ResponseEncoding,
    TypeExpr,
    all_fields,
    owner_of,
)
from ..pointers import pointer_join
from ..refs import RefError, Resolver, ref_of
from ..words import pascal_words
from .schemas import SchemaBuilder

VERBS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
JSON_TYPES = ("application/json",)
TEXT_TYPES = ("application/sdp", "application/xml")
EVENT_STREAM = "text/event-stream"


@dataclass
class OperationBuilder:
    resolver: Resolver
    schemas: SchemaBuilder
    diagnostics: Diagnostics
    ref_counts: dict[str, int]
    absorbed: set[str]

    def build(self, key: str, method: str, path: str, node: dict[str, Any],
              shared_params: list[Any]) -> Operation:
        op_id = str(node.get("operationId") or "")
        params_key = pointer_join(key, "x-codegen-params")
        body = self._body(key, node)
        flattened = body.flattened_model if body is not None else None
        root = flattened if flattened and self._own_decl(flattened, key) else params_key
        parameters = self._parameters(key, node, shared_params, InlineHint(owner=root))
        params_key_used, flattened = self._params_decl(key, params_key, parameters, flattened)
        if body is not None:
            body = replace(body, flattened_model=flattened)
        response, events = self._response(key, node)
        return Operation(
            key=key, method=method, path=path, operation_id=op_id,
            summary=_text(node.get("summary")), description=_text(node.get("description")),
            parameters=tuple(parameters), body=body, response=response,
            deprecated=bool(node.get("deprecated")), params_key=params_key_used,
            stream=self._stream(events, response, body),
        )

    def _own_decl(self, decl_key: str, op_key: str) -> bool:
        """An inline or absorbed body: its declaration becomes the Params root itself."""
        return decl_key in self.absorbed or decl_key.startswith(op_key + "/")

    # ---- parameters --------------------------------------------------------------------------

    def _parameters(self, key: str, node: dict[str, Any], shared: list[Any],
                    hint: NameHint) -> list[Parameter]:
        merged: dict[tuple[str, str], Parameter] = {}
        sources = [(pointer_join(key.rsplit("/", 1)[0], "parameters"), shared),
                   (pointer_join(key, "parameters"), node.get("parameters") or [])]
        for base, items in sources:
            for index, raw in enumerate(items if isinstance(items, list) else []):
                param = self._parameter(pointer_join(base, index), raw, hint)
                if param is not None:
                    merged[(param.location, param.wire_name)] = param
        return list(merged.values())

    def _parameter(self, pointer: str, raw: Any, hint: NameHint) -> Parameter | None:
        try:
            pointer, node = self.deref(pointer, raw)
        except RefError as exc:
            self.diagnostics.error(pointer, str(exc), exc.hint)
            return None
        name, location = node.get("name"), node.get("in")
        if not isinstance(name, str) or location not in ("path", "query", "header", "cookie"):
            self.diagnostics.error(pointer, "a parameter needs a `name` and `in` (path, query, "
                                   "header or cookie); skipped")
            return None
        schema_pointer, schema = pointer_join(pointer, "schema"), node.get("schema")
        if schema is None and isinstance(node.get("content"), dict) and node["content"]:
            media = next(iter(node["content"]))
            schema_pointer = pointer_join(pointer, "content", media, "schema")
            schema = node["content"][media].get("schema") if isinstance(
                node["content"][media], dict) else None
        param_hint = InlineHint(owner_of(hint), _pascal_parts(name))
        ptype = self.schemas.type_of(schema_pointer, schema, param_hint) if schema else Prim("str")
        style = str(node.get("style") or "")
        explode = node.get("explode", style in ("", "form"))
        if location == "query" and style not in ("", "form", "deepObject"):
            self.diagnostics.warning(pointer, f"query style '{style}' is sent as form style")
        default = schema.get("default", MISSING) if isinstance(schema, dict) else MISSING
        return Parameter(name, location, ptype, bool(node.get("required")) or location == "path",
                         pointer, _text(node.get("description")), bool(explode), style, default)

    def deref(self, pointer: str, node: Any) -> tuple[str, Any]:
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            pointer = self.resolver.target_of(node["$ref"], pointer)
            node = self.resolver.node_at(pointer)
            seen += 1
            if seen > 32:
                raise RefError(f"$ref chain too long or cyclic at {pointer}")
        if not isinstance(node, dict):
            raise RefError(f"expected an object at {pointer}")
        return pointer, node

    # ---- request body ------------------------------------------------------------------------

    def _body(self, key: str, node: dict[str, Any]) -> Body | None:
        raw = node.get("requestBody")
        if raw is None:
            return None
        try:
            pointer, body = self.deref(pointer_join(key, "requestBody"), raw)
        except RefError as exc:
            self.diagnostics.error(pointer_join(key, "requestBody"), str(exc), exc.hint)
            return None
        content = body.get("content") or {}
        if not isinstance(content, dict) or not content:
            self.diagnostics.warning(pointer, "request body without content; ignored")
            return None
        media, encoding = _choose_request_media(content)
        found = self._body_of(key, pointer, body, media, encoding)
        if found.flattened_model and encoding == "multipart":
            found = replace(found, parts=_parts(content[media]))
        return self._alternatives(pointer, content, found)

    def _body_of(self, key: str, pointer: str, body: dict[str, Any], media: str,
                 encoding: BodyEncoding) -> Body:
        content = body["content"]
        media_pointer = pointer_join(pointer, "content", media)
        schema = content[media].get("schema") if isinstance(content[media], dict) else None
        schema_pointer = pointer_join(media_pointer, "schema")
        self._check_examples(media_pointer, content[media], media)
        required = bool(body.get("required"))
        doc = _text(body.get("description"))
        if encoding in ("binary", "text") or schema is None:
            btype: TypeExpr = Prim("file") if encoding == "binary" else Prim("str")
            return Body(media, encoding, btype, required, media_pointer, doc)
        target = self._absorbable(schema_pointer, schema)
        if target is not None:
            self.absorbed.add(target)
            btype = self.schemas.reference(target, _root_hint(key, "params"))
        elif ref_of(schema) is None:
            btype = self.schemas.reference(schema_pointer, _root_hint(key, "params"))
        else:
            btype = self.schemas.type_of(schema_pointer, schema, InlineHint())
        flattened = None
        if isinstance(btype, RefType):
            self.schemas.declare_now(btype.target, InlineHint())
        if isinstance(btype, RefType) and isinstance(self.schemas.decls.get(btype.target), Model):
            flattened = btype.target
        elif encoding != "json":
            self.diagnostics.warning(media_pointer, f"{media} body is not an object; sent as is")
        return Body(media, encoding, btype, required, media_pointer, doc, flattened)

    def _alternatives(self, pointer: str, content: dict[str, Any], body: Body) -> Body:
        """The body's other media types: the same fields in another encoding (a note), a bare
        body that is one of the fields (sent when that field comes alone), or a form the
        method cannot send (a warning: it is never dropped without a word)."""
        chosen = content[body.media_type]
        for media, value in content.items():
            if media == body.media_type:
                continue
            where = pointer_join(pointer, "content", media)
            other = value if isinstance(value, dict) else {}
            if isinstance(chosen, dict) and other.get("schema") == chosen.get("schema"):
                if _media(media) == "multipart/form-data" and self._holds_files(body):
                    self.diagnostics.info(where, f"{media} takes the same fields: sent so "
                                          "when a file is among them")
                    body = replace(body, multipart_with_files=True, parts=_parts(other))
                    continue
                self.diagnostics.info(where, f"{media} takes the same fields; the method "
                                      f"sends {body.media_type}")
                continue
            part = next((p for p in body.parts if _media(p.media_type) == _media(media)), None)
            if part is not None and body.bare is None and _string_body(other):
                self.diagnostics.info(where, f"{media}: the `{part.name}` field alone, sent "
                                      "so when it is the only one given")
                body = replace(body, bare=Part(part.name, media))
                continue
            self.diagnostics.warning(where, f"the method sends {body.media_type}; a body as "
                                     f"{media} cannot be sent through it",
                                     "the client's verbs send it: `client.post(path, body=..., "
                                     "content_type=...)`")
        return body

    def _holds_files(self, body: Body) -> bool:
        """Whether a JSON body has a file field (which only multipart can send)."""
        model = self.schemas.decls.get(body.flattened_model or "")
        if body.encoding != "json" or not isinstance(model, Model):
            return False
        kinds = [f.type.inner if isinstance(f.type, Nullable) else f.type
                 for f in all_fields(self.schemas.decls, model)]
        return any(k == Prim("file") or (isinstance(k, ListType) and k.item == Prim("file"))
                   for k in kinds)

    def _absorbable(self, pointer: str, schema: Any) -> str | None:
        """A component used only as this body becomes the operation's Params type."""
        found = ref_of(schema)
        if found is None or found[0] != "$ref" or len(schema) != 1:
            return None
        try:
            target = self.resolver.target_of(found[1], pointer)
        except RefError:
            return None
        if self.ref_counts.get(target, 0) != 1 or target in self.schemas.decls:
            return None
        node = self.resolver.node_at(target)
        if not isinstance(node, dict) or not node.get("properties") or ref_of(node) is not None \
                or any(k in node for k in ("oneOf", "anyOf", "allOf", "nullable")):
            return None
        return target

    def _check_examples(self, pointer: str, media: Any, media_type: str) -> None:
        """JSON examples written as strings must parse; a broken one is reported, not used."""
        if not isinstance(media, dict) or media_type not in JSON_TYPES:
            return
        candidates = [("example", media.get("example"))]
        for name, ex in (media.get("examples") or {}).items():
            if isinstance(ex, dict):
                candidates.append((f"examples/{name}/value", ex.get("value")))
        for where, value in candidates:
            if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
                try:
                    json.loads(value)
                except ValueError as exc:
                    self.diagnostics.warning(pointer + "/" + where,
                                             f"example is not valid JSON ({exc}); not used")

    # ---- response ----------------------------------------------------------------------------

    def _response(self, key: str, node: dict[str, Any]) -> tuple[Response, EventStream | None]:
        """The success response, and its event-stream form when it offers one."""
        responses = node.get("responses") or {}
        if not isinstance(responses, dict):
            return Response("none", None, pointer_join(key, "responses")), None
        codes = sorted(c for c in responses if str(c).startswith("2"))
        codes += [c for c in ("2XX", "default") if c in responses and c not in codes]
        for code in codes:
            pointer = pointer_join(key, "responses", code)
            try:
                pointer, response = self.deref(pointer, responses[code])
            except RefError as exc:
                self.diagnostics.error(pointer, str(exc), exc.hint)
                continue
            content = response.get("content") or {}
            headers = self._headers(key, pointer, response)
            if not isinstance(content, dict) or not content:
                if code == "default" and len(codes) > 1:
                    continue
                return self._no_content(key, pointer, response, headers), None
            events = self._events(key, pointer, content)
            content = {m: v for m, v in content.items() if _media(m) != EVENT_STREAM}
            if not content:
                return Response("none", None, pointer, "", _text(response.get("description")),
                                headers), events
            found = self._response_content(key, pointer, content, response)
            return replace(found, headers=headers), events
        return Response("none", None, pointer_join(key, "responses")), None

    def _headers(self, key: str, pointer: str, response: dict[str, Any]) -> str | None:
        """The Model of the headers a response declares, by their lower-case names (header
        names are case-insensitive)."""
        declared = response.get("headers")
        if not isinstance(declared, dict) or not declared:
            return None
        model_key = pointer_join(pointer, "headers")
        fields = []
        for name, raw in declared.items():
            where = pointer_join(model_key, name)
            try:
                where, header = self.deref(where, raw)
            except RefError as exc:
                self.diagnostics.error(where, str(exc), exc.hint)
                continue
            schema = header.get("schema")
            hint = InlineHint(model_key, _pascal_parts(str(name)))
            htype = self.schemas.type_of(pointer_join(where, "schema"), schema, hint) \
                if isinstance(schema, dict) else Prim("str")
            fields.append(Field(str(name).lower(), htype, bool(header.get("required")), where,
                                _text(header.get("description"))))
        if not fields:
            return None
        self.schemas.decls[model_key] = Model(model_key, OperationHint(key, "headers"), "",
                                              tuple(fields))
        return model_key

    def _no_content(self, key: str, pointer: str, response: dict[str, Any],
                    headers: str | None) -> Response:
        """No declared content: None, but a GET keeps whatever body the server sends as bytes
        (specs forget the content of downloads more often than servers send nothing)."""
        doc = _text(response.get("description"))
        if key.endswith("/get") and not pointer.endswith("/204"):
            self.diagnostics.info(pointer, "a GET success response without content: returned "
                                  "as a binary response (the body, if any, is kept)")
            return Response("binary", None, pointer, "", doc, headers)
        return Response("none", None, pointer, "", doc, headers)

    def _events(self, key: str, pointer: str, content: dict[str, Any]) -> EventStream | None:
        media = next((m for m in content if _media(m) == EVENT_STREAM), None)
        if media is None:
            return None
        media_pointer = pointer_join(pointer, "content", media)
        schema = content[media].get("schema") if isinstance(content[media], dict) else None
        if schema is None:
            return EventStream(Prim("str"), media_pointer)
        schema_pointer = pointer_join(media_pointer, "schema")
        event = (self.schemas.type_of(schema_pointer, schema, InlineHint())
                 if ref_of(schema) is not None
                 else self.schemas.reference(schema_pointer, OperationHint(key, "event")))
        return EventStream(event, media_pointer)

    def _stream(self, events: EventStream | None, response: Response,
                body: Body | None) -> EventStream | None:
        """The event stream, with the body property that selects it when the operation also
        answers with another body (a boolean `stream`, by convention)."""
        if events is None:
            return None
        if response.encoding == "none":
            return replace(events, only=True)
        return replace(events, selector=_stream_flag(self.schemas.decls, body))

    def _response_content(self, key: str, pointer: str, content: dict[str, Any],
                          response: dict[str, Any]) -> Response:
        media, encoding = self._choose_response_media(pointer, content)
        media_pointer = pointer_join(pointer, "content", media)
        self._check_examples(media_pointer, content[media], media)
        doc = _text(response.get("description"))
        if encoding != "json":
            return Response(encoding, None, media_pointer, media, doc)
        schema = content[media].get("schema") if isinstance(content[media], dict) else None
        if schema is None:
            return Response("json", ANY, media_pointer, media, doc)
        schema_pointer = pointer_join(media_pointer, "schema")
        rtype = (self.schemas.type_of(schema_pointer, schema, InlineHint())
                 if ref_of(schema) is not None
                 else self.schemas.reference(schema_pointer, _root_hint(key, "response")))
        return Response("json", rtype, media_pointer, media, doc)

    def _choose_response_media(self, pointer: str,
                               content: dict[str, Any]) -> tuple[str, ResponseEncoding]:
        """JSON first, unless the JSON form is a bare string: a JSON document that is only a
        string is how specs (mis)declare a download, so the bytes are kept instead."""
        media, encoding = _choose_response_media(content)
        if encoding == "json" and self._bare_string(content[media]):
            others = [m for m in content if m != media]
            self.diagnostics.info(pointer_join(pointer, "content", media),
                                  "a JSON response that is a bare string: returned as a binary "
                                  "response (its bytes are kept whatever the server sends)")
            return (others[0] if others else media), "binary"
        return media, encoding

    def _bare_string(self, media: Any) -> bool:
        schema = media.get("schema") if isinstance(media, dict) else None
        if isinstance(schema, dict) and "$ref" in schema:
            try:
                schema = self.resolver.node_at(self.resolver.target_of(schema["$ref"], "#"))
            except RefError:
                return False
        return (isinstance(schema, dict) and schema.get("type") == "string"
                and not ({"enum", "const", "format"} & schema.keys()))

    # ---- params declaration ------------------------------------------------------------------

    def _params_decl(self, key: str, params_key: str, parameters: list[Parameter],
                     flattened: str | None) -> tuple[str | None, str | None]:
        """The TypedDict typing every keyword argument: body fields plus query/header ones.

        Returns (params declaration key, flattened body key). An inline or absorbed body's own
        declaration is reused; a body that is a shared component is inherited from."""
        hint = _root_hint(key, "params")
        extra = tuple(Field(p.wire_name, p.type, p.required, p.pointer, p.doc, p.default)
                      for p in parameters if p.location != "path")
        if flattened is not None:
            model = self.schemas.decls[flattened]
            assert isinstance(model, Model)
            clash = sorted({f.wire_name for f in model.fields} & {f.wire_name for f in extra})
            if clash:
                self.diagnostics.warning(key, f"parameters {clash} share names with body "
                                         "properties; the body is passed whole as `body`")
                flattened = None
            elif self._own_decl(flattened, key):
                self.schemas.decls[flattened] = replace(model, hint=hint,
                                                        fields=model.fields + extra)
                return flattened, flattened
            else:
                self.schemas.decls[params_key] = Model(params_key, hint, "", extra,
                                                       base=flattened)
                return params_key, flattened
        if not extra:
            return None, flattened
        self.schemas.decls[params_key] = Model(params_key, hint, "", extra)
        return params_key, flattened


def _root_hint(op_key: str, role: Literal["params", "response"]) -> OperationHint:
    return OperationHint(op_key, role)


def _choose_request_media(content: dict[str, Any]) -> tuple[str, BodyEncoding]:
    for media in content:
        if media.split(";")[0].strip() in JSON_TYPES or media.endswith("+json"):
            return media, "json"
    for media in content:
        if media.startswith("multipart/form-data"):
            return media, "multipart"
    for media in content:
        if media.startswith("application/x-www-form-urlencoded"):
            return media, "form"
    media = next(iter(content))
    return media, "text" if media.startswith("text/") or media == "application/sdp" else "binary"


def _choose_response_media(content: dict[str, Any]) -> tuple[str, ResponseEncoding]:
    for media in content:
        if _media(media) in JSON_TYPES or _media(media).endswith("+json"):
            return media, "json"
    media = next(iter(content))
    if _media(media).startswith("text/") or _media(media) in TEXT_TYPES:
        return media, "text"
    return media, "binary"


def _media(media_type: str) -> str:
    """The media type without parameters, lower case: 'text/event-stream'."""
    return media_type.split(";", maxsplit=1)[0].strip().lower()


def _stream_flag(decls: Mapping[str, Decl], body: Body | None) -> str:
    """The body's boolean `stream` property, if it has one."""
    model = decls.get(body.flattened_model or "") if body is not None else None
    if not isinstance(model, Model):
        return ""
    for f in all_fields(decls, model):
        kind = f.type.inner if isinstance(f.type, Nullable) else f.type
        if f.wire_name == "stream" and kind == Prim("bool"):
            return f.wire_name
    return ""


def _string_body(media: dict[str, Any]) -> bool:
    """A body of text or bytes: a string schema, or none at all."""
    schema = media.get("schema")
    return schema is None or (isinstance(schema, dict) and schema.get("type") == "string")


def _parts(media: Any) -> tuple[Part, ...]:
    """The multipart properties the media type's `encoding` gives a content type (the first,
    when it lists several)."""
    encoding = media.get("encoding") if isinstance(media, dict) else None
    out = []
    for name, spec in (encoding.items() if isinstance(encoding, dict) else ()):
        declared = spec.get("contentType") if isinstance(spec, dict) else None
        if isinstance(declared, str) and declared.split(",")[0].strip():
            out.append(Part(str(name), declared.split(",")[0].strip()))
    return tuple(out)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _pascal_parts(name: str) -> tuple[str, ...]:

    return pascal_words(name) or ("Param",)
