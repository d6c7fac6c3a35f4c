"""What the Backlog screen's card keys do: each one calls a service.

Refusals come back as ``KanbanError`` and are shown as one notification;
nothing changes. The card a service returns is put back into the plan, so
most keys repaint without re-reading the backlog.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from ...dialogs.card_editor import CardEditor
from ...dialogs.confirm import delete_card_dialog
from ...dialogs.sprint_estimate import Estimate, EstimateDialog, SprintChooser, SprintTarget
from ...domain import ranking
from ...domain.errors import KanbanError
from ...domain.model import POINT_CHOICES, Card
from ...services import cards, sprints
from ...widgets.backlog_rows import CARD, Anchor
from ...widgets.text import literal
from .state import Section
from .view import PlanView


def next_estimate(points: int | None, step: int) -> int | None:
    """The next usual estimate up (+1) or down (-1); down from 0 is unestimated."""
    if points is None:
        return POINT_CHOICES[1] if step > 0 else None
    if step > 0:
        return next((p for p in POINT_CHOICES if p > points), points)
    if points == 0:
        return None
    return next((p for p in POINT_CHOICES[::-1] if p < points), 0)


def section_title(section: Section) -> str:
    return "the backlog" if section.sprint is None else section.sprint.name


class PlanCardActions(PlanView):
    """The Backlog's card keys; :class:`~.cycle.SprintCycleActions` adds the sprint keys."""

    def _apply(self, card: Card, select: Anchor | None = None) -> None:
        """Put the card a service returned into the plan and repaint."""
        if self.state is None:
            return
        self.state.put(card)
        self._show(select or (CARD, card.key))

    # -- create and edit --------------------------------------------------------------
    def action_new_card(self) -> None:
        section = self._section()
        if section is None or self.state is None:
            return
        where = section.sprint.name if section.sprint else "the backlog"
        heading = Content.assemble("New card in ", literal(where, "bold"))

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._create(section.number, values)

        self.app.push_screen(CardEditor(heading, ctx=self.ctx, people=self._people()), done)

    def _create(self, number: int | None, values: dict[str, Any]) -> None:
        fields = dict(values)
        title = fields.pop("title")
        try:
            card = cards.add_card(self.ctx, self.board_key, title, sprint=number, **fields)
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(card)
        where = f"Sprint {card.sprint}" if card.sprint is not None else "the backlog"
        self.notify(f"Created {card.key} in {where}.", markup=False)

    def action_edit_card(self) -> None:
        card = self._card()
        if card is None:
            return
        try:
            fresh = cards.get_card(self.ctx, card.key)
        except KanbanError as error:
            self.show_refusal(error)
            return
        heading = Content.assemble(
            "Edit ", (fresh.key, "bold"), " in ", literal(fresh.column, "bold")
        )

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._save(fresh, values)

        self.app.push_screen(CardEditor(heading, fresh, ctx=self.ctx, people=self._people()), done)

    def _save(self, card: Card, values: dict[str, Any]) -> Card | None:
        try:
            saved = cards.edit_card(self.ctx, card.key, values, expected_version=card.version)
        except KanbanError as error:
            self.show_refusal(error)
            return None
        self._apply(saved)
        return saved

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
        card = self._card()
        if card is None:
            return
        points = next_estimate(card.points, step)
        if points != card.points:
            self._save(card, {"points": points})

    # -- ranking ---------------------------------------------------------------------
    def action_rank(self, move: str) -> None:
        card = self._card()
        section = self._section()
        if card is None or section is None:
            return
        siblings = section.cards
        index = next((i for i, other in enumerate(siblings) if other.id == card.id), None)
        if index is None:
            return
        neighbours = ranking.target([other.rank for other in siblings], index, ranking.Move(move))
        if neighbours is None:
            return  # already at the top / bottom
        # No integer left between the neighbours: the service renumbers the
        # whole board, so every rank we hold goes stale; read them again.
        renumbers = ranking.between(*neighbours) is None
        try:
            ranked = cards.rank_card(self.ctx, card.key, move, scope=section.scope)
        except KanbanError as error:
            self.show_refusal(error)
            return
        if renumbers:
            self.reload(select=(CARD, ranked.key))
        else:
            self._apply(ranked)

    # -- sprints ---------------------------------------------------------------------
    def action_plan(self) -> None:
        """``>``: into the next planned sprint after the card's section."""
        card = self._card()
        section = self._section()
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
        stay = self._stay()
        try:
            moved = sprints.plan_card(self.ctx, card.key, number)
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(moved, select=stay)
        where = f"Sprint {number}" if number is not None else "the backlog"
        if self.state is not None and number is not None:
            section = self.state.section_of(number)
            where = section_title(section) if section is not None else where
        self.notify(f"{moved.key} moved to {where}.", markup=False)

    # -- the rest ----------------------------------------------------------------------
    def action_assign(self) -> None:
        card = self._card()
        if card is None:
            return
        try:
            changed = cards.toggle_assign_to_me(self.ctx, card.key, expected_version=card.version)
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(changed)
        who = f"assigned to {changed.assignee}" if changed.assignee else "unassigned"
        self.notify(f"{changed.key} {who}.", markup=False)

    def action_delete_card(self) -> None:
        card = self._card()
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(card)

        self.app.push_screen(delete_card_dialog(card.key, card.title), answered)

    def _delete(self, card: Card) -> None:
        stay = self._stay()
        try:
            cards.delete_card(self.ctx, card.key)
        except KanbanError as error:
            self.show_refusal(error)
            return
        if self.state is not None:
            self.state.remove(card)
            self._show(stay)
        self.notify(f"Deleted {card.key}.", markup=False)
