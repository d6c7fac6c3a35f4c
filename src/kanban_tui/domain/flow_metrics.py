"""Flow metrics from the activity log: the cumulative flow diagram and cycle time.

Pure functions: the caller passes the events, the card stamps and ``today``
(no clock is read here), so every figure is tested from small hand-made logs.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

FLOW_WINDOW = 28
"""Days the reports cover by default: the last four weeks, today included."""

COLUMN_RENAMED = "column renamed"
COLUMN_DELETED = "column deleted"


@dataclass(frozen=True)
class FlowEvent:
    """One event that changes where a card is, or what its column is called."""

    day: date
    key: str
    """The card's key; for a column event, the column's name before it."""
    action: str
    """``created``, ``moved``, ``deleted``, ``archived`` or ``restored`` (a
    card); ``column renamed`` or ``column deleted`` (its cards moved to
    ``column``); others are ignored."""
    column: str | None = None
    """The column the card is counted in after the event (None once deleted,
    or archived from a column that is not done: it leaves the diagram); for a
    column event, the column's new name or where its cards went."""


@dataclass(frozen=True)
class CumulativeFlow:
    """Cards in each column at the end of each day of the window."""

    days: tuple[date, ...]
    columns: tuple[str, ...]
    """Board order (the first column is the left-most one)."""
    counts: tuple[tuple[int, ...], ...]
    """``counts[d][c]``: cards in column ``c`` at the end of ``days[d]``."""

    def totals(self) -> tuple[int, ...]:
        return tuple(sum(day) for day in self.counts)

    def latest(self) -> tuple[int, ...]:
        return self.counts[-1] if self.counts else tuple(0 for _ in self.columns)


def window(today: date, days: int = FLOW_WINDOW) -> tuple[date, ...]:
    """The ``days`` days ending with ``today``, oldest first."""
    return tuple(today - timedelta(days=offset) for offset in range(max(days, 1) - 1, -1, -1))


def cumulative_flow(
    events: Iterable[FlowEvent],
    columns: Sequence[str],
    today: date,
    days: int = FLOW_WINDOW,
    start: Mapping[str, str] | None = None,
    now: Mapping[str, int] | None = None,
) -> CumulativeFlow:
    """Replay ``events`` (in log order) and count the cards per column each day.

    Events before the window set the starting state; events after ``today``
    are ignored. Events name columns as they were called then: a column's
    whole history, before a rename too, is counted under its name of today,
    and a new column that takes an old name starts its own. A deleted
    column's cards count where they went; a card in a column that is not in
    ``columns`` (one deleted since) is counted in none. ``columns`` in board
    order gives the bands' order, also for a column moved since.

    ``start``: where cards were before the first of ``events`` (card key ->
    column name, as events named it then), the state an earlier part of the
    log left: replaying that part gives the same figures, one card at a time.

    ``now``: the cards in each column today (by today's name), when
    ``events`` and ``start`` name only the cards the window moves: every
    other card stood still, so each day also counts ``now`` less where the
    moving cards ended (never fewer than none), and today is ``now``.
    """
    dates = window(today, days)
    order = {name: index for index, name in enumerate(columns)}
    pending = sorted(
        (event for event in events if event.day <= today),
        key=lambda event: event.day,
    )  # sorted() is stable: log order within a day is kept
    begun = dict(start or {})
    steps, final, known = _columns_as_today(pending, sorted(set(begun.values())))
    where: dict[str, int] = {key: known[name] for key, name in begun.items()}
    tally = Counter(where.values())
    """Cards per column number, kept as ``where`` changes: a day's row is
    read from it, not from every card again."""
    counts: list[tuple[int, ...]] = []
    position = 0
    for day in dates:
        while position < len(pending) and pending[position].day <= day:
            _apply(where, pending[position], steps[position], tally)
            position += 1
        row = [0] * len(columns)
        for column, number in tally.items():
            index = order.get(final[column] or "")
            if index is not None:
                row[index] += number
        counts.append(tuple(row))
    if now is not None and counts:
        moved = zip(columns, counts[-1], strict=True)
        still = [max(now.get(name, 0) - number, 0) for name, number in moved]
        counts = [tuple(a + b for a, b in zip(row, still, strict=True)) for row in counts]
    return CumulativeFlow(dates, tuple(columns), tuple(counts))


