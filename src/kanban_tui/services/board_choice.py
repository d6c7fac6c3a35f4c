"""The board a command means, read without the ORM where the database allows.

Every command names its board first; ``card list --json`` and ``log --json``
then stream rows without SQLAlchemy (:mod:`..storage.plain_read`), so the
boards are read that way too. The rule is :func:`..domain.boards.choose_board`,
which :func:`.boards.resolve_board` applies as well.
"""

from __future__ import annotations

from ..domain.boards import choose_board
from ..domain.model import Board
from .context import Context


def board_meant(ctx: Context, key: str | None, last: str | None = None) -> Board:
    """The board named, else the only one, else the last opened (``last``)."""
    with ctx.db.plain_read() as reader:
        found = reader.boards() if reader is not None else None
    if found is None:
        from .boards import list_boards

        found = list_boards(ctx)
    return choose_board(found, key, last)
