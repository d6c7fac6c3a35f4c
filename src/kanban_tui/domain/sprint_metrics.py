"""What a sprint measured: its report, its burndown and the board's velocity.

Plain inputs: the committed scope (card key -> points, snapshotted at the
start), the card changes during the sprint in the order they happened (read
from the activity log by the service), and the cards at the end. Points of
``None`` count as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

VELOCITY_WINDOW = 3


class Change(StrEnum):
    ADDED = "added"
    """The card joined the active sprint (a scope change)."""
    REMOVED = "removed"
    """The card left the active sprint, or was deleted (a scope change)."""
    DONE = "done"
    """The card entered a done column."""
    REOPENED = "reopened"
    """The card left a done column."""
    POINTS = "points"
    """The card was re-estimated; ``points`` is the new estimate."""


@dataclass(frozen=True, slots=True)
class CardChange:
    day: date
    key: str
    change: Change
    points: int | None = None
    """The card's points after the change (for ADDED and REMOVED: at that moment)."""
    done: bool = False
    """For ADDED: whether the card was already in a done column."""


@dataclass(frozen=True, slots=True)
class Committed:
    """One card of the scope snapshotted when the sprint started."""

    key: str
    points: int | None
    done: bool = False


@dataclass(frozen=True, slots=True)
class FinalCard:
    """One card of the sprint when it ends (or now, for a live report)."""

    key: str
    points: int | None
    done: bool


def _pts(value: int | None) -> int:
    return value or 0


@dataclass(frozen=True, slots=True)
class SprintReport:
    """Rule 6: committed, added, removed, completed and carried-over work.

    Counts always balance: committed + added - removed = completed +
    carried over. Points balance too unless a card was re-estimated during
    the sprint (committed points are the estimates at the start).
    """

    number: int
    committed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    completed: tuple[str, ...] = ()
    carried_over: tuple[str, ...] = ()
    committed_points: int = 0
    added_points: int = 0
    removed_points: int = 0
    completed_points: int = 0
    carried_over_points: int = 0
    end: date | None = None
    completed_on: date | None = None
    """The day the sprint was completed, or None for a live report."""

    @property
    def committed_count(self) -> int:
        return len(self.committed)

    @property
    def added_count(self) -> int:
        return len(self.added)

    @property
    def removed_count(self) -> int:
        return len(self.removed)

    @property
    def completed_count(self) -> int:
        return len(self.completed)

    @property
    def carried_over_count(self) -> int:
        return len(self.carried_over)

    @property
    def days_late(self) -> int | None:
        """Days after the end it was completed (negative: early), or None."""
        if self.completed_on is None or self.end is None:
            return None
        return (self.completed_on - self.end).days

    @property
    def timing(self) -> str | None:
        """``early``, ``on time`` or ``late``; None while the sprint runs."""
        late = self.days_late
        if late is None:
            return None
        return "late" if late > 0 else "early" if late < 0 else "on time"

    @property
    def velocity(self) -> int:
        return self.completed_points

    def to_dict(self) -> dict[str, Any]:
        """The frozen form kept with a completed sprint (JSON-ready)."""
        data = asdict(self)
        for name in ("committed", "added", "removed", "completed", "carried_over"):
            data[name] = list(data[name])
        data["end"] = self.end.isoformat() if self.end else None
        data["completed_on"] = self.completed_on.isoformat() if self.completed_on else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SprintReport:
        values = dict(data)
        for name in ("committed", "added", "removed", "completed", "carried_over"):
            values[name] = tuple(values.get(name, ()))
        for name in ("end", "completed_on"):
            values[name] = date.fromisoformat(values[name]) if values.get(name) else None
        return cls(**values)


def report(
    number: int,
    committed: Sequence[Committed],
    changes: Iterable[CardChange],
    final: Sequence[FinalCard],
    *,
    end: date | None = None,
    completed_on: date | None = None,
) -> SprintReport:
    """The sprint report from the commitment, the scope changes and the end state.

    A card counts as added if it joined after the start; as removed if it was
    committed or added and is not in the sprint at the end (moved out or
    deleted). A card added and removed again counts in both. A re-estimate is
    no scope change (the burndown's marks follow this rule too).
    """
    committed_points = {card.key: card.points for card in committed}
    added: dict[str, int | None] = {}
    last_known: dict[str, int | None] = dict(committed_points)
    for change in changes:
        if change.change is Change.ADDED:
            if change.key not in committed_points:
                added.setdefault(change.key, change.points)  # its points when it first joined
            last_known[change.key] = change.points
        elif change.change in (Change.REMOVED, Change.POINTS):
            last_known[change.key] = change.points
    final_keys = {card.key for card in final}
    removed = [key for key in [*committed_points, *added] if key not in final_keys]
    completed = [card for card in final if card.done]
    carried = [card for card in final if not card.done]
    return SprintReport(
        number=number,
        committed=tuple(committed_points),
        added=tuple(added),
        removed=tuple(removed),
        completed=tuple(card.key for card in completed),
        carried_over=tuple(card.key for card in carried),
        committed_points=sum(_pts(points) for points in committed_points.values()),
        added_points=sum(_pts(points) for points in added.values()),
        removed_points=sum(_pts(last_known.get(key)) for key in removed),
        completed_points=sum(_pts(card.points) for card in completed),
        carried_over_points=sum(_pts(card.points) for card in carried),
        end=end,
        completed_on=completed_on,
    )


