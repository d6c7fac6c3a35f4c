"""Switching boards: a modal list (ctrl+b) and command palette entries.

The dialogs open over a view belong to its board: when another board opens
they close (:func:`close_board_dialogs`), and one holding typing asks
"Discard changes to WEB-12?" before the switch (:func:`open_board_asking`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.model import Board
from ..widgets.text import one_line
from .base import Dialog
from .confirm import discard_dialog


def board_label(board: Board, current: str) -> Content:
    mark = "● " if board.key == current else "  "
    return Content.assemble(
        (mark, "$text-accent"), (board.key, "bold"), "  ", Content(one_line(board.name))
    )


def _unsaved(app: App[Any]) -> str | None:
    """What an open dialog's typing would lose (the topmost's name), or None."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, Dialog):
            name = screen.unsaved()
            if name is not None:
                return name
    return None


def close_board_dialogs(app: App[Any], *, discard: bool = False) -> None:
    """Close the dialogs on top of the view (a card, its editor, its history):
    they belong to the board that was open. One holding typing stays, unless
    ``discard`` (the person said so)."""
    while len(app.screen_stack) > 1:
        top = app.screen
        if not isinstance(top, Dialog) or (not discard and top.unsaved() is not None):
            return
        top.dismiss(None)  # pops it at once; its callback hears "cancelled"


def open_board_asking(app: App[Any], key: str) -> None:
    """Open board ``key`` (``app.open_board``); an open dialog holding typing
    asks "Discard changes to WEB-12?" first, and keeps it if told so."""
    name = _unsaved(app)
    if name is None:
        app.open_board(key)  # type: ignore[attr-defined]
        return

    def answered(yes: bool | None) -> None:
        if yes:
            close_board_dialogs(app, discard=True)
            app.open_board(key)  # type: ignore[attr-defined]

    app.push_screen(discard_dialog(name), answered)


NEW_BOARD = "+new"
"""What the switcher dismisses with when a new board is asked for (no key has a +)."""


class BoardSwitcher(Dialog[str]):
    """Pick a board; dismisses with its key, :data:`NEW_BOARD`, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_board", "New board", id="boards.new", tooltip="Create a board"),
    ]

    def __init__(self, boards: list[Board], current: str) -> None:
        super().__init__(classes="dialog-screen")
        self.boards = boards
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small", id="board-switcher"):
            yield Static(Content("Switch board"), classes="dialog-title")
            yield OptionList(
                *(Option(board_label(board, self.current), id=board.key) for board in self.boards),
                id="boards",
            )
            yield Static(Content("enter open · n new board · esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        options = self.query_one("#boards", OptionList)
        keys = [board.key for board in self.boards]
        if self.current in keys:
            options.highlighted = keys.index(self.current)
        options.focus()

    def action_new_board(self) -> None:
        self.dismiss(NEW_BOARD)

    @on(OptionList.OptionSelected, "#boards")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key is not None and key != self.current and _unsaved(self.app) is not None:
            # Typing under the list: asked about first, then the board opens.
            app = self.app
            self.dismiss(None)
            open_board_asking(app, key)
            return
        self.dismiss(key)


class BoardsProvider(Provider):
    """``Open board WEB · Website`` for each board, in the command palette."""

    async def _boards(self) -> tuple[list[Board], Callable[[str], Any]] | None:
        app: Any = self.app
        if not hasattr(app, "board_list") or not hasattr(app, "open_board"):
            return None
        # Read in a thread: the palette runs on the UI thread, which never waits on the file.
        return await asyncio.to_thread(app.board_list), partial(open_board_asking, app)

    @staticmethod
    def _text(board: Board) -> str:
        return f"Open board {board.key} · {one_line(board.name)}"

    async def discover(self) -> Hits:
        found = await self._boards()
        if found is None:
            return
        boards, open_board = found
        for board in boards:
            text = self._text(board)
            yield DiscoveryHit(Content(text), _opener(open_board, board.key), text=text)

    async def search(self, query: str) -> Hits:
        found = await self._boards()
        if found is None:
            return
        boards, open_board = found
        matcher = self.matcher(query)
        for board in boards:
            text = self._text(board)
            score = matcher.match(text)
            if score > 0:
                # Not matcher.highlight(): it parses its argument as markup,
                # and board names are user text.
                _, offsets = matcher.fuzzy_search.match(query, text)
                display = Content(text)
                for offset in offsets:
                    display = display.stylize("bold underline", offset, offset + 1)
                yield Hit(score, display, _opener(open_board, board.key), text=text)


def _opener(open_board: Callable[[str], Any], key: str) -> Callable[[], Any]:
    return lambda: open_board(key)
