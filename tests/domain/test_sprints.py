"""The sprint lifecycle: the transition table, dates and lengths, the guards."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban_tui.domain import sprints as rules
from kanban_tui.domain.errors import InvalidInput, NeedsConfirmation, RuleViolation
from kanban_tui.domain.sprints import Action, Sprint, SprintState

PLANNED, ACTIVE, COMPLETED = SprintState.PLANNED, SprintState.ACTIVE, SprintState.COMPLETED
TODAY = date(2026, 11, 25)
READ_ONLY = "Sprint 7 is completed and read-only."

# Written out by hand, independently of the module's table: every state x every action.
EXPECTED: dict[tuple[SprintState, Action], SprintState | str] = {
    (PLANNED, Action.EDIT): PLANNED,
    (PLANNED, Action.ADD_CARD): PLANNED,
    (PLANNED, Action.REMOVE_CARD): PLANNED,
    (PLANNED, Action.START): ACTIVE,
    (PLANNED, Action.COMPLETE): (
        "Sprint 7 is planned, not active; only the active sprint can be completed."
    ),
    (PLANNED, Action.DELETE): PLANNED,
    (ACTIVE, Action.EDIT): ACTIVE,
    (ACTIVE, Action.ADD_CARD): ACTIVE,
    (ACTIVE, Action.REMOVE_CARD): ACTIVE,
    (ACTIVE, Action.START): "Sprint 7 is active already.",
    (ACTIVE, Action.COMPLETE): COMPLETED,
    (ACTIVE, Action.DELETE): "Sprint 7 is active; complete it instead of deleting it.",
    (COMPLETED, Action.EDIT): READ_ONLY,
    (COMPLETED, Action.ADD_CARD): READ_ONLY,
    (COMPLETED, Action.REMOVE_CARD): READ_ONLY,
    (COMPLETED, Action.START): READ_ONLY,
    (COMPLETED, Action.COMPLETE): READ_ONLY,
    (COMPLETED, Action.DELETE): READ_ONLY,
}


def sprint(number: int = 4, **values: object) -> Sprint:
    return Sprint(id=number, board_key="WEB", number=number, name=f"Sprint {number}", **values)


def test_the_table_covers_every_state_and_action_and_nothing_else() -> None:
    pairs = set(product(SprintState, Action))
    assert set(rules.TRANSITIONS) == pairs
    assert set(EXPECTED) == pairs
    assert len(pairs) == 18


@pytest.mark.parametrize(("state", "action"), sorted(EXPECTED, key=str))
def test_every_transition(state: SprintState, action: Action) -> None:
    expected = EXPECTED[(state, action)]
    if isinstance(expected, SprintState):
        assert rules.transition(state, action, 7) is expected
        assert rules.allowed(state, action)
    else:
        with pytest.raises(RuleViolation) as refused:
            rules.transition(state, action, 7)
        assert refused.value.message == expected
        assert not rules.allowed(state, action)


def test_transitions_take_the_stored_strings() -> None:
    assert rules.transition("planned", "start", 1) is ACTIVE
    assert rules.transition("active", "complete", 1) is COMPLETED


def test_a_new_sprint_is_planned() -> None:
    assert rules.CREATED_STATE is PLANNED
    assert sprint().state is PLANNED


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(1, 31))
def test_one_to_thirty_one_days_are_accepted(start: date, length: int) -> None:
    end = start + timedelta(days=length - 1)
    assert rules.check_dates(start, end) == length
    assert rules.check_length(length) == length
    assert rules.end_for(start, length) == end


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(32, 2000))
def test_thirty_two_days_or_more_are_refused_with_the_numbers(start: date, length: int) -> None:
    # A bad value (exit status 2), not a rule that refused a good one.
    end = start + timedelta(days=length - 1)
    with pytest.raises(InvalidInput) as refused:
        rules.check_dates(start, end)
    assert refused.value.message == f"A sprint lasts 1-31 days; {start} to {end} is {length} days."
    with pytest.raises(InvalidInput) as refused:
        rules.check_length(length)
    assert refused.value.message == f"A sprint lasts 1-31 days; {length} days is not allowed."


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(-400, 0))
def test_zero_days_or_an_end_before_the_start_are_refused(start: date, length: int) -> None:
    end = start + timedelta(days=length - 1)
    with pytest.raises(InvalidInput) as refused:
        rules.check_dates(start, end)
    assert refused.value.message == (
        f"A sprint lasts 1-31 days; {start} to {end} ends before it starts."
    )
    with pytest.raises(InvalidInput, match=f"; {length} days is not allowed"):
        rules.check_length(length)


def test_the_example_sentence() -> None:
    with pytest.raises(InvalidInput) as refused:
        rules.check_dates(date(2026, 12, 1), date(2027, 1, 9))
    assert refused.value.message == "A sprint lasts 1-31 days; 2026-12-01 to 2027-01-09 is 40 days."


def test_plan_dates_defaults_to_today_and_the_default_length() -> None:
    assert rules.plan_dates(None, None, None, today=TODAY) == (TODAY, date(2026, 12, 8))
    assert rules.plan_dates(None, None, 7, today=TODAY) == (TODAY, date(2026, 12, 1))
    assert rules.plan_dates(None, None, None, today=TODAY, default_length=10) == (
        TODAY,
        date(2026, 12, 4),
    )
    start = date(2026, 12, 7)
    assert rules.plan_dates(start, None, None, today=TODAY) == (start, date(2026, 12, 20))
    assert rules.plan_dates(None, None, None, today=TODAY, default_start=start)[0] == start
    assert rules.plan_dates(start, date(2026, 12, 7), None, today=TODAY) == (start, start)


def test_plan_dates_refuses_an_end_and_a_length_and_bad_lengths() -> None:
    with pytest.raises(InvalidInput, match="not both"):
        rules.plan_dates(None, date(2026, 12, 1), 5, today=TODAY)
    with pytest.raises(InvalidInput, match="32 days"):
        rules.plan_dates(None, None, 32, today=TODAY)
    with pytest.raises(InvalidInput, match="1-31 days"):
        rules.plan_dates(TODAY, TODAY - timedelta(days=1), None, today=TODAY)


def test_previous_length_is_the_latest_dated_sprint_or_fourteen() -> None:
    assert rules.previous_length([]) == 14
    assert rules.previous_length([sprint(1)]) == 14
    one = sprint(1, start=date(2026, 10, 1), end=date(2026, 10, 14))
    two = sprint(2, start=date(2026, 10, 15), end=date(2026, 10, 21))
    three = sprint(3)
    assert rules.previous_length([two, one, three]) == 7
    assert rules.previous_length([one, two, three], number=2) == 14
    assert rules.previous_length([one, two], number=1) == 14


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(1, 31))
def test_the_next_sprint_has_the_same_length_from_the_day_after(start: date, length: int) -> None:
    end = start + timedelta(days=length - 1)
    first, last = rules.next_dates(start, end)
    assert first == end + timedelta(days=1)
    assert rules.days(first, last) == length


def test_next_slot_follows_the_cadence_or_today() -> None:
    assert rules.next_slot([], TODAY) == TODAY
    running = sprint(3, start=date(2026, 11, 20), end=date(2026, 12, 3))
    assert rules.next_slot([running, sprint(4)], TODAY) == date(2026, 12, 4)
    old = sprint(1, start=date(2026, 1, 1), end=date(2026, 1, 14))
    assert rules.next_slot([old], TODAY) == TODAY


def test_start_dates_start_today_and_keep_the_planned_length() -> None:
    early = sprint(start=date(2026, 11, 30), end=date(2026, 12, 6))
    assert rules.start_dates(early, TODAY, 14) == (TODAY, date(2026, 12, 1))
    late_start = sprint(start=date(2026, 11, 20), end=date(2026, 11, 26))
    assert rules.start_dates(late_start, TODAY, 14) == (TODAY, date(2026, 12, 1))
    stale = sprint(start=date(2026, 11, 1), end=date(2026, 11, 7))
    assert rules.start_dates(stale, TODAY, 14) == (TODAY, date(2026, 12, 1))
    assert rules.start_dates(sprint(), TODAY, 10) == (TODAY, date(2026, 12, 4))


def test_starting_needs_no_other_active_sprint() -> None:
    active = sprint(3, state=ACTIVE)
    with pytest.raises(RuleViolation) as refused:
        rules.check_start(sprint(4), active, "Ship checkout")
    assert refused.value.message == (
        "Sprint 3 is active already; complete it before starting sprint 4."
    )


@pytest.mark.parametrize("goal", ["", "   ", "\n"])
def test_starting_needs_a_goal(goal: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.check_start(sprint(4), None, goal)
    assert refused.value.message == "Sprint 4 needs a goal before it starts."


def test_starting_follows_the_table() -> None:
    rules.check_start(sprint(4), None, "Ship checkout")
    with pytest.raises(RuleViolation, match="Sprint 4 is completed and read-only."):
        rules.check_start(sprint(4, state=COMPLETED), None, "Ship")
    with pytest.raises(RuleViolation, match="Sprint 4 is active already."):
        rules.check_start(sprint(4, state=ACTIVE), sprint(4, state=ACTIVE), "Ship")


def test_an_active_sprint_keeps_a_goal() -> None:
    rules.check_active_goal(PLANNED, 2, "")
    rules.check_active_goal(ACTIVE, 2, "Ship")
    with pytest.raises(RuleViolation, match="Sprint 2 is active and keeps a goal"):
        rules.check_active_goal(ACTIVE, 2, " ")


@pytest.mark.parametrize("state", [PLANNED, ACTIVE])
def test_a_card_belongs_to_at_most_one_open_sprint(state: SprintState) -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.check_membership("WEB-12", 5, 3, state, card_done=False)
    assert refused.value.message == (
        "WEB-12 is in sprint 3 already; a card belongs to at most one planned or active "
        "sprint, so remove it from sprint 3 first."
    )


def test_membership_other_cases() -> None:
    assert rules.check_membership("WEB-1", 5, None, None, card_done=False)
    assert not rules.check_membership("WEB-1", 5, 5, ACTIVE, card_done=False)
    assert rules.check_membership("WEB-1", 5, 2, COMPLETED, card_done=False)
    with pytest.raises(RuleViolation, match="completed in sprint 2, which is read-only"):
        rules.check_membership("WEB-1", 5, 2, COMPLETED, card_done=True)


@pytest.mark.parametrize(
    ("state", "end", "overdue"),
    [
        (ACTIVE, date(2026, 11, 24), True),
        (ACTIVE, TODAY, False),
        (ACTIVE, date(2026, 11, 26), False),
        (ACTIVE, None, False),
        (PLANNED, date(2026, 11, 1), False),
        (COMPLETED, date(2026, 11, 1), False),
    ],
)
def test_overdue_is_an_active_sprint_past_its_end(
    state: SprintState, end: date | None, overdue: bool
) -> None:
    assert rules.is_overdue(state, end, TODAY) is overdue
    assert sprint(3, state=state, end=end).overdue(TODAY) is overdue


def test_the_overdue_flag_sentence() -> None:
    late = sprint(3, state=ACTIVE, start=date(2026, 11, 10), end=date(2026, 11, 23))
    assert rules.overdue_message(late, TODAY) == (
        "Sprint 3 ended on 2026-11-23, 2 days ago; complete it."
    )
    one = sprint(3, state=ACTIVE, start=date(2026, 11, 10), end=date(2026, 11, 24))
    assert rules.overdue_message(one, TODAY) == (
        "Sprint 3 ended on 2026-11-24, 1 day ago; complete it."
    )
    assert rules.overdue_message(sprint(3, state=ACTIVE, end=TODAY), TODAY) is None


def test_sprint_values() -> None:
    value = sprint(3, start=date(2026, 11, 20), end=date(2026, 12, 3))
    assert value.key == "WEB-S3"
    assert value.length == 14
    assert value.days_left(TODAY) == 9
    assert value.days_left(date(2026, 12, 9)) == 0
    assert sprint().length is None and sprint().days_left(TODAY) is None


def test_names_and_goals() -> None:
    assert rules.name(None, 4) == "Sprint 4"
    assert rules.name("  ", 4) == "Sprint 4"
    assert rules.name(" Launch ", 4) == "Launch"
    with pytest.raises(InvalidInput, match="1-80 characters"):
        rules.name("x" * 81, 4)
    with pytest.raises(InvalidInput, match="one line"):
        rules.name("a\nb", 4)
    assert rules.goal("  Ship it ") == "Ship it"
    assert rules.goal(None) == ""
    with pytest.raises(InvalidInput, match="at most 500"):
        rules.goal("x" * 501)


def test_parse_date() -> None:
    assert rules.parse_date("2026-12-01", "start") == date(2026, 12, 1)
    assert rules.parse_date(" ", "start") is None
    assert rules.parse_date(TODAY, "end") == TODAY
    with pytest.raises(InvalidInput, match="The end date must be a date as YYYY-MM-DD"):
        rules.parse_date("1.12.2026", "end")


def test_the_sprint_rules_import_no_database_or_ui() -> None:
    code = (
        "import sys\nimport kanban_tui.domain.sprints, kanban_tui.domain.sprint_metrics\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & {'sqlalchemy', 'sqlmodel', "
        "'textual'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[]"


# --- dates that need a second look ---------------------------------------------------

TODAY = date(2026, 11, 25)


def test_dates_wholly_in_the_past_need_confirming() -> None:
    past = (date(2026, 11, 1), date(2026, 11, 14))
    assert rules.unusual_dates(*past, TODAY, []) == (
        "2026-11-01 to 2026-11-14 is wholly in the past (today is 2026-11-25)."
    )
    assert rules.unusual_dates(date(2026, 11, 12), TODAY, TODAY, []) is None  # ends today
    with pytest.raises(NeedsConfirmation) as caught:
        rules.check_unusual_dates(*past, TODAY, [])
    assert caught.value.exit_code == 1
    rules.check_unusual_dates(*past, TODAY, [], confirmed=True)


def test_dates_over_a_completed_sprint_need_confirming() -> None:
    done = sprint(
        2,
        start=date(2026, 11, 20),
        end=date(2026, 12, 3),
        state=SprintState.COMPLETED,
        completed_at=datetime(2026, 11, 30, 10, tzinfo=UTC),
    )
    planned = sprint(3, start=date(2026, 11, 26), end=date(2026, 12, 9))
    assert rules.unusual_dates(date(2026, 11, 29), date(2026, 12, 12), TODAY, [done, planned]) == (
        "2026-11-29 to 2026-12-12 overlaps the completed Sprint 2 (2026-11-20 to 2026-11-29)."
    )
    # From the day it was completed on, nothing overlaps; nor does its own dates.
    assert rules.unusual_dates(date(2026, 11, 30), date(2026, 12, 13), TODAY, [done]) is None
    assert rules.unusual_dates(date(2026, 11, 26), date(2026, 12, 1), TODAY, [done], 2) is None
    # A planned sprint's dates are no reason to ask.
    assert rules.unusual_dates(date(2026, 11, 30), date(2026, 12, 5), TODAY, [planned]) is None
