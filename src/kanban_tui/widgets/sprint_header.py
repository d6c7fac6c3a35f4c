"""The Sprint screen's header: name and goal, dates, days left, points done of total.

Two lines, built from plain values by :func:`header_lines` (testable without
a terminal); the goal and the name are user text, shown literally.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widget import Widget

from ..domain.sprint_metrics import Burndown
from ..domain.sprints import Sprint
from ..formatting import date_range, plural
from .text import fit, one_line


def when(sprint: Sprint, today: date) -> tuple[str, str]:
    """``day 8 of 14 · 7 days left`` (or how long ago it ended) and its style."""
    if sprint.start is None or sprint.end is None:
        return "", ""
    if today > sprint.end:
        late = (today - sprint.end).days
        return f"ended {plural(late, 'day')} ago", "bold $text-error"
    length = sprint.length or 0
    day = max((today - sprint.start).days + 1, 0)
    left = sprint.days_left(today) or 0
    if day == 0:
        return f"starts in {plural((sprint.start - today).days, 'day')}", "$text-muted"
    last = "last day" if left == 1 else f"{plural(left, 'day')} left"
    return f"day {day} of {length} · {last}", "$foreground"


def pace(chart: Burndown | None, today: date) -> tuple[str, str]:
    """How today's remaining points compare with the ideal line."""
    if chart is None or today not in chart.days:
        return "", ""
    k = chart.days.index(today) + 1
    remaining = chart.remaining[k]
    if remaining is None:
        return "", ""
    gap = remaining - chart.ideal[k]
    if abs(gap) < 0.5:
        return "on the ideal line", "$text-success"
    amount = f"{abs(gap):.1f}".removesuffix(".0")
    if gap > 0:
        return f"{amount} pt behind the ideal", "$text-warning"
    return f"{amount} pt ahead of the ideal", "$text-success"


def progress_bar(done: int, total: int, width: int) -> str:
    if width <= 0:
        return ""
    share = done / total if total else 0.0
    eighths = int(share * width * 8 + 0.5)
    full, rest = divmod(min(eighths, width * 8), 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, " ")


def header_lines(
    sprint: Sprint,
    today: date,
    done: int,
    total: int,
    chart: Burndown | None,
    width: int,
) -> tuple[Content, Content]:
    """The header's two lines, fitted to ``width`` cells."""
    name = one_line(sprint.name)
    goal = one_line(sprint.goal) or "(no goal)"
    first = Content.assemble(
        (fit(name, width), "bold $text-accent"),
        ("  ", ""),
        (fit(goal, max(width - len(name) - 2, 0)), "bold" if sprint.goal else "$text-muted"),
    )

    period = date_range(sprint.start, sprint.end)
    timing, timing_style = when(sprint, today)
    left = Content.assemble(
        (period, "$text-muted"), (" · " if timing else "", "$text-muted"), (timing, timing_style)
    )
    share = f"{round(100 * done / total)}%" if total else "0%"
    numbers = f"{done}/{total} pt done"
    room = width - left.cell_length - len(numbers) - len(share) - 4
    bar_width = max(min(room, 16), 0) if room >= 4 else 0
    bar = progress_bar(done, total, bar_width)
    note, note_style = pace(chart, today)
    right_parts: list[tuple[str, str]] = [(numbers, "bold")]
    if bar:
        right_parts += [(" ", ""), (bar, "$success on $boost"), (" ", "")]
    else:
        right_parts.append((" ", ""))
    right_parts.append((share, "$text-muted"))
    right = Content.assemble(*right_parts)
    if note and width - left.cell_length - right.cell_length - len(note) - 6 >= 0:
        right = Content.assemble(right, ("  ·  ", "$text-muted"), (note, note_style))
    gap = width - left.cell_length - right.cell_length
    if gap < 2:
        return first, left
    return first, Content.assemble(left, " " * gap, right)


class SprintHeader(Widget):
    """The active sprint at a glance (two lines)."""

    DEFAULT_CSS = """
    SprintHeader {
        height: 2;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sprint: Sprint | None = None
        self.today = date.min
        self.done = 0
        self.total = 0
        self.chart: Burndown | None = None

    def show(
        self, sprint: Sprint | None, today: date, done: int, total: int, chart: Burndown | None
    ) -> None:
        self.sprint, self.today, self.done, self.total, self.chart = (
            sprint,
            today,
            done,
            total,
            chart,
        )
        self.refresh()

    def render(self) -> Content:
        if self.sprint is None:
            return Content("")
        first, second = header_lines(
            self.sprint, self.today, self.done, self.total, self.chart, self.content_size.width
        )
        return Content("\n").join([first, second])
