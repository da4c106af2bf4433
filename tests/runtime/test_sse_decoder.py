"""The runtime's SSEDecoder against the WHATWG event-stream rules: a table of cases; hypothesis
proofs that any split of the bytes across reads gives the events of a literal reading of the
rules; and the official OpenAI SDK's decoder as an oracle on the streams where the two agree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openai._streaming import SSEDecoder as OpenAIDecoder

from tests.runtime.conftest import _forget as forget_package
from tests.runtime.conftest import _import as import_package
from tests.runtime.conftest import generate_into

REQUEST = httpx.Request("GET", "https://api.example.com/v1/events")
Event = tuple[Any, ...]  # (event, data, id, retry)


@pytest.fixture(scope="module")
def sse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The runtime's _streaming module in a generated package, one for the whole module."""
    name = "rt_sse_decoder"
    root = tmp_path_factory.mktemp(name)
    generate_into(root, name)
    rendered = import_package(name, root)
    yield rendered.import_module("_streaming")
    forget_package(name)


def decode(sse: ModuleType, chunks: list[bytes]) -> tuple[list[Event], bool]:
    """The events of the chunks fed one by one, and whether `end()` raised."""
    decoder = sse.SSEDecoder(request=REQUEST)
    events = [e for chunk in chunks for e in decoder.feed(chunk)]
    try:
        decoder.end()
    except sse.APIConnectionError as exc:
        assert exc.request is REQUEST
        cut = True
    else:
        cut = False
    return [(e.event, e.data, e.id, e.retry) for e in events], cut


def split(stream: bytes, cuts: list[int]) -> list[bytes]:
    points = [0, *sorted({c % (len(stream) + 1) for c in cuts}), len(stream)]
    return [stream[a:b] for a, b in zip(points, points[1:], strict=False)]


# --- the rules, one case each ----------------------------------------------------------------

