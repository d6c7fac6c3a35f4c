"""The board as the screen holds it in memory: columns, their cards, the filter.

Plain Python (no Textual): loaded in one query, then kept up to date from
the cards that service calls return, so that a move touches two lists
instead of re-reading the board.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ...domain import people
from ...domain.card_filter import Filter
from ...domain.model import Board, Card, Column
from ...services.board_pages import Page, Totals
from ...widgets.card_list import looks

__all__ = ["BoardRead", "BoardState", "Filter", "PagedBoardState"]


@dataclass(frozen=True)
class BoardRead:
    """What the loading worker read: the board, its columns and the cards shown."""

    board: Board
    columns: list[Column]
    cards: list[Card]
    linked: frozenset[str] = frozenset()
    """Keys of the cards linked to a risk: the card shows a mark."""
    extra: Any = None
    """What a screen reads besides the cards (the Sprint screen: its sprint)."""
    totals: Totals | None = None
    """The Board: every column's counts and points, read by aggregate queries."""
    pages: dict[int, Page] | None = None
    """The Board: each column's first page of cards (``cards`` is then empty)."""
    age_limit: int | None = None
    """The board's 85th-percentile cycle time: an older card in progress is marked."""


def _order(card: Card) -> tuple[int, int]:
    return (card.rank, card.id)


class BoardState:
    """Columns in board order and each column's non-archived cards in rank order."""

    def __init__(self, board: Board, columns: Iterable[Column], cards: Iterable[Card]) -> None:
        self.board = board
        self.columns: list[Column] = list(columns)
        self.cards: dict[int, list[Card]] = {column.id: [] for column in self.columns}
        self._where: dict[int, int] = {}
        """Card id -> the id of the column holding it."""
        for card in cards:  # already in rank order from the query
            self.cards.setdefault(card.column_id, []).append(card)
            self._where[card.id] = card.column_id
        self._points: dict[int, int] = {}
        self.filter = Filter()
        self._visible: dict[int, list[Card]] = {}
        self.changes = 0
        """Counts the changes made here since the load (a newer load supersedes it)."""

    # -- reading -------------------------------------------------------------
    def column(self, column_id: int) -> Column:
        """The column with its count taken from memory (what the header shows)."""
        for column in self.columns:
            if column.id == column_id:
                return replace(column, count=len(self.cards.get(column_id, ())))
        raise KeyError(column_id)

    def column_index(self, column_id: int) -> int:
        return next(i for i, column in enumerate(self.columns) if column.id == column_id)

    def points(self, column_id: int) -> int:
        """The column's story points (all its cards, whatever the filter)."""
        if column_id not in self._points:
            self._points[column_id] = sum(
                card.points or 0 for card in self.cards.get(column_id, ())
            )
        return self._points[column_id]

    def visible(self, column_id: int) -> list[Card]:
        """The column's cards that pass the filter (the same list when no filter)."""
        cards = self.cards.get(column_id, [])
        if not self.filter.active:
            return cards
        if column_id not in self._visible:
            self._visible[column_id] = [card for card in cards if self.filter.matches(card)]
        return self._visible[column_id]

    def window(self, column_id: int) -> tuple[int, list[Card], int]:
        """``(start, cards, total)``: the column's cards held, the index of the
        first among those that pass the filter, and how many pass it."""
        cards = self.visible(column_id)
        return 0, cards, len(cards)

    def rank_siblings(self, card: Card) -> list[Card]:
        """The list ``card`` is ranked in, as far as it is held (J K T B)."""
        return self.cards[card.column_id]

    def find(self, key: str) -> Card | None:
        for cards in self.cards.values():
            for card in cards:
                if card.key == key:
                    return card
        return None

    @property
    def total(self) -> int:
        return sum(len(cards) for cards in self.cards.values())

    @property
    def shown(self) -> int:
        return sum(len(self.visible(column.id)) for column in self.columns)

    def assignees(self) -> list[str]:
        """Everyone with a card on the board, for the editor's suggestions."""
        return people.roster(card.assignee for cards in self.cards.values() for card in cards)

    # -- changing ------------------------------------------------------------
    def set_filter(self, text: str, me: str, today: date | None = None) -> None:
        self.filter = Filter(text, me, today)
        self._visible.clear()

    def set_column(self, column: Column) -> None:
        self.changes += 1
        self.columns = [column if c.id == column.id else c for c in self.columns]

    def remove(self, card: Card) -> int | None:
        """Take ``card`` (matched by id) out of its column; returns that column's id."""
        column_id = self._where.pop(card.id, None)
        if column_id is None:
            return None
        cards = self.cards.get(column_id)
        index = self._index(cards, card) if cards is not None else None
        if column_id is None or cards is None or index is None:
            return None
        self.changes += 1
        gone = cards.pop(index)
        self._visible.pop(column_id, None)
        if column_id in self._points:  # kept up to date, not summed again
            self._points[column_id] -= gone.points or 0
        return column_id

    def put(self, card: Card) -> tuple[int | None, int]:
        """Replace ``card``'s old copy with this one, in rank order.

        Returns ``(old column id, new column id)``: the columns to repaint.
        """
        old = self.remove(card)
        self.changes += 1
        cards = self.cards.setdefault(card.column_id, [])
        bisect.insort(cards, card, key=_order)
        self._where[card.id] = card.column_id
        self._visible.pop(card.column_id, None)
        if card.column_id in self._points:
            self._points[card.column_id] += card.points or 0
        return old, card.column_id

    def swap(self, card: Card) -> bool:
        """Put ``card`` in place of its copy if it would be drawn alike in the
        same place (same column and rank, the same :func:`looks`), as a
        move's result is after the move was drawn: nothing to repaint.
        False, and nothing done, otherwise."""
        column_id = self._where.get(card.id)
        cards = self.cards.get(column_id) if column_id == card.column_id else None
        index = self._index(cards, card) if cards is not None else None
        if cards is None or index is None:
            return False
        old = cards[index]
        # Its first start gives a card in progress its age: drawn again then.
        if old.rank != card.rank or looks(old) != looks(card) or old.started_at != card.started_at:
            return False
        cards[index] = card
        self.changes += 1
        visible = self._visible.get(card.column_id, [])
        for i, shown in enumerate(visible):  # the filtered list, if any: the same card
            if shown.id == card.id:
                visible[i] = card
        return True

    @staticmethod
    def _index(cards: list[Card], card: Card) -> int | None:
        # Fast path: a moved card keeps its rank, so its old copy sits where the
        # new one's rank says; a re-ranked card needs the scan.
        i = bisect.bisect_left(cards, _order(card), key=_order)
        if i < len(cards) and cards[i].id == card.id:
            return i
        for i, other in enumerate(cards):
            if other.id == card.id:
                return i
        return None


