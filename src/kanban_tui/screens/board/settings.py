"""Board settings (``S`` on the Board): the board's columns with their
category, WIP limit and cards, and the keys that set a board up: add,
rename, move, delete a column, its category and limit; new, rename and
delete a board.

Every write is a :class:`~..commands.Command` run by the screen's own
:class:`~..card_commands.CardCommands` (a worker; a WIP refusal offers the
override; a refused dialog comes back with what was typed). After a change
the screen reads the board again and tells the views to (``on_change``,
``mark_views_stale``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from ...domain.errors import KanbanError
from ...domain.model import Column
from ...formatting import plural
from ...services import boards
from ...widgets.footer import QuietFooter
from ...widgets.text import literal, one_line
from ...widgets.top_bar import TopBar
from ..base import read_only_sentence
from ..card_commands import CardCommands
from .settings_actions import Settings, SettingsActions

COLUMN = Binding.Group("Column")

HINT = "a add · r rename · H/L move · x delete · t category · w WIP · ? all keys"
"""The column keys, one line at 80 columns (the board's own keys are in ? help)."""


class BoardSettings(SettingsActions):
    """The open board's columns and the keys that change them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="settings.close", tooltip="Back to the board"),
        Binding("j", "cursor(1)", "Next column", show=False, id="settings.nav.down"),
        Binding("k", "cursor(-1)", "Previous column", show=False, id="settings.nav.up"),
        Binding("a", "add_column", "Add", id="settings.column.add", tooltip="Add a column"),
        Binding(
            "r", "rename_column", "Rename", id="settings.column.rename", tooltip="Rename the column"
        ),
        Binding(
            "H,shift+left",
            "move_column('left')",
            "Move left",
            key_display="H",
            group=COLUMN,
            show=False,
            id="settings.column.move_left",
        ),
        Binding(
            "L,shift+right",
            "move_column('right')",
            "Move right",
            key_display="L",
            group=COLUMN,
            show=False,
            id="settings.column.move_right",
        ),
        Binding(
            "x,delete",
            "delete_column",
            "Delete",
            key_display="x",
            id="settings.column.delete",
            tooltip="Delete the column (asks where its cards go)",
        ),
        Binding(
            "t",
            "set_category",
            "Category",
            show=False,
            id="settings.column.category",
            tooltip="Set the column's category: todo, in_progress or done",
        ),
        Binding(
            "w", "set_wip", "WIP", show=False, id="settings.column.wip", tooltip="Set the WIP limit"
        ),
        Binding(
            "R",
            "rename_board",
            "Rename board",
            show=False,
            id="settings.board.rename",
            tooltip="Rename the board",
        ),
        Binding(
            "X",
            "delete_board",
            "Delete board",
            show=False,
            id="settings.board.delete",
            tooltip="Delete the board (only an empty one)",
        ),
        Binding(
            "N",
            "new_board",
            "New board",
            show=False,
            id="settings.board.new",
            tooltip="Create a board",
        ),
    ]
    WRITES: ClassVar[frozenset[str]] = frozenset(
        {
            "add_column",
            "rename_column",
            "move_column",
            "delete_column",
            "set_category",
            "set_wip",
            "rename_board",
            "delete_board",
            "new_board",
        }
    )

    class _Loaded(Message):
        def __init__(self, data: Settings | None, error: str, select: str | None) -> None:
            super().__init__()
            self.data = data
            self.error = error
            self.select = select

    def __init__(
        self,
        on_change: Callable[[], object] | None = None,
        then: str | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(id="board-settings")
        self.on_change = on_change
        self.then = then
        """An action to run once the screen is shown (``new_board`` from the palette)."""
        self.opened_for: str | None = None
        """The action the screen was opened for: cancelling its dialog goes back."""
        self.column = column
        """The column selected first (the Board's focused one), which ``then`` acts on."""
        self.data: Settings | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("Settings", id="topbar")
        yield Static("", id="settings-board")
        yield DataTable[Text](id="settings-columns", cursor_type="row", zebra_stripes=False)
        yield Static(
            # One line at 80 columns; the board keys (R, X, N) are in ? help.
            Content(HINT),
            id="settings-hint",
        )
        yield CardCommands()
        yield QuietFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("#"), width=2, key="position")
        table.add_column(Text("Column"), width=24, key="name")
        table.add_column(Text("Category"), width=12, key="category")
        table.add_column(Text("WIP"), width=5, key="wip")
        table.add_column(Text("Cards"), width=6, key="cards")
        for top in self.query(TopBar):
            top.read_only = self.kanban.ctx.db.read_only
        self.reload(self.column)
        table.focus()

    # -- reading ---------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Read the board and its columns again, in a worker."""
        self._read(self.kanban.board_key, select)

    def refresh_data(self, changes: object = None) -> None:
        """Others changed the file (live updates): read the board again."""
        self.reload()

    @work(thread=True, exclusive=True, group="settings-load")
    def _read(self, key: str, select: str | None) -> None:
        ctx = self.kanban.ctx
        try:
            found = boards.list_boards(ctx)
            board = next((b for b in found if b.key == key), None)
            if board is None:
                raise KanbanError(f"No board {key!r}.")
            data = Settings(board, boards.columns(ctx, key), found)
        except KanbanError as error:
            self.post_message(self._Loaded(None, error.message, select))
            return
        self.post_message(self._Loaded(data, "", select))

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        if message.data is None:
            self.notify(message.error, severity="error", markup=False)
            return
        self.data = data = message.data
        for top in self.query(TopBar):
            top.update(key=data.board.key, name=data.board.name, status="")
        person = data.board.person_wip_limit
        self.query_one("#settings-board", Static).update(
            Content.assemble(
                ("Board ", "$text-muted"),
                (data.board.key, "bold"),
                " ",
                literal(f"“{data.board.name}”"),
                ("  ·  ", "$text-muted"),
                plural(len(data.columns), "column"),
                ("  ·  per-person WIP ", "$text-muted"),
                "none" if person is None else str(person),
            )
        )
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for index, column in enumerate(data.columns):
            limit = "" if column.wip_limit is None else str(column.wip_limit)
            table.add_row(
                Text(str(index + 1)),
                Text(one_line(column.name)),
                Text(column.category.value),
                Text(limit),
                Text(str(column.count), style="bold red" if column.over_limit else ""),
                key=str(column.id),
            )
        names = [column.name for column in data.columns]
        if message.select in names:
            row = names.index(message.select or "")
        if data.columns:
            table.move_cursor(row=min(max(row, 0), len(data.columns) - 1))
        self.refresh_bindings()
        if self.then is not None:
            action, self.then = self.then, None
            self.opened_for = action
            self.call_after_refresh(self._run_then, action)

    # -- what applies -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WRITES and self.kanban.ctx.db.read_only:
            return False
        if action in ("rename_column", "move_column", "delete_column", "set_category", "set_wip"):
            return None if self._column() is None else True
        if action in ("rename_board", "delete_board", "add_column"):
            return None if self.data is None else True
        return True

    def on_key(self, event: Any) -> None:
        keys = {"a", "r", "H", "L", "x", "t", "w", "R", "X", "N"}
        if self.kanban.ctx.db.read_only and event.character in keys:
            event.stop()
            self.notify(read_only_sentence(self.kanban.ctx), markup=False)

    def action_board_settings(self, then: str | None = None) -> None:
        """Asked for from the palette while shown: run ``then`` here."""
        if then is not None:
            self.call_later(self._run_then, then)

    async def _run_then(self, action: str) -> None:
        """A palette entry's action; on a read-only file a write says why instead."""
        if self.kanban.ctx.db.read_only and action.split("(")[0] in self.WRITES:
            self.notify(read_only_sentence(self.kanban.ctx), markup=False)
            return
        await self.run_action(action)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.move_cursor(row=min(max(table.cursor_row + step, 0), table.row_count - 1))

    def action_close(self) -> None:
        self.dismiss(None)

    def cancelled(self, action: str) -> None:
        """Opened for ``action`` (the switcher's n, the palette) and its dialog
        was cancelled: back where the person was."""
        if action != self.opened_for:
            return
        self.opened_for = None
        self.dismiss(None)
        self.kanban.settings_left()

    # -- what came back ---------------------------------------------------------------------
    @on(CardCommands.Done)
    def _done(self, message: CardCommands.Done) -> None:
        kind, result = message.command.kind, message.result
        self.opened_for = None
        if kind == "new_board":
            self.kanban.open_board(result.key)
            self.reload()
        elif kind == "delete_board":
            others = [b.key for b in (self.data.boards if self.data else []) if b.key != result.key]
            if others:
                self.kanban.open_board(others[0])
            self.dismiss(None)
        else:
            select = result.name if isinstance(result, Column) else None
            if kind == "delete_column":
                select = None
            self.reload(select)
        self.kanban.mark_views_stale()
        if self.on_change is not None:
            self.on_change()
