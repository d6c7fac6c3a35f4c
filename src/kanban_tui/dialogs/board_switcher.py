"""Switching boards: a modal list (ctrl+b) and command palette entries."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.model import Board
from ..widgets.text import one_line
from .base import Dialog


def board_label(board: Board, current: str) -> Content:
    mark = "● " if board.key == current else "  "
    return Content.assemble(
        (mark, "$text-accent"), (board.key, "bold"), "  ", Content(one_line(board.name))
    )


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
        self.dismiss(event.option.id)


class BoardsProvider(Provider):
    """``Open board WEB · Website`` for each board, in the command palette."""

    async def _boards(self) -> tuple[list[Board], Callable[[str], Any]] | None:
        app: Any = self.app
        if not hasattr(app, "board_list") or not hasattr(app, "open_board"):
            return None
        # Read in a thread: the palette runs on the UI thread, which never waits on the file.
        return await asyncio.to_thread(app.board_list), app.open_board

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
