"""Due dates: the state of a due date on a given day, and the ``due:`` filter terms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain.due import (
    DUE_TERMS,
    SOON_DAYS,
    WEEK_DAYS,
    DueState,
    due_matches,
    due_state,
    due_term,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
TODAY = date(2026, 11, 25)


@given(due=days, today=days)
def test_the_state_follows_the_days_left(due: date, today: date) -> None:
    left = (due - today).days
    state = due_state(due, today)
    assert (state is DueState.OVERDUE) == (left < 0)
    assert (state is DueState.SOON) == (0 <= left <= SOON_DAYS)
    assert (state is DueState.LATER) == (left > SOON_DAYS)


@given(due=days, today=days)
def test_a_done_card_is_never_soon_or_overdue(due: date, today: date) -> None:
    assert due_state(due, today, done=True) is DueState.LATER
    assert not due_matches("overdue", due, today, done=True)
    assert not due_matches("soon", due, today, done=True)
    assert not due_matches("week", due, today, done=True)


@given(today=days)
def test_no_due_date_is_none_whatever_the_day(today: date) -> None:
    assert due_state(None, today) is DueState.NONE
    assert due_matches("none", None, today)
    assert not any(due_matches(term, None, today) for term in DUE_TERMS if term != "none")


def test_the_edges() -> None:
    assert due_state(TODAY, TODAY) is DueState.SOON  # due today is on time, not late
    assert due_state(TODAY - timedelta(days=1), TODAY) is DueState.OVERDUE
    assert due_state(TODAY + timedelta(days=2), TODAY) is DueState.SOON
    assert due_state(TODAY + timedelta(days=3), TODAY) is DueState.LATER


@given(due=days, today=days)
def test_each_term_is_the_rule_it_names(due: date, today: date) -> None:
    left = (due - today).days
    state = due_state(due, today)
    assert due_matches("overdue", due, today) == (state is DueState.OVERDUE)
    assert due_matches("soon", due, today) == (state is DueState.SOON)
    # This week's work: late work included.
    assert due_matches("week", due, today) == (left <= WEEK_DAYS)
    assert not due_matches("none", due, today)


def test_terms_are_named_by_a_prefix() -> None:
    assert due_term("overdue") == "overdue"
    assert due_term("OV") == "overdue"
    assert due_term("s") == "soon"
    assert due_term("w") == "week"
    assert due_term("n") == "none"
    assert due_term("") is None
    assert due_term("tomorrow") is None
    with pytest.raises(ValueError):
        due_matches("tomorrow", TODAY, TODAY)
