"""Multipart helpers: split a body into form fields and httpx files."""

import io
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union, cast

from ._utils import is_given, to_jsonable

__all__ = [
    "HttpxFile",
    "async_split_multipart",
    "holds_file",
    "is_file_content",
    "is_file_types",
    "split_multipart",
]

HttpxFile = Tuple[Optional[str], Union[bytes, Any], Optional[str]]
"""(filename, bytes or a binary file object, content type) as httpx takes it."""

MultipartParts = Tuple[Dict[str, str], List[Tuple[str, HttpxFile]]]


def is_file_content(value: object) -> bool:
    """bytes, a binary file object, or a path."""
    return isinstance(value, (bytes, bytearray, io.IOBase, os.PathLike)) or (
        hasattr(value, "read") and not isinstance(value, (str, Mapping))
    )


def is_file_types(value: object) -> bool:
    """A file: its content, or a (filename, content[, content_type]) tuple."""
    if not isinstance(value, tuple):
        return is_file_content(value)
    items: Tuple[object, ...] = cast(Any, value)
    if not 2 <= len(items) <= 3:
        return False
    return (items[0] is None or isinstance(items[0], str)) and is_file_content(items[1])


def _to_httpx_file(value: Any) -> HttpxFile:
    """(filename, content, content type); a path is read here, its base name the filename."""
    filename: Optional[str] = None
    content_type: Optional[str] = None
    content: Any = value
    if isinstance(value, tuple):
        items: Tuple[Any, ...] = cast(Any, value)
        filename, content = items[0], items[1]
        if len(items) == 3:
            content_type = items[2]
    result: Any = content
    if isinstance(content, os.PathLike):
        path = os.fspath(cast("os.PathLike[str]", content))
        if filename is None:
            filename = os.path.basename(path)
        with open(path, "rb") as fh:
            result = fh.read()
    elif isinstance(content, bytearray):
        result = bytes(content)
    else:
        name: object = getattr(content, "name", None)
        if filename is None and isinstance(name, str):
            filename = os.path.basename(name)
    return (filename or "upload", result, content_type)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(to_jsonable(value), separators=(",", ":"), ensure_ascii=False)


def split_multipart(
    body: Optional[Mapping[str, Any]],
    files: Optional[Mapping[str, Any]] = None,
    encoding: Optional[Mapping[str, str]] = None,
) -> MultipartParts:
    """Form fields and files of a multipart request.

    File values (see `FileTypes`, or lists of them) become files under their key; other
    values become form fields, JSON-encoded unless they are scalars. A field `encoding`
    gives a media type is a part of that type (JSON-encoded for a JSON type). `omit` and None
    values are left out.
    """
    data: Dict[str, str] = {}
    out_files: List[Tuple[str, HttpxFile]] = []
    for source in (body or {}, files or {}):
        for key, value in source.items():
            if value is None or not is_given(value):
                continue
            media_type = (encoding or {}).get(key)
            if media_type is not None:
                out_files.append((key, _typed_part(value, media_type)))
            elif is_file_types(value):
                out_files.append((key, _to_httpx_file(value)))
            elif _is_file_list(value):
                out_files.extend((key, _to_httpx_file(v)) for v in cast("List[Any]", value))
            else:
                data[key] = _form_value(value)
    return data, out_files


def _typed_part(value: Any, media_type: str) -> HttpxFile:
    """A part with the media type the spec gives it: a file keeps its name (and its own type,
    if it has one); JSON goes encoded; text as UTF-8."""
    if is_file_types(value):
        filename, content, own_type = _to_httpx_file(value)
        return (filename, content, own_type or media_type)
    base = media_type.split(";", 1)[0].strip().lower()
    if base == "application/json" or base.endswith("+json"):
        text = json.dumps(to_jsonable(value), separators=(",", ":"), ensure_ascii=False)
        return (None, text.encode("utf-8"), media_type)
    return (None, _form_value(value).encode("utf-8"), media_type)


def holds_file(body: object) -> bool:
    """Whether a body's fields include a file (or a list of files)."""
    if not isinstance(body, Mapping):
        return False
    values = cast("Mapping[str, object]", body).values()
    return any(is_file_types(v) or _is_file_list(v) for v in values)


def _is_file_list(value: object) -> bool:
    if not isinstance(value, (list, tuple)):
        return False
    items = cast("Sequence[object]", value)
    return bool(items) and all(is_file_types(v) for v in items)


async def async_split_multipart(
    body: Optional[Mapping[str, Any]],
    files: Optional[Mapping[str, Any]] = None,
    encoding: Optional[Mapping[str, str]] = None,
) -> MultipartParts:
    """`split_multipart`, reading files named by path in a worker thread."""
    import asyncio  # only async multipart uploads need it

    return await asyncio.get_running_loop().run_in_executor(
        None, split_multipart, body, files, encoding
    )

