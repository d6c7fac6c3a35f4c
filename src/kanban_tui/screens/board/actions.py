"""What the board's card and column keys do: each one calls a service.

Refusals come back as ``KanbanError`` and are shown as notifications; a full
column (``WipLimitReached``) also offers the override, which asks for a reason
and calls the service again with ``force=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.content import Content

from ...dialogs.card_editor import CardEditor
from ...dialogs.confirm import delete_card_dialog
from ...dialogs.wip import PersonWipDialog, WipChoice, WipLimitDialog, WipOverrideDialog
from ...domain import people, ranking
from ...domain.errors import KanbanError, WipLimitReached
from ...domain.model import Card
from ...services import boards, cards
from ...widgets.card_list import CardList
from ...widgets.text import literal
from .view import BoardView


class CardActions(BoardView):
    """The card and column keys of the Board and the Sprint screen."""

    NEW_CARD_SPRINT: ClassVar[str | None] = None
    """The sprint new cards join (``"active"`` on the Sprint screen); None: the backlog."""
    RANK_SCOPE: ClassVar[str] = "column"
    """Among which cards J/K/T/B rank (a ``cards.rank_card`` scope)."""

    def _apply(self, card: Card, *, follow: bool = True) -> None:
        """Put the card the service returned into the board and repaint its columns."""
        assert self.state is not None
        old, new = self.state.put(card)
        self._refresh_columns({old, new}, select=card.key)
        if follow:
            view = next((v for v in self._views() if v.column.id == new), None)
            if view is not None and any(c.key == card.key for c in view.cards.cards):
                view.cards.focus()
        self.refresh_bindings()

    def _offer_override(
        self, error: WipLimitReached, action: Content, retry: Callable[[str], None]
    ) -> None:
        """WIP rule 4: say why it was refused, then offer to go over with a reason."""
        self.notify(error.message, title="WIP limit", severity="warning", markup=False)

        def answered(reason: str | None) -> None:
            if reason:
                retry(reason)

        self.app.push_screen(WipOverrideDialog(error.message, action), answered)

    @on(CardList.Opened)
    def _opened(self, _: CardList.Opened) -> None:
        self.action_edit_card()

    # -- create and edit -----------------------------------------------------------
    def action_new_card(self) -> None:
        view = self._focused_view() or next(iter(self._views()), None)
        if view is None or self.state is None:
            return
        column = view.column.name
        heading = Content.assemble("New card in ", literal(column, "bold"))

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._create(column, values)

        self.app.push_screen(CardEditor(heading, ctx=self.ctx, people=self._people()), done)

    def _people(self) -> list[str]:
        known = self.state.assignees() if self.state else []
        return people.roster([*known, self.ctx.actor])

    def _create(self, column: str, values: dict[str, Any], reason: str | None = None) -> None:
        fields = dict(values)
        title = fields.pop("title")
        try:
            card = cards.add_card(
                self.ctx,
                self.board_key,
                title,
                column=column,
                sprint=self.NEW_CARD_SPRINT,
                force=reason is not None,
                reason=reason,
                **fields,
            )
        except WipLimitReached as error:
            action = Content.assemble("Create the card in ", literal(column, "bold"), " anyway?")
            self._offer_override(error, action, lambda why: self._create(column, values, why))
            return
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(card)
        self.notify(f"Created {card.key} in {column}.", markup=False)

    def action_edit_card(self) -> None:
        card = self._current()
        if card is None:
            return
        try:
            fresh = cards.get_card(self.ctx, card.key)
        except KanbanError as error:
            self.show_refusal(error)
            return
        if fresh != card:
            self._apply(fresh, follow=False)
        heading = Content.assemble(
            "Edit ", (fresh.key, "bold"), " in ", literal(fresh.column, "bold")
        )

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self._save(fresh, values)

        self.app.push_screen(CardEditor(heading, fresh, ctx=self.ctx, people=self._people()), done)

    def _save(self, card: Card, values: dict[str, Any], reason: str | None = None) -> None:
        try:
            saved = cards.edit_card(
                self.ctx,
                card.key,
                values,
                expected_version=card.version,
                force=reason is not None,
                reason=reason,
            )
        except WipLimitReached as error:  # assigning in-progress work (rule 6)
            action = Content.assemble("Save ", (card.key, "bold"), " anyway?")
            self._offer_override(error, action, lambda why: self._save(card, values, why))
            return
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(saved, follow=False)

    # -- flow ------------------------------------------------------------------------
    def action_move_card(self, step: int) -> None:
        card = self._current()
        if card is None or self.state is None:
            return
        index = self.state.column_index(card.column_id) + step
        target = self.state.columns[index].name if 0 <= index < len(self.state.columns) else ""
        try:
            moved = cards.step_card(self.ctx, card.key, step, expected_version=card.version)
        except WipLimitReached as error:
            action = Content.assemble(
                "Move ", (card.key, "bold"), " into ", literal(target, "bold"), " anyway?"
            )
            self._offer_override(error, action, lambda why: self._force_move(card, target, why))
            return
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(moved)

    def _force_move(self, card: Card, column: str, reason: str) -> None:
        try:
            moved = cards.move_card(
                self.ctx,
                card.key,
                column,
                force=True,
                reason=reason,
                expected_version=card.version,
            )
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(moved)
        self.notify(
            f"{card.key} moved to {column} over its WIP limit; the breach is logged.",
            severity="warning",
            markup=False,
        )

    def action_rank(self, move: str) -> None:
        card = self._current()
        if card is None or self.state is None:
            return
        siblings = self.state.cards[card.column_id]
        index = next(i for i, other in enumerate(siblings) if other.id == card.id)
        neighbours = ranking.target([other.rank for other in siblings], index, ranking.Move(move))
        if neighbours is None:
            return  # already at the top / bottom
        # No integer left between the neighbours: the service renumbers the
        # whole board, so every rank we hold goes stale; read them again.
        renumbers = ranking.between(*neighbours) is None
        try:
            ranked = cards.rank_card(self.ctx, card.key, move, scope=self.RANK_SCOPE)
        except KanbanError as error:
            self.show_refusal(error)
            return
        if renumbers:
            self.reload(select=ranked.key)
        else:
            self._apply(ranked)

    # -- the rest ---------------------------------------------------------------------
    def action_card_history(self) -> None:
        card = self._current()
        if card is not None:
            from ...dialogs.card_history import HistoryDialog

            self.app.push_screen(HistoryDialog(self.ctx, card.board_key, card.key))

    def action_assign(self, reason: str | None = None) -> None:
        card = self._current()
        if card is None:
            return
        try:
            changed = cards.toggle_assign_to_me(
                self.ctx,
                card.key,
                expected_version=card.version,
                force=reason is not None,
                reason=reason,
            )
        except WipLimitReached as error:  # taking on in-progress work (rule 6)
            action = Content.assemble("Assign ", (card.key, "bold"), " to yourself anyway?")
            self._offer_override(error, action, lambda why: self.action_assign(why))
            return
        except KanbanError as error:
            self.show_refusal(error)
            return
        self._apply(changed, follow=False)
        who = f"assigned to {changed.assignee}" if changed.assignee else "unassigned"
        self.notify(f"{changed.key} {who}.", markup=False)

    def action_delete_card(self) -> None:
        card = self._current()
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(card)

        self.app.push_screen(delete_card_dialog(card.key, card.title), answered)

    def _delete(self, card: Card) -> None:
        try:
            cards.delete_card(self.ctx, card.key)
        except KanbanError as error:
            self.show_refusal(error)
            return
        assert self.state is not None
        column_id = self.state.remove(card)
        self._refresh_columns({column_id})
        self.refresh_bindings()
        self.notify(f"Deleted {card.key}.", markup=False)

    def action_set_wip(self) -> None:
        view = self._focused_view() or next(iter(self._views()), None)
        if view is None or self.state is None:
            return
        column = self.state.column(view.column.id)

        def answered(choice: WipChoice | None) -> None:
            if choice is None:
                return
            try:
                updated = boards.set_wip_limit(self.ctx, self.board_key, column.name, choice.limit)
            except KanbanError as error:
                self.show_refusal(error)
                return
            assert self.state is not None
            self.state.set_column(updated)
            self._refresh_columns({updated.id})
            limit = (
                "no WIP limit" if updated.wip_limit is None else f"WIP limit {updated.wip_limit}"
            )
            self.notify(f"{updated.name} now has {limit}.", markup=False)

        self.app.push_screen(WipLimitDialog(column), answered)

    def action_set_person_wip(self) -> None:
        """Spec WIP rule 6: the board's per-person limit, from the palette."""
        try:
            current = boards.resolve_board(self.ctx, self.board_key).person_wip_limit
        except KanbanError as error:
            self.show_refusal(error)
            return

        def answered(choice: WipChoice | None) -> None:
            if choice is None:
                return
            try:
                board = boards.set_person_wip_limit(self.ctx, self.board_key, choice.limit)
            except KanbanError as error:
                self.show_refusal(error)
                return
            limit = board.person_wip_limit
            text = (
                "no per-person WIP limit" if limit is None else f"a per-person WIP limit of {limit}"
            )
            self.notify(f"{board.key} now has {text}.", markup=False)

        self.app.push_screen(PersonWipDialog(current), answered)