def _columns_as_today(
    events: Sequence[FlowEvent], names: Iterable[str] = ()
) -> tuple[list[tuple[int | None, int | None]], list[str | None], dict[str, int]]:
    """Which column each event means, as a number, and each number's name
    today (None: deleted). Per event: the column it names (a card's, or a
    column event's own) and, for a deleted column, where its cards went.
    ``names``: columns named before the first event; the third value gives
    their numbers."""
    known: dict[str, int] = {}
    final: list[str | None] = []

    def number(name: str) -> int:
        if name not in known:
            known[name] = len(final)
            final.append(name)
        return known[name]

    for name in names:
        number(name)
    first = dict(known)
    steps: list[tuple[int | None, int | None]] = []
    for event in events:
        if event.action == COLUMN_RENAMED:
            column = number(event.key)
            del known[event.key]
            if event.column is not None:
                known[event.column] = column
                final[column] = event.column
            steps.append((column, None))
        elif event.action == COLUMN_DELETED:
            column = number(event.key)
            del known[event.key]
            final[column] = None
            target = number(event.column) if event.column is not None else None
            steps.append((column, target))
        elif event.column is not None:
            steps.append((number(event.column), None))
        else:
            steps.append((None, None))
    return steps, final, first


def _apply(
    where: dict[str, int],
    event: FlowEvent,
    step: tuple[int | None, int | None],
    tally: Counter[int],
) -> None:
    column, target = step
    if event.action == COLUMN_DELETED:
        for card in [card for card, at in where.items() if at == column]:
            tally[where[card]] -= 1
            if target is None:
                del where[card]
            else:
                where[card] = target
                tally[target] += 1
    # An archived done card stays counted (the done band is cumulative); one
    # archived from any other column leaves its band until it is restored.
    elif event.action == "deleted" or (event.action == "archived" and column is None):
        if (was := where.pop(event.key, None)) is not None:
            tally[was] -= 1
    elif event.action in PLACES and column is not None:
        if (was := where.get(event.key)) is not None:
            tally[was] -= 1
        where[event.key] = column
        tally[column] += 1


PLACES = ("created", "moved", "archived", "restored")
"""The actions whose ``column`` is where the card is counted from then on."""


def cycle_days(started: date, done: date) -> int:
    """Cycle time: calendar days from first start to (last) finish, both ends
    counted (docs/metrics.md), as the Ageing view and the forecasts count it."""
    return max((done - started).days, 0) + 1


@dataclass(frozen=True)
class CycleCard:
    key: str
    started: date
    done: date

    @property
    def days(self) -> int:
        """Its cycle time (:func:`cycle_days`: 1 if finished the day it started)."""
        return cycle_days(self.started, self.done)


@dataclass(frozen=True)
class CycleTimes:
    """Cycle time of the cards done in the window, in the order they were done."""

    first: date
    last: date
    cards: tuple[CycleCard, ...]
    unstarted: int = 0
    """Cards done in the window that were never in progress (straight to
    done, or imported with a finish and no start): they have no cycle time."""

    @property
    def count(self) -> int:
        return len(self.cards)

    @property
    def median(self) -> float | None:
        return statistics.median(card.days for card in self.cards) if self.cards else None

    @property
    def p85(self) -> int | None:
        """The 85th percentile (nearest rank): 85% of the cards took this long or less."""
        return percentile([card.days for card in self.cards], 85)


def percentile(values: Sequence[int], percent: float) -> int | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(percent / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def cycle_times(
    stamps: Iterable[tuple[str, date | None, date | None]],
    today: date,
    days: int = FLOW_WINDOW,
) -> CycleTimes:
    """From ``(key, started, done)`` of each card: the ones done in the window.

    A card never started (it went straight to done) has no cycle time.
    """
    dates = window(today, days)
    first, last = dates[0], dates[-1]
    found, unstarted = [], 0
    for key, started, done in stamps:
        if done is None or not first <= done <= last:
            continue
        if started is None:
            unstarted += 1
        else:
            found.append(CycleCard(key, started, done))
    found.sort(key=lambda card: (card.done, card.started, card.key))
    return CycleTimes(first, last, tuple(found), unstarted)
