"""Putting a card back where it was in its list: the undo of a rank change."""

from __future__ import annotations

from sqlmodel import Session

from ..domain import ranking
from ..domain.model import Card
from ..storage import repo
from ..storage.tables import BoardRow, CardRow
from .cards import RANK_SCOPES, _locate, _renumber, _siblings, _touch
from .context import Context


def rank_card_at(ctx: Context, key: str, index: int, *, scope: str = "column") -> Card:
    """Put a card at ``index`` of its list (0: the top; past the end: the
    bottom) among the others of ``scope`` (see ``cards.rank_card``); no other
    card moves. One ``ranked`` event, ``move`` "back"."""
    assert scope in RANK_SCOPES
    with ctx.db.write() as session:
        board, row = _locate(session, key)
        before = row.rank
        new_rank = _between(session, board, row, scope, index)
        if new_rank is None:
            _renumber(session, board)
            session.refresh(row)
            new_rank = _between(session, board, row, scope, index)
            assert new_rank is not None
        row.rank = new_rank
        _touch(ctx, row)
        session.add(row)
        data = {"move": "back", "before": before, "after": new_rank, "index": index}
        if scope != "column":
            data["scope"] = scope
        ctx.log(session, board.id, "card", f"{board.key}-{row.number}", "ranked", **data)
        return repo.card(session, board, row)


def _between(session: Session, board: BoardRow, row: CardRow, scope: str, index: int) -> int | None:
    others = [rank for card_id, rank in _siblings(session, board, row, scope) if card_id != row.id]
    index = max(0, min(index, len(others)))
    above = others[index - 1] if index > 0 else None
    below = others[index] if index < len(others) else None
    if above is None and below is None:
        return row.rank
    return ranking.between(above, below)
