"""Monte Carlo forecasts from a board's own throughput (docs/metrics.md).

"When": repeat :data:`TRIALS` times: draw working days at random, with
replacement, from the last ``window`` working days' daily throughput, until
the remaining cards are done; the 50th/85th/95th percentiles of the finishing
dates are the forecast. "How many": for an end date, sum the drawn throughput
over the working days to it; "85% confidence of at least K cards" is the 15th
percentile of the totals.

Pure: the caller passes the finishing days, ``today`` and the calendar.
numpy is imported inside the functions that simulate, so nothing that does not
forecast pays for it (``kanban card list`` never loads it).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .calendar import Calendar
from .errors import InvalidInput, RuleViolation

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

WINDOW = 30
"""Working days of history a forecast draws from, by default."""
MAX_WINDOW = 365
TRIALS = 10_000
THIN = 10
"""Fewer cards finished in the window than this, and nothing is forecast."""
PERCENTS = (50, 85, 95)
BLOCK = 128
"""Working days drawn per trial at a time. Every trial draws the same stream
whatever the number of remaining cards, so with one seed more cards never
finish earlier, trial by trial."""
MAX_DAYS = 20 * 261
"""A trial that has not finished after this many working days (20 years) stops
there; a forecast that reaches it says so instead of a date."""
MAX_CARDS = 10_000


def _count(count: int, word: str) -> str:
    """``1 card``, ``2 cards`` (as ``formatting.plural``: the domain imports only itself)."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def _day(day: date) -> str:
    """``22 Dec 2017``, in English whatever the locale."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


class ThinHistory(RuleViolation):
    """Too few finished cards in the window to forecast honestly."""


class StaleHistory(ThinHistory):
    """No card finished in the window, but the board finished some before it
    (an imported board whose history ended long ago): ``last`` is the last finish."""

    def __init__(self, message: str, last: date) -> None:
        super().__init__(message)
        self.last = last


@dataclass(frozen=True)
class History:
    """Daily throughput over the window's working days, oldest first."""

    days: tuple[date, ...]
    cards: tuple[int, ...]
    """Cards finished each day (zero days included)."""
    points: tuple[int, ...]
    """Points of the cards finished each day (a card without points adds 0)."""
    ever: int
    """Cards ever finished on the board (0: no history yet)."""
    last: date | None = None
    """The board's last finish up to today, when known (None: none, or not asked)."""

    @property
    def window(self) -> int:
        return len(self.days)

    @property
    def finished(self) -> int:
        return sum(self.cards)


def daily_history(
    finishes: Iterable[tuple[date, int | None]],
    today: date,
    calendar: Calendar,
    window: int = WINDOW,
    *,
    ever: int | None = None,
    last: date | None = None,
) -> History:
    """Throughput per working day of the ``window`` working days ending today.

    ``ever``: how many cards the board ever finished, when ``finishes`` holds
    only the recent ones (else they are counted). ``last``: the board's last
    finish up to today, when ``finishes`` may not hold it (else it is found).

    ``finishes``: each finished card's last finish day and points (a card
    reopened and finished again counts once, at its last finish). A card
    finished on a day off counts on the next working day (a Saturday's finish
    is in Monday's throughput): work done is never thrown away. Until that
    day has come (a forecast made on the Saturday) it is in no day's count.
    """
    days = calendar.days_back(today, window)
    first = days[0]
    cards: Counter[date] = Counter()
    points: Counter[date] = Counter()
    count = 0
    latest = last
    for day, worth in finishes:
        count += 1
        if day <= today and (latest is None or day > latest):
            latest = day
        counted = calendar.counted_on(day)
        if not first <= counted <= today:
            continue  # outside the window's working days
        cards[counted] += 1
        points[counted] += worth or 0
    return History(
        days,
        tuple(cards[d] for d in days),
        tuple(points[d] for d in days),
        count if ever is None else ever,
        latest,
    )


def check_window(window: int) -> int:
    if not 1 <= window <= MAX_WINDOW:
        raise InvalidInput(f"The window is 1-{MAX_WINDOW} working days (got {window}).")
    return window


def check_history(history: History) -> None:
    """Refuse, in one sentence, to forecast from too little history."""
    if history.ever == 0:
        raise ThinHistory("No history yet: no card on this board has been finished.")
    last = history.last
    if history.finished == 0 and last is not None and last < history.days[0]:
        raise StaleHistory(
            f"No card finished in the last {_count(history.window, 'working day')}; "
            f"the last finish was {_day(last)}.",
            last,
        )
    if history.finished < THIN:
        raise ThinHistory(
            f"Too little history to forecast: {_count(history.finished, 'card')} "
            f"finished in the last {_count(history.window, 'working day')} "
            f"({THIN} needed); nothing is forecast."
        )


def nearest_rank(ordered: Sequence[int] | NDArray[np.int64], percent: float) -> int:
    """The nearest-rank percentile of values sorted ascending."""
    rank = max(math.ceil(percent / 100 * len(ordered)), 1)
    return int(ordered[rank - 1])


def _rng(seed: int | None) -> np.random.Generator:
    import numpy as np

    return np.random.default_rng(seed)


def _blocks(sample: Sequence[int], trials: int, seed: int | None) -> Iterable[NDArray[np.int64]]:
    """Endless blocks of draws, ``trials`` rows by :data:`BLOCK` working days."""
    import numpy as np

    values = np.asarray(sample, dtype=np.int64)
    rng = _rng(seed)
    while True:
        yield values[rng.integers(0, len(values), size=(trials, BLOCK))]


