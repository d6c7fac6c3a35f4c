"""Live changes on the board: patch the cards others changed, not the whole board.

At 10,000 cards a full re-read costs a few hundred milliseconds of a core in
every open TUI for each change anyone makes; reading back only the cards the
activity log names costs about a millisecond. Anything that is not a plain
card change (columns, sprints, risks, many changes at once) still reloads.
"""

from __future__ import annotations

from textual import on, work
from textual.message import Message

from ...domain.errors import KanbanError, NotFound
from ...domain.model import Card
from ...services import cards
from ...services.activity import Change
from .view import BoardView

PATCH_LIMIT = 50
"""More card changes than this at once: a full reload is cheaper."""


class CardsPatched(Message):
    """Fresh copies of changed cards (None: the card is gone)."""

    def __init__(self, board_key: str, fresh: dict[str, Card | None], ticket: int) -> None:
        super().__init__()
        self.board_key = board_key
        self.fresh = fresh
        self.ticket = ticket


class LivePatch(BoardView):
    """The Board's :meth:`apply_changes`, which the app's live updates call."""

    def apply_changes(self, changes: list[Change]) -> None:
        state = self.state
        if state is None:
            return
        mine = [change for change in changes if change.board_id == state.board.id]
        if not mine:
            return
        if (
            not self.patchable()
            or len(mine) > PATCH_LIMIT
            or any(change.entity != "card" for change in mine)
        ):
            self.reload()
            return
        keys = sorted({change.key for change in mine})
        self._read_changed(self.board_key, keys, state.changes)

    @work(thread=True, group="board-patch")
    def _read_changed(self, board_key: str, keys: list[str], ticket: int) -> None:
        fresh: dict[str, Card | None] = {}
        try:
            for key in keys:
                try:
                    fresh[key] = cards.get_card(self.ctx, key)
                except NotFound:
                    fresh[key] = None
        except KanbanError:
            fresh = {}
        self.post_message(CardsPatched(board_key, fresh, ticket))

    @on(CardsPatched)
    def _patched(self, message: CardsPatched) -> None:
        state = self.state
        if state is None or message.board_key != self.board_key:
            return
        if not message.fresh or state.changes != message.ticket:
            # A change made here since the read: the copies may be older than ours.
            self.reload()
            return
        touched: set[int | None] = set()
        for key, card in message.fresh.items():
            if card is None or card.archived:
                old = state.find(key)
                if old is not None:
                    touched.add(state.remove(old))
            else:
                touched.update(state.put(card))
        current = self._current()
        self._refresh_columns(touched, select=current.key if current else None)
