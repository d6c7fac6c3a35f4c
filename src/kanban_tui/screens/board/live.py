"""Live changes on the board: patch the cards others changed, not the whole board.

At 10,000 cards a full re-read costs a few hundred milliseconds of a core in
every open TUI for each change anyone makes; reading back only the cards the
activity log names costs about a millisecond. Anything that is not a plain
card change (columns, sprints, risks, many changes at once) still reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from ...domain.errors import KanbanError, NotFound
from ...domain.model import Card
from ...services import cards
from ...storage.watch import Change

if TYPE_CHECKING:
    from .state import BoardState

PATCH_LIMIT = 50
"""More card changes than this at once: a full reload is cheaper."""


class CardsPatched(Message):
    """Fresh copies of changed cards (None: the card is gone)."""

    def __init__(self, board_key: str, fresh: dict[str, Card | None], ticket: int) -> None:
        super().__init__()
        self.board_key = board_key
        self.fresh = fresh
        self.ticket = ticket


class LivePatch:
    """Mixed into the Board screen; the app's live updates call :meth:`apply_changes`."""

    state: BoardState | None

    if TYPE_CHECKING:  # provided by the screen

        @property
        def board_key(self) -> str: ...

        @property
        def ctx(self) -> Any: ...

    def reload(self, select: str | None = None) -> None:  # provided by the screen
        raise NotImplementedError

    def patchable(self) -> bool:
        """Whether this screen shows the plain board, so a card can be patched in place."""
        raise NotImplementedError

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
        self.post_message(CardsPatched(board_key, fresh, ticket))  # type: ignore[attr-defined]

    # A named handler, not @on: @on is only collected from Textual classes' own bodies.
    def on_cards_patched(self, message: CardsPatched) -> None:
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
        focused = self._focused_list()  # type: ignore[attr-defined]
        current = focused.current if focused is not None else None
        self._refresh_columns(touched, select=current.key if current else None)  # type: ignore[attr-defined]
