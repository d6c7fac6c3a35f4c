"""The one parser of typed numbers, the one of typed dates, and the limits
that keep every value inside what SQLite and ``datetime.date`` hold."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import cards as card_rules
from kanban_tui.domain import risk_fields, validation
from kanban_tui.domain import risks as risk_rules
from kanban_tui.domain import sprints as sprint_rules
from kanban_tui.domain.errors import InvalidInput, RuleViolation
from kanban_tui.domain.sprints import Sprint

ASCII_NUMBER = re.compile(r"-?[0-9]+")
TODAY = date(2026, 11, 25)


def refusal(parse, *args) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse(*args)
    return caught.value.message


def one_sentence(message: str) -> bool:
    return message.endswith(".") and "\n" not in message and len(message) < 300


# --- whole numbers ------------------------------------------------------------------


@given(st.text())
def test_any_text_but_ascii_digits_with_an_optional_minus_is_refused(text: str) -> None:
    if ASCII_NUMBER.fullmatch(text):
        return
    message = refusal(validation.integer, text, "Count", -(10**6), 10**6)
    assert (
        message == f"Count must be a whole number -1000000-1000000 (got {validation.shown(text)})."
    )


@given(st.integers(-(10**18), 10**18))
def test_any_number_in_range_round_trips(number: int) -> None:
    assert validation.integer(str(number), "Count", -(10**18), 10**18) == number
    assert validation.integer(number, "Count", -(10**18), 10**18) == number


@given(
    st.characters(categories=["Nd", "No"]).filter(lambda ch: not ch.isascii()),
    st.integers(0, 100),
)
def test_digits_of_other_scripts_are_refused(digit: str, number: int) -> None:
    # int("٣") == 3, int("５") == 5, "²".isdigit(): none of them is a number here
    for text in (digit, f"{number}{digit}", f"{digit}{number}"):
        assert "must be a whole number" in refusal(validation.points, text)
        assert "not a card key" in refusal(validation.parse_card_key, f"WEB-{text}")
        assert "not a risk key" in refusal(risk_rules.parse_risk_key, f"WEB-R{text}")


@pytest.mark.parametrize("text", ["+5", " 5", "5 ", "1_0", "0x1", "5.0", "1e3", "--5", "-", "٣"])
def test_what_int_would_take_is_refused(text: str) -> None:
    assert refusal(validation.integer, text, "Count", 0, 100) == (
        f"Count must be a whole number 0-100 (got {text!r})."
    )


@given(st.integers(20, 6000))
def test_a_number_of_any_length_gets_the_range_sentence(digits: int) -> None:
    text = "9" * digits  # int() itself refuses 4,300 digits and more
    message = refusal(validation.integer, text, "Count", 0, 100)
    assert message.startswith("Count must be between 0 and 100 (got 999")
    assert one_sentence(message) and len(message) < 100


def test_leading_zeros_are_the_same_number() -> None:
    assert validation.integer("007", "Count", 0, 100) == 7
    assert validation.integer("-0", "Count", 0, 100) == 0


def test_each_number_has_its_range() -> None:
    assert validation.points("100") == 100
    assert "(got 101)" in refusal(validation.points, "101")
    assert validation.wip_limit("999") == 999
    assert "up to 999" in refusal(validation.wip_limit, "1000")
    assert sprint_rules.length("31") == 31
    assert refusal(sprint_rules.length, "32") == "A sprint lasts 1-31 days; 32 days is not allowed."
    assert refusal(sprint_rules.length, "0") == "A sprint lasts 1-31 days; 0 days is not allowed."
    assert sprint_rules.sprint_ref("1000000") == 1_000_000
    assert refusal(sprint_rules.sprint_ref, "1000001") == (
        "Sprint number must be between 1 and 1000000 (got 1000001)."
    )


@given(st.integers(1, validation.MAX_KEY_NUMBER))
def test_keys_in_range_round_trip(number: int) -> None:
    assert validation.parse_card_key(f"web-{number}") == ("WEB", number)
    assert risk_rules.parse_risk_key(f"web-r{number}") == ("WEB", number)


@given(st.integers(validation.MAX_KEY_NUMBER + 1, 10**39) | st.just(0))
def test_keys_out_of_range_are_refused_not_looked_up(number: int) -> None:
    assert refusal(validation.parse_card_key, f"WEB-{number}") == (
        f"Card number must be between 1 and 999999999 (got {number})."
    )
    assert refusal(risk_rules.parse_risk_key, f"WEB-R{number}") == (
        f"Risk number must be between 1 and 999999999 (got {number})."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("active", "active"), (" Active ", "active"), ("backlog", "backlog"), ("3", 3), ("03", 3)],
)
def test_a_sprint_as_typed(value: str, expected) -> None:
    assert sprint_rules.sprint_ref(value, backlog=True) == expected


@pytest.mark.parametrize("value", ["0", "-1", "+1", " 1", "٣", "backlog", "", "one"])
def test_a_sprint_that_is_not_one(value: str) -> None:
    assert one_sentence(refusal(sprint_rules.sprint_ref, value))


@pytest.mark.parametrize("value", ["-1", "-3", "3-", "_3", " 3", "3 ", "+3", "٣", "0", "6"])
def test_a_rating_is_its_number_exactly_or_its_word(value: str) -> None:
    assert refusal(risk_rules.probability, value).startswith("Probability must be 1-5 or one of")
    assert refusal(risk_rules.impact, value).startswith("Impact must be 1-5 or one of")


def test_a_rating_word_may_be_written_loosely() -> None:
    assert risk_rules.probability(" Almost-Certain ") == 5
    assert risk_rules.impact("SEVERE") == 5


# --- dates --------------------------------------------------------------------------


@given(st.dates(validation.FIRST_DAY, validation.LAST_DAY))
def test_any_day_in_range_round_trips_the_same_for_every_date_field(day: date) -> None:
    text = day.isoformat()
    assert validation.due(text) == day
    assert risk_fields.review_on(text) == day
    assert sprint_rules.parse_date(text, "start") == day


@given(st.dates().filter(lambda d: not validation.FIRST_DAY <= d <= validation.LAST_DAY))
def test_days_outside_2000_to_2100_are_refused(day: date) -> None:
    for parse, what in (
        (validation.due, "Due date"),
        (risk_fields.review_on, "Review date"),
        (lambda value: sprint_rules.parse_date(value, "end"), "The end date"),
    ):
        expected = f"{what} must be between 2000-01-01 and 2100-12-31 (got {day})."
        assert refusal(parse, day.isoformat()) == expected
        assert refusal(parse, day) == expected


@given(st.dates(validation.FIRST_DAY, validation.LAST_DAY))
def test_other_forms_of_a_day_are_refused_by_every_date_field(day: date) -> None:
    for text in (
        day.strftime("%Y%m%d"),
        f"{day.isocalendar().year}-W{day.isocalendar().week:02d}-{day.isocalendar().weekday}",
        f" {day.isoformat()}",
        day.strftime("%d/%m/%Y"),
    ):
        assert "must be a date as YYYY-MM-DD" in refusal(validation.due, text)
        assert "must be a date as YYYY-MM-DD" in refusal(risk_fields.review_on, text)
        assert "must be a date as YYYY-MM-DD" in refusal(sprint_rules.parse_date, text, "start")


def test_none_words_are_no_date_everywhere() -> None:
    for word in ("", "none", "None", "-"):
        assert validation.due(word) is None
        assert risk_fields.review_on(word) is None


# --- sprints: bad values are InvalidInput; a far sprint keeps the cadence working -----------


def test_sprint_lengths_and_dates_are_values_not_rules() -> None:
    for call in (
        lambda: sprint_rules.check_length(32),
        lambda: sprint_rules.check_dates(TODAY, TODAY - timedelta(days=1)),
        lambda: sprint_rules.check_dates(TODAY, TODAY + timedelta(days=31)),
        lambda: sprint_rules.check_dates(date(2100, 12, 30), date(2101, 1, 2)),
    ):
        with pytest.raises(InvalidInput) as caught:
            call()
        assert not isinstance(caught.value, RuleViolation)
        assert caught.value.exit_code == 2


def sprint(number: int, start: date, end: date) -> Sprint:
    return Sprint(number, "WEB", number, f"Sprint {number}", start=start, end=end)


@pytest.mark.parametrize(
    "end", [date(2100, 12, 20), date(2100, 12, 31), date(2101, 1, 31), date.max]
)
def test_a_slot_past_the_last_day_is_no_slot(end: date) -> None:
    far = sprint(1, end - timedelta(days=3), end)
    assert sprint_rules.next_slot([far], TODAY) == TODAY


def test_the_cadence_slot_while_it_fits() -> None:
    near = sprint(1, date(2100, 12, 1), date(2100, 12, 14))
    assert sprint_rules.next_slot([near], TODAY, 14) == date(2100, 12, 15)
    assert sprint_rules.next_slot([near], TODAY, 17) == date(2100, 12, 15)
    assert sprint_rules.next_slot([near], TODAY, 18) == TODAY


# --- descriptions and the texts of a risk -------------------------------------------------


def test_a_description_holds_64_kib_of_characters() -> None:
    text = "é" * validation.MAX_DESCRIPTION
    assert validation.description(text) == text
    message = "Description must be at most 65536 characters (got 65537)."
    assert refusal(validation.description, text + "x") == message
    # The TUI's editor shows the same sentence beside the field.
    assert card_rules.field_errors({"description": text + "x"}) == {"description": message}


@pytest.mark.parametrize("field", ["description", "mitigation", "contingency", "trigger"])
def test_risk_texts_have_a_limit(field: str) -> None:
    assert risk_fields.field_errors({field: "x" * 10_001})[field].endswith("(got 10001).")


@pytest.mark.parametrize(
    "call",
    [
        lambda: validation.integer("٣", "Count", 0, 9),
        lambda: validation.integer("9" * 50, "Count", 0, 9),
        lambda: validation.due("2101-01-01"),
        lambda: validation.due("2026-W48-2"),
        lambda: validation.parse_card_key("WEB-" + "9" * 30),
        lambda: sprint_rules.sprint_ref("x"),
        lambda: sprint_rules.length("x"),
        lambda: validation.description("x" * 70_000),
    ],
)
def test_every_refusal_is_one_sentence(call) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert one_sentence(caught.value.message)
