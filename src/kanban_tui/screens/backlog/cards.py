"""What the Backlog screen's card keys do, through the one card-command path.

Each key builds a :class:`~..card_commands.Command` for the screen's
:class:`~..card_commands.CardCommands`, which runs the service in a worker and
answers refusals as every card screen does (the WIP override, the editor
again). The card a service returns is put back into the plan, so most keys
repaint without re-reading the backlog.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import events, on
from textual.timer import Timer

from ...dialogs.sprint_estimate import Estimate, EstimateDialog, SprintChooser, SprintTarget
from ...domain.model import POINT_CHOICES, Card
from ...services import sprints
from ...widgets.backlog_rows import CARD, Anchor
from ..card_commands import CardCommands, CommandScreen
from ..commands import Command, create_command, edit_command
from .paging import PagedPlan
from .state import PlanState, Section

ESTIMATE_SETTLES = 0.8
"""Seconds after the last ``+`` or ``-`` before the estimate is written: one
estimate is one event, not one per key press on the way to it."""


STEP_KEYS = frozenset({"plus", "equals_sign", "minus"})
ESTIMATE = "estimate"


def next_estimate(points: int | None, step: int) -> int | None:
    """The next usual estimate up (+1) or down (-1): ``? 0 1 2 3 5 8 13 21``;
    down from 0 is unestimated."""
    if points is None:
        return POINT_CHOICES[0] if step > 0 else None
    if step > 0:
        return next((p for p in POINT_CHOICES if p > points), points)
    if points == 0:
        return None
    return next((p for p in POINT_CHOICES[::-1] if p < points), 0)


def section_title(section: Section) -> str:
    return "the backlog" if section.sprint is None else section.sprint.name


class PlanCardActions(CommandScreen[PlanState], PagedPlan):
    """The Backlog's card keys; :class:`~.cycle.SprintCycleActions` adds the sprint keys."""

    _stepping: Card | None = None
    """The card ``+`` / ``-`` is estimating, as stored (None: not estimating)."""
    _settle_timer: Timer | None = None

    def _apply(self, card: Card, select: Anchor | None = None) -> None:
        """Put the card a service returned into the plan and repaint."""
        if self.state is None:
            return
        state = self.state
        state.put(card)
        anchor = select or (CARD, card.key)
        self._show(anchor)
        if (
            anchor == (CARD, card.key)
            and state.home(card) is state.backlog
            and state.find(card.key) is None
        ):
            self.bring_into_view(card)  # past the backlog's window: read its page

    # -- create and edit --------------------------------------------------------------
    def selected_card(self) -> Card | None:
        return self._card()

    def action_new_card(self) -> None:
        section = self._section()
        if section is None or self.state is None or not self.commands.writable():
            return
        where = section_title(section)
        ctx, board, number = self.ctx, self.board_key, section.number

        def note(card: Card) -> str:
            home = f"Sprint {card.sprint}" if card.sprint is not None else "the backlog"
            return f"Created {card.key} in {home}."

        self.new_card(
            where,
            lambda values: create_command(ctx, board, values, where, sprint=number, note=note),
        )

    def _save(self, card: Card, values: dict[str, Any]) -> None:
        self.commands.run(edit_command(self.ctx, card, values))

    # -- estimating -----------------------------------------------------------------
    def action_estimate(self) -> None:
        card = self._card()
        if card is None:
            return

        def done(choice: Estimate | None) -> None:
            if choice is not None and choice.points != card.points:
                self._save(card, {"points": choice.points})

        self.app.push_screen(EstimateDialog(card), done)

    def action_estimate_step(self, step: int) -> None:
        """``+`` / ``-``: the row shows each step at once; the estimate it
        settles on is written once, :data:`ESTIMATE_SETTLES` after the last."""
        card = self._card()
        if card is None or self.state is None:
            return
        stepping = self._stepping
        if stepping is not None and stepping.key != card.key:
            self.flush_pending()  # another card: the first one's estimate is done
            stepping = None
        if stepping is None and not self.commands.writable():
            return
        points = next_estimate(card.points, step)
        if points == card.points:
            return
        self._stepping = stepping or card  # the card as stored: the write's version
        self.state.put(replace(card, points=points))
        self._show((CARD, card.key))
        if self._settle_timer is not None:
            self._settle_timer.stop()
        self._settle_timer = self.set_timer(ESTIMATE_SETTLES, self.flush_pending)

    def on_key(self, event: events.Key) -> None:
        # Any other key ends the estimate: it is written before what the key does.
        if self._stepping is not None and event.key not in STEP_KEYS:
            self.flush_pending()

    def flush_pending(self) -> None:
        """Write the estimate ``+`` / ``-`` left settling, now (also before quitting)."""
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        stored, self._stepping = self._stepping, None
        if stored is None or self.state is None:
            return
        found = self.state.find(stored.key)
        shown = found[0].cards[found[1]] if found is not None else None
        if shown is not None and shown.points != stored.points:
            command = edit_command(self.ctx, stored, {"points": shown.points})
            command.extra = ESTIMATE  # the cursor may have moved on: it stays there
            self.commands.run(command)

    # -- ranking ---------------------------------------------------------------------
    def action_rank(self, move: str) -> None:
        card = self._card()
        section = self._section()
        if card is None or section is None:
            return
        self.commands.rank(
            card,
            self.state.rank_siblings(section) if self.state else section.cards,
            move,
            section.scope,
        )

    # -- sprints ---------------------------------------------------------------------
    def action_plan(self) -> None:
        """``>``: into the next planned sprint after the card's section."""
        card = self._card()
        section = self._section()
        if card is None and section is not None:  # on a heading: say, not nothing
            self.notify(
                "> moves the selected card into the next planned sprint: "
                "put the cursor on a card first.",
                severity="warning",
                markup=False,
            )
            return
        if card is None or section is None or self.state is None:
            return
        planned = self.state.planned
        if section.is_planned:
            later = [s for s in planned if (s.number or 0) > (section.number or 0)]
            target = later[0] if later else None
        else:
            target = planned[0] if planned else None
        if target is None:
            where = f"after {section_title(section)}" if section.is_planned else "to plan it into"
            self.notify(
                f"There is no planned sprint {where}; press c to create one.",
                severity="warning",
                markup=False,
            )
            return
        self._move(card, target.number)

    def action_unplan(self) -> None:
        """``<``: out of its sprint, back to the backlog."""
        card = self._card()
        section = self._section()
        if card is None or section is None or section.is_backlog:
            return
        self._move(card, None)

    def action_move_to(self) -> None:
        card = self._card()
        section = self._section()
        if card is None or section is None or self.state is None:
            return
        open_sprints = [s.sprint for s in self.state.sections if s.sprint is not None]

        def picked(target: SprintTarget | None) -> None:
            if target is not None and target.number != section.number:
                self._move(card, target.number)

        self.app.push_screen(SprintChooser(card, open_sprints, section.number), picked)

    def _move(self, card: Card, number: int | None) -> None:
        ctx = self.ctx
        self.commands.run(
            Command(
                "plan",
                lambda _, __: sprints.plan_card(ctx, card.key, number),
                card,
                extra=(self._stay(), number),
            )
        )

    # -- the rest ----------------------------------------------------------------------
    def removed_extra(self) -> Anchor | None:
        return self._stay()

    # -- what came back -----------------------------------------------------------------
    @on(CardCommands.Done)
    def _done(self, message: CardCommands.Done) -> None:
        command, result = message.command, message.result
        if self.state is not None and command.kind == "undo":
            self.reload(select=(CARD, result.card.key))
            self.kanban.mark_views_stale()
            return
        if self.state is not None and command.kind == "archive_done":
            self.reload()
        if self.state is None or not isinstance(result, Card):
            return
        if command.kind == "plan":
            stay, number = command.extra
            self._apply(result, select=stay)
            where = f"Sprint {number}" if number is not None else "the backlog"
            if number is not None:
                section = self.state.section_of(number)
                where = section_title(section) if section is not None else where
            self.notify(f"{result.key} moved to {where}.", markup=False)
        elif command.kind == "rank" and command.extra and not self.commands.pending:
            self.reload(select=(CARD, result.key))  # every rank may have changed
        elif command.extra == ESTIMATE:
            self.state.put(result)
            self._show()
        elif command.kind in ("delete", "archive"):
            self.state.remove(command.card or result)
            self._show(command.extra)
        else:
            self._apply(result)
