"""Plain-text output: nothing a user typed can reach the terminal as a control."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.cli import output


@given(st.text())
def test_one_line_text_has_no_controls(text: str) -> None:
    shown = output.safe(text)
    assert not any(unicodedata.category(char) == "Cc" for char in shown)
    assert "\u202e" not in shown


@given(st.text())
def test_multiline_text_keeps_only_newlines(text: str) -> None:
    shown = output.safe(text, multiline=True)
    assert all(char == "\n" for char in shown if unicodedata.category(char) == "Cc")


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3), max_leaves=5))
def test_json_escapes_every_control_and_round_trips(value: object) -> None:
    text = output.dumps(value)
    assert not any(unicodedata.category(char) == "Cc" and char not in "\n" for char in text)
    assert json.loads(text) == value


def test_escapes_are_readable() -> None:
    assert output.safe("a\x1b[31mb\tc\x9bd") == "a\\x1b[31mb c\\x9bd"
    assert output.safe("one\ntwo\r\n", multiline=True) == "one\ntwo\n"


def test_wide_characters_are_aligned() -> None:
    assert output.width("日本") == 4
    assert output.width("e\u0301") == 1
    lines = output.table(["A", "B"], [["日本", "x"], ["ab", "y"]])
    assert lines == ["A     B", "日本  x", "ab    y"]


def test_fit_cuts_with_an_ellipsis() -> None:
    assert output.fit("abcdef", 4) == "abc…"
    assert output.fit("abc", 4) == "abc"
    assert output.fit("日本語", 4) == "日…"
