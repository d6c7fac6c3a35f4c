"""The Ageing and Throughput charts of the Reports screen, and a forecast's
histogram of finishing dates, drawn on the chart canvas (docs/metrics.md).

Ageing: one bar per in-progress card, grouped by column, oldest first, with
the 50th and 85th percentile cycle-time lines; a card older than the 85th is
drawn in the error colour under a ``▲`` (the sign, not colour alone).
Throughput: cards finished in each of the last 12 weeks, with the mean.
"""

from __future__ import annotations

from typing import ClassVar

from ..domain.ageing import Ageing, Throughput
from ..domain.forecast import When, histogram_bins
from ..formatting import short_date
from .chart_canvas import Canvas, DataChart, Plot
from .flow_charts import _axes, _legend, days_text

STALE_MARK = "▲"
"""Over a card older than the board's 85th-percentile cycle time."""
NAME_ROOM = 16
"""Cells a column's name may take under the Ageing chart."""


def _base(canvas: Canvas, plot: Plot, axis_x: int, width: int) -> int:
    """The x axis, from the corner on (as the other charts draw it)."""
    base = plot.bottom + 1
    canvas.put(axis_x, base, "└", "axis")
    for x in range(axis_x + 1, width):
        canvas.put(x, base, "─", "axis")
    return base


