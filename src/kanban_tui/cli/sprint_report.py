"""How sprints read on a terminal: names, dates, the report, the burndown
table. Plain values in, text out. The words a sprint shares with its Markdown
report, and the Markdown itself, are services/export_markdown.py."""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from ..formatting import plural
from . import output
from .output import safe

if TYPE_CHECKING:
    from ..domain.model import Card
    from ..domain.sprint_metrics import Burndown, SprintReport
    from ..domain.sprints import Sprint
    from ..services.sprint_cycle import Completion


def _words() -> Any:
    """services/export_markdown, where the sprint's words live (shared with the
    Markdown export), loaded on first use: `kanban --version` and the parsers
    load no database layer (tests/cli/test_cli_process.py)."""
    from ..services import export_markdown

    return export_markdown


def name(sprint: Sprint) -> str:
    """``Sprint 4``, or ``Sprint 4 "Launch"`` when it has a name of its own."""
    plain = f"Sprint {sprint.number}"
    return plain if sprint.name == plain else f'{plain} "{safe(sprint.name)}"'


def size(count: int, points: int) -> str:
    return _words().size(count, points)


def dates(sprint: Sprint) -> str:
    return _words().dates(sprint)


def timing(report: SprintReport) -> str:
    """``, 3 days early`` / ``, on time`` / ``, 2 days late``; empty while it runs."""
    return _words().timing(report)


def state(sprint: Sprint, today: date) -> str:
    """The state as a person wants it: with days left, or overdue, while active."""
    return _words().state(sprint, today)


def text(sprint: Sprint, report: SprintReport, today: date) -> list[str]:
    """The report as a person reads it on a terminal."""
    words = _words()
    lines = [
        f"{name(sprint)} on {sprint.board_key}, {words.status(sprint, report, today)}",
        f"  dates  {dates(sprint)}",
        f"  goal   {safe(sprint.goal) or '-'}",
        "",
    ]
    rows = [[label, str(count), str(points)] for label, count, points in words.numbers(report)]
    lines += ["  " + line for line in output.table(["", "CARDS", "POINTS"], rows, right=[1, 2])]
    width = min(output.terminal_width() or 80, 100)
    listed = [(label, getattr(report, part)) for part, label in words.parts(report)[1:]]
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


def markdown(
    sprint: Sprint, report: SprintReport, cards: Mapping[str, Card], today: date
) -> list[str]:
    """The report as a Markdown document (services/export_markdown.py)."""
    return _words().sprint_markdown(sprint, report, cards, today)


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