@dataclass(frozen=True, slots=True)
class Burndown:
    """The series a chart draws; value ``k`` of a line is after ``k`` days.

    ``days`` are the sprint's days (past the end when it ran over); the
    lines have one value more than ``days``: index 0 is the start.
    """

    days: tuple[date, ...]
    committed: int
    ideal: tuple[float, ...]
    """From the committed points down to 0 at the end date; 0 after it."""
    remaining: tuple[int | None, ...]
    """Points not done yet; None for days still to come."""
    scope: tuple[int | None, ...]
    """All points in the sprint (done or not); None for days still to come."""
    added: tuple[int, ...] = field(default=())
    """Per day: points of the cards the report counts as added that day."""
    removed: tuple[int, ...] = field(default=())
    """Per day: points of the cards the report counts as removed that day."""
    completed: tuple[int, ...] = field(default=())
    """Per day: points finished that day (less those reopened)."""


def burndown(
    start: date,
    end: date,
    committed: Sequence[Committed],
    changes: Iterable[CardChange],
    *,
    today: date,
    last_day: date | None = None,
) -> Burndown:
    """Replay the changes day by day from the commitment.

    ``last_day`` is the day the sprint was completed; while it runs it is
    ``today``. Days from ``start`` to the later of ``end`` and ``last_day``
    are shown; changes before the start count on the first day and after the
    last on the last.

    The scope line follows every point in the sprint, re-estimates included.
    The per-day ``added`` and ``removed`` follow the report's rule
    (:func:`report`), so the chart's ``+n``/``−n`` marks and its table agree:
    a card is added on the day it first joined (not a committed card coming
    back) and removed on the day it last left (not when it came back later);
    a re-estimate, or one taken back, is no scope change.
    """
    closing = last_day or today
    final_day = max(end, closing)
    count = (final_day - start).days + 1
    days = tuple(start + timedelta(days=i) for i in range(count))
    in_sprint = {card.key: _pts(card.points) for card in committed}
    done = {card.key for card in committed if card.done}
    total = sum(in_sprint.values())
    span = (end - start).days + 1
    ideal = tuple(total * max(0.0, 1 - k / span) for k in range(count + 1))

    def snapshot() -> tuple[int, int]:
        scope = sum(in_sprint.values())
        return scope, scope - sum(points for key, points in in_sprint.items() if key in done)

    scope_now, remaining_now = snapshot()
    scopes: list[int | None] = [scope_now]
    remaining: list[int | None] = [remaining_now]
    per_day: dict[date, list[int]] = {day: [0, 0, 0] for day in days}
    ordered = sorted(changes, key=lambda change: min(max(change.day, start), final_day))
    marked = _scope_changes(ordered, set(in_sprint))
    index = 0
    for day in days:
        while index < len(ordered) and min(max(ordered[index].day, start), final_day) <= day:
            _apply(ordered[index], in_sprint, done, per_day[day], index in marked)
            index += 1
        scope_now, remaining_now = snapshot()
        shown = day <= closing
        scopes.append(scope_now if shown else None)
        remaining.append(remaining_now if shown else None)
    return Burndown(
        days=days,
        committed=total,
        ideal=ideal,
        remaining=tuple(remaining),
        scope=tuple(scopes),
        added=tuple(per_day[day][0] for day in days),
        removed=tuple(per_day[day][1] for day in days),
        completed=tuple(per_day[day][2] for day in days),
    )


def _scope_changes(ordered: Sequence[CardChange], committed: set[str]) -> set[int]:
    """Which of the changes (by index) the report counts: each card's first
    joining unless it was committed, and its last leaving unless it came back."""
    first_added: dict[str, int] = {}
    last_removed: dict[str, int] = {}
    for index, change in enumerate(ordered):
        if change.change is Change.ADDED:
            if change.key not in committed:
                first_added.setdefault(change.key, index)
            last_removed.pop(change.key, None)  # it came back: not removed
        elif change.change is Change.REMOVED:
            last_removed[change.key] = index
    return {*first_added.values(), *last_removed.values()}


def _apply(
    change: CardChange, in_sprint: dict[str, int], done: set[str], day: list[int], mark: bool
) -> None:
    """One change to the running state; ``day`` is [added, removed, completed];
    ``mark``: the report counts it as a card added or removed."""
    points = _pts(change.points)
    key = change.key
    if change.change is Change.ADDED:
        if key in in_sprint:
            return
        in_sprint[key] = points
        if mark:
            day[0] += points
        if change.done:
            done.add(key)
    elif change.change is Change.REMOVED:
        if key not in in_sprint:
            return
        left = in_sprint.pop(key)
        if mark:
            day[1] += left
        done.discard(key)
    elif key not in in_sprint:
        return  # the card's own history outside the sprint
    elif change.change is Change.DONE and key not in done:
        done.add(key)
        day[2] += in_sprint[key]
    elif change.change is Change.REOPENED and key in done:
        done.discard(key)
        day[2] -= in_sprint[key]
    elif change.change is Change.POINTS:
        # A re-estimate moves the scope line, unmarked (no card joined or
        # left); on a done card it changes the burnt points too.
        delta = points - in_sprint[key]
        in_sprint[key] = points
        if key in done:
            day[2] += delta


def velocity(completed_points: Sequence[int], window: int = VELOCITY_WINDOW) -> float | None:
    """The mean completed points of the last ``window`` completed sprints, or None."""
    recent = list(completed_points)[-window:]
    if not recent:
        return None
    return sum(recent) / len(recent)


@dataclass(frozen=True, slots=True)
class Velocity:
    """Completed sprints oldest first, for the velocity chart and the planning view."""

    numbers: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    committed: tuple[int, ...] = ()
    completed: tuple[int, ...] = ()
    """The velocity of each sprint: its completed points."""

    @property
    def mean(self) -> float | None:
        """The mean of the last 3 sprints' completed points (rule 6), or None."""
        return velocity(self.completed)
