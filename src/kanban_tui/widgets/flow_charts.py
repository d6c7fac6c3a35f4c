"""The cumulative flow diagram and the cycle-time chart, drawn on the chart canvas.

Cumulative flow: one slot per day, the cards of each column stacked as bands
(the last column at the bottom, as flow diagrams are read), band edges
smoothed to eighths of a cell. Cycle time: one bar per card done in the
window, oldest first, with the median and 85th percentile as lines.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len

from ..domain.flow_metrics import CumulativeFlow, CycleTimes
from .chart_canvas import EIGHTHS, Canvas, Chart, DataChart, Plot, rounded, y_axis

BANDS = 5
"""Colours for columns that are not done (cycled); done columns take ``done``."""


def band_parts(columns: tuple[str, ...], done: frozenset[str]) -> list[str]:
    parts, other = [], 0
    for name in columns:
        if name in done:
            parts.append("done")
        else:
            parts.append(f"band-{other % BANDS}")
            other += 1
    return parts


def _axes(canvas: Canvas, plot: Plot, top: int, axis_x: int, rows: int, zero: int) -> None:
    labels = [(zero, 0), (plot.bottom - plot.units // 8 + 1, top)]
    if rows >= 7 and top >= 4:
        labels.append((plot.tick_at(top // 2)[0], top // 2))
    y_axis(canvas, plot, [(row, value) for row, value in labels if row < zero], axis_x)
    canvas.text(axis_x - 2, zero, "0", "axis")


def _legend(canvas: Canvas, items: list[tuple[str, str, str]], width: int, lines: int = 1) -> None:
    """The items on the top ``lines`` rows (see :func:`legend_rows`), an item
    that does not fit on a row starting the next; what the last row cannot
    hold is cut."""
    x, y = 1, 0
    for mark, part, words in items:
        if x > 1 and x + cell_len(mark) + 1 + cell_len(words) > width and y + 1 < lines:
            x, y = 1, y + 1
        if x + cell_len(mark) + 1 > width:
            break
        x = canvas.text(x, y, mark, part)
        x = canvas.text(x, y, " " + words, "label") + 2


def legend_rows(items: list[tuple[str, str, str]], width: int) -> int:
    """The rows the legend takes when an item never breaks across two."""
    rows, x = 1, 1
    for mark, _part, words in items:
        size = cell_len(mark) + 1 + cell_len(words)
        if x > 1 and x + size > width:
            rows, x = rows + 1, 1
        x += size + 2
    return rows


def draw_flow(flow: CumulativeFlow, done: frozenset[str], width: int, height: int) -> Canvas:
    """Stacked bands per column, a legend on top, day numbers underneath."""
    canvas = Canvas(width, height)
    slots = len(flow.days)
    if height < 5 or width < 16 or slots == 0:
        return canvas
    parts = band_parts(flow.columns, done)
    legend = [("█", part, name) for name, part in zip(flow.columns, parts, strict=True)]
    lines = min(legend_rows(legend, width), max((height - 5) // 2, 1))  # the plot keeps most rows
    top = max([*flow.totals(), 1])
    rows = height - 1 - lines
    plot = Plot(canvas, top, rows, lines, 0)
    axis_x = len(str(top)) + 1
    left = axis_x + 1
    slot = max(min((width - left) // slots, 4), 1)
    first = max(slots - (width - left) // slot, 0)
    for k in range(first, slots):
        x = left + (k - first) * slot
        # Band edges in eighths from the bottom: the last column lowest.
        edges: list[tuple[int, str]] = []
        total = 0
        for index in range(len(flow.columns) - 1, -1, -1):
            total += flow.counts[k][index]
            edges.append((plot.eighths(total), parts[index]))
        _stack(canvas, plot, x, slot, edges)
    _axes(canvas, plot, top, axis_x, rows, plot.bottom)
    every = max(1, -(-3 // slot))
    for k in range(first, slots):
        day = flow.days[k]
        if (slots - 1 - k) % every == 0:
            text = str(day.day)
            canvas.text(left + (k - first) * slot, height - 1, text, "label")
    _legend(canvas, legend, width, lines)
    return canvas


def _stack(canvas: Canvas, plot: Plot, x: int, slot: int, edges: list[tuple[int, str]]) -> None:
    """Fill one day's cells: each cell takes the band at its bottom, and a band
    edge inside it is drawn as an eighths block over the band above."""

    def band_at(eighth: int) -> str:
        for edge, part in edges:
            if eighth < edge:
                return part
        return ""

    for step in range(plot.rows):
        low, high = step * 8, step * 8 + 8
        below, above = band_at(low), band_at(high - 1)
        if not below:
            break
        y = plot.bottom - step
        for dx in range(slot):
            if below == above:
                canvas.fill(x + dx, y, below)
            else:
                filled = next(edge for edge, part in edges if part == below) - low
                canvas.put(x + dx, y, EIGHTHS[min(max(filled, 1), 7)], below, above)


def draw_cycle(cycle: CycleTimes, width: int, height: int) -> Canvas:
    """A bar per card (days from start to done), median and 85th percentile lines."""
    canvas = Canvas(width, height)
    if height < 5 or width < 16 or not cycle.cards:
        return canvas
    values = [card.days for card in cycle.cards]
    top = max([*values, 1])
    rows = height - 3
    plot = Plot(canvas, top, rows, 1, 1)
    axis_x = len(str(top)) + 1
    left = axis_x + 1
    room = width - left
    slot = max(min(room // len(values), 6), 1)
    first = max(len(values) - room // slot, 0)
    bar_width = slot - 1 if slot >= 3 else slot
    for k in range(first, len(values)):
        x = left + (k - first) * slot
        plot.bar(x, bar_width, values[k], "bar")
        if bar_width >= 2 or k % 2 == 0:
            canvas.text(x, height - 1, str(values[k])[:bar_width], "label")
    end = left + (len(values) - first) * slot
    p85, median = cycle.p85, cycle.median
    if p85 is not None:
        plot.tick(left, max(end - left, 1), p85, "p85")
    if median is not None:
        plot.tick(left, max(end - left, 1), median, "median")
    base = plot.bottom + 1
    canvas.put(axis_x, base, "└", "axis")
    for x in range(left, width):
        canvas.put(x, base, "─", "axis")
    _axes(canvas, plot, top, axis_x, rows, base)
    _legend(
        canvas,
        [
            ("█", "bar", "days from start to done"),
            ("━", "median", f"median {days_text(median)}"),
            ("━", "p85", f"85th percentile {days_text(p85)}"),
        ],
        width,
    )
    return canvas


def days_text(value: float | None) -> str:
    if value is None:
        return "–"
    shown = f"{value:g}" if value != rounded(value) else str(rounded(value))
    return f"{shown} day" if value == 1 else f"{shown} days"


class CumulativeFlowChart(Chart):
    PREFIX = "flow"
    HEIGHT = 16
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "done": "color: $success",
        "band-0": "color: $primary",
        "band-1": "color: $warning",
        "band-2": "color: $secondary",
        # Not $accent: it is $warning's colour in the default themes.
        "band-3": "color: $foreground-darken-2",
        "band-4": "color: $error",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.flow: CumulativeFlow | None = None
        self.done: frozenset[str] = frozenset()

    def show(self, flow: CumulativeFlow | None, done: frozenset[str]) -> None:
        self.flow, self.done = flow, done
        self.redraw()

    def draw(self, width: int, height: int) -> Canvas:
        if self.flow is None:
            return Canvas(width, height)
        return draw_flow(self.flow, self.done, width, height)


class CycleTimeChart(DataChart[CycleTimes]):
    PREFIX = "cycle"
    HEIGHT = 16
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "bar": "color: $primary",
        "median": "color: $warning",
        "p85": "color: $error",
    }

    def draw_data(self, data: CycleTimes, width: int, height: int) -> Canvas:
        return draw_cycle(data, width, height)
