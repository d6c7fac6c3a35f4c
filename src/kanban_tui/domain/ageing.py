"""Work item age, cycle time and weekly throughput (docs/metrics.md).

Calendar days counting both ends: a card started and finished the same day
has cycle time 1, and a card started today is 1 day old, so an age reads
against the cycle-time percentiles like for like. Pure: ``today`` is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .flow_metrics import cycle_days, percentile
from .forecast import THIN

HISTORY_WEEKS = 12
"""Weeks of finished cards the percentile lines and the throughput chart read."""


def age_days(started: date, today: date) -> int:
    """A card's age: calendar days from its first start to today, both ends counted."""
    return max((today - started).days, 0) + 1


@dataclass(frozen=True)
class Lines:
    """The 50th and 85th percentile cycle times of the cards finished lately."""

    p50: int | None
    p85: int | None
    count: int
    """Finished cards with a cycle time that the lines come from."""

    def stale(self, age: int) -> bool:
        """Whether a card this old is older than the 85th percentile (never, without one)."""
        return self.p85 is not None and age > self.p85


def percentile_lines(
    stamps: Iterable[tuple[date | None, date]], today: date, weeks: int = HISTORY_WEEKS
) -> Lines:
    """From ``(started, done)`` of finished cards: the lines over the last ``weeks``.

    A card never started (straight to done) has no cycle time. With fewer
    than :data:`~.forecast.THIN` cards there are no lines (nothing made up).
    """
    first = today - timedelta(weeks=weeks) + timedelta(days=1)
    times = [
        cycle_days(started, done)
        for started, done in stamps
        if started is not None and first <= done <= today
    ]
    if len(times) < THIN:
        return Lines(None, None, len(times))
    return Lines(percentile(times, 50), percentile(times, 85), len(times))


@dataclass(frozen=True)
class AgedCard:
    key: str
    title: str
    column: str
    age: int
    stale: bool


@dataclass(frozen=True)
class Ageing:
    """Every in-progress card's age, by column, against the percentile lines."""

    columns: tuple[str, ...]
    """The board's in-progress columns, in board order."""
    cards: tuple[AgedCard, ...]
    """Oldest first within each column, the columns in board order."""
    lines: Lines
    today: date
    total: int = 0
    """Cards in the in-progress columns (a long column's youngest are not in ``cards``)."""


@dataclass(frozen=True)
class Week:
    first: date
    cards: int


@dataclass(frozen=True)
class Throughput:
    """Cards finished in each of the last weeks (7-day spans ending today), oldest first."""

    weeks: tuple[Week, ...]

    @property
    def total(self) -> int:
        return sum(week.cards for week in self.weeks)

    @property
    def mean(self) -> float:
        return self.total / len(self.weeks) if self.weeks else 0.0


def weekly_throughput(
    finishes: Iterable[date], today: date, weeks: int = HISTORY_WEEKS
) -> Throughput:
    """Cards finished per week: each card once, at its (last) finish day."""
    starts = [today - timedelta(days=7 * back + 6) for back in range(weeks - 1, -1, -1)]
    counts = [0] * weeks
    first = starts[0]
    for day in finishes:
        if first <= day <= today:
            counts[(day - first).days // 7] += 1
    weekly = zip(starts, counts, strict=True)
    return Throughput(tuple(Week(start, count) for start, count in weekly))
