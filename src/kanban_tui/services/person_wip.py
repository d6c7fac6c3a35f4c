"""The per-person WIP limit (spec WIP rule 6), checked inside a write transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..domain import validation, wip
from ..domain.model import Category
from ..storage.tables import BoardRow, CardRow, ColumnRow


def in_progress_count(session: Session, board: BoardRow, person: str, card_id: int | None) -> int:
    """``person``'s non-archived cards in the board's in_progress columns, but ``card_id``."""
    query = (
        select(func.count())
        .select_from(CardRow)
        .join(ColumnRow, col(ColumnRow.id) == col(CardRow.column_id))
        .where(
            CardRow.board_id == board.id,
            CardRow.assignee == person,
            col(CardRow.archived).is_(False),
            ColumnRow.category == Category.IN_PROGRESS.value,
        )
    )
    if card_id is not None:
        query = query.where(col(CardRow.id) != card_id)
    return session.exec(query).one()


def take_on(
    session: Session,
    board: BoardRow,
    card_id: int | None,
    person: str | None,
    force: bool,
) -> dict[str, Any] | None:
    """``person`` takes on a card as in-progress work: refuse over the board's
    limit; forced, return the breach (person, count with the card, limit)."""
    limit = board.person_wip_limit
    if person is None or limit is None:
        return None
    count = in_progress_count(session, board, person, card_id)
    if not force:
        wip.check_person(person, count, limit)
    elif wip.person_breach(person, count, limit):
        return {"person": person, "count": count + 1, "limit": limit}
    return None


def assign(
    session: Session,
    board: BoardRow,
    row: CardRow,
    person: str | None,
    force: bool,
) -> dict[str, Any] | None:
    """An edit gives ``row`` to ``person``: a card standing in an in_progress
    column is in-progress work they take on (see :func:`take_on`)."""
    column = session.get(ColumnRow, row.column_id)
    if column is not None and column.category == Category.IN_PROGRESS.value:
        return take_on(session, board, row.id, person, force)
    return None


def override_data(
    reason: str | None,
    breach: dict[str, Any] | None,
    person_breach: dict[str, Any] | None,
) -> dict[str, Any]:
    """What a forced change adds to its one event: ``forced``, the ``reason``,
    and each limit it went over (``breach``: the column's, ``person_breach``:
    the assignee's). Nothing when no limit was exceeded and none was asked."""
    data: dict[str, Any] = {}
    if breach:
        data["breach"] = breach
    if person_breach:
        data["person_breach"] = person_breach
    if data:
        data = {"forced": True, "reason": validation.reason(reason), **data}
    return data
