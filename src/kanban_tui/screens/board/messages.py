"""What the board's loading worker reports back to the screen."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from ...domain.model import Board, Card, Column


class BoardLoaded(Message):
    """The worker read the board: its columns and every non-archived card."""

    linked: frozenset[str] = frozenset()
    """Keys of the cards linked to a risk: the card shows a mark (set by the worker)."""

    def __init__(
        self,
        key: str,
        board: Board,
        columns: list[Column],
        cards: list[Card],
        ticket: tuple[int, int],
        extra: Any = None,
    ) -> None:
        super().__init__()
        self.key = key
        self.ticket = ticket
        """(load number, local changes when the load began): which result is current."""
        self.board = board
        self.columns = columns
        self.cards = cards
        self.extra = extra
        """What a screen reads besides the cards (the Sprint screen: its sprint)."""


class BoardLoadFailed(Message):
    def __init__(self, key: str, message: str) -> None:
        super().__init__()
        self.key = key
        self.message = message
