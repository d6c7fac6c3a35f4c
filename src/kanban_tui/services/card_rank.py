"""Ranking a card in its list: up, down, to the top or bottom (J K T B), and
back to where it was (the undo of a rank change)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from ..domain import ranking
from ..domain.errors import InvalidInput, RuleViolation
from ..domain.model import Card
from ..storage import repo
from ..storage import sprint_repo as srepo
from ..storage.tables import BoardRow, CardRow
from .card_rows import locate, locate_live, touch
from .context import Context

RANK_SCOPES = ("column", "backlog", "sprint", "sprint column")
"""``sprint column``: the card's sprint's cards in its column (the Sprint screen's lists)."""


def ranked_list(session: Session, board: BoardRow, row: CardRow, scope: str) -> list[Any]:
    """``(id, rank)`` of the list the card is ranked in, in rank order."""
    assert board.id is not None
    key = f"{board.key}-{row.number}"
    if scope == "backlog":
        found = srepo.backlog_ranks(session, board.id)
        if row.id not in {card_id for card_id, _ in found}:
            raise RuleViolation(f"{key} is not in the backlog.")
        return found
    if scope == "sprint":
        if row.sprint_id is None:
            raise RuleViolation(f"{key} is in no sprint.")
        return srepo.sprint_ranks(session, row.sprint_id)
    query = (
        select(CardRow.id, CardRow.rank)
        .where(CardRow.column_id == row.column_id, col(CardRow.archived).is_(False))
        .order_by(col(CardRow.rank), col(CardRow.id))
    )
    if scope == "sprint column":
        if row.sprint_id is None:
            raise RuleViolation(f"{key} is in no sprint.")
        query = query.where(CardRow.sprint_id == row.sprint_id)
    return list(session.exec(query).all())


def rank_card(ctx: Context, key: str, move: ranking.Move | str, *, scope: str = "column") -> Card:
    """Move a card up, down, to the top or bottom of its column (or of the
    ``"backlog"``, or of its ``"sprint"``); no other card moves."""
    move = ranking.Move(move)
    if scope not in RANK_SCOPES:
        raise InvalidInput(
            f"Ranking scope must be column, backlog, sprint or sprint column (got {scope!r})."
        )
    with ctx.db.write() as session:
        board, row, _ = locate_live(session, key)
        siblings = ranked_list(session, board, row, scope)
        ids = [card_id for card_id, _ in siblings]
        index = ids.index(row.id)
        neighbours = ranking.target([rank for _, rank in siblings], index, move)
        if neighbours is None:
            return repo.card(session, board, row)
        before = row.rank  # read before a renumber moves it
        new_rank = ranking.between(*neighbours)
        if new_rank is None:
            renumber(session, board)
            session.refresh(row)
            siblings = ranked_list(session, board, row, scope)
            neighbours = ranking.target([rank for _, rank in siblings], index, move)
            assert neighbours is not None
            new_rank = ranking.between(*neighbours)
        row.rank = new_rank if new_rank is not None else row.rank
        touch(ctx, row)
        session.add(row)
        key = f"{board.key}-{row.number}"
        # ``index``: where it was in its list, which undo puts it back to.
        data: dict[str, Any] = {
            "move": move.value,
            "before": before,
            "after": row.rank,
            "index": index,
        }
        if scope != "column":
            data["scope"] = scope
        ctx.log(session, board.id, "card", key, "ranked", **data)
        return repo.card(session, board, row)


def renumber(session: Session, board: BoardRow) -> None:
    """Spread the board's ranks evenly again, keeping every card's order."""
    ids = session.exec(
        select(CardRow.id)
        .where(CardRow.board_id == board.id)
        .order_by(col(CardRow.rank), col(CardRow.id))
    ).all()
    for card_id, rank in zip(ids, ranking.renumber(len(ids)), strict=True):
        session.execute(update(CardRow).where(col(CardRow.id) == card_id).values(rank=rank))


def rank_card_at(ctx: Context, key: str, index: int, *, scope: str = "column") -> Card:
    """Put a card at ``index`` of its list (0: the top; past the end: the
    bottom) among the others of ``scope`` (see ``card_rank.rank_card``); no other
    card moves. One ``ranked`` event, ``move`` "back"."""
    assert scope in RANK_SCOPES
    with ctx.db.write() as session:
        board, row = locate(session, key)
        before = row.rank
        new_rank = _between(session, board, row, scope, index)
        if new_rank is None:
            renumber(session, board)
            session.refresh(row)
            new_rank = _between(session, board, row, scope, index)
            assert new_rank is not None
        row.rank = new_rank
        touch(ctx, row)
        session.add(row)
        data = {"move": "back", "before": before, "after": new_rank, "index": index}
        if scope != "column":
            data["scope"] = scope
        ctx.log(session, board.id, "card", f"{board.key}-{row.number}", "ranked", **data)
        return repo.card(session, board, row)


def _between(session: Session, board: BoardRow, row: CardRow, scope: str, index: int) -> int | None:
    others = [
        rank for card_id, rank in ranked_list(session, board, row, scope) if card_id != row.id
    ]
    index = max(0, min(index, len(others)))
    above = others[index - 1] if index > 0 else None
    below = others[index] if index < len(others) else None
    if above is None and below is None:
        return row.rank
    return ranking.between(above, below)
