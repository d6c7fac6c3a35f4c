"""How sprints read on a terminal and in Markdown: names, dates, the report,
the burndown table. Plain values in, text out."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..formatting import plural
from . import output
from .output import safe

if TYPE_CHECKING:
    from ..domain.model import Card
    from ..domain.sprint_metrics import Burndown, SprintReport
    from ..domain.sprints import Sprint
    from ..services.sprint_cycle import Completion

PARTS = (
    ("committed", "committed"),
    ("added", "added"),
    ("removed", "removed"),
    ("completed", "completed"),
    ("carried_over", "carried over"),
)


def name(sprint: Sprint) -> str:
    """``Sprint 4``, or ``Sprint 4 "Launch"`` when it has a name of its own."""
    plain = f"Sprint {sprint.number}"
    return plain if sprint.name == plain else f'{plain} "{safe(sprint.name)}"'


def size(count: int, points: int) -> str:
    return f"{plural(count, 'card')}, {plural(points, 'point')}"


def dates(sprint: Sprint) -> str:
    if sprint.start is None or sprint.end is None or sprint.length is None:
        return "no dates yet"
    return f"{sprint.start} to {sprint.end} ({plural(sprint.length, 'day')})"


def timing(report: SprintReport) -> str:
    """``, 3 days early`` / ``, on time`` / ``, 2 days late``; empty while it runs."""
    late = report.days_late
    if late is None:
        return ""
    if late == 0:
        return ", on time"
    return f", {plural(abs(late), 'day')} {'late' if late > 0 else 'early'}"


def state(sprint: Sprint, today: date) -> str:
    """The state as a person wants it: with days left, or overdue, while active."""
    if sprint.state.value != "active" or sprint.end is None:
        return sprint.state.value
    if sprint.overdue(today):
        return f"active, {plural((today - sprint.end).days, 'day')} overdue"
    if sprint.start is not None and sprint.start > today:
        return f"active, starts in {plural((sprint.start - today).days, 'day')}"
    left = sprint.days_left(today) or 0
    return f"active, {plural(left, 'day')} left"


def _status(sprint: Sprint, report: SprintReport, today: date) -> str:
    if report.completed_on is not None:
        return f"completed on {report.completed_on}{timing(report)}"
    return f"{state(sprint, today)} (a live report: as if it ended today)"


def _parts(report: SprintReport) -> list[tuple[str, str]]:
    """``(field, label)``; while a sprint runs, its unfinished work is not carried yet."""
    live = report.completed_on is None
    return [
        (part, "not done yet" if live and part == "carried_over" else label)
        for part, label in PARTS
    ]


def _numbers(report: SprintReport) -> list[tuple[str, int, int]]:
    return [
        (label, getattr(report, f"{part}_count"), getattr(report, f"{part}_points"))
        for part, label in _parts(report)
    ]


def text(sprint: Sprint, report: SprintReport, today: date) -> list[str]:
    """The report as a person reads it on a terminal."""
    lines = [
        f"{name(sprint)} on {sprint.board_key}, {_status(sprint, report, today)}",
        f"  dates  {dates(sprint)}",
        f"  goal   {safe(sprint.goal) or '-'}",
        "",
    ]
    rows = [[label, str(count), str(points)] for label, count, points in _numbers(report)]
    lines += ["  " + line for line in output.table(["", "CARDS", "POINTS"], rows, right=[1, 2])]
    width = min(output.terminal_width() or 80, 100)
    listed = [(label, getattr(report, part)) for part, label in _parts(report)[1:]]
    label_width = max(len(label) for label, _ in listed)
    first = True
    for label, keys in listed:
        if not keys:
            continue
        if first:
            lines.append("")
            first = False
        lines += textwrap.wrap(
            ", ".join(keys),
            width=width,
            initial_indent=f"  {label.ljust(label_width)}  ",
            subsequent_indent=" " * (label_width + 4),
            break_on_hyphens=False,
        )
    return lines


_MARKDOWN = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~#"})


def md(value: str) -> str:
    """User text inside Markdown: shown literally, never as markup."""
    return safe(value).translate(_MARKDOWN)


def markdown(
    sprint: Sprint, report: SprintReport, cards: Mapping[str, Card], today: date
) -> list[str]:
    """The report as a Markdown document, each card with its title and points."""
    heading = f"Sprint {sprint.number}"
    if sprint.name != heading:
        heading += f": {md(sprint.name)}"
    lines = [
        f"# {heading} report",
        "",
        f"- **Board:** {sprint.board_key}",
        f"- **Dates:** {dates(sprint)}",
        f"- **State:** {_status(sprint, report, today)}",
        f"- **Goal:** {md(sprint.goal) or '-'}",
        "",
        "| | Cards | Points |",
        "|:--|--:|--:|",
    ]
    lines += [f"| {label.capitalize()} | {c} | {p} |" for label, c, p in _numbers(report)]
    for part, label in _parts(report)[1:]:
        keys = getattr(report, part)
        if not keys:
            continue
        points = getattr(report, f"{part}_points")
        lines += ["", f"## {label.capitalize()} ({size(len(keys), points)})", ""]
        for key in keys:
            card = cards.get(key)
            if card is None:
                lines.append(f"- {key} (deleted)")
            else:
                estimate = "unestimated" if card.points is None else plural(card.points, "point")
                lines.append(f"- {key} {md(card.title)} ({estimate})")
    return lines


def burndown_table(sprint: Sprint, chart: Burndown) -> list[str]:
    """Day by day: the ideal line, points remaining, the scope, and a bar."""
    head = f"{name(sprint)} burndown, {dates(sprint)}: {plural(chart.committed, 'point')} committed"
    top = max([value or 0 for value in chart.scope] + [chart.committed, 1])
    scale = 20 / top

    def bar(value: int | None) -> str:
        return "" if value is None else "#" * round(value * scale)

    rows = [
        [
            "start",
            f"{chart.ideal[0]:.1f}",
            _dash(chart.remaining[0]),
            _dash(chart.scope[0]),
            "",
            "",
            "",
            bar(chart.remaining[0]),
        ]
    ]
    for index, day in enumerate(chart.days):
        after = index + 1
        rows.append(
            [
                day.isoformat(),
                f"{chart.ideal[after]:.1f}",
                _dash(chart.remaining[after]),
                _dash(chart.scope[after]),
                _change(chart.added[index], "+"),
                _change(chart.removed[index], "-"),
                _change(chart.completed[index], ""),
                bar(chart.remaining[after]),
            ]
        )
    headers = ["DAY", "IDEAL", "LEFT", "SCOPE", "ADDED", "REMOVED", "DONE", ""]
    return [head, "", *output.table(headers, rows, right=[1, 2, 3, 4, 5, 6])]


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)


def _change(value: int, sign: str) -> str:
    return f"{sign}{value}" if value else ""


def completion(done: Completion, existing: Collection[int]) -> list[str]:
    """What ``sprint complete`` did: points done, where the unfinished cards went,
    the next sprint if it started. ``existing``: sprint numbers before it."""
    report = done.report
    scope = report.completed_points + report.carried_over_points
    total = report.completed_count + report.carried_over_count
    lines = [
        f"Completed {name(done.sprint)}{timing(report)}: "
        f"{report.completed_points} of {plural(scope, 'point')} done "
        f"({report.completed_count} of {plural(total, 'card')})."
    ]
    unfinished = report.carried_over_count
    if not unfinished:
        lines.append("No unfinished cards.")
    else:
        points = plural(report.carried_over_points, "point")
        moved = f"{plural(unfinished, 'unfinished card')} ({points})"
        keys = ", ".join(report.carried_over)
        if done.carried_to is None:
            lines.append(f"{moved} went to the top of the backlog: {keys}.")
        else:
            new = "" if done.carried_to in existing else " (created for them)"
            target = done.next_sprint
            where = name(target) if target else f"Sprint {done.carried_to}"
            lines.append(f"{moved} carried over to {where}{new}: {keys}.")
    following = done.next_sprint
    if following is not None and following.state.value == "active":
        lines.append(
            f"Started {name(following)}: {dates(following)}; goal: {safe(following.goal)}. "
            f"Committed: {size(following.card_count, following.points)}."
        )
    return lines
