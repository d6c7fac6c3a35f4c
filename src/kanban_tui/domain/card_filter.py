"""What ``/`` narrows a card list to (the Board, Sprint and Backlog).

Read here once: the screens match a card in memory with :meth:`Filter.matches`,
and ``services/board_pages.py`` says the same in SQL, so that a board of
100,000 cards is filtered in the database (a test holds both to one answer).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from . import people
from .due import due_matches, due_term
from .model import Card


class Terms(NamedTuple):
    """A ``/`` text read term by term (see :class:`Filter`)."""

    words: tuple[str, ...]
    people: tuple[str, ...]
    labels: tuple[str, ...]
    blocked: bool
    due: tuple[str, ...]


def read_terms(text: str, me: str, *, flags: bool = True) -> Terms:
    """``text``'s terms: ``@name`` (``@me`` being ``me``), ``#label``, and with
    ``flags`` ``!blocked`` and ``due:...``; the rest are words. Without
    ``flags`` (the Archive's ``/``) those two are words too."""
    words: list[str] = []
    persons: list[str] = []
    labels: list[str] = []
    due: list[str] = []
    blocked = False
    for term in text.casefold().split():
        if term.startswith("@") and len(term) > 1:
            who = people.canonical(term)
            persons.append(people.canonical(me) if who == "me" else who)
        elif term.startswith("#") and len(term) > 1:
            labels.append(term[1:])
        elif flags and term in ("!blocked", "is:blocked"):
            blocked = True
        elif flags and term.startswith("due:") and (wanted := due_term(term[4:])):
            due.append(wanted)
        elif term not in ("@", "#") and not (flags and term == "due:"):
            words.append(term)
    return Terms(tuple(words), tuple(persons), tuple(labels), blocked, tuple(due))


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
        for name, value in read_terms(self.text, self.me)._asdict().items():
            object.__setattr__(self, name, value)

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
