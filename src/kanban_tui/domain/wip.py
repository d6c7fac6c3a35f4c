"""WIP limits (the spec's rules 1-4, and the per-person limit of rule 6)."""

from __future__ import annotations

from .errors import PersonWipLimitReached, WipLimitReached


def check_entry(column: str, count: int, limit: int | None) -> None:
    """Refuse a card entering ``column`` when it already holds ``limit`` or more.

    ``count`` is the number of non-archived cards in the column before the
    entry. Leaving or reordering never calls this (rule 2); a limit below the
    count simply keeps refusing until the column drains (rule 3).
    """
    if limit is not None and count >= limit:
        raise WipLimitReached(column, count, limit)


def breach(column: str, count: int, limit: int | None) -> bool:
    """Would an entry breach the limit? Used to log forced moves (rule 4)."""
    return limit is not None and count >= limit


def check_person(person: str | None, count: int, limit: int | None) -> None:
    """Rule 6: refuse ``person`` taking on another in-progress card when they
    already have ``limit`` or more (``count`` excludes the card itself).

    Unassigned cards and boards without a per-person limit are never refused.
    """
    if person_breach(person, count, limit):
        assert person is not None and limit is not None
        raise PersonWipLimitReached(person, count, limit)


def person_breach(person: str | None, count: int, limit: int | None) -> bool:
    """Would ``person`` go over the per-person limit? Used to log forced changes."""
    return person is not None and limit is not None and count >= limit


def entries_breach(count: int, entering: int, limit: int | None) -> bool:
    """Would ``entering`` cards at once take a column holding ``count`` over ``limit``?"""
    return limit is not None and entering > 0 and count + entering > limit


def check_entries(column: str, count: int, entering: int, limit: int | None) -> None:
    """Refuse ``entering`` cards moving into ``column`` at once (a deleted
    column's cards) when they would take it over its limit (rules 1 and 4)."""
    if entries_breach(count, entering, limit):
        assert limit is not None
        error = WipLimitReached(column, count, limit)
        cards = "1 more card" if entering == 1 else f"{entering} more cards"
        error.args = (
            f"WIP limit reached: {column} holds {count} of {limit}; "
            f"{cards} would make {count + entering}.",
        )
        raise error
