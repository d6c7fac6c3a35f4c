"""A column read a page at a time: what a board of 100,000 cards shows first.

A column is read by keyset pagination on ``(rank, id)`` (the order every list
of cards is shown in), never by OFFSET, so that the 400th page costs what the
first does; and its count and points come from one aggregate over an index.
Each query is built by a ``*_query`` function of its own, which is what
``tests/storage/test_query_plans.py`` asks the database to plan: a later change
cannot silently turn one into a scan of the card table.

Positions are ``(rank, id)`` pairs: ``(card.rank, card.id)`` of a shown card.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, tuple_
from sqlmodel import Session

from ..domain.model import Card
from . import repo
from .sprint_repo import backlog_filter
from .tables import BoardRow, CardRow, ColumnRow

PAGE = 100
"""Cards per page unless asked otherwise: a tall terminal's column and a margin."""

Position = tuple[int, int]
"""``(rank, id)`` of a card: where a page starts or ends."""

_CARD: Any = CardRow.__table__  # type: ignore[attr-defined]
_COLUMN: Any = ColumnRow.__table__  # type: ignore[attr-defined]


def column_page_query(column_id: int, after: Position | None, limit: int) -> Any:
    """The non-archived cards of a column after ``after``, in rank order."""
    query = select(_CARD).where(_CARD.c.column_id == column_id, _CARD.c.archived == False)  # noqa: E712
    if after is not None:
        query = query.where(tuple_(_CARD.c.rank, _CARD.c.id) > tuple_(*after))
    return query.order_by(_CARD.c.rank, _CARD.c.id).limit(limit)


def column_page_before_query(column_id: int, before: Position | None, limit: int) -> Any:
    """The same cards read backwards from ``before`` (None: from the column's end)."""
    query = select(_CARD).where(_CARD.c.column_id == column_id, _CARD.c.archived == False)  # noqa: E712
    if before is not None:
        query = query.where(tuple_(_CARD.c.rank, _CARD.c.id) < tuple_(*before))
    return query.order_by(_CARD.c.rank.desc(), _CARD.c.id.desc()).limit(limit)


def backlog_page_query(
    board_id: int,
    limit: int,
    *,
    after: Position | None = None,
    before: Position | None = None,
    backward: bool = False,
) -> Any:
    """The board's backlog cards (``sprint_repo.backlog_filter``) after
    ``after`` and before ``before``, in rank order (``backward``: from the
    last), read down the board's rank index without a sort."""
    rank = (_CARD.c.rank, _CARD.c.id)
    query = select(_CARD).where(*backlog_filter(board_id))
    if after is not None:
        query = query.where(tuple_(*rank) > tuple_(*after))
    if before is not None:
        query = query.where(tuple_(*rank) < tuple_(*before))
    order = (_CARD.c.rank.desc(), _CARD.c.id.desc()) if backward else rank
    return query.order_by(*order).limit(limit)


def cards_before_query(column_id: int, position: Position) -> Any:
    """How many of the column's cards come before ``position``."""
    return select(func.count()).where(
        _CARD.c.column_id == column_id,
        _CARD.c.archived == False,  # noqa: E712
        tuple_(_CARD.c.rank, _CARD.c.id) < tuple_(*position),
    )


def column_totals_query(board_id: int) -> Any:
    """Per column of the board: its id, non-archived cards and their points."""
    return (
        select(_COLUMN.c.id, func.count(_CARD.c.id), func.coalesce(func.sum(_CARD.c.points), 0))
        .select_from(_COLUMN)
        .join(_CARD, (_CARD.c.column_id == _COLUMN.c.id) & (_CARD.c.archived == False))  # noqa: E712
        .where(_COLUMN.c.board_id == board_id)
        .group_by(_COLUMN.c.id)
    )


def column_page(
    session: Session, column_id: int, after: Position | None = None, limit: int = PAGE
) -> list[Card]:
    """Up to ``limit`` non-archived cards of the column after ``after`` (None:
    from the top), in rank order, as full domain cards."""
    return _page(session, column_id, column_page_query(column_id, after, limit))


def column_page_before(
    session: Session, column_id: int, before: Position | None = None, limit: int = PAGE
) -> list[Card]:
    """Up to ``limit`` cards just before ``before`` (None: the column's last
    cards, what ``G`` shows), in rank order."""
    return _page(session, column_id, column_page_before_query(column_id, before, limit))[::-1]


def cards_before(session: Session, column_id: int, position: Position) -> int:
    """The index in its column of the card at ``position`` (a scroll bar's place)."""
    return int(session.execute(cards_before_query(column_id, position)).scalar_one())


def column_totals(session: Session, board_id: int) -> dict[int, tuple[int, int]]:
    """``{column id: (cards, points)}`` of the board's non-archived cards; a
    column without cards is absent (it has ``(0, 0)``)."""
    rows = session.execute(column_totals_query(board_id))
    return {column_id: (int(count), int(points)) for column_id, count, points in rows}


def _page(session: Session, column_id: int, query: Any) -> list[Card]:
    found = session.execute(
        select(_COLUMN.c.board_id, BoardRow.key)  # type: ignore[call-overload]
        .join(BoardRow, BoardRow.id == _COLUMN.c.board_id)
        .where(_COLUMN.c.id == column_id)
    ).first()
    if found is None:
        return []
    board_id, board_key = found
    return repo.query_cards(session, query, board_id, board_key)
