"""Complete the active sprint (C): its report, where unfinished cards go, what next.

Used by the Backlog screen and the Sprint screen alike::

    dialog = CompleteSprintDialog(active, report, next_sprint, creates_next=False)
    app.push_screen(dialog, callback)  # callback gets a CompletionChoice, or None

``next_sprint`` is the planned sprint that carry-over and "start at once"
use; with ``creates_next`` it is a preview of the one completing will create
(its number and dates). ``screens.backlog_cycle.complete_sprint_flow`` does
the whole thing: read the report, ask, complete, notify.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from ..domain import sprints as rules
from ..domain.errors import KanbanError
from ..domain.sprint_metrics import SprintReport
from ..domain.sprints import Sprint
from ..formatting import date_range
from ..widgets.text import literal, one_line, safe
from ..widgets.toggles import StateCheckbox, StateRadioButton
from .base import buttons
from .form import FormDialog, input_field, show_field_error


@dataclass(frozen=True)
class CompletionChoice:
    """What the person chose; the arguments of ``sprints.complete_sprint``."""

    carry_over: Literal["backlog", "next"]
    start_next: bool
    next_goal: str | None
    """The goal to start the next sprint with (None: keep its own)."""


def report_table(report: SprintReport) -> Content:
    """The five numbers of spec rule 6, as cards and points."""
    rows = [
        ("Committed", report.committed_count, report.committed_points, ""),
        ("Added", report.added_count, report.added_points, ""),
        ("Removed", report.removed_count, report.removed_points, ""),
        ("Completed", report.completed_count, report.completed_points, "$text-success"),
        ("Carried over", report.carried_over_count, report.carried_over_points, "$text-warning"),
    ]
    lines = [Content.styled(f"{'':14}{'cards':>7}{'points':>8}", "$text-muted")]
    for label, count, points, style in rows:
        line = Content(f"{label:14}{count:>7}{points:>8}")
        if style and count:
            line = line.stylize(style)
        lines.append(line)
    return Content("\n").join(lines)


class CompleteSprintDialog(FormDialog[CompletionChoice]):
    """Show ``report`` and ask where unfinished cards go and whether to start the next.

    A goal typed for the next sprint is not dropped without asking (esc,
    Cancel); the choices of where cards go and whether to start are not
    typing, and are left without a question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "carry('backlog')", "To the backlog", id="complete_dialog.backlog"),
        Binding("n", "carry('next')", "To the next sprint", id="complete_dialog.next"),
        Binding("s", "toggle_start", "Start next at once", id="complete_dialog.start_next"),
        Binding("ctrl+s", "complete", "Complete", id="complete_dialog.complete"),
    ]

    def __init__(
        self,
        sprint: Sprint,
        report: SprintReport,
        next_sprint: Sprint,
        *,
        creates_next: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.sprint = sprint
        self.report = report
        self.next_sprint = next_sprint
        self.creates_next = creates_next

    def _next_label(self) -> Content:
        following = self.next_sprint
        when = date_range(following.start, following.end)
        if self.creates_next:
            return Content.assemble("a new ", (f"Sprint {following.number}", "bold"), f" ({when})")
        return Content.assemble(literal(following.name, "bold"), f" (planned, {when})")

    def compose(self) -> ComposeResult:
        sprint = self.sprint
        report = self.report
        unfinished = report.carried_over_count
        with Vertical(classes="dialog -sprint", id="complete-dialog"):
            yield Static(
                Content.assemble("Complete ", literal(sprint.name, "bold")),
                classes="dialog-title",
            )
            if sprint.goal:
                yield Static(
                    Content.assemble(("Goal ", "$text-muted"), Content(one_line(sprint.goal))),
                    classes="dialog-body",
                )
            yield Static(report_table(report), id="report-table", classes="dialog-body")
            unit = "card goes" if unfinished == 1 else "cards go"
            yield Static(
                Content(f"{unfinished} unfinished {unit} to:")
                if unfinished
                else Content("Every card is done; nothing carries over."),
                classes="dialog-body -tight",
            )
            with RadioSet(id="carry-over", disabled=not unfinished, compact=True):
                yield StateRadioButton(
                    Content.assemble(("B", "underline"), "acklog: on top, in their order"),
                    value=True,
                    id="carry-backlog",
                    compact=True,
                )
                yield StateRadioButton(
                    Content.assemble(("N", "underline"), "ext sprint: ", self._next_label()),
                    id="carry-next",
                    compact=True,
                )
            yield StateCheckbox(
                Content.assemble(
                    ("S", "underline"),
                    "tart ",
                    literal(self.next_sprint.name),
                    " at once",
                ),
                id="start-next",
                compact=True,
            )
            with Vertical(id="next-goal-field", classes="-hidden"):
                yield from input_field(
                    "Goal",
                    "next-goal",
                    safe(self.next_sprint.goal),
                    "The next sprint's goal (required to start it)",
                    select_on_focus=False,
                )
            yield from buttons("Complete", "complete", hint="b/n carry over · s start next · esc")

    def on_mount(self) -> None:
        super().on_mount()
        self.keep_as_opened()
        self.query_one("#complete", Button).focus()

    def unsaved(self) -> str | None:
        return self.next_sprint.name if self.retyped() else None

    # -- choices ----------------------------------------------------------------
    def action_carry(self, where: str) -> None:
        if self.query_one("#carry-over", RadioSet).disabled:
            return
        self.query_one(f"#carry-{where}", RadioButton).value = True

    def action_toggle_start(self) -> None:
        box = self.query_one("#start-next", Checkbox)
        box.value = not box.value

    @on(Checkbox.Changed, "#start-next")
    def _start_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#next-goal-field").set_class(not event.value, "-hidden")
        if event.value and not self.query_one("#next-goal", Input).value.strip():
            self.query_one("#next-goal", Input).focus()
        if not event.value:
            show_field_error(self, "next-goal", None)

    def _goal(self) -> str:
        value = self.query_one("#next-goal", Input).value
        return self.next_sprint.goal if value == safe(self.next_sprint.goal) else value

    def choice(self) -> CompletionChoice | None:
        """The choice made, or None (with the reason shown) when it cannot be made."""
        carry: Literal["backlog", "next"] = (
            "next" if self.query_one("#carry-next", RadioButton).value else "backlog"
        )
        start_next = self.query_one("#start-next", Checkbox).value
        goal = None
        if start_next:
            try:
                goal = rules.goal(self._goal())
                rules.check_start_goal(self.next_sprint.number, goal)
            except KanbanError as error:
                show_field_error(self, "next-goal", error.message)
                return None
        show_field_error(self, "next-goal", None)
        return CompletionChoice(carry, start_next, goal)

    @on(Input.Changed, "#next-goal")
    def _goal_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            show_field_error(self, "next-goal", None)

    @on(Input.Submitted, "#next-goal")
    @on(Button.Pressed, "#complete")
    def action_complete(self) -> None:
        choice = self.choice()
        if choice is None:
            self.app.bell()
            self.query_one("#next-goal", Input).focus()
            return
        self.dismiss(choice)
