"""Flow metrics from the activity log: the cumulative flow diagram and cycle time.

Pure functions: the caller passes the events, the card stamps and ``today``
(no clock is read here), so every figure is tested from small hand-made logs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

FLOW_WINDOW = 28
"""Days the reports cover by default: the last four weeks, today included."""


@dataclass(frozen=True)
class FlowEvent:
    """One card event that changes where a card is."""

    day: date
    key: str
    action: str
    """``created``, ``moved``, ``deleted``, ``archived`` or ``restored``;
    other actions are ignored."""
    column: str | None = None
    """The column the card is counted in after the event (None once deleted,
    or archived from a column that is not done: it leaves the diagram)."""


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
) -> CumulativeFlow:
    """Replay ``events`` (in log order) and count the cards per column each day.

    Events before the window set the starting state; events after ``today``
    are ignored. A card in a column that is not in ``columns`` (one renamed
    or removed since) is counted in none.
    """
    dates = window(today, days)
    order = {name: index for index, name in enumerate(columns)}
    where: dict[str, str] = {}
    pending = sorted(
        (event for event in events if event.day <= today),
        key=lambda event: event.day,
    )  # sorted() is stable: log order within a day is kept
    counts: list[tuple[int, ...]] = []
    position = 0
    for day in dates:
        while position < len(pending) and pending[position].day <= day:
            _apply(where, pending[position])
            position += 1
        row = [0] * len(columns)
        for column in where.values():
            index = order.get(column)
            if index is not None:
                row[index] += 1
        counts.append(tuple(row))
    return CumulativeFlow(dates, tuple(columns), tuple(counts))


def _apply(where: dict[str, str], event: FlowEvent) -> None:
    # An archived done card stays counted (the done band is cumulative); one
    # archived from any other column leaves its band until it is restored.
    if event.action == "deleted" or (event.action == "archived" and event.column is None):
        where.pop(event.key, None)
    elif event.action in PLACES and event.column is not None:
        where[event.key] = event.column


PLACES = ("created", "moved", "archived", "restored")
"""The actions whose ``column`` is where the card is counted from then on."""


@dataclass(frozen=True)
class CycleCard:
    key: str
    started: date
    done: date

    @property
    def days(self) -> int:
        """Whole days from start to done (0: finished the day it started)."""
        return max((self.done - self.started).days, 0)


@dataclass(frozen=True)
class CycleTimes:
    """Cycle time of the cards done in the window, in the order they were done."""

    first: date
    last: date
    cards: tuple[CycleCard, ...]

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
    found = [
        CycleCard(key, started, done)
        for key, started, done in stamps
        if started is not None and done is not None and first <= done <= last
    ]
    found.sort(key=lambda card: (card.done, card.started, card.key))
    return CycleTimes(first, last, tuple(found))
