"""Docstring text stays within its width where Markdown allows: prose and list items are
rewrapped; code, tables and words longer than the width are kept as written."""

from __future__ import annotations

from codegen.render.text import wrap


def test_a_long_list_item_wraps_under_its_own_text() -> None:
    text = ("Modes:\n  - If set to 'auto', the request is processed with the tier configured "
            "in the Project settings.\n  - Short item.")
    assert wrap(text, 40) == ("Modes:\n"
                              "  - If set to 'auto', the request is\n"
                              "    processed with the tier configured\n"
                              "    in the Project settings.\n"
                              "  - Short item.")


def test_a_numbered_item_wraps_under_its_text() -> None:
    assert wrap("1. one two three four five six seven", 24) == (
        "1. one two three four\n   five six seven")


def test_an_indented_line_after_prose_continues_the_prose() -> None:
    text = "Set of pairs. This can be         useful.\n        Keys are strings."
    assert wrap(text, 80) == "Set of pairs. This can be useful. Keys are strings."


def test_indented_code_that_starts_a_paragraph_is_kept() -> None:
    text = "Example:\n\n    client.call(a,   b)  # a long line of code that is kept as written"
    assert wrap(text, 20) == text


def test_prose_before_a_fence_wraps_and_the_code_is_kept() -> None:
    text = ("An array of coordinates, which will appear as objects, eg\n"
            "```\n[{ x: 1 },  { x: 2 }]\n```")
    assert wrap(text, 30) == ("An array of coordinates, which\nwill appear as objects, eg\n"
                              "```\n[{ x: 1 },  { x: 2 }]\n```")


def test_code_tables_and_long_words_are_kept() -> None:
    text = ("```\n- not a list item inside a code block, however long the line is\n```\n\n"
            "| a table row that is longer than the width | b |\n\n"
            "- https://example.com/a/very/long/address/that/cannot/be/broken")
    assert wrap(text, 30) == text


def test_a_long_quote_wraps_behind_its_marker() -> None:
    text = "> **Note:** this endpoint is closing down and will be removed soon.\n> - a quoted item"
    assert wrap(text, 30) == ("> **Note:** this endpoint is\n"
                              "> closing down and will be\n"
                              "> removed soon.\n"
                              "> - a quoted item")


def test_a_long_prose_line_beside_a_list_wraps_at_its_indentation() -> None:
    text = "The reason for locking the conversation, one of these reasons:\n* `off-topic`"
    assert wrap(text, 30) == ("The reason for locking the\nconversation, one of these\n"
                              "reasons:\n* `off-topic`")
