"""Live changes on the board: patch the cards others changed, not the whole board.

At 10,000 cards a full re-read costs a few hundred milliseconds of a core in
every open TUI for each change anyone makes; reading back only the cards the
activity log names costs about a millisecond. Anything that is not a plain
card change (columns, sprints, risks, many changes at once) still reloads.
"""

from __future__ import annotations

from textual import on, work
from textual.message import Message

from ...domain.card_filter import Filter
from ...domain.errors import KanbanError, NotFound
from ...domain.model import Card
from ...services import board_pages, cards
from ...services.activity import Change
from .state import PagedBoardState
from .view import BoardView

PATCH_LIMIT = 50
"""More card changes than this at once: a full reload is cheaper."""


class CardsPatched(Message):
    """Fresh copies of changed cards (None: the card is gone), and on a board
    read by pages its columns' counts read again (a card changed out of sight
    left a column this screen cannot tell)."""

    def __init__(
        self,
        board_key: str,
        fresh: dict[str, Card | None],
        ticket: int,
        totals: board_pages.Totals | None = None,
    ) -> None:
        super().__init__()
        self.board_key = board_key
        self.fresh = fresh
        self.ticket = ticket
        self.totals = totals


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
        wanted = state.filter if isinstance(state, PagedBoardState) else None
        self._read_changed(self.board_key, keys, state.changes, wanted)

    @work(thread=True, group="board-patch")
    def _read_changed(
        self, board_key: str, keys: list[str], ticket: int, wanted: Filter | None
    ) -> None:
        fresh: dict[str, Card | None] = {}
        totals = None
        try:
            for key in keys:
                try:
                    fresh[key] = cards.get_card(self.ctx, key)
                except NotFound:
                    fresh[key] = None
            if wanted is not None:
                totals = board_pages.totals(self.ctx, board_key, wanted)
        except KanbanError:
            fresh = {}
        self.post_message(CardsPatched(board_key, fresh, ticket, totals))

    @on(CardsPatched)
    def _patched(self, message: CardsPatched) -> None:
        state = self.state
        if state is None or message.board_key != self.board_key:
            return
        if not message.fresh or state.changes != message.ticket:
            # A change made here since the read: the copies may be older than ours.
            self.reload()
            return
        # Before the state changes: a list shows the state's own list of its
        # column, so a card taken out above the cursor would slide the next
        # one under it.
        current = self._current()
        touched: set[int | None] = set()
        for key, card in message.fresh.items():
            if card is None or card.archived:
                old = state.find(key)
                if old is not None:
                    touched.add(state.remove(old))
            else:
                touched.update(state.put(card))
        if isinstance(state, PagedBoardState) and message.totals is not None:
            state.set_totals(message.totals)
            touched.update(column.id for column in state.columns)
        self._refresh_columns(touched, select=current.key if current else None)
