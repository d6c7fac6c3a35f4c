"""The burndown chart: points left per day as bars, the ideal line, scope changes, today.

Slot ``k`` of the chart is value ``k`` of the series: slot 0 is the start
(the commitment), slot ``k`` the end of the sprint's ``k``-th day. A bar is
the points not done yet; the ideal line runs from the commitment to 0 on the
end date; the scope line (every point in the sprint, done or not) steps up
and down with cards added, removed and re-estimated; the cards added and
removed, as the sprint report counts them, are marked ``+n``/``-n`` above
the day. Days still to come have no bar; today's bar and label stand out, and
days past the end date are drawn in the error colour.
"""

from __future__ import annotations

import math
from datetime import date
from typing import ClassVar

from ..domain.sprint_metrics import Burndown
from .chart_canvas import Canvas, Chart, Plot, y_axis

MAX_SLOT = 8
"""Widest slot (bar and gap) in cells: wider bars read worse, not better."""

LEGEND = (
    ("█", "remaining", " remaining"),
    ("━", "ideal", " ideal"),
    ("━", "scope", " scope"),
    ("+n", "added", " added"),
    ("−n", "removed", " removed"),
    ("█", "today", " today"),
)


def draw_burndown(
    chart: Burndown,
    width: int,
    height: int,
    *,
    today: date | None = None,
    end: date | None = None,
) -> Canvas:
    """The chart in ``width`` x ``height`` cells.

    From 8 rows it has a legend line and a base line, and marks scope changes
    above the bars; below 6 rows it is a compact strip of bars and day numbers.
    """
    canvas = Canvas(width, height)
    slots = len(chart.remaining)
    if height < 2 or width < 12 or slots == 0:
        return canvas
    compact = height < 6
    legend = height >= 8
    first_row = 1 if legend else 0
    baseline = 0 if compact else 1
    rows = height - first_row - baseline - 1
    headroom = 0 if compact else 1
    scope_values = [value for value in chart.scope if value is not None]
    top = max([chart.committed, *scope_values, 1])
    plot = Plot(canvas, top, rows, first_row, headroom)

    label_width = len(str(top))
    axis_x = label_width + 1
    left = axis_x + 1
    room = width - left
    slot = min(room // slots, MAX_SLOT)
    first = 0
    if slot == 0:  # more days than cells: the latest days
        slot, first = 1, slots - room
    bar_width = slot - 1 if slot >= 3 else slot

    def day_of(k: int) -> date | None:
        return chart.days[k - 1] if 1 <= k <= len(chart.days) else None

    def bar_part(k: int) -> str:
        day = day_of(k)
        if day is not None and day == today:
            return "today"
        if day is not None and end is not None and day > end:
            return "late"
        return "remaining"

    tops: dict[int, int] = {}
    for k in range(first, slots):
        x = left + (k - first) * slot
        value = chart.remaining[k]
        if value is None:
            canvas.put(x + bar_width // 2, plot.bottom, "·", "future")
            continue
        tops[k] = plot.bar(x, bar_width, value, bar_part(k))

    # Scope first and under the bars, then the ideal line over everything.
    for k in range(first, slots):
        value = chart.scope[k]
        if value is not None:
            row, _ = plot.tick_at(value)
            if row < tops.get(k, plot.bottom + 1):
                plot.tick(left + (k - first) * slot, slot, value, "scope", over=False)
    for k in range(first, slots):
        if k < len(chart.ideal):
            plot.tick(left + (k - first) * slot, slot, chart.ideal[k], "ideal")

    if not compact:
        _mark_scope_changes(canvas, plot, chart, first, left, slot, tops)
        base = plot.bottom + 1
        canvas.put(axis_x, base, "└", "axis")
        for x in range(left, width):
            canvas.put(x, base, "─", "axis")
    labels = [(plot.bottom + baseline, 0)]
    labels.append((plot.bottom - (plot.units // 8) + 1, top))
    if rows >= 7:
        middle = top // 2
        row, _ = plot.tick_at(middle)
        labels.append((row, middle))
    y_axis(canvas, plot, [(row, value) for row, value in labels if row <= plot.bottom], axis_x)
    if baseline:
        canvas.text(axis_x - 2, plot.bottom + 1, "0", "axis")

    _day_labels(canvas, chart, first, left, slot, bar_width, today, height - 1)
    if legend:
        _legend(canvas, width)
    return canvas


def _mark_scope_changes(
    canvas: Canvas, plot: Plot, chart: Burndown, first: int, left: int, slot: int, tops: dict
) -> None:
    """``+n``/``-n`` above each day whose scope changed, over its scope or bar."""
    for k in range(max(first, 1), len(chart.remaining)):
        added = chart.added[k - 1] if k - 1 < len(chart.added) else 0
        removed = chart.removed[k - 1] if k - 1 < len(chart.removed) else 0
        if not added and not removed:
            continue
        scope = chart.scope[k]
        row = tops.get(k, plot.bottom + 1)
        if scope is not None:
            row = min(row, plot.tick_at(scope)[0])
        row = max(row - 1, plot.first_row)
        x = left + (k - first) * slot
        if added:
            x = canvas.text(x, row, f"+{added}", "added")
        if removed:
            canvas.text(x, row, f"−{removed}", "removed")


def _day_labels(
    canvas: Canvas,
    chart: Burndown,
    first: int,
    left: int,
    slot: int,
    bar_width: int,
    today: date | None,
    row: int,
) -> None:
    """Day-of-month numbers under the bars (every few days when they do not fit)."""
    every = max(1, math.ceil(3 / slot)) if slot < 3 else 1
    if first == 0 and bar_width >= 5:
        canvas.text(left + (bar_width - 5) // 2, row, "start", "label")
    for k in range(max(first, 1), len(chart.remaining)):
        day = chart.days[k - 1]
        is_today = day == today
        if (k - 1) % every and not is_today:
            continue
        text = str(day.day)
        x = left + (k - first) * slot + max((bar_width - len(text)) // 2, 0)
        if is_today:
            # Clear the neighbours' numbers so today's reads on its own.
            for dx in range(-1, len(text) + 1):
                canvas.put(x + dx, row, " ")
        canvas.text(x, row, text, "today-label" if is_today else "label")


def _legend(canvas: Canvas, width: int) -> None:
    x = 1
    for mark, part, words in LEGEND:
        if x + len(mark) + len(words) > width:
            break
        x = canvas.text(x, 0, mark, part)
        x = canvas.text(x, 0, words, "label") + 2


class BurndownChart(Chart):
    """A :func:`draw_burndown` chart of one sprint; ``show(None)`` draws nothing."""

    PREFIX = "burndown"
    HEIGHT = 12
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "remaining": "color: $primary",
        "today": "color: $primary-lighten-2",
        "late": "color: $error",
        "future": "color: $text-muted",
        "ideal": "color: $warning",
        "scope": "color: $foreground-muted",
        "added": "color: $text-success; text-style: bold",
        "removed": "color: $text-error; text-style: bold",
        "today-label": "color: $accent; text-style: bold reverse",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: Burndown | None = None
        self.today: date | None = None
        self.end: date | None = None

    def show(self, chart: Burndown | None, *, today: date | None, end: date | None) -> None:
        self.chart, self.today, self.end = chart, today, end
        self.redraw()

    def draw(self, width: int, height: int) -> Canvas:
        if self.chart is None:
            return Canvas(width, height)
        return draw_burndown(self.chart, width, height, today=self.today, end=self.end)
