"""Plan a new sprint (c) or change one (E): name, goal, start, end or length.

Each field is checked as it is typed with the domain's rules; ctrl+s or
enter saves only when all are valid. The dialog returns the values; the
screen hands them to the service.
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
from textual.widgets import Button, Input

from ..domain import sprints as rules
from ..domain.errors import KanbanError
from ..domain.sprints import Sprint, SprintState
from ..widgets.text import literal, safe
from .base import buttons
from .form import input_field, show_field_error
from .sprint_fields import SprintDates, SprintForm


@dataclass(frozen=True)
class SprintValues:
    """What the sprint dialog returns; an empty name means ``Sprint <n>``."""

    name: str
    goal: str
    start: date
    end: date


def keep_mine(before: Sprint, typed: SprintValues, fresh: Sprint) -> SprintValues:
    """What to show after someone else saved ``fresh`` over ``before``: the
    fields this person changed as typed, the others as they are now."""

    def shown_name(sprint: Sprint) -> str:
        return "" if sprint.name == rules.default_name(sprint.number) else sprint.name

    name = typed.name if typed.name != shown_name(before) else shown_name(fresh)
    goal = typed.goal if typed.goal != before.goal else fresh.goal
    dates = (typed.start, typed.end)
    if dates == (before.start, before.end) and fresh.start and fresh.end:
        dates = (fresh.start, fresh.end)
    return SprintValues(name, goal, *dates)


class SprintDialog(SprintForm[SprintValues]):
    """Create a sprint (``sprint`` None) or edit a planned or active one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="sprint_dialog.save"),
    ]

    def __init__(
        self,
        sprint: Sprint | None = None,
        *,
        start: date | None = None,
        end: date | None = None,
        length: int = rules.DEFAULT_DAYS,
        draft: SprintValues | None = None,
        note: str = "",
    ) -> None:
        super().__init__(draft, note)
        self.sprint = sprint
        self.start = sprint.start if sprint and sprint.start else start
        self.end = sprint.end if sprint and sprint.end else end
        self.length = (sprint.length if sprint else None) or length
        if draft is not None:
            self.start, self.end = draft.start, draft.end
        self.dates_first = False
        """Focus Start, not Name or Goal, when opened (back from "Change dates")."""

    def compose(self) -> ComposeResult:
        sprint = self.sprint
        if sprint is None:
            title = Content("New sprint")
        else:
            title = Content.assemble("Edit ", literal(sprint.name, "bold"))
            if sprint.state is SprintState.ACTIVE:
                title = Content.assemble(title, ("  (active)", "$text-success"))
        is_default = sprint is not None and sprint.name == rules.default_name(sprint.number)
        name = safe(sprint.name) if sprint and not is_default else ""
        goal = safe(sprint.goal) if sprint else ""
        if self.draft is not None:
            name, goal = safe(self.draft.name), safe(self.draft.goal)
        with Vertical(classes="dialog -sprint", id="sprint-dialog"):
            yield from self.heading(title)
            yield from input_field(
                "Name",
                "name",
                name,
                sprint.name if sprint and is_default else "Sprint <n> if left empty",
                select_on_focus=False,
            )
            yield from input_field(
                "Goal",
                "goal",
                goal,
                "What this sprint is for (needed to start it)",
                select_on_focus=False,
            )
            yield SprintDates(self.start, self.end, self.length)
            yield from buttons("Save", "save", hint="ctrl+s save · esc cancel")

    def on_mount(self) -> None:
        super().on_mount()
        if self.dates_first:  # back from "Change dates": the dates are what to change
            self.query_one(SprintDates).query_one("#start", Input).focus()
        else:
            self.query_one("#name" if self.sprint is None else "#goal", Input).focus()

    def _value(self, name: str) -> str:
        value = self.query_one(f"#{name}", Input).value
        if self.sprint is not None and value == safe(getattr(self.sprint, name)):
            return str(getattr(self.sprint, name))  # shown with stand-ins, kept as stored
        return value

    def check(self) -> SprintValues | None:
        """Show every problem; the values when there is none."""
        errors: dict[str, str] = {}
        number = self.sprint.number if self.sprint else 0
        try:
            rules.name(self._value("name"), number)
        except KanbanError as error:
            errors["name"] = error.message
        try:
            goal = rules.goal(self._value("goal"))
            if self.sprint is not None:
                rules.check_active_goal(self.sprint.state, self.sprint.number, goal)
        except KanbanError as error:
            errors["goal"] = error.message
        for name in ("name", "goal"):
            show_field_error(self, name, errors.get(name))
        dates = self.query_one(SprintDates)
        problem = dates.check()
        if errors or problem:
            return None
        start, end = dates.dates()
        return SprintValues(self._value("name").strip(), self._value("goal").strip(), start, end)

    @on(Input.Changed, "#name")
    @on(Input.Changed, "#goal")
    def _typed(self) -> None:
        if self.is_mounted:
            self.check()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save()

    def holder(self) -> str:
        return self.sprint.name if self.sprint is not None else "the new sprint"
