"""The words of the Reports screen: list entries, headings, a sprint's numbers.

Plain values in, ``Content`` out; names and goals are user text, shown literally.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ...dialogs.sprint_complete import report_table
from ...domain.sprint_metrics import VELOCITY_WINDOW, SprintReport, Velocity
from ...domain.sprints import Sprint, SprintState
from ...formatting import date_range, plural, short_date
from ...widgets.sprint_header import when
from ...widgets.text import literal, one_line
from ...widgets.velocity import mean_text
from .state import Reports


def sprint_prompt(sprint: Sprint, reports: Reports) -> Content:
    """A line of the sprint list: its name, its state (overdue in the error
    colour) and, once completed, its velocity."""
    if sprint.state is SprintState.ACTIVE:
        late = sprint.overdue(reports.today)
        state = ("overdue", "$text-error") if late else ("active", "$text-accent")
        return Content.assemble(literal(sprint.name, "bold"), "  ", state)
    velocity = reports.velocity
    done = dict(zip(velocity.numbers, velocity.completed, strict=True)).get(sprint.number)
    return Content.assemble(
        literal(sprint.name, "bold"),
        ("  done", "$text-muted"),
        (f" {done} pt" if done is not None else "", "$text-muted"),
    )


def velocity_title(velocity: Velocity) -> tuple[Content, ...]:
    """The heading over the velocity chart, longest form first (``FittingLine``)."""
    count = len(velocity.numbers)
    if not count:
        return (
            Content.assemble(("Velocity", "bold"), ("  no completed sprint yet", "$text-muted")),
        )
    window = min(count, VELOCITY_WINDOW)
    mean = Content.assemble(
        ("Velocity", "bold"),
        ("  mean ", "$text-muted"),
        (f"{mean_text(velocity.mean)} pt", "bold $text-warning"),
        (f" (last {window})", "$text-muted"),
    )
    counted = Content.styled(f" · {plural(count, 'completed sprint')}", "$text-muted")
    return (mean + counted, mean)


def burndown_title(sprint: Sprint, today: date) -> tuple[Content, ...]:
    """The heading over the burndown, longest form first: the dates go first
    when the room is narrow, then the days left."""
    period = date_range(sprint.start, sprint.end)
    if sprint.state is SprintState.ACTIVE:
        timing, style = when(sprint, today)
        status: tuple[str, str] = (timing, style or "$text-muted")
    else:
        finished = sprint.completed_at.astimezone().date() if sprint.completed_at else None
        status = (f"completed {short_date(finished)}" if finished else "completed", "$text-muted")
    name = literal(sprint.name, "bold")
    short = status[0].split(" · ")[0]  # "day 8 of 14", without the days left
    return (
        Content.assemble(name, ("  ", ""), (period, "$text-muted"), (" · ", "$text-muted"), status),
        Content.assemble(name, ("  ", ""), status),
        Content.assemble(name, ("  ", ""), (short, status[1])),
    )


def _timing(report: SprintReport) -> str:
    late = report.days_late
    if late is None:
        return "live: as if it ended today"
    if late == 0:
        return "completed on its end date"
    word = "late" if late > 0 else "early"
    return f"completed {plural(abs(late), 'day')} {word}"


def report_text(sprint: Sprint, report: SprintReport, today: date) -> Content:
    """The goal, the five numbers of the report, velocity and timing."""
    lines: list[Content] = []
    goal = one_line(sprint.goal)
    if goal:
        lines.append(Content.assemble(("Goal  ", "$text-muted"), Content(goal)))
    lines.append(report_table(report))
    points = report.completed_points
    live = report.completed_on is None
    velocity = "Done so far" if live else "Velocity"
    lines.append(
        Content.assemble(
            (f"{velocity} ", "$text-muted"),
            (f"{points} pt", "bold $text-success"),
            ("  ·  ", "$text-muted"),
            (_timing(report), "$text-warning" if (report.days_late or 0) > 0 else "$text-muted"),
        )
    )
    return Content("\n").join(lines)


def empty_text() -> Content:
    return Content.assemble(
        ("No sprint has started yet", "bold"),
        ("  press 3 for the Backlog to plan and start one", "$text-muted"),
    )
