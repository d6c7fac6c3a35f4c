"""The sprints of a Jira CSV export (pure): their order, their states, and
for a completed sprint the dates and the frozen report a completion keeps.

A Jira CSV export names an issue's sprints (the repeated ``Sprint`` column)
but holds no sprint dates or states, so they are worked out:

- **Order.** When every sprint name holds a number (the one after the word
  ``Sprint``, else its last number: ``Sprint 4 — Polish``, ``RETAIL Sprint
  12``) and no two share it, sprints go by that number; otherwise by the
  earliest ``Created`` date of their issues (then the order the file gives).
- **State.** An issue's last sprint is its current one. A sprint whose current
  issues are all done (or that has none left) is completed; every other sprint
  is planned. None is made active: starting one needs a goal, the team's call.
- **Dates of a completed sprint**, inferred and said so in the summary: it
  ends on the latest ``Resolved`` date of its done issues (else their latest
  ``Updated``, else the latest ``Created`` of its issues) and lasts
  :data:`.sprints.DEFAULT_DAYS` days, a new board's sprint length, starting
  no earlier than the day after the previous completed sprint ended. Not
  from the issues' ``Created`` dates: issues are often created during a
  sprint, and a one-day sprint would make every later one default to a day.
- **Report of a completed sprint**, as completing it would freeze: every
  issue that was in it counts as committed (the export does not say which
  joined later); its done current issues as completed; the issues that went
  on to a later sprint as carried over. Points are today's estimates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from . import sprints as rules
from .errors import InvalidInput
from .import_plan import BoardPlan, SprintPlan
from .sprint_metrics import Committed, SprintReport

SPRINT_NUMBER = re.compile(r"\bsprint\s*#?\s*(\d+)", re.IGNORECASE)
LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")
BY_NUMBER = "ordered by the number in their names"
BY_CREATED = "ordered by the earliest Created date of their issues"


@dataclass(frozen=True, slots=True)
class Member:
    """One issue as its sprints see it."""

    sprints: tuple[str, ...]
    """Every sprint it was in; the last is its current one."""
    card: int
    """Index into the plan's cards."""
    done: bool
    created: datetime
    """When it was created (the import's time when the file does not say)."""
    finished: datetime | None
    """When it was resolved (else last updated), for a done issue."""


def number_in(name: str) -> int | None:
    """The sprint's number in its name: after the word Sprint, else its last number."""
    found = SPRINT_NUMBER.search(name) or LAST_NUMBER.search(name)
    return int(found.group(1)) if found else None


def order(names: Sequence[str], members: Sequence[Member]) -> tuple[list[str], str]:
    """``names`` (first-seen order) in the order the board gets, and the rule used."""
    numbers = [number_in(name) for name in names]
    if None not in numbers and len(set(numbers)) == len(numbers):
        by_name = dict(zip(names, numbers, strict=True))
        return sorted(names, key=lambda name: by_name[name] or 0), BY_NUMBER
    earliest: dict[str, datetime] = {}
    for member in members:
        for name in member.sprints:
            if name not in earliest or member.created < earliest[name]:
                earliest[name] = member.created
    first_seen = {name: index for index, name in enumerate(names)}
    ordered = sorted(names, key=lambda name: (earliest[name], first_seen[name]))
    return ordered, BY_CREATED


def completed(names: Sequence[str], members: Sequence[Member]) -> set[str]:
    """The sprints whose current issues are all done (or that have none left)."""
    still_open = {member.sprints[-1] for member in members if member.sprints and not member.done}
    return {name for name in names if name not in still_open}


def add_history(
    plan: BoardPlan, names: Sequence[str], members: Sequence[Member], now: datetime
) -> int:
    """Give each completed sprint of ``plan`` (named ``names``, in plan order)
    its inferred dates, committed scope and frozen report; returns how many."""
    previous_end: date | None = None
    made = 0
    for index, (name, sprint) in enumerate(zip(names, plan.sprints, strict=True)):
        if not sprint.completed:
            continue
        inside = [member for member in members if name in member.sprints]
        plan.sprints[index] = _history(plan, index + 1, name, sprint, inside, previous_end, now)
        previous_end = plan.sprints[index].end
        made += 1
    return made


def _history(
    plan: BoardPlan,
    number: int,
    name: str,
    sprint: SprintPlan,
    inside: list[Member],
    previous_end: date | None,
    now: datetime,
) -> SprintPlan:
    finished = [m for m in inside if m.done and m.sprints[-1] == name]
    carried = [m for m in inside if m.sprints[-1] != name]
    started_at, completed_at = _times(finished, inside, previous_end, now)
    start, end = started_at.date(), completed_at.date()

    def key(member: Member) -> str:
        return f"{plan.key}-{plan.cards[member.card].number}"

    def points(group: list[Member]) -> int:
        return sum(plan.cards[member.card].points or 0 for member in group)

    report = SprintReport(
        number=number,
        committed=tuple(key(member) for member in inside),
        completed=tuple(key(member) for member in finished),
        carried_over=tuple(key(member) for member in carried),
        committed_points=points(inside),
        completed_points=points(finished),
        carried_over_points=points(carried),
        end=end,
        completed_on=end,
    )
    committed = tuple(Committed(key(m), plan.cards[m.card].points) for m in inside)
    return replace(
        sprint,
        start=start,
        end=end,
        started_at=started_at,
        completed_at=completed_at,
        committed=committed,
        report=report,
    )


def _times(
    finished: list[Member], inside: list[Member], previous_end: date | None, now: datetime
) -> tuple[datetime, datetime]:
    """When the sprint started and was completed, as the issues show it."""
    ends = [m.finished for m in finished if m.finished is not None]
    last = max(ends) if ends else max(m.created for m in inside) if inside else now
    end = last.date()
    start = end - timedelta(days=rules.DEFAULT_DAYS - 1)
    if previous_end is not None and previous_end < end:
        start = max(start, previous_end + timedelta(days=1))
    try:
        rules.check_dates(start, end)
    except InvalidInput:  # outside the years a sprint may have: the import day
        return _midnight(now.date()), now
    return _midnight(start), last


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)
