"""The Board screen (1): every card of the board by column, WIP counts in the headers.

What it shows and how it loads is :class:`~.view.BoardView`; what its keys do
is :mod:`.actions` and what others change arrives through :mod:`.live`. Here:
the keys themselves, what they apply to, and the palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

from ..archive_done import TITLE as ARCHIVE_DONE
from ..archive_done import archive_done
from ..card_palette import card_entries
from ..forecast import FORECAST_KEY, FORECAST_NOTE, WORKING_DAYS, ask_working_days, forecast_column
from ..forecast import PALETTE as FORECAST_PALETTE
from ..keys import (
    ARCHIVE_KEY,
    ARCHIVE_VIEW_KEY,
    CARD_FILTER,
    CARD_KEYS,
    DELETE_KEY,
    FILTER_NOTE,
    NEW_CARD_KEY,
    OPEN_KEY,
    UNDO_PALETTE,
    WIP_KEY,
    clear_filter_key,
    filter_key,
    nav_keys,
    reload_key,
)
from .cards import CardActions
from .live import LivePatch
from .paging import Paging

MOVE = Binding.Group("Move")


class BoardScreen(LivePatch, Paging, CardActions):
    """Columns side by side; the focused card list is where card keys act.

    The Sprint screen is a Board with other cards: see :class:`~.view.BoardView`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        NEW_CARD_KEY,
        OPEN_KEY,
        Binding("e", "edit_card", "Edit", id="card.edit", tooltip="Edit the selected card"),
        Binding(
            "H,shift+left",
            "move_card(-1)",
            "Move to previous column",
            key_display="H",
            group=MOVE,
            id="card.move_left",
        ),
        Binding(
            "L,shift+right",
            "move_card(1)",
            "Move to next column",
            key_display="L",
            group=MOVE,
            id="card.move_right",
        ),
        *CARD_KEYS,
        Binding(
            "i",
            "card_history",
            "History",
            show=False,
            id="card.history",
            tooltip="Everything that happened to the card: who, when, what",
        ),
        ARCHIVE_KEY,
        DELETE_KEY,
        ARCHIVE_VIEW_KEY,
        WIP_KEY,
        FORECAST_KEY,
        filter_key("board", CARD_FILTER),
        clear_filter_key("board"),
        *nav_keys("focus_column", "column"),
        reload_key("board", "Read the board from the database again"),
        Binding(
            "S",
            "board_settings",
            "Settings",
            show=False,
            id="board.settings",
            tooltip="Board settings: add, rename, move, delete columns; rename or delete the board",
        ),
        Binding(
            "z",
            "toggle_compact",
            "Compact",
            show=False,
            id="board.compact",
            tooltip="Compact (two-line) or full cards, at any size; remembered",
        ),
    ]
    HELP_NOTES: ClassVar[tuple[str, ...]] = (
        FILTER_NOTE,
        "Cards: ⇈ urgent  ↑ high  = medium  ↓ low priority; the number is points; "
        "⊘ blocked (red edge); ⚠ linked to a risk; your cards' @name is highlighted; "
        "due 5 Dec in the warning colour within 2 days, overdue 3 Dec in the error colour.",
        "Mouse: click a card to select it, double-click to open it; "
        "hover a blocked card to read why it is blocked.",
        FORECAST_NOTE,
    )

    # -- bindings and palette ----------------------------------------------------
    CARD_ACTIONS = frozenset(
        {
            "read_card",
            "edit_card",
            "move_card",
            "rank",
            "assign",
            "block",
            "archive_card",
            "delete_card",
            "card_history",
        }
    )
    WRITES = (CARD_ACTIONS - {"read_card", "card_history"}) | {"new_card", "set_wip", "undo"}

    def applies(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.CARD_ACTIONS:
            return None if self._current() is None else True
        if action in ("new_card", "set_wip"):
            return None if self.state is None else True
        return super().applies(action, parameters)

    def action_board_settings(self, then: str | None = None) -> None:
        """The settings screen (S), on the focused column; ``then``: one of its
        actions to run once it shows (the palette's column entries)."""
        from .settings import BoardSettings

        view = self._focused_view()
        column = view.column.name if view is not None else None
        self.app.push_screen(BoardSettings(self.reload, then, column))

    def action_forecast(self) -> None:
        """``W``: when the focused column's cards (or a label's) will be done."""
        view = self._focused_view()
        if view is not None:
            forecast_column(self, self.ctx, self.board_key, view.column.name)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "New card", "Add a card to the focused column (n)", self.action_new_card
        )
        yield SystemCommand(*FORECAST_PALETTE, self.action_forecast)
        yield SystemCommand(
            *WORKING_DAYS,
            lambda: ask_working_days(self, self.commands, self.ctx, self.board_key),
        )
        yield from card_entries(self, self._current)
        yield SystemCommand(
            "Restore archived card",
            "Open the Archive view, where r restores the selected card (A)",
            self.action_open_archive,
        )
        yield SystemCommand(*UNDO_PALETTE, self.action_undo)
        yield SystemCommand(
            "Filter cards", "Narrow the board by text, @assignee or #label (/)", self.action_filter
        )
        yield SystemCommand("Clear filter", "Show every card again (esc)", self.action_clear_filter)
        yield SystemCommand(
            "Set WIP limit", "Set or clear the focused column's WIP limit (w)", self.action_set_wip
        )
        yield SystemCommand(
            "Set per-person WIP limit",
            "At most N cards in progress per assignee on this board",
            self.action_set_person_wip,
        )
        yield SystemCommand(
            ARCHIVE_DONE,
            "Asks first with the count; the Archive view (A) restores them",
            lambda: archive_done(self.commands, self.board_key),
        )
        yield SystemCommand(
            "Compact or full cards",
            "Two-line cards or four-line ones, remembered (z)",
            self.action_toggle_compact,
        )
        yield SystemCommand(
            "Reload board", "Read the board from the database again (ctrl+r)", self.reload
        )
