"""The sprint lifecycle: states, the table of allowed transitions, dates and guards.

Pure rules: plain values in, values out; a rule refuses with one
:class:`RuleViolation`, a bad value (a date, a length) with one
:class:`InvalidInput`. Today is always passed in; nothing here reads a clock.
Reports, burndown and velocity live in :mod:`.sprint_metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from . import validation
from .errors import InvalidInput, NeedsConfirmation, RuleViolation

MIN_DAYS = 1
MAX_DAYS = 31
DEFAULT_DAYS = 14
MAX_NAME = 80
MAX_GOAL = 500
MAX_NUMBER = 1_000_000
"""Sprint numbers a person may type (a board makes one a fortnight)."""
WORDS = ("active", "backlog")


class SprintState(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"


class Action(StrEnum):
    """What a person can do to an existing sprint."""

    EDIT = "edit"
    ADD_CARD = "add card"
    REMOVE_CARD = "remove card"
    START = "start"
    COMPLETE = "complete"
    DELETE = "delete"


CREATED_STATE = SprintState.PLANNED
"""``create`` has no state before it: every new sprint is planned."""

_READ_ONLY = "Sprint {number} is completed and read-only."

TRANSITIONS: Mapping[tuple[SprintState, Action], SprintState | str] = {
    (SprintState.PLANNED, Action.EDIT): SprintState.PLANNED,
    (SprintState.PLANNED, Action.ADD_CARD): SprintState.PLANNED,
    (SprintState.PLANNED, Action.REMOVE_CARD): SprintState.PLANNED,
    (SprintState.PLANNED, Action.START): SprintState.ACTIVE,
    (SprintState.PLANNED, Action.COMPLETE): (
        "Sprint {number} is planned, not active; only the active sprint can be completed."
    ),
    (SprintState.PLANNED, Action.DELETE): SprintState.PLANNED,
    (SprintState.ACTIVE, Action.EDIT): SprintState.ACTIVE,
    (SprintState.ACTIVE, Action.ADD_CARD): SprintState.ACTIVE,
    (SprintState.ACTIVE, Action.REMOVE_CARD): SprintState.ACTIVE,
    (SprintState.ACTIVE, Action.START): "Sprint {number} is active already.",
    (SprintState.ACTIVE, Action.COMPLETE): SprintState.COMPLETED,
    (SprintState.ACTIVE, Action.DELETE): (
        "Sprint {number} is active; complete it instead of deleting it."
    ),
    (SprintState.COMPLETED, Action.EDIT): _READ_ONLY,
    (SprintState.COMPLETED, Action.ADD_CARD): _READ_ONLY,
    (SprintState.COMPLETED, Action.REMOVE_CARD): _READ_ONLY,
    (SprintState.COMPLETED, Action.START): _READ_ONLY,
    (SprintState.COMPLETED, Action.COMPLETE): _READ_ONLY,
    (SprintState.COMPLETED, Action.DELETE): _READ_ONLY,
}
"""(state, action) -> the state after it, or the sentence that refuses it.

Deleting a planned sprint leaves no sprint; the table keeps PLANNED there to
say only that it is allowed. Guards that need more than the state (one
active sprint, a goal, the dates) are the functions below.
"""


def transition(state: SprintState | str, action: Action | str, number: int) -> SprintState:
    """The state after ``action``; raises the table's sentence when it is refused."""
    outcome = TRANSITIONS[(SprintState(state), Action(action))]
    if isinstance(outcome, SprintState):
        return outcome
    raise RuleViolation(outcome.format(number=number))


def allowed(state: SprintState | str, action: Action | str) -> bool:
    """Whether the table allows ``action`` (for enabling keys and menu entries)."""
    return isinstance(TRANSITIONS[(SprintState(state), Action(action))], SprintState)