def finishing_days(
    sample: Sequence[int], remaining: int, trials: int = TRIALS, seed: int | None = None
) -> NDArray[np.int64]:
    """Per trial, the working days it takes to finish ``remaining`` cards."""
    import numpy as np

    need = np.zeros(trials, dtype=np.int64)
    if remaining <= 0:
        return need
    totals = np.zeros(trials, dtype=np.int64)
    open_ = np.ones(trials, dtype=bool)
    drawn = 0
    for block in _blocks(sample, trials, seed):
        running = np.cumsum(block, axis=1) + totals[:, None]
        reached = running >= remaining
        hit = open_ & reached[:, -1]
        need[hit] = drawn + reached[hit].argmax(axis=1) + 1
        open_ &= ~hit
        totals = running[:, -1]
        drawn += BLOCK
        if not open_.any():
            break
        if drawn >= MAX_DAYS:
            need[open_] = drawn
            break
    return need


def totals_over(
    sample: Sequence[int], days: int, trials: int = TRIALS, seed: int | None = None
) -> NDArray[np.int64]:
    """Per trial, the throughput drawn over ``days`` working days, summed."""
    import numpy as np

    totals = np.zeros(trials, dtype=np.int64)
    left = days
    for block in _blocks(sample, trials, seed):
        if left <= 0:
            break
        totals += block[:, : min(left, BLOCK)].sum(axis=1)
        left -= BLOCK
    return totals


@dataclass(frozen=True)
class When:
    """When ``remaining`` cards will be done, at each confidence."""

    remaining: int
    dates: dict[int, date]
    """Percent -> the day by which that share of the trials finished."""
    days: dict[int, int]
    """Percent -> working days from today."""
    histogram: tuple[tuple[date, int], ...]
    """Finishing day -> trials that finished that day, in date order."""
    window: int
    sample_size: int
    finished: int
    trials: int
    seed: int | None


def when(
    history: History,
    remaining: int,
    today: date,
    calendar: Calendar,
    *,
    trials: int = TRIALS,
    seed: int | None = None,
) -> When:
    """The Monte Carlo "when" of ``remaining`` cards, from the day after ``today``."""
    import numpy as np

    check_history(history)
    if not 0 <= remaining <= MAX_CARDS:
        raise InvalidInput(f"A forecast is for 1-{MAX_CARDS:,} cards (got {remaining:,}).")
    need = np.sort(finishing_days(history.cards, remaining, trials, seed))
    days = {percent: nearest_rank(need, percent) for percent in PERCENTS}
    if max(days.values()) >= MAX_DAYS:
        raise RuleViolation(
            f"At this throughput {remaining:,} cards take more than 20 years; nothing is forecast."
        )
    values, counts = np.unique(need, return_counts=True)
    histogram = tuple(
        (calendar.nth_after(today, int(value)), int(count))
        for value, count in zip(values, counts, strict=True)
    )
    return When(
        remaining,
        {percent: calendar.nth_after(today, n) for percent, n in days.items()},
        days,
        histogram,
        history.window,
        history.window,
        history.finished,
        trials,
        seed,
    )


@dataclass(frozen=True)
class HowMany:
    """How many cards will be done by ``by``: at least ``cards[c]`` with confidence ``c``%."""

    by: date
    working_days: int
    cards: dict[int, int]
    window: int
    sample_size: int
    finished: int
    trials: int
    seed: int | None


def how_many(
    history: History,
    by: date,
    today: date,
    calendar: Calendar,
    *,
    trials: int = TRIALS,
    seed: int | None = None,
) -> HowMany:
    """The Monte Carlo "how many" by the end of ``by`` (working days after today)."""
    import numpy as np

    if by <= today:
        raise InvalidInput(f"The date must be after today ({today.isoformat()}); got {by}.")
    check_history(history)
    days = calendar.count_between(today, by)
    if days > MAX_DAYS:
        raise InvalidInput(f"The date must be within 20 years of today; got {by}.")
    totals = np.sort(totals_over(history.cards, days, trials, seed))
    cards = {percent: nearest_rank(totals, 100 - percent) for percent in PERCENTS}
    return HowMany(by, days, cards, history.window, history.window, history.finished, trials, seed)


def chance(
    sample: Sequence[int],
    target: int,
    days: int,
    *,
    trials: int = TRIALS,
    seed: int | None = None,
) -> float:
    """The share of trials whose throughput over ``days`` working days reaches ``target``."""
    if target <= 0:
        return 1.0
    if days <= 0:
        return 0.0
    return float((totals_over(sample, days, trials, seed) >= target).mean())


def histogram_bins(
    histogram: tuple[tuple[date, int], ...], bins: int
) -> list[tuple[date, date, int]]:
    """The finishing days (working days, in order) grouped into at most ``bins``
    runs of equal length, oldest first: (first day, last day, trials)."""
    if not histogram:
        return []
    size = max(-(-len(histogram) // max(bins, 1)), 1)
    return [
        (
            histogram[start][0],
            histogram[min(start + size, len(histogram)) - 1][0],
            sum(trials for _, trials in histogram[start : start + size]),
        )
        for start in range(0, len(histogram), size)
    ]
