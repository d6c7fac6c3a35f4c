"""The words of a forecast, shared by ``kanban forecast`` and the TUI's ``W``:
the sentence, its basis and the histogram of finishing dates as text."""

from __future__ import annotations

from datetime import date

from ..domain import forecast as mc
from ..domain.calendar import Calendar
from ..formatting import day_text, plural, short_date


def when_sentence(result: mc.When, today: date) -> str:
    """``30 cards: 50% by 12 Dec, 85% by 19 Dec, 95% by 23 Dec``."""
    dates = ", ".join(f"{p}% by {day_text(day, today)}" for p, day in result.dates.items())
    return f"{plural(result.remaining, 'card')}: {dates}"


HISTOGRAM_TITLE = "Trials by finishing day (▲: the 50/85/95% days)"
"""Over a forecast's histogram, in the TUI's ``W`` and under ``kanban forecast when``."""
HISTOGRAM_ROWS = 12
HISTOGRAM_BAR = 30


def histogram_lines(
    result: mc.When, today: date, calendar: Calendar, *, unicode: bool = True
) -> list[str]:
    """The histogram of finishing dates as text: a line per run of working days
    of equal length (at most :data:`HISTOGRAM_ROWS`), a bar of ``█`` as long as
    its share of the trials, the trials, and ``▲ 50%`` where a percentile day
    falls. ``unicode=False``: ``#`` and ``^`` for a terminal that cannot show them."""
    if not result.histogram:
        return []
    counts = dict(result.histogram)
    first_day, last_day = result.histogram[0][0], result.histogram[-1][0]
    days = [first_day]
    while days[-1] < last_day:  # every working day between, those no trial ended on too
        days.append(calendar.nth_after(days[-1], 1))
    bins = mc.histogram_bins(tuple((day, counts.get(day, 0)) for day in days), HISTOGRAM_ROWS)
    block, mark, dash = ("█", "▲", "–") if unicode else ("#", "^", "-")
    labels = [
        day_text(first, today)
        if first == last
        else f"{day_text(first, last) if first.year == last.year else day_text(first, today)}"
        f" {dash} {day_text(last, today)}"
        for first, last, _ in bins
    ]
    room = max(len(label) for label in labels)
    top = max(trials for _, _, trials in bins)
    lines = [HISTOGRAM_TITLE.replace("▲", mark) + ":"]
    for label, (first, last, trials) in zip(labels, bins, strict=True):
        bar = block * max(round(trials / top * HISTOGRAM_BAR), 1 if trials else 0)
        marks = [f"{p}%" for p, day in result.dates.items() if first <= day <= last]
        line = f"  {label:<{room}}  {bar:<{HISTOGRAM_BAR}}  {trials:>6,}"
        lines.append(f"{line}  {mark} {' '.join(marks)}" if marks else line.rstrip())
    return lines


def basis(result: mc.When | mc.HowMany, as_of: date | None = None) -> str:
    """``from 24 cards finished in the last 30 working days, 10,000 trials``;
    ``... in the 30 working days to 22 Dec 2017, ...`` as of an earlier day."""
    seed = f", seed {result.seed}" if result.seed is not None else ""
    days = plural(result.window, "working day")
    span = f"the {days} to {short_date(as_of)} {as_of.year}" if as_of else f"the last {days}"
    return (
        f"from {plural(result.finished, 'card')} finished in {span}, {result.trials:,} trials{seed}"
    )
