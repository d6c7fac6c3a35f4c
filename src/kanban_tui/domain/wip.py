"""WIP limits (the spec's rules 1-4)."""

from __future__ import annotations

from .errors import WipLimitReached


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
