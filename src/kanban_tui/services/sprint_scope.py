"""Shared steps of the sprint actions: new sprints, cards joining and leaving.

Not user actions themselves: each runs inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session

from ..domain import ranking, validation
from ..domain import sprints as rules
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.sprints import Action, SprintState
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow, SprintRow
from .context import Context


def event_key(board: BoardRow, row: SprintRow) -> str:
    return rules.sprint_key(board.key, row.number)


def touch(row: SprintRow) -> None:
    row.version += 1


def new_sprint(
    ctx: Context,
    session: Session,
    board: BoardRow,
    *,
    name: str | None,
    goal: str,
    start: date,
    end: date,
) -> SprintRow:
    assert board.id is not None
    number = board.next_sprint
    board.next_sprint += 1
    session.add(board)
    row = SprintRow(
        board_id=board.id,
        number=number,
        name=rules.name(name, number),
        goal=goal,
        start=start.isoformat(),
        end=end.isoformat(),
        state=rules.CREATED_STATE.value,
        created_at=ctx.now(),
    )
    session.add(row)
    session.flush()
    ctx.log(
        session,
        board.id,
        "sprint",
        event_key(board, row),
        "created",
        name=row.name,
        goal=goal,
        start=row.start,
        end=row.end,
    )
    return row


def is_done(session: Session, board: BoardRow, card: CardRow) -> bool:
    assert board.id is not None
    return card.column_id in srepo.done_column_ids(session, board.id)


def move_card(
    ctx: Context,
    session: Session,
    board: BoardRow,
    card: CardRow,
    target: SprintRow | None,
    **extra: Any,
) -> None:
    """Put ``card`` into ``target`` (None: out of any sprint) and log it."""
    before = session.get(SprintRow, card.sprint_id) if card.sprint_id else None
    card.sprint_id = target.id if target else None
    card.version += 1
    card.updated_at = ctx.now()
    card.updated_by = ctx.actor
    session.add(card)
    active = SprintState.ACTIVE.value
    ctx.log(
        session,
        board.id,
        "card",
        f"{board.key}-{card.number}",
        "sprint",
        before=before.number if before else None,
        after=target.number if target else None,
        points=card.points,
        done=is_done(session, board, card),
        scope_change=any(row is not None and row.state == active for row in (before, target)),
        **extra,
    )


def join_sprint(
    ctx: Context, session: Session, board: BoardRow, row: SprintRow, card: CardRow
) -> None:
    """Rule 8 and the table for one card joining ``row``; used by add_card too."""
    rules.transition(row.state, Action.ADD_CARD, row.number)
    key = f"{board.key}-{card.number}"
    if card.archived:
        raise RuleViolation(f"{key} is archived; restore it before planning it.")
    current = session.get(SprintRow, card.sprint_id) if card.sprint_id else None
    if rules.check_membership(
        key,
        row.number,
        current.number if current else None,
        SprintState(current.state) if current else None,
        is_done(session, board, card),
    ):
        move_card(ctx, session, board, card, row)


def card_rows(session: Session, board: BoardRow, keys: Iterable[str]) -> list[CardRow]:
    rows = []
    for text in keys:
        board_key, number = validation.parse_card_key(text)
        if board_key != board.key:
            raise InvalidInput(f"{text} is not a card of board {board.key}.")
        rows.append(repo.card_row(session, board, number))
    if not rows:
        raise InvalidInput("Name at least one card, e.g. WEB-12.")
    return rows


def rank_on_top(session: Session, cards: list[CardRow], others: list[tuple[int, int]]) -> None:
    """Give ``cards`` (in rank order) ranks above every card of ``others``, keeping their order."""
    moving = {card.id for card in cards}
    ranks = [rank for card_id, rank in others if card_id not in moving]
    if not cards or not ranks:
        return
    top = ranks[0]
    for offset, card in enumerate(sorted(cards, key=lambda c: (c.rank, c.id or 0))):
        card.rank = top - (len(cards) - offset) * ranking.STEP
        session.add(card)
