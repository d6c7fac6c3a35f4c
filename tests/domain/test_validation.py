"""Every field range of the spec, with the one sentence a person reads."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import validation
from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.model import CardType, Category, Priority


def refusal(call, *args) -> str:
    """The message of the InvalidInput that ``call(*args)`` raises."""
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    assert caught.value.exit_code == 2
    return caught.value.message


def one_sentence(message: str) -> bool:
    return message[:1].isupper() and message.endswith(".") and "\n" not in message


# --- title -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_title_empty_is_refused(value: str) -> None:
    assert refusal(validation.title, value) == "Title must not be empty."


def test_title_of_200_characters_is_kept_and_201_refused() -> None:
    assert validation.title("x" * 200) == "x" * 200
    assert refusal(validation.title, "x" * 201) == "Title must be at most 200 characters (got 201)."


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n", "\x0b", "\x0c", "\u2028", "\x85"])
def test_title_must_be_one_line(newline: str) -> None:
    assert refusal(validation.title, f"first{newline}second") == "Title must be one line."


def test_title_is_trimmed_and_keeps_markup_literally() -> None:
    assert validation.title("  Fix login  ") == "Fix login"
    assert validation.title("[@click=app.quit]x[/]") == "[@click=app.quit]x[/]"
    assert validation.title("bell \x1b[31m red") == "bell \x1b[31m red"


line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")),
    min_size=1,
)


@given(line_text.filter(lambda text: len(text) <= 200))
def test_any_one_line_title_up_to_200_is_kept(text: str) -> None:
    assert validation.title(text) == text


@given(line_text.filter(lambda text: len(text) > 200))
def test_any_title_over_200_is_refused_with_its_length(text: str) -> None:
    assert refusal(validation.title, text) == (
        f"Title must be at most 200 characters (got {len(text)})."
    )


# --- points ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (100, 100), ("13", 13), ("08", 8), (None, None), ("none", None), ("", None)],
)
def test_points_accepted(value, expected) -> None:
    assert validation.points(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "Points must be between 0 and 100 (got -1)."),
        (101, "Points must be between 0 and 100 (got 101)."),
        ("101", "Points must be between 0 and 100 (got 101)."),
        ("abc", "Points must be a whole number 0-100 or none (got 'abc')."),
        ("2.5", "Points must be a whole number 0-100 or none (got '2.5')."),
        (2.5, "Points must be a whole number 0-100 or none (got 2.5)."),
        (True, "Points must be a whole number 0-100 or none (got True)."),
        (" 8 ", "Points must be a whole number 0-100 or none (got ' 8 ')."),
    ],
)
def test_points_refused(value, message: str) -> None:
    assert refusal(validation.points, value) == message


@given(st.integers(0, 100))
def test_points_in_range_accepted_as_int_or_text(number: int) -> None:
    assert validation.points(number) == number
    assert validation.points(str(number)) == number


@given(st.integers().filter(lambda n: not 0 <= n <= 100))
def test_points_out_of_range_refused(number: int) -> None:
    assert refusal(validation.points, number) == (
        f"Points must be between 0 and 100 (got {number})."
    )


# --- WIP limit -------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(1, 1), ("3", 3), ("none", None), (None, None)])
def test_wip_limit_accepted(value, expected) -> None:
    assert validation.wip_limit(value) == expected


@pytest.mark.parametrize("value", [0, -1, "0", "-1", 1000, "1000"])
def test_wip_limit_out_of_range_refused(value) -> None:
    number = int(value)
    assert refusal(validation.wip_limit, value) == (
        "WIP limit must be a positive whole number up to 999, or none to remove the limit "
        f"(got {number})."
    )


@pytest.mark.parametrize("value", ["abc", "2.5", 2.5, True])
def test_wip_limit_not_a_whole_number_refused(value) -> None:
    assert refusal(validation.wip_limit, value) == (
        "WIP limit must be a positive whole number up to 999, or none to remove the limit "
        f"(got {value!r})."  # one sentence for a word and for a number out of range
    )


@given(st.integers(min_value=1, max_value=999))
def test_any_positive_wip_limit_accepted(number: int) -> None:
    assert validation.wip_limit(number) == number
    assert validation.wip_limit(str(number)) == number


@given(st.integers(max_value=0))
def test_any_non_positive_wip_limit_refused(number: int) -> None:
    assert f"(got {number})" in refusal(validation.wip_limit, number)


# --- board key and names ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"), [("WEB", "WEB"), ("ab", "AB"), ("A1234567B9", "A1234567B9")]
)
def test_board_key_accepted(value: str, key: str) -> None:
    assert validation.board_key(value) == key


@pytest.mark.parametrize(
    "value", ["W", "1AB", "A12345678901", "WE B", "WE-B", "", "ÄB", "straße", "ıd", "A\nB"]
)
def test_board_key_refused(value: str) -> None:
    assert refusal(validation.board_key, value) == (
        f"Board key {value!r} is not valid: use 2-10 letters A-Z and digits 0-9, "
        "starting with a letter."
    )


@given(st.from_regex(r"[A-Z][A-Z0-9]{1,9}", fullmatch=True))
def test_every_key_of_the_grammar_accepted(key: str) -> None:
    assert validation.board_key(key) == key


@given(st.text(max_size=12))
def test_a_key_that_is_accepted_always_fits_the_grammar(text: str) -> None:
    try:
        key = validation.board_key(text)
    except InvalidInput:
        return
    assert re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", key)
    assert key == text.strip().upper()


def test_board_name_range() -> None:
    assert validation.board_name(" Website ") == "Website"
    assert validation.board_name("x" * 80) == "x" * 80
    assert refusal(validation.board_name, "x" * 81) == (
        "Board name must be 1-80 characters on one line (got 81)."
    )
    assert refusal(validation.board_name, "  ") == (
        "Board name must be 1-80 characters on one line (got 0)."
    )
    assert "one line" in refusal(validation.board_name, "a\nb")


def test_column_name_range() -> None:
    assert validation.column_name("x" * 40) == "x" * 40
    assert refusal(validation.column_name, "x" * 41) == (
        "Column name must be 1-40 characters on one line (got 41)."
    )
    assert "one line" in refusal(validation.column_name, "a\tb")
    assert "must not hold a comma" in refusal(validation.column_name, "QA, staging")


# --- labels ----------------------------------------------------------------


def test_labels_trimmed_lowercased_and_deduplicated() -> None:
    assert validation.labels([" UI ", "#ui", "api", "", "Api"]) == ("ui", "api")


def test_split_labels_takes_commas() -> None:
    assert validation.split_labels("ui, api,  #Backend,ui,") == ("ui", "api", "backend")


def test_split_labels_refuses_a_label_with_a_space_as_the_cli_does() -> None:
    assert refusal(validation.split_labels, "ui, front end") == (
        "Label 'front end' is not valid: up to 30 characters, no spaces or commas."
    )


def test_ten_labels_kept_eleven_refused() -> None:
    ten = [f"l{i}" for i in range(10)]
    assert validation.labels(ten) == tuple(ten)
    assert validation.labels([*ten, "L0"]) == tuple(ten)  # a duplicate is not an eleventh
    assert refusal(validation.labels, [*ten, "l10"]) == "A card has at most 10 labels (got 11)."


@pytest.mark.parametrize("label", ["x" * 31, "a,b", "a b", "a\tb"])
def test_bad_label_refused(label: str) -> None:
    assert refusal(validation.labels, [label]) == (
        f"Label {label!r} is not valid: up to 30 characters, no spaces or commas."
    )


@given(st.lists(st.from_regex(r"[a-z0-9]{1,30}", fullmatch=True), max_size=30))
def test_labels_keep_first_occurrence_order_and_the_cap(raw: list[str]) -> None:
    distinct = list(dict.fromkeys(raw))
    if len(distinct) > 10:
        assert f"(got {len(distinct)})" in refusal(validation.labels, raw)
    else:
        assert validation.labels(raw) == tuple(distinct)


# --- due dates, assignee, blocked, reason ----------------------------------


def test_due_dates() -> None:
    assert validation.due("2026-12-01") == date(2026, 12, 1)
    assert validation.due(date(2026, 12, 1)) == date(2026, 12, 1)
    assert validation.due(" none ") is None
    assert validation.due("") is None
    assert validation.due(None) is None


def test_due_given_a_datetime_keeps_the_date() -> None:
    assert validation.due(datetime(2026, 12, 1, 17, 45)) == date(2026, 12, 1)
    assert type(validation.due(datetime(2026, 12, 1, 17, 45))) is date


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "1/12/2026"])
def test_bad_due_date_refused(value: str) -> None:
    assert refusal(validation.due, value) == (
        f"Due date must be a date as YYYY-MM-DD (got {value!r})."
    )


def test_assignee() -> None:
    assert validation.assignee("@bob") == "bob"
    assert validation.assignee("none") is None
    assert validation.assignee("") is None
    assert "without spaces" in refusal(validation.assignee, "bob smith")
    too_long = "Assignee must be at most 64 characters (got 65)."
    assert refusal(validation.assignee, "b" * 65) == too_long


def test_blocked_reason() -> None:
    assert validation.blocked(" waiting for API keys ") == "waiting for API keys"
    assert validation.blocked("") is None
    assert validation.blocked(None) is None
    message = "A blocked reason must be one line of at most 500 characters."
    assert refusal(validation.blocked, "a\nb") == message
    assert refusal(validation.blocked, "a\rb") == message
    assert refusal(validation.blocked, "x" * 501) == message


def test_wip_override_reason() -> None:
    assert validation.reason(" release blocker ") == "release blocker"
    assert refusal(validation.reason, "  ") == "A reason is required to go over a WIP limit."
    assert refusal(validation.reason, None) == "A reason is required to go over a WIP limit."
    assert refusal(validation.reason, "x" * 501) == "A reason must be at most 500 characters."


# --- enums and card keys ---------------------------------------------------


def test_enums_accept_any_case_and_refuse_with_the_allowed_values() -> None:
    assert validation.card_type(" BUG ") is CardType.BUG
    assert validation.priority("Urgent") is Priority.URGENT
    assert validation.category("in_progress") is Category.IN_PROGRESS
    assert refusal(validation.card_type, "epic") == (
        "Unknown type 'epic': use one of story, task, bug, spike."
    )
    assert refusal(validation.priority, "p1") == (
        "Unknown priority 'p1': use one of urgent, high, medium, low, none."
    )
    assert refusal(validation.category, "doing") == (
        "Unknown category 'doing': use one of todo, in_progress, done."
    )


@pytest.mark.parametrize("member", [*CardType, *Priority, *Category])
def test_every_enum_member_round_trips(member) -> None:
    parse = {
        CardType: validation.card_type,
        Priority: validation.priority,
        Category: validation.category,
    }[type(member)]
    assert parse(member) is member
    assert parse(member.value.upper()) is member


def test_card_keys() -> None:
    assert validation.parse_card_key(" web-12 ") == ("WEB", 12)
    assert (
        refusal(validation.parse_card_key, "WEB12") == "'WEB12' is not a card key such as WEB-12."
    )
    assert refusal(validation.parse_card_key, "W-1") == "'W-1' is not a card key such as WEB-12."


@pytest.mark.parametrize(
    "call",
    [
        lambda: validation.title(""),
        lambda: validation.points(101),
        lambda: validation.points("x"),
        lambda: validation.wip_limit(0),
        lambda: validation.board_key("1"),
        lambda: validation.labels([str(i) for i in range(11)]),
        lambda: validation.due("x"),
        lambda: validation.card_type("x"),
    ],
)
def test_every_refusal_is_one_sentence(call) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert one_sentence(caught.value.message)


@pytest.mark.parametrize("ch", ["\x00", "\x1b", "\x07", "\x7f"])
def test_a_description_holds_no_control_characters(ch: str) -> None:
    with pytest.raises(InvalidInput, match=f"control character U\\+{ord(ch):04X} at character 4"):
        validation.description(f"abc{ch}def")
    assert validation.description("line 1\n\tline 2\r\n") == "line 1\n\tline 2"


def test_a_comment_is_trimmed_text_of_at_most_4000_characters() -> None:
    assert validation.comment("  Looks good\n\tto me  \n") == "Looks good\n\tto me"
    assert validation.comment("x" * validation.MAX_COMMENT) == "x" * 4000
    with pytest.raises(InvalidInput, match="^A comment cannot be empty.$"):
        validation.comment(" \n\t ")
    with pytest.raises(InvalidInput, match="at most 4000 characters .got 4001."):
        validation.comment("x" * 4001)


@pytest.mark.parametrize("ch", ["\x00", "\x1b", "\x07", "\x7f"])
def test_a_comment_holds_no_control_characters(ch: str) -> None:
    with pytest.raises(InvalidInput, match=f"control character U\\+{ord(ch):04X} at character 4"):
        validation.comment(f"abc{ch}def")