@dataclass(frozen=True, slots=True)
class Sprint:
    """A time-box of a board. Dates are inclusive; planned sprints may lack them."""

    id: int
    board_key: str
    number: int
    name: str
    goal: str = ""
    start: date | None = None
    end: date | None = None
    state: SprintState = SprintState.PLANNED
    version: int = 1
    created_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    card_count: int = 0
    points: int = 0
    """Cards in the sprint and their points when it was read."""

    @property
    def key(self) -> str:
        """``WEB-S3``: the sprint's name in the activity log."""
        return sprint_key(self.board_key, self.number)

    @property
    def length(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return days(self.start, self.end)

    def days_left(self, today: date) -> int | None:
        """Days left including today; 0 once the end has passed."""
        if self.end is None:
            return None
        return max(0, (self.end - today).days + 1)

    def overdue(self, today: date) -> bool:
        return is_overdue(self.state, self.end, today)


def sprint_key(board_key: str, number: int) -> str:
    return f"{board_key}-S{number}"


def default_name(number: int) -> str:
    return f"Sprint {number}"


def name(value: str | None, number: int) -> str:
    """A sprint's name: 1-80 characters on one line; empty means ``Sprint <n>``."""
    text = (value or "").strip()
    if not text:
        return default_name(number)
    return validation.one_line_name(text, "A sprint name", MAX_NAME)


def goal(value: str | None) -> str:
    text = (value or "").strip()
    if len(text) > MAX_GOAL:
        raise InvalidInput(
            f"A sprint goal must be at most {MAX_GOAL} characters (got {len(text)})."
        )
    return text


def sprint_ref(value: str, *, backlog: bool = False) -> int | str:
    """A sprint as typed: its number, ``active`` (or, where it means something,
    ``backlog``), returned as an int or the lower-case word."""
    word = value.strip().lower()
    if word in (WORDS if backlog else WORDS[:1]):
        return word
    allowed = f"1-{MAX_NUMBER}, active or backlog" if backlog else f"1-{MAX_NUMBER} or active"
    return validation.integer(
        value,
        "Sprint number",
        1,
        MAX_NUMBER,
        shape=f"Sprint must be a number {allowed}",
    )


def parse_date(value: str | date | None, what: str) -> date | None:
    """A sprint's ``what`` ("start", "end") date as typed, or None when not given."""
    return validation.day(value, f"The {what} date")


def length(value: int | str) -> int:
    """A sprint length as typed: a whole number of days, 1-31."""
    return validation.integer(
        value,
        "The length",
        MIN_DAYS,
        MAX_DAYS,
        shape=f"The length must be a whole number of days, {MIN_DAYS}-{MAX_DAYS}",
        out_of_range=f"A sprint lasts {MIN_DAYS}-{MAX_DAYS} days; {{got}} days is not allowed",
    )


def days(start: date, end: date) -> int:
    """Length of ``start``..``end`` in days, both inclusive."""
    return (end - start).days + 1


def check_length(length: int) -> int:
    """A length in days must be 1-31."""
    if not MIN_DAYS <= length <= MAX_DAYS:
        raise InvalidInput(
            f"A sprint lasts {MIN_DAYS}-{MAX_DAYS} days; {length} days is not allowed."
        )
    return length


def check_dates(start: date, end: date) -> int:
    """Refuse dates outside 1-31 days inclusive, or outside the years dates
    may have; returns the length."""
    length = days(start, end)
    if length < MIN_DAYS:
        raise InvalidInput(
            f"A sprint lasts {MIN_DAYS}-{MAX_DAYS} days; {start} to {end} ends before it starts."
        )
    if length > MAX_DAYS:
        raise InvalidInput(
            f"A sprint lasts {MIN_DAYS}-{MAX_DAYS} days; {start} to {end} is {length} days."
        )
    for day, what in ((start, "start"), (end, "end")):
        parse_date(day, what)
    return length


def unusual_dates(
    start: date, end: date, today: date, sprints: Sequence[Sprint], number: int | None = None
) -> str | None:
    """Why ``start``..``end`` for sprint ``number`` (None: a new one) needs a
    second look, or None: it ends before today, or it overlaps a completed sprint."""
    if end < today:
        return f"{start} to {end} is wholly in the past (today is {today})."
    for other in sprints:
        if other.number == number or other.state is not SprintState.COMPLETED:
            continue
        if other.start is None or other.end is None:
            continue
        last = other.end
        if other.completed_at is not None:
            # Completed early, its days ran out then: the next may start that day.
            last = min(last, other.completed_at.date() - timedelta(days=1))
        if start <= last and end >= other.start:
            return (
                f"{start} to {end} overlaps the completed {other.name} ({other.start} to {last})."
            )
    return None


def check_unusual_dates(
    start: date,
    end: date,
    today: date,
    sprints: Sequence[Sprint],
    number: int | None = None,
    *,
    confirmed: bool = False,
) -> None:
    """Refuse :func:`unusual_dates` with :class:`NeedsConfirmation` unless ``confirmed``."""
    reason = unusual_dates(start, end, today, sprints, number)
    if reason is not None and not confirmed:
        raise NeedsConfirmation(reason)


def end_for(start: date, length: int) -> date:
    return start + timedelta(days=check_length(length) - 1)


def previous_length(sprints: Sequence[Sprint], number: int | None = None) -> int:
    """The length of the latest dated sprint before ``number`` (all if None), or 14."""
    dated = [
        sprint
        for sprint in sprints
        if sprint.length is not None and (number is None or sprint.number < number)
    ]
    if not dated:
        return DEFAULT_DAYS
    length = max(dated, key=lambda sprint: sprint.number).length
    assert length is not None
    return length


def plan_dates(
    start: date | None,
    end: date | None,
    length: int | None,
    *,
    today: date,
    default_start: date | None = None,
    default_length: int = DEFAULT_DAYS,
) -> tuple[date, date]:
    """Dates from what a person gave: start defaults to ``default_start`` or today,
    end to start + length - 1 (``length``, else ``default_length``)."""
    if end is not None and length is not None:
        raise InvalidInput("Give an end date or a length, not both.")
    if start is None:
        start = default_start or today
    if end is None:
        end = end_for(start, length if length is not None else default_length)
    check_dates(start, end)
    return start, end


def next_slot(sprints: Sequence[Sprint], today: date, length: int = DEFAULT_DAYS) -> date:
    """Where a new sprint of ``length`` days starts by default: the day after the
    latest sprint's end when that is today or later (the cadence), otherwise today.

    A cadence slot that would end past the last date a person may give (after a
    sprint planned far ahead, or one kept from before dates had a range) is no
    slot: the new sprint then starts today, so one far sprint never makes every
    later ``sprint create`` fail.
    """
    ends = [sprint.end for sprint in sprints if sprint.end is not None]
    if not ends:
        return today
    latest = max(ends)
    if latest > validation.LAST_DAY - timedelta(days=length):
        return today
    after = latest + timedelta(days=1)
    return after if after >= today else today


def next_dates(start: date, end: date) -> tuple[date, date]:
    """The next sprint of the cadence: the same length, from the day after ``end``."""
    length = days(start, end)
    first = end + timedelta(days=1)
    return first, first + timedelta(days=length - 1)


def start_dates(sprint: Sprint, today: date, default_length: int) -> tuple[date, date]:
    """The dates a sprint starts with when the person gives none (rule 2).

    It starts today, whatever was planned: a sprint started early (the last
    one finished early) or late runs from the day it really starts. It keeps
    its planned length, or ``default_length`` without one.
    """
    length = sprint.length or default_length
    return today, end_for(today, length)


def check_start(sprint: Sprint, active: Sprint | None, goal_text: str) -> None:
    """Rules 1 and 2 for starting ``sprint``: one active sprint, a goal."""
    check_startable(sprint, active)
    check_start_goal(sprint.number, goal_text)


def check_startable(sprint: Sprint, active: Sprint | None) -> None:
    """Rule 1 alone: the table allows it and no other sprint is active.

    Lets a screen refuse before it asks for a goal and dates.
    """
    transition(sprint.state, Action.START, sprint.number)
    if active is not None and active.number != sprint.number:
        raise RuleViolation(
            f"Sprint {active.number} is active already; "
            f"complete it before starting sprint {sprint.number}."
        )


def check_start_goal(number: int, goal_text: str) -> None:
    """Rule 2's goal: a sprint starts only with a non-empty goal."""
    if not goal_text.strip():
        raise RuleViolation(f"Sprint {number} needs a goal before it starts.")


def check_active_goal(state: SprintState, number: int, goal_text: str) -> None:
    if state is SprintState.ACTIVE and not goal_text.strip():
        raise RuleViolation(f"Sprint {number} is active and keeps a goal; it cannot be empty.")


def check_membership(
    card_key: str,
    number: int,
    current: int | None,
    current_state: SprintState | None,
    card_done: bool,
) -> bool:
    """Rule 8: may the card join sprint ``number``? False when it is there already.

    ``current`` is the sprint the card belongs to now (and its state).
    """
    if current == number:
        return False
    if current is not None and current_state in (SprintState.PLANNED, SprintState.ACTIVE):
        raise RuleViolation(
            f"{card_key} is in sprint {current} already; a card belongs to at most one "
            f"planned or active sprint, so remove it from sprint {current} first."
        )
    if current is not None and current_state is SprintState.COMPLETED and card_done:
        raise RuleViolation(
            f"{card_key} was completed in sprint {current}, which is read-only; "
            "reopen the card before planning it again."
        )
    return True


def is_overdue(state: SprintState | str, end: date | None, today: date) -> bool:
    """An active sprint past its end date (flagged on every screen, rule 7)."""
    return SprintState(state) is SprintState.ACTIVE and end is not None and end < today


def overdue_message(sprint: Sprint, today: date) -> str | None:
    """The flag's sentence, or None when the sprint is not overdue."""
    if not sprint.overdue(today):
        return None
    assert sprint.end is not None
    late = (today - sprint.end).days
    unit = "day" if late == 1 else "days"
    return f"Sprint {sprint.number} ended on {sprint.end}, {late} {unit} ago; complete it."
