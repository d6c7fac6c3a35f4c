"""The board as the screen holds it in memory: columns, their cards, the filter.

Plain Python (no Textual): loaded in one query, then kept up to date from
the cards that service calls return, so that a move touches two lists
instead of re-reading the board.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ...domain import people
from ...domain.due import due_matches, due_term
from ...domain.model import Board, Card, Column
from ...widgets.card_list import looks


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
    age_limit: int | None = None
    """The board's 85th-percentile cycle time: an older card in progress is marked."""


def _order(card: Card) -> tuple[int, int]:
    return (card.rank, card.id)


@dataclass(frozen=True)
class Filter:
    """What ``/`` narrows the board to.

    Words match a card's key or title; ``@name`` its assignee (``@me`` is
    you, ``@none`` unassigned); ``#label`` one of its labels; ``!blocked``
    blocked cards; ``due:overdue``, ``due:soon``, ``due:week``, ``due:none``
    by due date against ``today`` (:func:`..domain.due.due_matches`). Every
    term must match; case is ignored; prefixes match (``due:ov``).
    Names compare in their canonical form (:func:`..domain.people.canonical`).
    The Board, Sprint and Backlog screens all read the ``/`` text here.
    """

    text: str = ""
    me: str = ""
    today: date | None = None
    """The day ``due:`` terms are read against; None: they match every card."""
    words: tuple[str, ...] = field(init=False, default=())
    people: tuple[str, ...] = field(init=False, default=())
    labels: tuple[str, ...] = field(init=False, default=())
    blocked: bool = field(init=False, default=False)
    due: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        words, persons, labels, due = [], [], [], []
        blocked = False
        for term in self.text.casefold().split():
            if term.startswith("@") and len(term) > 1:
                who = people.canonical(term)
                persons.append(people.canonical(self.me) if who == "me" else who)
            elif term.startswith("#") and len(term) > 1:
                labels.append(term[1:])
            elif term in ("!blocked", "is:blocked"):
                blocked = True
            elif term.startswith("due:") and (wanted := due_term(term[4:])):
                due.append(wanted)
            elif term not in ("@", "#", "due:"):
                words.append(term)
        object.__setattr__(self, "words", tuple(words))
        object.__setattr__(self, "people", tuple(persons))
        object.__setattr__(self, "labels", tuple(labels))
        object.__setattr__(self, "blocked", blocked)
        object.__setattr__(self, "due", tuple(due))

    @property
    def active(self) -> bool:
        return bool(self.words or self.people or self.labels or self.blocked or self.due)

    def matches(self, card: Card) -> bool:
        if self.blocked and not card.blocked:
            return False
        if self.due and self.today is not None:
            done = card.done_at is not None
            if not all(due_matches(term, card.due, self.today, done=done) for term in self.due):
                return False
        if self.people:
            who = people.canonical(card.assignee or "none")
            if not all(who.startswith(person) for person in self.people):
                return False
        for wanted in self.labels:
            if not any(label.startswith(wanted) for label in card.labels):
                return False
        if self.words:
            haystack = f"{card.key} {card.title}".casefold()
            return all(word in haystack for word in self.words)
        return True


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
        if old.rank != card.rank or looks(old) != looks(card):
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