E = None  # no event name / no id / no retry, in the expected tuples
CASES: list[tuple[str, bytes, list[Event]]] = [
    ("one event", b"data: hello\n\n", [(E, "hello", E, E)]),
    ("data lines joined by LF", b"data: a\ndata: b\ndata: c\n\n", [(E, "a\nb\nc", E, E)]),
    ("no space after the colon", b"data:a\n\n", [(E, "a", E, E)]),
    ("only one space removed", b"data:  a \n\n", [(E, " a ", E, E)]),
    ("a tab is not a space", b"data:\ta\n\n", [(E, "\ta", E, E)]),
    ("colons in the value", b"data: a: b:c\n\n", [(E, "a: b:c", E, E)]),
    ("a field without colon", b"data\n\n", [(E, "", E, E)]),
    ("two empty data lines", b"data\ndata:\n\n", [(E, "\n", E, E)]),
    ("empty data is dispatched", b"data:\n\n", [(E, "", E, E)]),
    ("no data: nothing dispatched", b"event: ping\n\nid: 1\n\nretry: 5\n\n", []),
    ("the event name", b"event: add\ndata: x\n\n", [("add", "x", E, E)]),
    ("the name resets", b"event: a\ndata: 1\n\ndata: 2\n\n", [("a", "1", E, E), (E, "2", E, E)]),
    ("an empty name is none", b"event:\ndata: x\n\n", [(E, "x", E, E)]),
    ("the last name wins", b"event: a\nevent: b\ndata: x\n\n", [("b", "x", E, E)]),
    ("the id carries over", b"id: 7\ndata: a\n\ndata: b\n\n", [(E, "a", "7", E), (E, "b", "7", E)]),
    ("an id with NUL is ignored", b"id: 1\ndata: a\n\nid: 2\x00\ndata: b\n\n",
     [(E, "a", "1", E), (E, "b", "1", E)]),
    ("an empty id resets it", b"id: 1\ndata: a\n\nid\ndata: b\n\n",
     [(E, "a", "1", E), (E, "b", "", E)]),
    ("an id without data", b"id: 9\n\ndata: x\n\n", [(E, "x", "9", E)]),
    ("retry: digits", b"retry: 3000\ndata: x\n\n", [(E, "x", E, 3000)]),
    ("retry is per event", b"retry: 1\ndata: a\n\ndata: b\n\n", [(E, "a", E, 1), (E, "b", E, E)]),
    *[(f"retry {bad!r} ignored", b"retry:" + bad + b"\ndata: x\n\n", [(E, "x", E, E)])
      for bad in (b" 3s", b" -1", b" +5", b"  5", b" 1_000", b" 1.5", b" ", "\u0663".encode())],
    ("a comment", b": ping\ndata: x\n:\n\n", [(E, "x", E, E)]),
    ("only comments", b": keep-alive\n\n:\n\n", []),
    ("an unknown field", b"foo: bar\ndata: x\n\n", [(E, "x", E, E)]),
    ("names are case-sensitive", b"Data: x\nDATA: y\n\n", []),
    ("a space in the name", b"data : x\n\n", []),
    ("CRLF", b"data: a\r\ndata: b\r\n\r\n", [(E, "a\nb", E, E)]),
    ("CR", b"data: a\rdata: b\r\r", [(E, "a\nb", E, E)]),
    ("mixed line ends", b"data: a\r\n\rdata: b\n\r\n", [(E, "a", E, E), (E, "b", E, E)]),
    ("LF CR is two line ends", b"data: a\n\rdata: b\n\n", [(E, "a", E, E), (E, "b", E, E)]),
    ("a BOM at the start", b"\xef\xbb\xbfdata: x\n\n", [(E, "x", E, E)]),
    ("only one BOM", b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\ndata: y\n\n", [(E, "y", E, E)]),
    ("a BOM later is text", b"data: a\n\n\xef\xbb\xbfdata: b\n\n", [(E, "a", E, E)]),
    ("blank lines around", b"\n\n\ndata: x\n\n\n\n", [(E, "x", E, E)]),
    ("UTF-8", "data: h\u00e9llo \u2603 \U0001f389\n\n".encode(),
     [(E, "h\u00e9llo \u2603 \U0001f389", E, E)]),
    ("invalid UTF-8 is replaced", b"data: a\xffb\xe2\x98\n\n", [(E, "a\ufffdb\ufffd", E, E)]),
    ("a NUL in data is kept", b"data: a\x00b\n\n", [(E, "a\x00b", E, E)]),
]


@pytest.mark.parametrize(("stream", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules(sse: ModuleType, stream: bytes, expected: list[Event]) -> None:
    assert decode(sse, [stream]) == (expected, False)
    assert decode(sse, [bytes([b]) for b in stream]) == (expected, False)  # a byte per read


ENDINGS: list[tuple[str, bytes, bool]] = [
    ("after a blank line", b"data: x\n\n", False),
    ("after a comment line", b"data: x\n\n: bye\n", False),
    ("nothing at all", b"", False),
    ("only a BOM", b"\xef\xbb\xbf", False),
    ("before the blank line", b"data: x\n", True),
    ("inside a data line", b"data: x\n\ndata: {\"a\"", True),
    ("inside a comment line", b"data: x\n\n: by", True),
    ("after an event name", b"event: delta\n", True),
    ("after an id", b"data: x\n\nid: 2\n", True),
]


@pytest.mark.parametrize(("stream", "cut"), [c[1:] for c in ENDINGS], ids=[c[0] for c in ENDINGS])
def test_a_stream_that_ends_inside_an_event_raises(sse: ModuleType, stream: bytes,
                                                   cut: bool) -> None:
    assert decode(sse, [stream])[1] is cut
    assert decode(sse, [bytes([b]) for b in stream])[1] is cut


def test_feed_returns_the_events_each_chunk_completes(sse: ModuleType) -> None:
    decoder = sse.SSEDecoder(request=REQUEST)
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\ndata: b\n\nda") == [sse.ServerSentEvent(data="a"),
                                                sse.ServerSentEvent(data="b")]
    assert decoder.feed(b"ta: c") == []
    assert decoder.feed(b"\n\n") == [sse.ServerSentEvent(data="c")]


def test_cr_then_lf_in_the_next_chunk_is_one_line_end(sse: ModuleType) -> None:
    # were the LF a second line end, the blank line would dispatch "a" and "b" apart
    assert decode(sse, [b"data: a\r", b"\ndata: b\r", b"", b"\n\r", b"\n"]) == (
        [(E, "a\nb", E, E)], False)


def test_a_character_split_across_reads(sse: ModuleType) -> None:
    snowman = "\u2603".encode()
    assert decode(sse, [b"\xef", b"\xbb", b"\xbfdata: " + snowman[:1], snowman[1:2],
                        snowman[2:] + b"\n\n"]) == ([(E, "\u2603", E, E)], False)


def test_server_sent_event(sse: ModuleType) -> None:
    event = sse.ServerSentEvent(event="delta", data='{"a": [1]}', id="3", retry=10)
    assert event.json() == {"a": [1]}
    assert repr(event) == "ServerSentEvent(event='delta', data='{\"a\": [1]}', id='3', retry=10)"
    assert event != sse.ServerSentEvent(event="delta", data='{"a": [1]}', id="3")
    with pytest.raises(ValueError):
        sse.ServerSentEvent(data="not json").json()


# --- any split: the same events as a literal reading of the rules ----------------------------


def reference(stream: bytes) -> tuple[list[Event], bool]:
    """The rules read literally, over the whole stream at once (and whether it was cut)."""
    text = stream.decode("utf-8", "replace").removeprefix("\ufeff")
    *lines, rest = re.split("\r\n|\r|\n", text)
    events: list[Event] = []
    data, name, last_id, retry, fields = "", "", None, None, False
    for line in lines:
        if not line:
            if data:
                events.append((name or None, data.removesuffix("\n"), last_id, retry))
            data, name, retry, fields = "", "", None, False
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value, fields = value.removeprefix(" "), True
        if field == "data":
            data += value + "\n"
        elif field == "event":
            name = value
        elif field == "id" and "\0" not in value:
            last_id = value
        elif field == "retry" and re.fullmatch("[0-9]+", value):
            retry = int(value)
    return events, bool(rest or data or fields)


PIECES = [b"data", b"data:", b"data: ", b"data:  ", b"event:", b"id:", b"id: \x00", b"retry:",
          b"retry: 12", b"retry: +", b"-", "\u0663".encode(), b"foo:", b":", b" ", b"\n", b"\r",
          b"\r\n", b"\n\n", b"x", b"7", b"[DONE]", b"\x00", b"\xef\xbb\xbf", "\u2603".encode(),
          "\u00e9".encode(), "\U0001f389".encode(), b"\xff", b"\xe2\x98"]
streams = st.lists(st.one_of(st.sampled_from(PIECES), st.binary(max_size=4)), max_size=40).map(
    b"".join)
cuts = st.lists(st.integers(min_value=0, max_value=10_000), max_size=12)
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(stream=streams, points=cuts)
def test_any_split_gives_the_events_of_the_rules(sse: ModuleType, stream: bytes,
                                                 points: list[int]) -> None:
    expected = reference(stream)
    assert decode(sse, [stream]) == expected
    assert decode(sse, split(stream, points)) == expected


@settings(max_examples=50, deadline=None)
@given(stream=streams)
def test_a_byte_per_read_gives_the_events_of_the_rules(sse: ModuleType, stream: bytes) -> None:
    assert decode(sse, [bytes([b]) for b in stream]) == reference(stream)


# --- the official SDK's decoder as an oracle ---------------------------------------------------
# Where the official decoder departs from the rules, the streams below stay away: it keeps a
# BOM, dispatches an event without data (and one on every blank line once an id was seen),
# reads `retry` with int() (" +5" counts), and fails on invalid UTF-8.

values = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),
                 max_size=8)
