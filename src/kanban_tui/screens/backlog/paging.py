"""The Backlog read by pages: its open sprints whole, the backlog a window.

A backlog of 20,000 cards opens as fast as an empty one: the sprints'
sections are small and read whole, the backlog's counts and points come from
aggregate queries and its cards from ``services/board_pages.py`` a page at a
time (``BACKLOG``): the first page, then the page after or before the window
(keyset on the rank) as the list asks (``PlanList.Wanted``), the last page
backwards for ``G``, the page at a row for a jump. The ``/`` filter reads the
backlog's first page again with the filter in SQL; the sprints are filtered
in memory as before.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.message import Message

from ...domain.card_filter import Filter
from ...domain.errors import KanbanError, NotFound
from ...domain.model import Card, Category, Column
from ...domain.sprints import Sprint, SprintState
from ...services import board_pages, boards, cards, sprints
from ...services.board_pages import BACKLOG, BacklogTotals, Page
from ...widgets.backlog_list import PlanList
from ...widgets.backlog_rows import CARD
from ..board.paging import page_to_read, read_page
from .state import PlanState
from .view import PlanView


class BacklogRead(Message):
    """A page of the backlog came back (``how``: after, before, last, at, first)."""

    def __init__(self, board_key: str, how: str, found: Any, ticket: Any) -> None:
        super().__init__()
        self.board_key = board_key
        self.how = how
        self.found = found
        self.ticket = ticket


class PagedPlan(PlanView):
    """The Backlog's reads: the backlog by page, its filter in the database."""

    PAGE_SIZE: ClassVar[int] = board_pages.PAGE
    """Cards a page holds (tests use a small one)."""

    def __init__(self) -> None:
        super().__init__()
        self._reading = False
        self._filter_ticket = 0
        self._filtering = False
        """A filter read runs: the next waits for it (typing does not pile reads up)."""

    def _filter(self) -> Filter | None:
        state = self.state
        if state is None or state.board.key != self.board_key or not state.filter.active:
            return None
        return Filter(state.filter.text, self.ctx.actor, self.ctx.today())

    def read(self, key: str) -> PlanState:
        ctx = self.ctx
        board = boards.resolve_board(ctx, key)
        wanted = self._filter()
        # First: its count runs in SQLite without the interpreter's lock,
        # while the UI thread draws the screen's first frame.
        totals, page = board_pages.backlog_first(ctx, key, wanted, self.PAGE_SIZE)
        found = sprints.list_sprints(ctx, key)
        columns = boards.columns(ctx, key, counted=False)  # the done ones: no count needed
        card = self._to_select(key, found, columns, wanted)
        if card is not None and all(other.id != card.id for other in page.cards):
            # The card to select (an undo's) is past the first page: read its own.
            page = board_pages.page_around(ctx, key, card, wanted, self.PAGE_SIZE, backlog=True)
        plan = PlanState(
            board,
            columns,
            found,
            {
                s.number: cards.list_cards(ctx, key, sprint=s.number)
                for s in found
                if s.state is not SprintState.COMPLETED
            },
            page.cards,
            sprints.velocity(ctx, key),
            ctx.today(),
            backlog_totals=totals,
            fits=self.read_fits(key, found),
        )
        plan.put_page(page)
        return plan

    def _to_select(
        self, key: str, found: list[Sprint], columns: list[Column], wanted: Filter | None
    ) -> Card | None:
        """The card the reload is to select, as the database has it, if it
        stands in the backlog and passes the filter."""
        anchor = self._select_after_load
        if anchor is None or anchor[0] != CARD:
            return None
        try:
            card = cards.get_card(self.ctx, str(anchor[1]))
        except NotFound:
            return None
        done = {column.id for column in columns if column.category is Category.DONE}
        planned = {s.number for s in found if s.state is not SprintState.COMPLETED}
        if card.board_key != key or card.archived or card.column_id in done:
            return None
        if card.sprint in planned or (wanted is not None and not wanted.matches(card)):
            return None
        return card

    async def show(self, data: PlanState) -> None:
        self._reading = self._filtering = False
        await super().show(data)

    # -- more as the person scrolls ---------------------------------------------------
    @on(PlanList.Wanted)
    def _wanted(self, message: PlanList.Wanted) -> None:
        message.stop()
        state = self.state
        totals = state.backlog.totals if state is not None else None
        if state is None or totals is None or self._reading:
            return
        backlog = state.backlog
        how = page_to_read(
            message.index, backlog.start, backlog.cards, totals.shown, self.PAGE_SIZE
        )
        self._reading = True
        self._read_page(self.board_key, how, state.filter, (state, state.changes))

    def bring_into_view(self, card: Card) -> None:
        """``card`` went where the backlog's window does not reach: read its page."""
        state = self.state
        if state is None or state.backlog.totals is None:
            return
        if state.filter.active and not state.filter.matches(card):
            return
        self._reading = True
        self._read_page(self.board_key, ("around", card), state.filter, (state, -1))

    @work(thread=True, group="backlog-pages", exit_on_error=False)
    def _read_page(self, board_key: str, how: tuple[str, Any], wanted: Filter, ticket: Any) -> None:
        try:
            found = read_page(self.ctx, board_key, BACKLOG, how, wanted, self.PAGE_SIZE)
        except KanbanError:
            found, how = None, ("failed", None)  # the next read says why, if it lasts
        self.post_message(BacklogRead(board_key, how[0], found, ticket))

    @on(BacklogRead)
    def _page_read(self, message: BacklogRead) -> None:
        state = self.state
        if message.how != "first":
            self._reading = False
        if message.how == "failed":
            self._filtering = False
        if state is None or message.board_key != self.board_key or message.how == "failed":
            return
        if message.how == "first":
            self._filtering = False
            if message.ticket != self._filter_ticket:
                self._filtering = True  # typed on meanwhile: read what the field says now
                self._read_first(self.board_key, state.filter, self._filter_ticket)
                return
            totals, page = message.found
            state.backlog.totals = totals
            state.put_page(page)
        elif message.ticket[0] is not state:
            return  # read for a plan since read again
        elif message.how == "around":
            page, key = message.found
            state.put_page(page)
            self._show((CARD, key))
            return
        elif message.ticket[1] != state.changes:
            pass  # the window changed meanwhile: shown again, the list asks again
        elif message.how == "after":
            state.extend(message.found, before=False)
        elif message.how == "before":
            state.extend(message.found, before=True)
        elif message.how == "last":
            assert state.backlog.totals is not None
            found = message.found
            state.put_page(Page(max(state.backlog.totals.shown - len(found), 0), found))
        else:
            state.put_page(message.found)
        self._show()

    # -- the filter, in the database -----------------------------------------------------
    def filter_changed(self, text: str) -> None:
        super().filter_changed(text)
        state = self.state
        if state is None or state.backlog.totals is None:
            return
        self._filter_ticket += 1
        if not self._filtering:
            self._filtering = True
            self._read_first(self.board_key, state.filter, self._filter_ticket)

    @work(thread=True, group="backlog-filter", exit_on_error=False)
    def _read_first(self, board_key: str, wanted: Filter, ticket: int) -> None:
        try:
            found: tuple[BacklogTotals, Page] = board_pages.backlog_first(
                self.ctx, board_key, wanted, self.PAGE_SIZE
            )
        except KanbanError:
            self.post_message(BacklogRead(board_key, "failed", None, ticket))
            return
        self.post_message(BacklogRead(board_key, "first", found, ticket))
