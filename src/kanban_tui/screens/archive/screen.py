"""The Archive view (``A`` from the Board, Sprint or Backlog; palette "Archive").

The board's archived cards, most recently archived first: key, title, the
column each goes back to, when it was archived and by whom. ``/`` filters
them; ``r`` (or enter) restores the selected card through the screen's
:class:`~..card_commands.CardCommands` (a full column offers the override, as
a move does); ``D`` deletes it for good, asked first; ``ctrl+z`` takes back
the person's last action (a restore made here, say) and reads the view again.
``esc`` clears the filter if one is shown, else goes back to the view the
person came from. With nothing to show, the body says so in a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from ...domain.model import Board
from ...services import archive, boards
from ...services.archive import ArchivedCard
from ...widgets.archive_table import ArchiveTable
from ...widgets.filter_bar import FilterBar
from ...widgets.footer import QuietFooter
from ...widgets.top_bar import TopBar
from ..archive_done import TITLE as ARCHIVE_DONE
from ..archive_done import archive_done
from ..card_commands import CardCommands
from ..keys import DELETE_KEY, UNDO_KEY, clear_filter_key, filter_key, reload_key
from ..table_screen import TableScreen
from ..undo_anywhere import undo_palette
from .state import ArchiveFilter


@dataclass(frozen=True)
class ArchiveRead:
    board: Board
    cards: list[ArchivedCard]


class ArchiveScreen(TableScreen[ArchiveRead]):
    """Archived cards, to find, restore or delete for good."""

    AUTO_FOCUS = "ArchiveTable"
    VIEW = "Archive"
    LOAD_FAILED = "Archive"
    # Cards archived on the other views of this process: read on each visit.
    RELOAD_ON_RESUME = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r,enter",
            "restore",
            "Restore",
            key_display="r",
            id="archive.restore",
            tooltip="Restore the card to its column (WIP limits apply)",
        ),
        replace(DELETE_KEY, show=True, tooltip="Delete the card for good (asks first)"),
        filter_key("archive", "Filter as you type: words, @person, #label"),
        # esc: the filter first (shown only while there is one), else back.
        clear_filter_key("archive"),
        Binding(
            "escape",
            "back",
            "Back",
            id="archive.back",
            tooltip="Back to the view you came from (Board, Sprint or Backlog)",
        ),
        reload_key("archive", "Read the archived cards again"),
        UNDO_KEY,
    ]
    HELP_NOTES = (
        "Archived cards keep their history, points and sprint record; reports still "
        "count them. r restores a card to the column it left, under its WIP limit.",
        "Filter: words match key, title or column; @name the assignee or who "
        "archived it (@me: you); #label a label.",
        "d on the Board, Sprint or Backlog archives a card; the palette's "
        f"“{ARCHIVE_DONE}” archives finished cards in one step.",
    )
    WRITES = frozenset({"restore", "delete_card", "archive_done", "undo"})
    EMPTY = "No archived cards. d on a card archives it; A comes here."
    NO_MATCH = "No archived card matches the filter; esc clears it."

    def __init__(self) -> None:
        super().__init__(id="archive")
        self.board: Board | None = None
        self.cards: list[ArchivedCard] = []
        self.filter = ArchiveFilter()

    @property
    def table(self) -> ArchiveTable:
        return self.query_one(ArchiveTable)

    def compose(self) -> ComposeResult:
        yield TopBar(self.VIEW, id="topbar")
        yield FilterBar("Filter: words @person #label   (enter keeps, esc clears)")
        yield ArchiveTable(id="archived")
        yield Static(self.EMPTY, id="archive-empty", markup=False)
        yield QuietFooter()
        yield from super().compose()  # CommandScreen's CardCommands

    # -- loading -------------------------------------------------------------------
    def read(self, key: str) -> ArchiveRead:
        board = boards.resolve_board(self.ctx, key)
        return ArchiveRead(board, archive.archived_cards(self.ctx, board.key))

    async def show(self, data: ArchiveRead) -> None:
        self.board = data.board
        self.cards = data.cards
        self.query_one(TopBar).update(name=data.board.name)
        self._show()

    def board_changed(self) -> None:
        self.board = None
        self.cards = []
        self.filter = ArchiveFilter(me=self.ctx.actor)
        self._show()

    # -- showing -------------------------------------------------------------------
    def _shown(self) -> list[ArchivedCard]:
        if not self.filter.active:
            return self.cards
        return [item for item in self.cards if self.filter.matches(item)]

    def _show(self) -> None:
        shown = self._shown()
        self.table.show(shown, now=self.ctx.clock().astimezone(), me=self.ctx.actor)
        total = len(self.cards)
        if not shown and self.table.has_focus:
            # The table hides: its keys stay the screen's (? q esc), where
            # Textual would hand the focus to the filter field to type into.
            self.set_focus(None)
        self.set_class(not shown, "-empty")
        if shown and self.focused is None:
            self.focus_list()
        self.query_one("#archive-empty", Static).update(
            self.NO_MATCH if self.filter.active else self.EMPTY
        )
        if self.filter.active:
            self.set_status(f"filter: {len(shown)} of {total} archived")
        elif total == 0:
            self.set_status("no archived cards")
        else:
            self.set_status(f"{total} archived card{'' if total == 1 else 's'}")
        self.refresh_bindings()

    def filter_changed(self, text: str) -> None:
        self.filter = ArchiveFilter(text, self.ctx.actor)
        if self.loaded_once:
            self._show()

    # -- actions ---------------------------------------------------------------------
    def action_restore(self) -> None:
        item = self.table.current
        if item is not None and self.commands.writable():
            self.commands.restore(item.card)

    def action_delete_card(self) -> None:
        item = self.table.current
        if item is not None and self.commands.writable():
            self.commands.delete(item.card)

    def action_archive_done(self) -> None:
        archive_done(self.commands, self.board_key)

    def action_back(self) -> None:
        """esc with no filter: back to the view the person came from."""
        view = self.kanban.last_view
        self.app.switch_mode(view if view != "archive" else "board")

    @on(DataTable.RowSelected)
    def _selected(self, _: DataTable.RowSelected) -> None:
        if self.ctx.db.read_only:
            self.say_read_only()
        else:
            self.action_restore()

    @on(CardCommands.Done)
    def _done(self, message: CardCommands.Done) -> None:
        kind = message.command.kind
        card = message.command.card
        if kind in ("restore", "delete") and card is not None:
            self.cards = [item for item in self.cards if item.card.id != card.id]
            self._show()
        elif kind == "archive_done":
            self.reload()

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("restore", "delete_card"):
            current = self.table.current if self.is_mounted else None
            return None if current is None else True
        if action == "back":
            return not self.filter_engaged()
        return super().applies(action, parameters)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield undo_palette(self)
        yield SystemCommand(
            "Restore card", "Put the selected card back in its column (r)", self.action_restore
        )
        yield SystemCommand(
            "Filter archive",
            "Narrow the archive by words, @person or #label (/)",
            self.action_filter,
        )
        yield SystemCommand(
            "Clear filter", "Show every archived card (esc)", self.action_clear_filter
        )
        yield SystemCommand(
            ARCHIVE_DONE,
            "Asks first with the count; they appear here",
            self.action_archive_done,
        )
        yield SystemCommand("Reload archive", "Read the archived cards again (ctrl+r)", self.reload)