def draw_ageing(ageing: Ageing, width: int, height: int) -> Canvas:
    """A bar per in-progress card by column, the percentile lines across."""
    canvas = Canvas(width, height)
    if height < 7 or width < 16 or not ageing.columns:
        return canvas
    lines = ageing.lines
    ages = [card.age for card in ageing.cards]
    top = max([*ages, lines.p85 or 0, 1])
    rows = height - 4
    plot = Plot(canvas, top, rows, 1, 1)
    axis_x = len(str(top)) + 1
    left = axis_x + 2
    room = width - left
    groups = [[c for c in ageing.cards if c.column == name] for name in ageing.columns]
    slots = sum(max(len(group), 1) for group in groups) + 2 * (len(groups) - 1)
    slot = max(min(room // max(slots, 1), 6), 1)
    bar_width = slot - 1 if slot >= 3 else slot
    x = left
    for name, group in zip(ageing.columns, groups, strict=True):
        start = x
        for card in group:
            if x + bar_width > width:
                break
            row = plot.bar(x, bar_width, card.age, "stale" if card.stale else "bar")
            if card.stale:
                canvas.text(x, max(row - 1, 0), STALE_MARK, "stale")
            if bar_width >= 2:
                canvas.text(x, height - 2, str(card.age)[:bar_width], "label")
            x += slot
        if not group:
            x += slot
        # A column's name keeps up to NAME_ROOM cells under its bars.
        x = max(x, min(start + len(name) + 1, start + NAME_ROOM, width))
        canvas.text(start, height - 1, name[: max(x - start - 1, 1)], "column")
        x += slot
    end = min(x, width)
    for value, part in ((lines.p85, "p85"), (lines.p50, "median")):
        if value is not None:
            plot.tick(left, max(end - left, 1), value, part, over=False)
    base = _base(canvas, plot, axis_x, width)
    _axes(canvas, plot, top, axis_x, rows, base)
    _legend(
        canvas,
        [
            ("█", "bar", "age in days"),
            ("━", "median", f"50th {days_text(lines.p50)}"),
            ("━", "p85", f"85th {days_text(lines.p85)}"),
            (STALE_MARK, "stale", "older than the 85th"),
        ],
        width,
    )
    return canvas


def draw_throughput(throughput: Throughput, width: int, height: int) -> Canvas:
    """A bar per week (cards finished), the mean as a line, the weeks named under."""
    canvas = Canvas(width, height)
    weeks = throughput.weeks
    if height < 6 or width < 16 or not weeks:
        return canvas
    counts = [week.cards for week in weeks]
    top = max([*counts, 1])
    rows = height - 3
    plot = Plot(canvas, top, rows, 1, 1)
    axis_x = len(str(top)) + 1
    left = axis_x + 1
    slot = max(min((width - left) // len(weeks), 8), 1)
    bar_width = slot - 1 if slot >= 3 else slot
    for index, week in enumerate(weeks):
        x = left + index * slot
        row = plot.bar(x, bar_width, week.cards, "bar")
        if bar_width >= 2:
            canvas.text(x, max(row - 1, 1), str(week.cards)[:bar_width], "label")
        label = short_date(week.first) if slot >= 7 else str(week.first.day)
        if slot >= 3 or index % 2 == 0:
            canvas.text(x, height - 1, label[: max(slot - 1, 1)], "label")
    end = left + len(weeks) * slot
    plot.tick(left, max(end - left, 1), throughput.mean, "mean", over=False)
    base = _base(canvas, plot, axis_x, width)
    _axes(canvas, plot, top, axis_x, rows, base)
    _legend(
        canvas,
        [
            ("█", "bar", "cards finished a week"),
            ("━", "mean", f"mean {throughput.mean:.1f}"),
        ],
        width,
    )
    return canvas


def draw_histogram(when: When, width: int, height: int) -> Canvas:
    """Trials by finishing day, the 50/85/95% days marked under their bars."""
    canvas = Canvas(width, height)
    if height < 7 or width < 16 or not when.histogram:
        return canvas
    left = 1
    room = width - left - 1
    slot = 3 if room >= 3 * len(when.histogram) else 2 if room >= 2 * len(when.histogram) else 1
    bins = histogram_bins(when.histogram, room // slot)
    top = max(trials for _, _, trials in bins)
    rows = height - 4
    plot = Plot(canvas, top, rows, 1, 0)
    for index, (_, _, trials) in enumerate(bins):
        plot.bar(left + index * slot, max(slot - 1, 1), trials, "bar")
    marks = plot.bottom + 1
    ends = [0, 0]
    for percent, day in when.dates.items():
        index = next(
            (i for i, (first, last, _) in enumerate(bins) if first <= day <= last), len(bins) - 1
        )
        x = left + index * slot
        canvas.text(x, marks, "▲", f"p{percent}")
        label = f"{percent}% {short_date(day)}"
        line = 0 if x >= ends[0] else 1
        x = min(max(x, ends[line]), max(width - len(label), 0))
        ends[line] = canvas.text(x, marks + 1 + line, label, f"p{percent}") + 1
    canvas.text(left, 0, short_date(bins[0][0]), "label")
    tail = short_date(bins[-1][1])
    canvas.text(max(width - len(tail) - 1, left), 0, tail, "label")
    return canvas


class AgeingChart(DataChart[Ageing]):
    PREFIX = "ageing"
    HEIGHT = 18
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "column": "color: $text; text-style: bold",
        "bar": "color: $primary",
        "stale": "color: $error",
        "median": "color: $warning",
        "p85": "color: $error",
    }

    def draw_data(self, data: Ageing, width: int, height: int) -> Canvas:
        return draw_ageing(data, width, height)


class ThroughputChart(DataChart[Throughput]):
    PREFIX = "throughput"
    HEIGHT = 16
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "bar": "color: $success",
        "mean": "color: $warning",
    }

    def draw_data(self, data: Throughput, width: int, height: int) -> Canvas:
        return draw_throughput(data, width, height)


class FinishHistogram(DataChart[When]):
    PREFIX = "finish"
    HEIGHT = 9
    PARTS: ClassVar[dict[str, str]] = {
        "label": "color: $text-muted",
        "bar": "color: $primary",
        "p50": "color: $success",
        "p85": "color: $warning",
        "p95": "color: $error",
    }

    def draw_data(self, data: When, width: int, height: int) -> Canvas:
        return draw_histogram(data, width, height)