line_ends = st.sampled_from(["\n", "\r", "\r\n"])
FIELDS = ["data:", "event:", "id:", "retry: ", "retry: x", ":", "x-unknown:", "data"]


def agreed_field(draw: st.DrawFn) -> str:
    field = draw(st.sampled_from(FIELDS))
    if field == "retry: ":
        return field + str(draw(st.integers(0, 10**6)))
    value = draw(values)
    return field + (value.replace("\0", "") if field == "id:" else value)


@st.composite
def agreed_streams(draw: st.DrawFn) -> bytes:
    out = ""
    for _ in range(draw(st.integers(0, 6))):  # events, each with a data line somewhere
        lines = [agreed_field(draw) for _ in range(draw(st.integers(0, 3)))]
        lines.insert(draw(st.integers(0, len(lines))), "data:" + draw(values))
        for line in lines:
            out += line + draw(line_ends)
        # the blank line that dispatches (an LF after a CR would join it: CRLF is one line end)
        out += draw(st.sampled_from(["\r", "\r\n"] if out.endswith("\r") else ["\n", "\r"]))
    return out.encode()


@settings(max_examples=120, deadline=None)
@given(stream=agreed_streams(), points=cuts)
def test_the_same_events_as_the_official_decoder(sse: ModuleType, stream: bytes,
                                                 points: list[int]) -> None:
    chunks = split(stream, points)
    theirs = [(e.event, e.data, e.id, e.retry) for e in OpenAIDecoder().iter_bytes(iter(chunks))]
    assert decode(sse, chunks) == (theirs, False)
