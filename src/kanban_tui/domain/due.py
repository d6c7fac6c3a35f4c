"""Due dates: which state a card's due date is in on a given day.

One rule, read by the board and backlog marks, ``kanban card list`` and the
``/`` filter's ``due:`` terms. Today is passed in (the domain reads no clock).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .model import Card

SOON_DAYS = 2
"""A due date at most this many days ahead (today included) is *soon*."""

WEEK_DAYS = 7
"""``due:week``: due at most this many days ahead, or already past."""


class DueState(StrEnum):
    """Where a due date stands against today."""

    NONE = "none"
    """No due date."""
    LATER = "later"
    """Due more than :data:`SOON_DAYS` days ahead."""
    SOON = "soon"
    """Due today, tomorrow or the day after: still on time, but close."""
    OVERDUE = "overdue"
    """The due date has passed (yesterday or before)."""


def due_state(due: date | None, today: date, *, done: bool = False) -> DueState:
    """The state of ``due`` on ``today``.

    A card due today is *soon*, not overdue: it is late only once its day
    has passed. A done card is never soon or overdue (its date is *later*,
    shown without alarm): the work was delivered.
    """
    if due is None:
        return DueState.NONE
    if done:
        return DueState.LATER
    days = (due - today).days
    if days < 0:
        return DueState.OVERDUE
    if days <= SOON_DAYS:
        return DueState.SOON
    return DueState.LATER


def card_due_state(card: Card, today: date) -> DueState:
    """:func:`due_state` of ``card`` (done: it stands in a done column)."""
    return due_state(card.due, today, done=card.done_at is not None)


def marked(card: Card) -> bool:
    """Whether ``card`` shows a due mark (``due 5 Dec``, ``overdue 3 Dec``) on
    the board, the backlog and in ``card list``: it has a due date and is not
    done. A done card's date no longer asks anything of anyone; a list may
    still show the date itself, without the word."""
    return card.due is not None and card.done_at is None


DUE_TERMS = ("overdue", "soon", "week", "none")
"""What may follow ``due:`` in the ``/`` filter."""


def due_term(word: str) -> str | None:
    """The ``due:`` filter term that ``word`` names, a prefix being enough
    (``ov`` is ``overdue``, as the filter matches while typing); None when
    it names none."""
    word = word.casefold()
    if not word:
        return None
    return next((term for term in DUE_TERMS if term.startswith(word)), None)


def due_matches(term: str, due: date | None, today: date, *, done: bool = False) -> bool:
    """Whether a card due on ``due`` passes the filter term ``due:<term>``.

    ``overdue``: past; ``soon``: due within :data:`SOON_DAYS` days, not past;
    ``week``: overdue or due within :data:`WEEK_DAYS` days (what needs doing
    this week, late work included); ``none``: no due date. A done card is
    neither overdue, soon nor due this week.
    """
    state = due_state(due, today, done=done)
    if term == "none":
        return state is DueState.NONE
    if term == "overdue":
        return state is DueState.OVERDUE
    if term == "soon":
        return state is DueState.SOON
    if term == "week":
        late_or_near = state in (DueState.OVERDUE, DueState.SOON)
        return late_or_near or (
            state is DueState.LATER
            and not done
            and due is not None
            and (due - today).days <= WEEK_DAYS
        )
    raise ValueError(f"Unknown due term {term!r}.")
