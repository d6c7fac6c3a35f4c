"""Explicit, stable ranking.

A card has one rank on its board; a column, and the backlog, show their cards
in rank order. Ranks are integers with wide gaps, so a move writes one card
only. When no integer is left between two neighbours the caller renumbers
the whole board in its current order, which changes no card's place.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

STEP = 1 << 16


class Move(StrEnum):
    UP = "up"
    DOWN = "down"
    TOP = "top"
    BOTTOM = "bottom"


def between(before: int | None, after: int | None) -> int | None:
    """A rank strictly between two neighbours (None = open end), or None if no gap."""
    if before is None and after is None:
        return 0
    if before is None:
        assert after is not None
        return after - STEP
    if after is None:
        return before + STEP
    if after - before < 2:
        return None
    return before + (after - before) // 2


def renumber(count: int) -> list[int]:
    """Fresh, evenly spaced ranks for ``count`` cards in their current order."""
    return [(i + 1) * STEP for i in range(count)]


def target(ranks: Sequence[int], index: int, move: Move) -> tuple[int | None, int | None] | None:
    """The neighbours a card at ``index`` of ``ranks`` must land between.

    ``ranks`` is the ordered list the person sees (a column or the backlog).
    Returns None when the move changes nothing (already at the top, ...).
    """
    last = len(ranks) - 1
    if move in (Move.UP, Move.TOP) and index == 0:
        return None
    if move in (Move.DOWN, Move.BOTTOM) and index == last:
        return None
    if move is Move.UP:
        return (ranks[index - 2] if index >= 2 else None, ranks[index - 1])
    if move is Move.DOWN:
        return (ranks[index + 1], ranks[index + 2] if index + 2 <= last else None)
    if move is Move.TOP:
        return (None, ranks[0])
    return (ranks[last], None)
