"""A card's discussion: add a comment, read them. Comments are never edited."""

from __future__ import annotations

from ..domain import validation
from ..domain.model import Comment
from ..storage import repo
from ..storage.tables import CommentRow
from .context import Context

LOGGED_TEXT = 200
"""Characters of a comment copied into its event: the log says what was said,
the comment table keeps all of it."""


def add_comment(ctx: Context, key: str, text: str) -> Comment:
    """Add a comment by the acting user to a card; one event ``commented``."""
    clean = validation.comment(text)
    board_key, number = validation.parse_card_key(key)
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        card = repo.card_row(session, board, number)
        assert card.id is not None
        key = f"{board.key}-{card.number}"
        row = CommentRow(card_id=card.id, author=ctx.actor, at=ctx.now(), text=clean)
        session.add(row)
        session.flush()
        logged = clean if len(clean) <= LOGGED_TEXT else clean[: LOGGED_TEXT - 1] + "…"
        ctx.log(session, board.id, "card", key, "commented", text=logged)
        return repo.to_comment(row, key)


def comments(ctx: Context, key: str) -> list[Comment]:
    """A card's comments, oldest first: newest last, as a discussion reads."""
    board_key, number = validation.parse_card_key(key)
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        card = repo.card_row(session, board, number)
        assert card.id is not None
        return repo.comments(session, f"{board.key}-{card.number}", card.id)
