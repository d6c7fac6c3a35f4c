"""What the Backlog screen's sprint keys do: create, edit, start, complete, delete.

Dates and goals are checked in the dialogs with the domain's rules; the
services decide. A refusal is one notification and changes nothing.
:func:`complete_sprint_flow` is the whole "complete the active sprint" step
and is shared with the Sprint screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.content import Content

from ...dialogs.confirm import ConfirmDialog
from ...dialogs.sprint_complete import CompleteSprintDialog, CompletionChoice
from ...dialogs.sprint_edit import SprintDialog, SprintValues
from ...dialogs.sprint_start import StartSprintDialog, StartValues
from ...domain import sprints as rules
from ...domain.errors import KanbanError
from ...domain.sprints import Sprint, SprintState
from ...formatting import date_range, plural
from ...services import sprints
from ...services.sprints import Completion
from ...widgets.backlog_rows import SECTION
from ...widgets.text import literal
from ..base import KanbanScreen
from .cards import PlanCardActions
from .state import Section


def completion_summary(done: Completion) -> str:
    """``Sprint 3 completed: 21 of 34 points done; 5 cards (15 points) went to …``"""
    report = done.report
    total = report.committed_points + report.added_points - report.removed_points
    text = f"{done.sprint.name} completed: {report.completed_points} of {total} points done"
    if report.carried_over_count:
        where = "the top of the backlog"
        if done.carried_to is not None and done.next_sprint is not None:
            where = done.next_sprint.name
        elif done.carried_to is not None:
            where = f"Sprint {done.carried_to}"
        moved = plural(report.carried_over_count, "card")
        points = plural(report.carried_over_points, "point")
        text += f"; {moved} ({points}) went to {where}"
    following = done.next_sprint
    if following is not None and following.state is SprintState.ACTIVE:
        text += f". {following.name} has started: {date_range(following.start, following.end)}"
    return text + "."


def complete_sprint_flow(
    screen: KanbanScreen[Any], on_done: Callable[[Completion], None] | None = None
) -> None:
    """Complete the active sprint of ``screen``'s board: show its report in
    :class:`CompleteSprintDialog`, then call the service with the choice made.

    A refusal (no active sprint, a stale change) is one notification.
    ``on_done`` gets the :class:`Completion` (e.g. to reload the screen).
    """
    ctx, board_key = screen.ctx, screen.board_key
    try:
        active = sprints.active_sprint(ctx, board_key)
        report = sprints.sprint_report(ctx, board_key, "active")  # refuses without one
        assert active is not None and active.start is not None and active.end is not None
        planned = sprints.list_sprints(ctx, board_key, SprintState.PLANNED)
        creates = not planned
        if planned:
            following = planned[0]
        else:
            number = sprints.next_sprint_number(ctx, board_key)
            first, last = rules.next_dates(active.start, active.end)
            following = Sprint(
                id=0,
                board_key=board_key,
                number=number,
                name=rules.default_name(number),
                start=first,
                end=last,
            )
    except KanbanError as error:
        screen.show_refusal(error)
        return

    def answered(choice: CompletionChoice | None) -> None:
        if choice is None:
            return
        try:
            done = sprints.complete_sprint(
                ctx,
                board_key,
                number=active.number,
                carry_over=choice.carry_over,
                start_next=choice.start_next,
                next_goal=choice.next_goal,
            )
        except KanbanError as error:
            screen.show_refusal(error)
            return
        screen.notify(completion_summary(done), title="Sprint completed", markup=False)
        if on_done is not None:
            on_done(done)

    screen.app.push_screen(
        CompleteSprintDialog(active, report, following, creates_next=creates), answered
    )


class SprintCycleActions(PlanCardActions):
    """Sprint keys on top of the card keys; :class:`BacklogScreen` provides the rest."""

    # -- plan --------------------------------------------------------------------------
    def action_new_sprint(self) -> None:
        if self.state is None:
            return
        existing = self.state.sprints
        today = self.ctx.today()
        start = rules.next_slot(existing, today)
        length = rules.previous_length(existing)
        dialog = SprintDialog(start=start, end=rules.end_for(start, length), length=length)

        def done(values: SprintValues | None) -> None:
            if values is None:
                return
            try:
                sprint = sprints.create_sprint(
                    self.ctx,
                    self.board_key,
                    name=values.name or None,
                    goal=values.goal,
                    start=values.start,
                    end=values.end,
                )
            except KanbanError as error:
                self.show_refusal(error)
                return
            self.reload(select=(SECTION, sprint.number))
            self.notify(
                f"{sprint.name} planned, {date_range(sprint.start, sprint.end)}; "
                "> plans the selected backlog card into it.",
                markup=False,
            )

        self.app.push_screen(dialog, done)

    def action_edit_sprint(self) -> None:
        section = self._focused_sprint()
        if section is None or section.sprint is None:
            return
        sprint = section.sprint

        def done(values: SprintValues | None) -> None:
            if values is None:
                return
            try:
                sprints.edit_sprint(
                    self.ctx,
                    self.board_key,
                    sprint.number,
                    name=values.name,
                    goal=values.goal,
                    start=values.start,
                    end=values.end,
                    expected_version=sprint.version,
                )
            except KanbanError as error:
                self.show_refusal(error)
                self.reload()
                return
            self.reload()

        self.app.push_screen(SprintDialog(sprint), done)

    def action_delete_sprint(self) -> None:
        section = self._focused_sprint()
        if section is None or section.sprint is None:
            return
        sprint = section.sprint
        count = len(section.cards)
        question = Content.assemble(
            "Delete ",
            literal(sprint.name, "bold"),
            "?\n",
            (
                f"Its {count} cards go back to the backlog; its number is not reused."
                if count != 1
                else "Its card goes back to the backlog; its number is not reused.",
                "$text-muted",
            ),
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                sprints.delete_sprint(self.ctx, self.board_key, sprint.number)
            except KanbanError as error:
                self.show_refusal(error)
                return
            self.reload(select=(SECTION, None))
            self.notify(f"Deleted {sprint.name}.", markup=False)

        self.app.push_screen(
            ConfirmDialog("Delete sprint", question, confirm="Delete", danger=True), answered
        )

    # -- the cycle -----------------------------------------------------------------------
    def _sprint_to_start(self) -> Section | None:
        section = self._focused_sprint()
        if section is not None and section.is_planned:
            return section
        planned = self.state.planned if self.state else []
        return planned[0] if planned else None

    def action_start_sprint(self) -> None:
        state = self.state
        if state is None:
            return
        section = self._sprint_to_start()
        if section is None or section.sprint is None:
            self.notify(
                "There is no planned sprint to start; press c to create one.",
                severity="warning",
                markup=False,
            )
            return
        sprint = section.sprint
        active = state.active
        try:
            rules.check_startable(sprint, active.sprint if active else None)
        except KanbanError as error:
            self.show_refusal(error)
            return
        dialog = StartSprintDialog(
            sprint,
            today=self.ctx.today(),
            length=sprint.length or rules.previous_length(state.sprints, sprint.number),
            cards=len(section.cards),
            points=section.points,
            velocity=state.mean_velocity,
            unestimated=section.unestimated,
        )

        def done(values: StartValues | None) -> None:
            if values is None:
                return
            try:
                started = sprints.start_sprint(
                    self.ctx,
                    self.board_key,
                    sprint.number,
                    goal=values.goal,
                    start=values.start,
                    end=values.end,
                )
            except KanbanError as error:
                self.show_refusal(error)
                return
            self.reload(select=(SECTION, started.number))
            self.notify(
                f"{started.name} started with {plural(started.card_count, 'card')} "
                f"({plural(started.points, 'point')}): {date_range(started.start, started.end)}.",
                markup=False,
            )

        self.app.push_screen(dialog, done)

    def action_complete_sprint(self) -> None:
        def done(completion: Completion) -> None:
            following = completion.next_sprint
            started = following is not None and following.state is SprintState.ACTIVE
            self.reload(select=(SECTION, following.number if started and following else None))

        complete_sprint_flow(self, done)
