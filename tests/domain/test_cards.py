"""Card field rules and the flow timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import cards
from kanban_tui.domain.errors import InvalidInput
from kanban_tui.domain.model import CardType, Category, Priority

T0 = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)


def test_clean_returns_stored_values() -> None:
    cleaned = cards.clean(
        {
            "title": " Fix login ",
            "description": "Steps\n\n",
            "type": "BUG",
            "priority": "high",
            "points": "5",
            "assignee": "@bob",
            "labels": "ui, API",
            "due": "2026-12-01",
            "blocked": "",
        }
    )
    assert cleaned == {
        "title": "Fix login",
        "description": "Steps",
        "type": CardType.BUG,
        "priority": Priority.HIGH,
        "points": 5,
        "assignee": "bob",
        "labels": ("ui", "api"),
        "due": date(2026, 12, 1),
        "blocked": None,
    }


def test_labels_may_be_a_list() -> None:
    assert cards.clean({"labels": ["UI", "ui", "db"]}) == {"labels": ("ui", "db")}


def test_unknown_field_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        cards.clean({"colour": "red"})
    assert caught.value.message == "Unknown card field 'colour'."


def test_field_errors_names_every_bad_field() -> None:
    errors = cards.field_errors({"title": "", "points": 101, "priority": "low", "due": "soon"})
    assert errors == {
        "title": "Title must not be empty.",
        "points": "Points must be between 0 and 100 (got 101).",
        "due": "Due date must be a date as YYYY-MM-DD (got 'soon').",
    }


# --- flow timestamps -------------------------------------------------------


def test_started_is_set_on_the_first_in_progress_entry() -> None:
    assert cards.flow_stamps(Category.IN_PROGRESS, None, None, T0) == (T0, None)


def test_started_never_moves_afterwards() -> None:
    assert cards.flow_stamps(Category.IN_PROGRESS, T0, None, T1) == (T0, None)
    assert cards.flow_stamps(Category.TODO, T0, None, T1) == (T0, None)
    assert cards.flow_stamps(Category.DONE, T0, None, T1) == (T0, T1)


def test_todo_entry_sets_nothing() -> None:
    assert cards.flow_stamps(Category.TODO, None, None, T0) == (None, None)


def test_done_is_set_on_entry_and_cleared_on_leaving() -> None:
    assert cards.flow_stamps(Category.DONE, None, None, T0) == (None, T0)
    assert cards.flow_stamps(Category.IN_PROGRESS, T0, T1, T2) == (T0, None)
    assert cards.flow_stamps(Category.TODO, T0, T1, T2) == (T0, None)


def test_done_to_another_done_column_keeps_the_done_time() -> None:
    assert cards.flow_stamps(Category.DONE, T0, T1, T2) == (T0, T1)


@given(st.lists(st.sampled_from(list(Category)), max_size=20))
def test_flow_stamps_over_any_journey(journey: list[Category]) -> None:
    started = done = None
    current = Category.TODO
    first_start = entered_done = None
    for step, to in enumerate(journey):
        now = T0 + timedelta(minutes=step)
        started, done = cards.flow_stamps(to, started, done, now)
        if to is Category.IN_PROGRESS and first_start is None:
            first_start = now
        if to is Category.DONE and current is not Category.DONE:
            entered_done = now
        current = to
        assert started == first_start
        assert done == (entered_done if current is Category.DONE else None)
