"""The velocity chart: committed and completed points of each completed sprint.

Two bars per sprint, oldest on the left, the value over each bar; the mean
of the last 3 sprints' completed points (the planning figure, sprint rule 6)
is a line across those 3 sprints, labelled with its value.
"""

from __future__ import annotations

from typing import ClassVar

from ..domain.sprint_metrics import VELOCITY_WINDOW, Velocity
from .chart_canvas import Canvas, Chart, Plot, y_axis
from .text import fit, one_line

MAX_BAR = 6


def mean_text(mean: float | None) -> str:
    """``27.5`` or ``28`` (no trailing .0)."""
    if mean is None:
        return "-"
    return f"{mean:.1f}".removesuffix(".0")


def draw_velocity(velocity: Velocity, width: int, height: int) -> Canvas:
    """The chart in ``width`` x ``height`` cells (the latest sprints when not all fit)."""
    canvas = Canvas(width, height)
    count = len(velocity.numbers)
    if count == 0:
        lines = ("No completed sprint yet.", "Velocity shows once a sprint is completed.")
        for index, line in enumerate(lines):
            text = fit(line, width)
            canvas.text(max((width - len(text)) // 2, 0), height // 2 - 1 + index, text, "label")
        return canvas
    if height < 5 or width < 16:
        return canvas
    top = max([*velocity.committed, *velocity.completed, 1])
    rows = height - 3  # legend, base line, labels
    plot = Plot(canvas, top, rows, 1, 1)
    axis_x = len(str(top)) + 1
    left = axis_x + 2
    room = width - left - 1
    per = room // count
    if per >= 6:
        shown = count
        bar = min((per - 2) // 2, MAX_BAR)
    else:  # too many sprints for the width: the latest that fit
        bar = 2
        shown = max(room // 6, 1)
    group = bar * 2 + 2
    first = count - shown

    for i in range(first, count):
        x = left + (i - first) * group
        for offset, value, part in (
            (0, velocity.committed[i], "committed"),
            (bar, velocity.completed[i], "completed"),
        ):
            top_row = plot.bar(x + offset, bar, value, part)
            text = str(value)
            if len(text) <= bar + 1:
                canvas.text(x + offset + max((bar - len(text)) // 2, 0), top_row - 1, text, "value")
        name = one_line(velocity.names[i])
        label = fit(name, group - 1) if len(name) <= group - 1 else f"S{velocity.numbers[i]}"
        canvas.text(x + max((bar * 2 - len(label)) // 2, 0), height - 1, label, "label")

    mean = velocity.mean
    if mean is not None:
        start = max(count - VELOCITY_WINDOW, first)
        x0 = left + (start - first) * group
        x1 = left + (count - first) * group - 1
        row = plot.tick(x0, x1 - x0, mean, "mean")
        note = f"mean {mean_text(mean)}"
        if x1 + len(note) < width:
            canvas.text(x1, row, note, "mean-label")

    base = plot.bottom + 1
    canvas.put(axis_x, base, "└", "axis")
    for x in range(axis_x + 1, width):
        canvas.put(x, base, "─", "axis")
    canvas.text(axis_x - 2, base, "0", "axis")
    y_axis(canvas, plot, [(plot.first_row + 1, top)], axis_x)

    x = canvas.text(1, 0, "█", "committed")
    x = canvas.text(x, 0, " committed  ", "label")
    x = canvas.text(x, 0, "█", "completed")
    x = canvas.text(x, 0, " completed  ", "label")
    legend = f" mean of the last {min(count, VELOCITY_WINDOW)}: {mean_text(mean)} pt"
    if x + 1 + len(legend) <= width:
        x = canvas.text(x, 0, "━", "mean")
        canvas.text(x, 0, legend, "label")
    return canvas


class VelocityChart(Chart):
    """A :func:`draw_velocity` chart."""

    PREFIX = "velocity"
    HEIGHT = 12
    PARTS: ClassVar[dict[str, str]] = {
        "axis": "color: $text-muted",
        "label": "color: $text-muted",
        "value": "color: $foreground",
        "committed": "color: $foreground-muted",
        "completed": "color: $success",
        "mean": "color: $warning",
        "mean-label": "color: $text-warning; text-style: bold",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.velocity = Velocity()

    def show(self, velocity: Velocity) -> None:
        self.velocity = velocity
        self.redraw()

    def draw(self, width: int, height: int) -> Canvas:
        return draw_velocity(self.velocity, width, height)
