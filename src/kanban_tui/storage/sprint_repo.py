"""Queries for sprints and the backlog that return domain objects (or rows to write)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from ..domain.errors import NotFound
from ..domain.model import Category
from ..domain.sprint_metrics import Committed
from ..domain.sprints import Sprint, SprintState
from . import repo
from .tables import BoardRow, CardRow, ColumnRow, EventRow, SprintRow

OPEN_STATES = (SprintState.PLANNED.value, SprintState.ACTIVE.value)


def to_sprint(row: SprintRow, board_key: str, count: int = 0, points: int = 0) -> Sprint:
    assert row.id is not None
    return Sprint(
        id=row.id,
        board_key=board_key,
        number=row.number,
        name=row.name,
        goal=row.goal,
        start=repo.parse_day(row.start),
        end=repo.parse_day(row.end),
        state=SprintState(row.state),
        version=row.version,
        created_at=repo.parse_time(row.created_at),
        started_at=repo.parse_time(row.started_at),
        completed_at=repo.parse_time(row.completed_at),
        card_count=count,
        points=points,
    )


def totals(session: Session, board_id: int) -> dict[int, tuple[int, int]]:
    """Non-archived cards and their points per sprint id (one GROUP BY)."""
    query = totals_query(board_id)
    return {
        int(sprint_id): (int(count), int(points or 0))
        for sprint_id, count, points in session.exec(query).all()
        if sprint_id is not None
    }


def totals_query(board_id: int) -> Any:
    """The board's sprints' counts and points, read by the sprints' index
    (``ix_card_sprint_rank``): the cards in sprints, not the whole board."""
    ids = select(SprintRow.id).where(SprintRow.board_id == board_id)
    return (
        select(CardRow.sprint_id, func.count(), func.coalesce(func.sum(CardRow.points), 0))
        .where(col(CardRow.sprint_id).in_(ids), col(CardRow.archived).is_(False))
        .group_by(col(CardRow.sprint_id))
    )


def sprint_rows(session: Session, board_id: int) -> list[SprintRow]:
    query = select(SprintRow).where(SprintRow.board_id == board_id).order_by(col(SprintRow.number))
    return list(session.exec(query).all())


def sprints(session: Session, board: BoardRow) -> list[Sprint]:
    assert board.id is not None
    numbers = totals(session, board.id)
    return [
        to_sprint(row, board.key, *numbers.get(row.id or 0, (0, 0)))
        for row in sprint_rows(session, board.id)
    ]


def sprint(session: Session, board: BoardRow, row: SprintRow) -> Sprint:
    assert board.id is not None
    return to_sprint(row, board.key, *totals(session, board.id).get(row.id or 0, (0, 0)))


def active_row(session: Session, board_id: int) -> SprintRow | None:
    query = select(SprintRow).where(
        SprintRow.board_id == board_id, SprintRow.state == SprintState.ACTIVE.value
    )
    return session.exec(query).first()


def sprint_row(session: Session, board: BoardRow, number: int | str) -> SprintRow:
    """A sprint by number, or ``"active"`` for the active one."""
    assert board.id is not None
    if isinstance(number, str) and number.strip().lower() == "active":
        row = active_row(session, board.id)
        if row is None:
            raise NotFound(f"Board {board.key} has no active sprint.")
        return row
    try:
        wanted = int(number)
    except ValueError:
        raise NotFound(f"{number!r} is not a sprint number (or 'active').") from None
    return repo.numbered_row(
        session, SprintRow, board, wanted, f"No sprint {wanted} on board {board.key}."
    )


def done_column_ids(session: Session, board_id: int) -> set[int]:
    return {
        row.id
        for row in repo.column_rows(session, board_id)
        if row.category == Category.DONE.value and row.id is not None
    }


def column_categories(session: Session, board_id: int) -> dict[str, Category]:
    """The category of each column name the board's events use: today's
    columns, and the names a column had before a rename or a deleted one
    had (replayed backwards from the log), so old moves still read right."""
    now = {row.name: Category(row.category) for row in repo.column_rows(session, board_id)}
    found = dict(now)
    events = session.exec(
        select(EventRow.key, EventRow.action, EventRow.data)
        .where(
            EventRow.board_id == board_id,
            EventRow.entity == "column",
            col(EventRow.action).in_(("renamed", "deleted")),
        )
        .order_by(col(EventRow.id).desc())
    ).all()
    for key, action, data in events:
        values = json.loads(data or "{}")
        if action == "renamed" and key in now:
            now[str(values.get("before", key))] = now.pop(key)
        elif action == "deleted" and values.get("category") in set(Category):
            now[key] = Category(values["category"])
        for name, category in now.items():
            found.setdefault(name, category)
    return found


def sprint_card_rows(session: Session, sprint_id: int) -> list[CardRow]:
    """The sprint's cards (archived ones too) in rank order."""
    query = (
        select(CardRow)
        .where(CardRow.sprint_id == sprint_id)
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    return list(session.exec(query).all())


def backlog_filter(board_id: int) -> list[Any]:
    """WHERE clauses for the backlog: non-archived, in no planned or active
    sprint, not in a done column."""
    open_ids = select(SprintRow.id).where(
        SprintRow.board_id == board_id, col(SprintRow.state).in_(OPEN_STATES)
    )
    done_ids = select(ColumnRow.id).where(
        ColumnRow.board_id == board_id, ColumnRow.category == Category.DONE.value
    )
    return [
        CardRow.board_id == board_id,
        col(CardRow.archived).is_(False),
        col(CardRow.column_id).not_in(done_ids),
        or_(col(CardRow.sprint_id).is_(None), col(CardRow.sprint_id).not_in(open_ids)),
    ]


def backlog_totals_query(board_id: int, sprint_ids: Sequence[int] | None = None) -> Any:
    """(cards, points, cards without points) of the board's open (not done)
    columns, from the covering index on (column, archived, points): no card
    row is read. ``sprint_ids``: only the cards of those sprints (the open
    ones, read first: given as values, the planner starts from the sprints'
    index and reads their few cards, where a subquery had it read the row of
    every card in the open columns to look at its sprint)."""
    points = col(CardRow.points)
    live_ids = select(ColumnRow.id).where(
        ColumnRow.board_id == board_id, ColumnRow.category != Category.DONE.value
    )
    query = select(
        func.count(), func.coalesce(func.sum(points), 0), func.count() - func.count(points)
    ).where(col(CardRow.column_id).in_(live_ids), col(CardRow.archived).is_(False))
    if sprint_ids is not None:
        query = query.where(col(CardRow.sprint_id).in_(sprint_ids))
    return query


def open_sprint_ids(session: Session, board_id: int) -> list[int]:
    query = select(SprintRow.id).where(
        SprintRow.board_id == board_id, col(SprintRow.state).in_(OPEN_STATES)
    )
    return [number for number in session.exec(query).all() if number is not None]


def backlog_totals(session: Session, board_id: int) -> tuple[int, int, int]:
    """The backlog's (cards, points, cards without points), by aggregates:
    the open columns' totals less those of the cards in open sprints (a
    sprint's few cards). The cards ``backlog_filter`` selects (a test holds
    them equal), in a fifth of its time at 75,000 backlog cards, where each
    card's row was read."""
    whole = session.execute(backlog_totals_query(board_id)).one()
    open_ids = open_sprint_ids(session, board_id)
    if not open_ids:
        return int(whole[0]), int(whole[1]), int(whole[2])
    planned = session.execute(backlog_totals_query(board_id, open_ids)).one()
    count, points, unestimated = (int(a) - int(b) for a, b in zip(whole, planned, strict=True))
    return count, points, unestimated


def backlog_ranks(session: Session, board_id: int) -> list[tuple[int, int]]:
    """``(card id, rank)`` of the backlog in rank order."""
    query = (
        select(CardRow.id, CardRow.rank)
        .where(*backlog_filter(board_id))
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    return [(card_id, rank) for card_id, rank in session.exec(query).all() if card_id is not None]


def sprint_ranks(session: Session, sprint_id: int) -> list[tuple[int, int]]:
    """``(card id, rank)`` of a sprint's non-archived cards in rank order."""
    query = (
        select(CardRow.id, CardRow.rank)
        .where(CardRow.sprint_id == sprint_id, col(CardRow.archived).is_(False))
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    return [(card_id, rank) for card_id, rank in session.exec(query).all() if card_id is not None]


def committed(row: SprintRow) -> list[Committed]:
    return [Committed(**item) for item in json.loads(row.committed or "[]")]
