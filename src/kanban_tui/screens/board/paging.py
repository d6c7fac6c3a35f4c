"""The Board read by pages: what is shown, and more as the person scrolls.

The first paint reads every column's counts and points (aggregate queries)
and its first :attr:`Paging.PAGE_SIZE` cards (``services/board_pages.py``).
A card list that would draw a card it does not hold asks for it
(``CardList.Wanted``); a worker reads the page after the window, or before
it (keyset on the rank), the last page backwards for ``G``, or, for a jump
into the middle, the page at that row. The ``/`` filter is a read of the same
pages with the filter in SQL; a card a key moved out of the window is read
back with the page around it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.message import Message

from ...domain.card_filter import Filter
from ...domain.errors import KanbanError, NotFound
from ...domain.model import Card
from ...services import board_pages, cards, risks
from ...services.board_pages import Page
from ...services.context import Context
from ...widgets.card_list import CardList
from .state import BoardRead, BoardState, PagedBoardState
from .view import BoardView

PEOPLE_AFTER = 0.5
"""Seconds after the first paint at which everyone on the board is read."""


class PageRead(Message):
    """A page of one column came back (``how``: after, before, last, at, around)."""

    def __init__(
        self, board_key: str, column_id: int, how: str, found: Any, ticket: tuple[object, int]
    ) -> None:
        super().__init__()
        self.board_key = board_key
        self.column_id = column_id
        self.how = how
        self.found = found
        self.ticket = ticket


class FilterRead(Message):
    """The first pages again, through the filter typed."""

    def __init__(self, board_key: str, pages: board_pages.BoardPages | None, ticket: int) -> None:
        super().__init__()
        self.board_key = board_key
        self.pages = pages
        self.ticket = ticket


class PeopleRead(Message):
    def __init__(self, board_key: str, people: list[str]) -> None:
        super().__init__()
        self.board_key = board_key
        self.people = people


def page_to_read(
    index: int, start: int, held: list[Card], total: int, size: int
) -> tuple[str, Any]:
    """Which page a list of ``total`` cards (a column, or the backlog) reads for
    its row ``index``, holding ``held`` from row ``start``: the next or the
    previous page when the row is beside them, the last page when the row is
    within its reach, else the page about the row (a jump)."""
    end = start + len(held)
    if held and end <= index < end + size:
        return ("after", held[-1])
    if held and start - size <= index < start:
        return ("before", held[0])
    if index >= total - size:
        return ("last", None)
    return ("at", max(index - size // 2, 0))


def read_page(
    ctx: Context,
    board_key: str,
    column_id: int | None,
    how: tuple[str, Any],
    wanted: Filter,
    size: int,
) -> Any:
    """The page ``how`` names (see :func:`page_to_read`; or ``("around", card)``:
    the page ``card`` stands in, with its key) of a column or, ``column_id``
    being ``board_pages.BACKLOG``, of the backlog."""
    kind, anchor = how
    if kind == "after":
        return board_pages.page_after(ctx, board_key, column_id, anchor, wanted, size)
    if kind in ("before", "last"):  # the last page: before no card
        return board_pages.page_before(ctx, board_key, column_id, anchor, wanted, size)
    if kind == "at":
        return board_pages.page_at(ctx, board_key, column_id, anchor, wanted, size)
    backlog = column_id is board_pages.BACKLOG
    page = board_pages.page_around(ctx, board_key, anchor, wanted, size, backlog=backlog)
    return (page, anchor.key)


class Paging(BoardView):
    """The Board's reads: pages of each column, the filter in the database."""

    PAGE_SIZE: ClassVar[int] = board_pages.PAGE
    """Cards a page holds (tests use a small one)."""

    def __init__(self, id: str = "board") -> None:
        super().__init__(id=id)
        self._reading: set[int] = set()
        """Columns with a page being read (one at a time each)."""
        self._filter_ticket = 0
        self._filtering = False
        self._filter_changes = 0
        """A filter read runs: the next waits for it (typing does not pile reads up)."""
        self._around: str | None = None
        """The card to select after a reload (else the one under the cursor
        when it began): its page is read, wherever it is."""

    # -- the first paint -------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        if self.patchable() and self.is_mounted:
            current = self._current()
            self._around = select or (current.key if current is not None else None)
        super().reload(select)

    def _filter(self) -> Filter | None:
        state = self.state
        if state is None or state.board.key != self.board_key or not state.filter.active:
            return None
        return Filter(state.filter.text, self.ctx.actor, self.ctx.today())

    def read(self, key: str) -> BoardRead:
        if not self.patchable():
            return super().read(key)
        found = self._first_pages(key, self._filter(), self._around)
        return BoardRead(
            found.board,
            found.columns,
            [],
            risks.linked_card_keys(self.ctx, key),
            totals=found.totals,
            pages=found.pages,
            age_limit=self.read_age_limit(key),
        )

    def _first_pages(
        self,
        board_key: str,
        wanted: Filter | None,
        keep: str | None,
        counted: board_pages.Totals | None = None,
    ) -> board_pages.BoardPages:
        """Each column's first page; the column of card ``keep`` (the one to
        stay selected) at that card's page instead, if it passes ``wanted``."""
        found = board_pages.first_pages(self.ctx, board_key, wanted, self.PAGE_SIZE, counted)
        card = self._fresh(keep, board_key)
        held = found.pages.get(card.column_id) if card is not None else None
        if (
            card is not None
            and held is not None
            and all(other.id != card.id for other in held.cards)
            and (wanted is None or wanted.matches(card))
        ):
            page = board_pages.page_around(self.ctx, board_key, card, wanted, self.PAGE_SIZE)
            found.pages[card.column_id] = page
        return found

    def _fresh(self, key: str | None, board_key: str) -> Card | None:
        """Card ``key`` as the database has it now, if it is still on the board."""
        if key is None or key.rpartition("-")[0] != board_key:
            return None
        try:
            fresh = cards.get_card(self.ctx, key)
        except NotFound:
            return None
        return None if fresh.archived else fresh

    def new_state(self, read: BoardRead) -> BoardState:
        if read.totals is None or read.pages is None:
            return super().new_state(read)
        old = self.state
        state = PagedBoardState(read.board, read.columns, read.totals, read.pages)
        if old is not None and old.board.key == state.board.key:
            state.people = getattr(old, "people", [])
        return state

    async def show(self, data: BoardRead) -> None:
        self._reading.clear()
        await super().show(data)
        if isinstance(self.state, PagedBoardState) and not self.state.people:
            # Only the editor's suggestions need them: read once the board shows.
            key = self.board_key
            self.set_timer(PEOPLE_AFTER, lambda: self._read_people(key))

    @work(thread=True, group="board-people", exit_on_error=False)
    def _read_people(self, board_key: str) -> None:
        try:
            found = board_pages.people(self.ctx, board_key)
        except KanbanError:
            return  # the board is gone, or the file unreadable: no suggestions
        self.post_message(PeopleRead(board_key, found))

    @on(PeopleRead)
    def _people_read(self, message: PeopleRead) -> None:
        if isinstance(self.state, PagedBoardState) and message.board_key == self.board_key:
            self.state.people = message.people

    # -- more as the person scrolls ---------------------------------------------------
    @on(CardList.Wanted)
    def _wanted(self, message: CardList.Wanted) -> None:
        message.stop()
        state = self.state
        column_id = message.widget.column_id
        if not isinstance(state, PagedBoardState) or column_id in self._reading:
            return
        how = page_to_read(message.index, *state.window(column_id), self.PAGE_SIZE)
        self._reading.add(column_id)
        self._read_page(self.board_key, column_id, how, state.filter, (state, state.changes))

    def bring_into_view(self, card: Card) -> None:
        """``card`` went where the column's window does not reach: read its page."""
        state = self.state
        if (
            isinstance(state, PagedBoardState)
            and card.column_id not in self._reading
            and (not state.filter.active or state.filter.matches(card))
        ):
            self._reading.add(card.column_id)
            ticket = (state, -1)
            self._read_page(self.board_key, card.column_id, ("around", card), state.filter, ticket)

    @work(thread=True, group="board-pages", exit_on_error=False)
    def _read_page(
        self,
        board_key: str,
        column_id: int,
        how: tuple[str, Any],
        wanted: Filter,
        ticket: tuple[object, int],
    ) -> None:
        try:
            found = read_page(self.ctx, board_key, column_id, how, wanted, self.PAGE_SIZE)
        except KanbanError:
            found, how = None, ("failed", None)  # the next read says why, if it lasts
        self.post_message(PageRead(board_key, column_id, how[0], found, ticket))

    @on(PageRead)
    def _page_read(self, message: PageRead) -> None:
        self._reading.discard(message.column_id)
        state = self.state
        if not isinstance(state, PagedBoardState) or message.board_key != self.board_key:
            return
        column_id, found = message.column_id, message.found
        select = None
        if message.how == "failed":
            return
        held_by, changes = message.ticket
        if held_by is not state:
            return  # read for a state since replaced (a reload)
        if changes >= 0 and changes != state.changes:
            pass  # the window changed meanwhile: shown again, the list asks again
        elif message.how == "after":
            state.extend(column_id, found, before=False)
        elif message.how == "before":
            state.extend(column_id, found, before=True)
        elif message.how == "last":
            _, _, total = state.window(column_id)
            state.put_page(column_id, Page(max(total - len(found), 0), found))
        elif message.how == "at":
            state.put_page(column_id, found)
        else:
            state.put_page(column_id, found[0])
            select = found[1]
        self._refresh_columns({column_id}, select=select)
        if select is not None:
            view = self._view_of(select)
            if view is not None:
                self._activate(view)
        if (self._current() is not None) != self._bindings_card:
            self.refresh_bindings()  # the cursor's card came: its keys apply

    # -- the filter, in the database -----------------------------------------------------
    def filter_changed(self, text: str) -> None:
        state = self.state
        if not isinstance(state, PagedBoardState):
            super().filter_changed(text)
            return
        state.set_filter(text, self.ctx.actor, self.ctx.today())
        self._filter_ticket += 1
        if not self._filtering:
            self._read_filter()

    def _read_filter(self) -> None:
        state = self.state
        if not isinstance(state, PagedBoardState):
            return
        self._filtering = True
        self._filter_changes = state.changes
        counted = board_pages.Totals(state.counts, state.points_held())
        current = self._current()
        keep = current.key if current is not None else None
        self._read_filtered(self.board_key, state.filter, self._filter_ticket, counted, keep)

    @work(thread=True, group="board-filter", exit_on_error=False)
    def _read_filtered(
        self,
        board_key: str,
        wanted: Filter,
        ticket: int,
        counted: board_pages.Totals,
        keep: str | None,
    ) -> None:
        """The first pages through ``wanted``; the column of card ``keep`` (the
        one under the cursor) at its page instead, if it passes: the card
        stays selected wherever it is, as it does on a reload."""
        active = wanted if wanted.active else None
        try:
            pages = self._first_pages(board_key, active, keep, counted)
        except KanbanError:
            pages = None
        self.post_message(FilterRead(board_key, pages, ticket))

    @on(FilterRead)
    def _filter_read(self, message: FilterRead) -> None:
        self._filtering = False
        state = self.state
        if not isinstance(state, PagedBoardState) or message.board_key != self.board_key:
            return
        if message.pages is None:
            self.reload()  # the read failed: the reload says why
            return
        if message.ticket != self._filter_ticket or state.changes != self._filter_changes:
            # Typed on meanwhile (or a card moved): read what the field says now.
            self._read_filter()
            return
        self._reading.clear()
        state.set_pages(message.pages.totals, message.pages.pages)
        state.changes += 1
        super().filter_changed(state.filter.text)
