"""The per-person WIP limit (spec WIP rule 6), checked inside a write transaction."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..domain import validation, wip
from ..domain.model import Category
from ..storage.tables import BoardRow, CardRow, ColumnRow
from .context import Context


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
    ctx: Context,
    session: Session,
    board: BoardRow,
    key: str,
    card_id: int | None,
    person: str | None,
    force: bool,
    reason: str | None,
) -> None:
    """``person`` takes on card ``key`` as in-progress work: refuse over the
    board's limit, or (forced) log the breach with the reason."""
    limit = board.person_wip_limit
    if person is None or limit is None:
        return
    count = in_progress_count(session, board, person, card_id)
    if not force:
        wip.check_person(person, count, limit)
    elif wip.person_breach(person, count, limit):
        ctx.log(
            session,
            board.id,
            "board",
            board.key,
            "wip_breach",
            person=person,
            card=key,
            count=count + 1,
            limit=limit,
            reason=validation.reason(reason),
        )


def assign(
    ctx: Context,
    session: Session,
    board: BoardRow,
    row: CardRow,
    person: str | None,
    force: bool,
    reason: str | None,
) -> None:
    """An edit gives ``row`` to ``person``: a card standing in an in_progress
    column is in-progress work they take on."""
    column = session.get(ColumnRow, row.column_id)
    if column is not None and column.category == Category.IN_PROGRESS.value:
        key = f"{board.key}-{row.number}"
        take_on(ctx, session, board, key, row.id, person, force, reason)
