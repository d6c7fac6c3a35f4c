"""Start a planned sprint (s): the goal it needs, and its dates.

The start defaults to today and the end keeps the sprint's planned length
(spec rule 2). The goal is checked in place with the domain's own sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from ..domain import sprints as rules
from ..domain.errors import KanbanError
from ..domain.sprints import Sprint
from ..formatting import plural
from ..widgets.backlog_rows import points_text
from ..widgets.text import literal, safe
from .base import buttons
from .form import input_field, show_field_error
from .sprint_fields import SprintDates, SprintForm


@dataclass(frozen=True)
class StartValues:
    goal: str
    start: date
    end: date


class StartSprintDialog(SprintForm[StartValues]):
    """Ask for the goal and dates of ``sprint``; dismisses with them, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="start_dialog.start"),
    ]

    def __init__(
        self,
        sprint: Sprint,
        *,
        today: date,
        length: int,
        cards: int,
        points: int,
        velocity: float | None,
        unestimated: int = 0,
        draft: StartValues | None = None,
        note: str = "",
    ) -> None:
        super().__init__(draft, note)
        self.sprint = sprint
        self.today = today
        self.length = sprint.length or length
        self.cards = cards
        self.points = points
        self.velocity = velocity
        self.unestimated = unestimated

    def _scope(self) -> Content:
        text = Content(f"{plural(self.cards, 'card')}, {self.points} points committed")
        if self.unestimated:
            text = Content.assemble(
                text, (f" ({self.unestimated} unestimated)", "bold $text-warning")
            )
        if self.velocity is None:
            return Content.assemble(text, ("  (no velocity yet)", "$text-muted"))
        mean = points_text(self.velocity)
        if self.points > self.velocity:
            return Content.assemble(
                text, (f"  more than the velocity of {mean}", "bold $text-warning")
            )
        return Content.assemble(text, (f"  velocity {mean}", "$text-muted"))

    def compose(self) -> ComposeResult:
        sprint = self.sprint
        start, end = self.today, rules.end_for(self.today, self.length)
        goal = sprint.goal
        if self.draft is not None:
            start, end, goal = self.draft.start, self.draft.end, self.draft.goal
        with Vertical(classes="dialog -sprint", id="start-dialog"):
            yield from self.heading(Content.assemble("Start ", literal(sprint.name, "bold")))
            yield Static(self._scope(), classes="dialog-body")
            yield from input_field(
                "Goal",
                "goal",
                safe(goal),
                "Required: what the team commits to",
                select_on_focus=False,
            )
            yield SprintDates(start, end, self.length)
            yield from buttons("Start", "start", hint="enter start · esc cancel", variant="success")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#goal", Input).focus()

    def _goal(self) -> str:
        value = self.query_one("#goal", Input).value
        return self.sprint.goal if value == safe(self.sprint.goal) else value

    def check(self, *, goal: bool = True) -> StartValues | None:
        """The values, or None (each problem shows by its field); ``goal``: an
        empty goal is one."""
        error = None
        try:
            text = rules.goal(self._goal())
            if goal:
                rules.check_start_goal(self.sprint.number, text)
        except KanbanError as refused:
            error = refused.message
        show_field_error(self, "goal", error)
        dates = self.query_one(SprintDates)
        wrong_dates = dates.check()
        if error or wrong_dates:
            return None
        start, end = dates.dates()
        return StartValues(text, start, end)

    @on(Input.Changed, "#goal")
    def _typed(self, event: Input.Changed) -> None:
        # An empty goal is only called out on an attempt to start.
        if self.is_mounted:
            self.check(goal=bool(event.value.strip()))

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        self.save()

    def holder(self) -> str:
        return self.sprint.name
