"""The JSON shapes of boards, columns and cards.

One place for them: ``--json`` on the command line prints these and export
will write the same objects. docs/json.md documents every key; renaming or
removing one is a breaking change, adding one is not.

Plain values in, plain ``dict`` out: no database and no UI here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ..domain.model import Board, Card, Column


def timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, to the second: ``2026-11-25T09:30:00Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def column(column: Column) -> dict[str, Any]:
    return {
        "name": column.name,
        "position": column.position,
        "category": column.category.value,
        "wip_limit": column.wip_limit,
        "count": column.count,
        "policy": column.policy,
    }


def board(board: Board, columns: Iterable[Column]) -> dict[str, Any]:
    return {
        "key": board.key,
        "name": board.name,
        "columns": [column(item) for item in columns],
    }


def card(card: Card) -> dict[str, Any]:
    return {
        "key": card.key,
        "board": card.board_key,
        "title": card.title,
        "type": card.type.value,
        "priority": card.priority.value,
        "points": card.points,
        "assignee": card.assignee,
        "labels": list(card.labels),
        "due": day(card.due),
        "column": card.column,
        "rank": card.rank,
        "sprint": card.sprint,
        "blocked": card.blocked is not None,
        "blocked_reason": card.blocked,
        "archived": card.archived,
        "description": card.description,
        "created_at": timestamp(card.created_at),
        "updated_at": timestamp(card.updated_at),
        "started_at": timestamp(card.started_at),
        "done_at": timestamp(card.done_at),
    }
