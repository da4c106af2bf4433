"""Every string that reaches generated source goes through a filter; each must round-trip
exactly and never let text escape its context."""

from __future__ import annotations

import ast

import pytest

from codegen.render.filters import comment, constant, docstring_body, identifier, string_literal

NASTY = ["", "plain", "it's", 'say "hi"', '"""; import os #', "'''", "back\\slash", "\\",
         "ends with quote\"", "new\nline", "tab\tand\rreturn", "nul\x00byte", "{{ jinja }}",
         "{% raw %}", "unicode é ü 字 🎉", "\u2028line sep", "\ufeffbom", "\\N{DASH}", "\\x41"]


@pytest.mark.parametrize("text", NASTY)
def test_string_literal_round_trips(text: str) -> None:
    assert ast.literal_eval(string_literal(text)) == text


@pytest.mark.parametrize("text", NASTY)
def test_docstring_round_trips_and_stays_a_docstring(text: str) -> None:
    source = f'def f():\n    """{docstring_body(text)}"""\n    return 1\n'
    tree = ast.parse(source)
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef) and len(func.body) == 2
    assert ast.get_docstring(func, clean=False) == text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("text", NASTY)
def test_comment_is_one_line(text: str) -> None:
    line = f"x = 1  # {comment(text)}\n"
    assert len(ast.parse(line).body) == 1
    assert "\n" not in comment(text)


@pytest.mark.parametrize("value", [None, True, False, 0, -7, 10**30, 1.5, float("inf"),
                                   float("-inf"), "s", [1, "a", None], {"k": [1, {"x": "y"}]}])
def test_constant_round_trips(value: object) -> None:
    text = constant(value)
    namespace: dict[str, object] = {}
    exec(f"v = {text}", namespace)  # noqa: S102 - the point is evaluating generated code
    assert namespace["v"] == value


@pytest.mark.parametrize("bad", ["class", "a-b", "1x", "", "é", "a b", "__import__('os')"])
def test_identifier_refuses_anything_unsafe(bad: str) -> None:
    with pytest.raises(ValueError):
        identifier(bad)


def test_identifier_passes_safe_names() -> None:
    assert identifier("from_") == "from_"
