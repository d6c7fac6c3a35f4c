"""What the Board's and the Sprint screen's card and column keys do.

Each key builds a :class:`~..card_commands.Command` and hands it to the
screen's :class:`~..card_commands.CardCommands`, which runs the service in a
worker and offers the override, reopens the editor, or says why; the screen
only puts what came back into its state. A move is drawn at once and taken
back if the database refuses it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.content import Content

from ...dialogs.wip import PersonWipDialog, WipChoice, WipLimitDialog
from ...domain import people
from ...domain.model import Card, Column
from ...services import cards
from ...widgets.card_list import CardList
from ...widgets.text import literal
from ..card_commands import CardCommands, CommandScreen
from ..commands import Command, create_command, person_wip_command, wip_command
from .state import BoardRead
from .view import BoardView


class CardActions(CommandScreen[BoardRead], BoardView):
    """The card and column keys of the Board and the Sprint screen."""

    NEW_CARD_SPRINT: ClassVar[str | None] = None
    """The sprint new cards join (``"active"`` on the Sprint screen); None: the backlog."""
    RANK_SCOPE: ClassVar[str] = "column"
    """Among which cards J/K/T/B rank (a ``card_rank.rank_card`` scope)."""

    def _apply(self, card: Card, *, follow: bool = True) -> None:
        """Put a card into the board and repaint its columns; ``follow``: the
        cursor goes to the card (else it stays where the person has put it)."""
        assert self.state is not None
        had_card = self._current() is not None
        old, new = self.state.put(card)
        self._refresh_columns({old, new}, select=card.key if follow else None)
        if follow:
            view = next((v for v in self._views() if v.column.id == new), None)
            if view is not None and view.cards.index_of(card.key) is not None:
                self._activate(view)
            elif view is not None:
                self.bring_into_view(card)
        if (self._current() is not None) != had_card:
            # The card keys apply only with a card under the cursor (``applies``);
            # asking every binding again on each move cost a footer pass.
            self.refresh_bindings()

    def saved_in_place(self, card: Card) -> None:
        """A drawn move was saved: ``card`` took its copy's place, unrepainted.
        For what the screen shows beside the columns (the Sprint header)."""

    def _people(self) -> list[str]:
        known = self.state.assignees() if self.state else []
        return people.roster([*known, self.ctx.actor])

    @on(CardList.Opened)
    def _opened(self, _: CardList.Opened) -> None:
        self.action_read_card()

    # -- create and edit -----------------------------------------------------------
    def selected_card(self) -> Card | None:
        return self._current()

    def action_new_card(self) -> None:
        view = self._focused_view() or next(iter(self._views()), None)
        if view is None or self.state is None or not self.commands.writable():
            return
        column = view.column.name
        ctx, board, sprint = self.ctx, self.board_key, self.NEW_CARD_SPRINT
        self.new_card(
            column,
            lambda values: create_command(ctx, board, values, column, column=column, sprint=sprint),
        )

    # -- flow ------------------------------------------------------------------------
    def action_move_card(self, step: int) -> None:
        card = self._current()
        if card is None or self.state is None:
            return
        index = self.state.column_index(card.column_id) + step
        columns = self.state.columns
        target = columns[index] if 0 <= index < len(columns) else None
        full = False
        if target is not None:
            column = self.state.column(target.id)
            full = column.wip_limit is not None and column.count >= column.wip_limit
        # Drawn at once and taken back if the database refuses it; into a full
        # column it is not drawn: the override question comes first.
        drawn = target is not None and not full
        ctx = self.ctx
        self.commands.run(
            Command(
                "move",
                lambda why, version: cards.step_card(
                    ctx,
                    card.key,
                    step,
                    force=why is not None,
                    reason=why,
                    expected_version=version,
                ),
                card,
                offer=Content.assemble(
                    "Move ",
                    (card.key, "bold"),
                    " into ",
                    literal(target.name if target else "", "bold"),
                    " anyway?",
                ),
                extra=drawn,
            ),
            drawn=drawn,
        )
        if drawn and target is not None:
            self._apply(replace(card, column_id=target.id, column=target.name))

    def action_rank(self, move: str) -> None:
        card = self._current()
        if card is None or self.state is None:
            return
        self.commands.rank(card, self.state.rank_siblings(card), move, self.RANK_SCOPE)

    # -- the rest ---------------------------------------------------------------------
    def action_card_history(self) -> None:
        card = self._current()
        if card is not None:
            from ...dialogs.card_history import HistoryDialog

            self.app.push_screen(HistoryDialog(self.ctx, card.board_key, card.key))

    def action_open_archive(self) -> None:
        self.app.switch_mode("archive")

    def action_set_wip(self) -> None:
        view = self._focused_view() or next(iter(self._views()), None)
        if view is None or self.state is None:
            return
        column = self.state.column(view.column.id)
        ctx, board = self.ctx, self.board_key

        def answered(choice: WipChoice | None) -> None:
            if choice is not None:
                self.commands.run(wip_command(ctx, board, column.name, choice.limit))

        self.app.push_screen(WipLimitDialog(column), answered)

    def action_set_person_wip(self) -> None:
        """Spec WIP rule 6: the board's per-person limit, from the palette."""
        current = self.state.board.person_wip_limit if self.state else None

        def answered(choice: WipChoice | None) -> None:
            if choice is not None:
                self.commands.run(person_wip_command(self.ctx, self.board_key, choice.limit))

        self.app.push_screen(PersonWipDialog(current), answered)

    # -- what came back -----------------------------------------------------------------
    @on(CardCommands.Done)
    def _done(self, message: CardCommands.Done) -> None:
        command, result = message.command, message.result
        if self.state is None:
            return
        kind = command.kind
        if kind == "create":
            self._apply(result)
        elif kind == "move":
            # Drawn already (``extra``): the saved card only takes its copy's
            # place, with nothing to repaint; the cursor may have gone on
            # meanwhile, so it is left where it is.
            if command.extra and self.state.swap(result):
                self.saved_in_place(result)
            else:
                self._apply(result, follow=not command.extra)
            if command.reason is not None:
                self.notify(
                    f"{result.key} moved to {result.column} over its WIP limit; "
                    "the breach is logged.",
                    severity="warning",
                    markup=False,
                )
        elif kind == "rank" and command.extra and not self.commands.pending:
            self.reload(select=result.key)  # every rank may have changed
        elif kind in ("delete", "archive"):
            column_id = self.state.remove(command.card or result)
            self._refresh_columns({column_id})
            self.refresh_bindings()
        elif kind == "undo":
            # A rank or sprint change moves more than one row: read it all again.
            self.reload(select=result.card.key)
            self.kanban.mark_views_stale()
        elif kind == "archive_done":
            self.reload()
        elif kind == "wip" and isinstance(result, Column):
            self.state.set_column(result)
            self._refresh_columns({result.id})
        elif isinstance(result, Card):
            self._apply(result, follow=kind == "rank")

    @on(CardCommands.Refused)
    def _refused(self, message: CardCommands.Refused) -> None:
        command = message.command
        if command.kind == "move" and command.card is not None and self.state is not None:
            self._apply(command.card)  # take the drawn move back