MAX_HELD = 600
"""Cards a column of a paged board holds at most; the far end is let go."""


class PagedBoardState(BoardState):
    """The Board read by pages: each column holds a window of its cards (those
    that pass the filter, which the database applied), with the column's
    counts and points from aggregate queries, kept up to date as cards move."""

    def __init__(
        self,
        board: Board,
        columns: Iterable[Column],
        totals: Totals,
        pages: dict[int, Page],
        wanted: Filter | None = None,
    ) -> None:
        super().__init__(board, columns, ())
        self.filter = wanted or Filter()
        self.people: list[str] = []
        """Everyone with a card on the board (read after the first paint)."""
        self._outside: dict[int, tuple[Card, bool, bool]] = {}
        """Cards put here outside their column's window: ``(card, before the
        window, passes the filter)``, so that taking one out counts right."""
        self.set_pages(totals, pages)

    def set_pages(self, totals: Totals, pages: dict[int, Page]) -> None:
        """Hold these counts and pages instead (a filter read, a reload)."""
        self.counts = dict(totals.counts)
        self._points = dict(totals.points)
        self.passing = dict(totals.shown if totals.shown is not None else totals.counts)
        self.starts: dict[int, int] = {}
        self.cards = {column.id: [] for column in self.columns}
        self._where.clear()
        self._outside.clear()
        for column_id, page in pages.items():
            self.put_page(column_id, page)

    def set_totals(self, totals: Totals) -> None:
        """Counts read again (cards changed by others, maybe unseen here)."""
        self.counts = dict(totals.counts)
        self._points = dict(totals.points)
        self.passing = dict(totals.shown if totals.shown is not None else totals.counts)

    def put_page(self, column_id: int, page: Page) -> None:
        """Hold ``page`` as the column's window (what was held goes)."""
        for card in self.cards.get(column_id, ()):
            self._where.pop(card.id, None)
        self.cards[column_id] = list(page.cards)
        self.starts[column_id] = page.start
        for card in page.cards:
            self._where[card.id] = column_id
            self._outside.pop(card.id, None)

    def extend(self, column_id: int, cards: list[Card], *, before: bool) -> None:
        """Add the cards just before (or after) the window; past
        :data:`MAX_HELD` the other end is let go."""
        held = self.cards.setdefault(column_id, [])
        start = self.starts.get(column_id, 0)
        fresh = [card for card in cards if card.id not in self._where]
        for card in fresh:
            self._where[card.id] = column_id
        if before:
            held[:0] = fresh
            start = max(start - len(fresh), 0)
            drop = held[MAX_HELD:]
            del held[MAX_HELD:]
        else:
            held.extend(fresh)
            drop = held[: max(len(held) - MAX_HELD, 0)]
            del held[: len(drop)]
            start += len(drop)
        for card in drop:
            self._where.pop(card.id, None)
        self.starts[column_id] = start

    def window(self, column_id: int) -> tuple[int, list[Card], int]:
        return (
            self.starts.get(column_id, 0),
            self.cards.get(column_id, []),
            self.passing.get(column_id, 0),
        )

    def rank_siblings(self, card: Card) -> list[Card]:
        """The window, with a stand-in card at each end the column goes on
        past (a filter hides cards anywhere): the service then decides."""
        start, cards, total = self.window(card.column_id)
        if not cards:
            return cards
        filtered = self.filter.active
        head = [replace(cards[0], id=-1, rank=cards[0].rank - 1)] if start or filtered else []
        more = start + len(cards) < total or filtered
        tail = [replace(cards[-1], id=-2, rank=cards[-1].rank + 1)] if more else []
        return [*head, *cards, *tail]

    def column(self, column_id: int) -> Column:
        for column in self.columns:
            if column.id == column_id:
                return replace(column, count=self.counts.get(column_id, 0))
        raise KeyError(column_id)

    def points(self, column_id: int) -> int:
        return self._points.get(column_id, 0)

    def points_held(self) -> dict[int, int]:
        """Every column's points, as counted here."""
        return dict(self._points)

    def visible(self, column_id: int) -> list[Card]:
        return self.cards.get(column_id, [])

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shown(self) -> int:
        return sum(self.passing.values())

    def assignees(self) -> list[str]:
        return people.roster([*self.people, *super().assignees()])

    def set_filter(self, text: str, me: str, today: date | None = None) -> None:
        """Only what the next read asks for: the database applies the filter."""
        self.filter = Filter(text, me, today)

    def remove(self, card: Card) -> int | None:
        outside = self._outside.pop(card.id, None)
        if outside is not None:
            old, before, passing = outside
            column_id = old.column_id
            self.changes += 1
            self.counts[column_id] = self.counts.get(column_id, 1) - 1
            self._points[column_id] = self._points.get(column_id, 0) - (old.points or 0)
            if passing:
                self.passing[column_id] = self.passing.get(column_id, 1) - 1
            if before:
                self.starts[column_id] = max(self.starts.get(column_id, 0) - 1, 0)
            return column_id
        held = super().remove(card)
        if held is not None:
            self.counts[held] = self.counts.get(held, 1) - 1
            self.passing[held] = self.passing.get(held, 1) - 1
        return held

    def put(self, card: Card) -> tuple[int | None, int]:
        old = self.remove(card)
        self.changes += 1
        column_id = card.column_id
        self.counts[column_id] = self.counts.get(column_id, 0) + 1
        self._points[column_id] = self._points.get(column_id, 0) + (card.points or 0)
        if self.filter.active and not self.filter.matches(card):
            self._outside[card.id] = (card, False, False)
            return old, column_id
        total = self.passing.get(column_id, 0)
        self.passing[column_id] = total + 1
        cards = self.cards.setdefault(column_id, [])
        start = self.starts.get(column_id, 0)
        order = _order(card)
        if cards and order < _order(cards[0]) and start > 0:
            self.starts[column_id] = start + 1  # before the window: not held
            self._outside[card.id] = (card, True, True)
        elif cards and order > _order(cards[-1]) and start + len(cards) < total:
            self._outside[card.id] = (card, False, True)  # after the window
        else:
            bisect.insort(cards, card, key=_order)
            self._where[card.id] = column_id
        return old, column_id
