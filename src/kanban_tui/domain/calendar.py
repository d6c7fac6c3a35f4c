"""The working-days calendar a forecast counts in.

Weekends are no-work days unless the board lists its working days (``kanban
forecast working-days``). Pure functions of dates: no clock is read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import InvalidInput

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""``date.weekday()`` order."""
WEEKDAYS = frozenset(range(5))
"""Monday to Friday: the working days of a board that names none."""


@dataclass(frozen=True)
class Calendar:
    """Which days of the week are worked (0 Monday ... 6 Sunday)."""

    working: frozenset[int] = WEEKDAYS

    def works(self, day: date) -> bool:
        return day.weekday() in self.working

    def days_back(self, today: date, count: int) -> tuple[date, ...]:
        """The ``count`` working days ending with ``today`` (today included
        when it is one), oldest first."""
        found: list[date] = []
        day = today
        while len(found) < count:
            if self.works(day):
                found.append(day)
            day -= timedelta(days=1)
        return tuple(reversed(found))

    def counted_on(self, day: date) -> date:
        """The working day a finish on ``day`` counts on: ``day`` itself, or
        after a day off the next working day (work done is never thrown away)."""
        while not self.works(day):
            day += timedelta(days=1)
        return day

    def counted_from(self, first: date) -> date:
        """The earliest day whose finishes count on ``first`` or later: the day
        after the working day before ``first`` (a weekend before a Monday)."""
        day = first - timedelta(days=1)
        while not self.works(day):
            day -= timedelta(days=1)
        return day + timedelta(days=1)

    def nth_after(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself for 0)."""
        day, left = start, count
        if left > 0:
            # A whole week has each working day once; keep at least one to walk,
            # so a start on a day off (a Saturday) still lands on a working day.
            whole, rest = divmod(left - 1, len(self.working))
            day += timedelta(weeks=whole)
            left = rest + 1
        while left > 0:
            day += timedelta(days=1)
            if self.works(day):
                left -= 1
        return day

    def count_between(self, after: date, until: date) -> int:
        """Working days in ``(after, until]``: 0 when ``until`` is not after ``after``."""
        if until <= after:
            return 0
        span = (until - after).days
        whole, rest = divmod(span, 7)
        total = whole * len(self.working)
        day = after + timedelta(weeks=whole)
        for _ in range(rest):
            day += timedelta(days=1)
            total += self.works(day)
        return total


def parse_working_days(text: str) -> frozenset[int]:
    """``mon-fri``, ``mon,tue,wed,thu,sat`` or ``sun-thu`` as weekday numbers.

    Ranges wrap past Sunday (``sun-thu``); names are the first three letters in
    any case. Refused in one sentence when empty or unknown.
    """
    words = [word.strip().lower() for word in text.replace(" ", ",").split(",") if word.strip()]
    if not words:
        raise InvalidInput("Name at least one working day, e.g. mon-fri or mon,tue,wed,thu.")
    days: set[int] = set()
    for word in words:
        first, _, last = word.partition("-")
        start, end = _day_number(first), _day_number(last or first)
        day = start
        days.add(day)
        while day != end:
            day = (day + 1) % 7
            days.add(day)
    return frozenset(days)


def _day_number(word: str) -> int:
    if word[:3] not in DAY_NAMES:
        raise InvalidInput(
            f"{word!r} is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."
        )
    return DAY_NAMES.index(word[:3])


def describe_working_days(days: Iterable[int]) -> str:
    """``mon-fri``; ``mon,tue,thu`` when they are not one run."""
    ordered = sorted(set(days))
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[day] for day in ordered)
