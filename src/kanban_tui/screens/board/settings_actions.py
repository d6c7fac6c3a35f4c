"""The keys of Board settings: add, rename, move, delete a column, its
category and WIP limit; new, rename and delete a board.

Each asks what it needs in a dialog, then hands a
:class:`~..commands.Command` (:mod:`.admin_commands`) to the screen's
``CardCommands``; a refused dialog comes back with what was typed and the
sentence (``again``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable

from ...dialogs.board_forms import (
    NewBoard,
    NewBoardDialog,
    NewColumn,
    NewColumnDialog,
    PickDialog,
    category_choices,
)
from ...dialogs.confirm import ConfirmDialog, NoticeDialog
from ...dialogs.risk_prompts import PromptDialog
from ...dialogs.wip import WipChoice, WipLimitDialog
from ...domain import boards as board_rules
from ...domain import validation
from ...domain.boards import ColumnHoldsCards
from ...domain.errors import ColumnNotFound, KanbanError, KeyTaken, NotFound, Unchanged
from ...domain.model import Board, Category, Column
from ...formatting import plural
from ...widgets.text import literal
from ..base import OnHost
from ..card_commands import CardCommands, refusal
from ..commands import Command, wip_command
from . import admin_commands as admin


@dataclass(frozen=True)
class Settings:
    """What the settings screen read: the board, its columns, every board."""

    board: Board
    columns: list[Column]
    boards: list[Board]


class SettingsActions(Screen[None], OnHost):
    """The settings keys; :class:`~.settings.BoardSettings` reads and shows."""

    data: Settings | None = None

    @property
    def commands(self) -> CardCommands:
        return self.query_one(CardCommands)

    def _column(self) -> Column | None:
        if self.data is None or not self.data.columns:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.data.columns[row] if 0 <= row < len(self.data.columns) else None

    def cancelled(self, action: str) -> None:
        """A board dialog was cancelled (the screen goes back if it was opened for it)."""

    def _run(self, command: Command) -> None:
        if self.commands.writable():
            self.commands.run(command)

    # -- a dialog stays on what it was opened on ----------------------------------------
    def _gone(self, what: Content, error: KanbanError) -> None:
        """What a dialog was opened on is gone (deleted or renamed meanwhile):
        say so, offer only Close, and show the board as it is now."""
        self.reload()
        self.app.push_screen(
            NoticeDialog(
                Content.assemble(what, " is gone"),
                Content.assemble(literal(error.message), "\nNothing was changed."),
            )
        )

    def _column_again(
        self, column: Column, reopen: Callable[[KanbanError], object] | None = None
    ) -> Callable[[KanbanError], object]:
        """A refused column write: gone → the notice; else the dialog again
        (``reopen``) or the sentence."""

        def again(error: KanbanError) -> None:
            if isinstance(error, ColumnNotFound) and _same(error.name, column.name):
                self._gone(Content.assemble("The column ", literal(column.name, "bold")), error)
            elif reopen is not None:
                reopen(error)
            else:
                same = isinstance(error, Unchanged)
                self.notify(
                    error.message, severity="information" if same else "error", markup=False
                )

        return again

    def _board_again(
        self, key: str, reopen: Callable[[KanbanError], object] | None = None
    ) -> Callable[[KanbanError], object]:
        def again(error: KanbanError) -> None:
            if isinstance(error, NotFound) and not isinstance(error, ColumnNotFound):
                self._gone(Content.assemble("The board ", (key, "bold")), error)
            elif reopen is not None:
                reopen(error)
            else:
                self.notify(error.message, severity="error", markup=False)

        return again

    def reload(self, select: str | None = None) -> None:
        """Read the board again (the screen does)."""

    # -- columns ------------------------------------------------------------------------
    def action_add_column(self, typed: NewColumn | None = None, note: str = "") -> None:
        if self.data is None:
            return
        ctx, key = self.kanban.ctx, self.data.board.key

        def answered(values: NewColumn | None) -> None:
            if values is not None:
                command = admin.add_column_command(ctx, key, values)
                command.again = lambda error: self.action_add_column(values, error.message)
                self._run(command)

        self.app.push_screen(NewColumnDialog(key, typed, note), answered)

    def action_rename_column(
        self, value: str = "", note: str = "", column: Column | None = None
    ) -> None:
        column = column or self._column()
        if column is None or self.data is None:
            return
        ctx, key, opened = self.kanban.ctx, self.data.board.key, column

        def answered(name: str | None) -> None:
            if name is not None:
                command = admin.rename_column_command(ctx, key, opened, name)
                command.again = self._column_again(
                    opened, lambda error: self.action_rename_column(name, error.message, opened)
                )
                self._run(command)

        self.app.push_screen(
            PromptDialog(
                Content.assemble("Rename the column ", literal(column.name, "bold")),
                Content("Its cards, WIP limit and category stay."),
                refusal(validation.column_name),
                value=value or column.name,
                confirm="Rename",
                note=note,
            ),
            answered,
        )

    def action_move_column(self, where: str) -> None:
        column = self._column()
        if column is not None and self.data is not None:
            command = admin.move_column_command(self.kanban.ctx, self.data.board.key, column, where)
            command.again = self._column_again(column)
            self._run(command)

    def action_set_category(self) -> None:
        column = self._column()
        if column is None or self.data is None:
            return
        ctx, key, opened = self.kanban.ctx, self.data.board.key, column

        def answered(picked: str | None) -> None:
            if picked and picked != opened.category.value:
                command = admin.category_command(ctx, key, opened, Category(picked))
                command.again = self._column_again(opened)
                self._run(command)

        self.app.push_screen(
            PickDialog(
                Content.assemble("Category of ", literal(column.name, "bold")),
                Content("What its cards count as in WIP, burndown and cycle time."),
                category_choices(column.category),
                column.category.value,
            ),
            answered,
        )

    def action_set_wip(self) -> None:
        column = self._column()
        if column is None or self.data is None:
            return
        ctx, key, opened = self.kanban.ctx, self.data.board.key, column

        def answered(choice: WipChoice | None) -> None:
            if choice is not None:
                command = wip_command(ctx, key, opened.name, choice.limit)
                command.again = self._column_again(opened)
                self._run(command)

        self.app.push_screen(WipLimitDialog(column), answered)

    def action_delete_column(self, note: str = "", column: Column | None = None) -> None:
        column = column or self._column()
        if column is None or self.data is None:
            return
        ctx, key, opened = self.kanban.ctx, self.data.board.key, column
        layout = [(other.name, other.category) for other in self.data.columns]
        try:  # the last todo or done column is refused before any question
            board_rules.check_removal(layout, column.name)
        except KanbanError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        others = [other for other in self.data.columns if other.id != column.id]

        def run(target: Column | None) -> None:
            command = admin.delete_column_command(ctx, key, opened, target)
            # Archived cards stand in it too: then it asks where they go.
            command.again = self._column_again(
                opened,
                lambda error: (
                    self.action_delete_column(error.message, opened)
                    if isinstance(error, ColumnHoldsCards)
                    else self.notify(error.message, severity="error", markup=False)
                ),
            )
            self._run(command)

        if column.count == 0 and not note:

            def confirmed(yes: bool | None) -> None:
                if yes:
                    run(None)

            question = Content.assemble("Delete the column ", literal(column.name, "bold"), "?")
            self.app.push_screen(
                ConfirmDialog("Delete column", question, confirm="Delete", danger=True), confirmed
            )
            return

        def picked(target_id: str | None) -> None:
            target = next((other for other in others if str(other.id) == target_id), None)
            if target is not None:
                run(target)

        body = note or f"{column.name} holds {plural(column.count, 'card')}."
        self.app.push_screen(
            PickDialog(
                Content.assemble("Delete the column ", literal(column.name, "bold")),
                Content.assemble(literal(body), "\nWhere do its cards go?"),
                [(str(other.id), _target_label(other)) for other in others],
            ),
            picked,
        )

    # -- boards ---------------------------------------------------------------------------
    def action_new_board(
        self, typed: NewBoard | None = None, note: KanbanError | None = None
    ) -> None:
        ctx = self.kanban.ctx

        def answered(values: NewBoard | None) -> None:
            if values is None:
                self.cancelled("new_board")
            else:
                command = admin.new_board_command(ctx, values)
                command.again = lambda error: self.action_new_board(values, error)
                self._run(command)

        key_note = note.message if isinstance(note, KeyTaken) else ""
        said = "" if note is None or key_note else note.message
        self.app.push_screen(NewBoardDialog(typed, said, key_note=key_note), answered)

    def action_rename_board(self, value: str = "", note: str = "") -> None:
        if self.data is None:
            return
        ctx, board = self.kanban.ctx, self.data.board

        def answered(name: str | None) -> None:
            if name is None:
                self.cancelled("rename_board")
            else:
                command = admin.rename_board_command(ctx, board.key, name)
                command.again = self._board_again(
                    board.key, lambda error: self.action_rename_board(name, error.message)
                )
                self._run(command)

        self.app.push_screen(
            PromptDialog(
                Content.assemble("Rename the board ", (board.key, "bold")),
                Content("Its key, and its cards' keys, stay."),
                refusal(validation.board_name),
                value=value or board.name,
                confirm="Rename",
                note=note,
            ),
            answered,
        )

    def action_delete_board(self) -> None:
        if self.data is None:
            return
        board = self.data.board
        if len(self.data.boards) < 2:
            self.notify(
                f"{board.key} is the only board: create another one first (N), "
                "then delete this one.",
                severity="warning",
                markup=False,
            )
            return
        ctx = self.kanban.ctx

        def confirmed(yes: bool | None) -> None:
            if not yes:
                self.cancelled("delete_board")
            else:
                command = admin.delete_board_command(ctx, board.key)
                command.again = self._board_again(board.key)
                self._run(command)

        question = Content.assemble(
            "Delete the board ",
            (board.key, "bold"),
            " ",
            literal(f"“{board.name}”"),
            "?\n",
            ("Its columns, sprints and log go with it.", "$text-muted"),
        )
        # A board with cards or risks is refused now, before the question
        # (as the last done column is), not after a yes.
        check = admin.check_board_deletable_command(ctx, board.key)
        check.again = self._board_again(board.key)
        check.then = lambda _: self.app.push_screen(
            ConfirmDialog("Delete board", question, confirm="Delete", danger=True), confirmed
        )
        self._run(check)


def _same(asked: str, name: str) -> bool:
    return asked.strip().casefold() == name.casefold()


def _target_label(column: Column) -> Content:
    full = column.wip_limit is not None and column.count >= column.wip_limit
    count = f"{column.count}" if column.wip_limit is None else f"{column.count}/{column.wip_limit}"
    return Content.assemble(
        literal(column.name, "bold"),
        (f"  {count}", "$text-muted"),
        ("  full: asks to override" if full else "", "$text-warning"),
    )
