"""What the Backlog screen's sprint keys do: create, edit, start, complete, delete.

Dates and goals are checked in the dialogs with the domain's rules; the
services decide, each call run by the screen's command runner in a worker
(:mod:`..card_commands`), so a held database never freezes the keys. A
refusal is one notification and changes nothing.
:func:`complete_sprint_flow` is the whole "complete the active sprint" step
and is shared with the Sprint screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.content import Content

from ...dialogs.base import Dialog
from ...dialogs.confirm import ConfirmDialog
from ...dialogs.sprint_complete import CompleteSprintDialog, CompletionChoice
from ...dialogs.sprint_edit import SprintDialog, SprintValues, keep_mine
from ...dialogs.sprint_start import StartSprintDialog
from ...domain import sprints as rules
from ...domain.errors import KanbanError, NeedsConfirmation, StaleChange
from ...domain.sprint_metrics import SprintReport
from ...domain.sprints import Sprint, SprintState
from ...formatting import date_range, plural
from ...services import sprints
from ...services.context import Context
from ...services.sprints import Completion
from ...widgets.backlog_rows import SECTION
from ...widgets.text import literal
from ..base import KanbanScreen
from ..card_commands import CardCommands
from ..commands import Command
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


@dataclass(frozen=True)
class Completing:
    """What the complete-sprint dialog shows: the active sprint, its report, the next one."""

    active: Sprint
    report: SprintReport
    following: Sprint
    creates: bool
    """``following`` does not exist yet: completing creates it."""


def read_completion(ctx: Context, board_key: str) -> Completing:
    """The active sprint of ``board_key`` and what completing it would do
    (refused without an active sprint)."""
    active = sprints.active_sprint(ctx, board_key)
    report = sprints.sprint_report(ctx, board_key, "active")  # refuses without one
    assert active is not None and active.start is not None and active.end is not None
    planned = sprints.list_sprints(ctx, board_key, SprintState.PLANNED)
    if planned:
        return Completing(active, report, planned[0], creates=False)
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
    return Completing(active, report, following, creates=True)


def complete_sprint_flow(
    screen: KanbanScreen[Any],
    commands: CardCommands,
    on_done: Callable[[Completion], None] | None = None,
) -> None:
    """Complete the active sprint of ``screen``'s board: show its report in
    :class:`CompleteSprintDialog`, then call the service with the choice made.

    Both the read and the write run through ``commands`` (in a worker). A
    refusal (no active sprint, a stale change) is one notification.
    ``on_done`` gets the :class:`Completion` (e.g. to reload the screen).
    """
    ctx, board_key = screen.ctx, screen.board_key

    def completed(done: Completion) -> None:
        screen.notify(completion_summary(done), title="Sprint completed", markup=False)
        if on_done is not None:
            on_done(done)

    def ask(found: Completing) -> None:
        def answered(choice: CompletionChoice | None) -> None:
            if choice is None:
                return
            commands.run(
                Command(
                    "sprint",
                    lambda _, __: sprints.complete_sprint(
                        ctx,
                        board_key,
                        number=found.active.number,
                        carry_over=choice.carry_over,
                        start_next=choice.start_next,
                        next_goal=choice.next_goal,
                    ),
                    then=completed,
                )
            )

        dialog = CompleteSprintDialog(
            found.active, found.report, found.following, creates_next=found.creates
        )
        screen.app.push_screen(dialog, answered)

    commands.run(Command("read", lambda _, __: read_completion(ctx, board_key), then=ask))


class SprintCycleActions(PlanCardActions):
    """Sprint keys on top of the card keys; :class:`BacklogScreen` provides the rest."""

    _dates_first = False
    """The next sprint dialog opens on Start (the person chose "Change dates")."""

    # -- plan --------------------------------------------------------------------------
    def _ask(
        self,
        make: Callable[[Any, str], Dialog[Any]],
        write: Callable[[Any, bool], Any],
        then: Callable[[Any], object],
        again: Callable[[Any, KanbanError], object] | None = None,
    ) -> None:
        """Open ``make(None, "")``; its values go to ``write(values, confirmed)``
        in a worker, and the result to ``then``. Dates that need a second look
        ask first (yes: written confirmed; no: back to the dialog). Refused, the
        dialog opens again with what was typed and the sentence (``again``
        decides how, if given)."""

        def reopen(values: Any, error: KanbanError) -> None:
            if isinstance(error, NeedsConfirmation):
                self.app.push_screen(
                    ConfirmDialog(
                        "Plan on these dates?",
                        Content.assemble(literal(error.message), "\n\nPlan the sprint anyway?"),
                        confirm="Plan anyway",
                        cancel="Change dates",
                    ),
                    lambda yes: run(values, True) if yes else change_dates(values, error),
                )
            else:
                reopen_dialog(values, error)

        def change_dates(values: Any, error: KanbanError) -> None:
            self._dates_first = True  # the dialog opens on Start
            reopen_dialog(values, error)

        def reopen_dialog(values: Any, error: KanbanError) -> None:
            if again is not None:
                again(values, error)
            else:
                self._ask(lambda _, __: make(values, error.message), write, then)

        def run(values: Any, confirmed: bool) -> None:
            self.commands.run(
                Command(
                    "sprint",
                    lambda _, __: write(values, confirmed),
                    then=then,
                    again=lambda error: reopen(values, error),
                )
            )

        def done(values: Any) -> None:
            if values is not None:
                run(values, False)

        dialog = make(None, "")
        if isinstance(dialog, SprintDialog):
            dialog.dates_first, self._dates_first = self._dates_first, False
        self.app.push_screen(dialog, done)

    def action_new_sprint(self) -> None:
        if self.state is None:
            return
        existing = self.state.sprints
        start = rules.next_slot(existing, self.ctx.today())
        length = rules.previous_length(existing)
        end = rules.end_for(start, length)
        ctx, board = self.ctx, self.board_key

        def planned(sprint: Sprint) -> None:
            self.reload(select=(SECTION, sprint.number))
            self.notify(
                f"{sprint.name} planned, {date_range(sprint.start, sprint.end)}; "
                "> plans the selected backlog card into it.",
                markup=False,
            )

        self._ask(
            lambda draft, note: SprintDialog(
                start=start, end=end, length=length, draft=draft, note=note
            ),
            lambda values, confirmed: sprints.create_sprint(
                ctx,
                board,
                name=values.name or None,
                goal=values.goal,
                start=values.start,
                end=values.end,
                confirmed=confirmed,
            ),
            planned,
        )

    def action_edit_sprint(self) -> None:
        section = self._focused_sprint()
        if section is not None and section.sprint is not None:
            self._edit_sprint(section.sprint)

    def _edit_sprint(
        self, sprint: Sprint, draft: SprintValues | None = None, note: str = ""
    ) -> None:
        ctx, board = self.ctx, self.board_key

        def again(values: SprintValues, error: KanbanError) -> None:
            if not isinstance(error, StaleChange):
                self._edit_sprint(sprint, values, error.message)
                return
            # Someone else saved first: their sprint, with what this person changed.
            self.commands.run(
                Command(
                    "read",
                    lambda _, __: sprints.get_sprint(ctx, board, sprint.number),
                    then=lambda fresh: self._edit_sprint(
                        fresh, keep_mine(sprint, values, fresh), error.message
                    ),
                )
            )

        self._ask(
            lambda typed, said: SprintDialog(sprint, draft=typed or draft, note=said or note),
            lambda values, confirmed: sprints.edit_sprint(
                ctx,
                board,
                sprint.number,
                name=values.name,
                goal=values.goal,
                start=values.start,
                end=values.end,
                expected_version=sprint.version,
                confirmed=confirmed,
            ),
            lambda _: self.reload(),
            again,
        )

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

        ctx, board = self.ctx, self.board_key

        def deleted(_: object) -> None:
            self.reload(select=(SECTION, None))
            self.notify(f"Deleted {sprint.name}.", markup=False)

        def answered(yes: bool | None) -> None:
            if yes:
                self.commands.run(
                    Command(
                        "sprint",
                        lambda _, __: sprints.delete_sprint(ctx, board, sprint.number),
                        then=deleted,
                    )
                )

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
        ctx, board = self.ctx, self.board_key

        def begun(started: Sprint) -> None:
            self.reload(select=(SECTION, started.number))
            self.notify(
                f"{started.name} started with {plural(started.card_count, 'card')} "
                f"({plural(started.points, 'point')}): {date_range(started.start, started.end)}.",
                markup=False,
            )

        self._ask(
            lambda draft, note: StartSprintDialog(
                sprint,
                today=self.ctx.today(),
                length=sprint.length or rules.previous_length(state.sprints, sprint.number),
                cards=len(section.cards),
                points=section.points,
                velocity=state.mean_velocity,
                unestimated=section.unestimated,
                draft=draft,
                note=note,
            ),
            lambda values, _confirmed: sprints.start_sprint(
                ctx, board, sprint.number, goal=values.goal, start=values.start, end=values.end
            ),
            begun,
        )

    def action_complete_sprint(self) -> None:
        def done(completion: Completion) -> None:
            following = completion.next_sprint
            started = following is not None and following.state is SprintState.ACTIVE
            self.reload(select=(SECTION, following.number if started and following else None))

        complete_sprint_flow(self, self.commands, done)
