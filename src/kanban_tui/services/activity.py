"""The activity log: who did what, when."""

from __future__ import annotations

import json

from sqlmodel import col, select

from ..domain import validation
from ..domain.errors import InvalidInput
from ..domain.model import Event
from ..storage import repo
from ..storage.tables import EventRow
from ..storage.watch import Change, ChangeFeed
from .context import Context


def recent_events(
    ctx: Context, board_key: str, *, key: str | None = None, limit: int = 200
) -> list[Event]:
    """The board's newest events first; ``key`` narrows to one card, column or risk."""
    with ctx.db.read() as session:
        board = repo.board_row(session, board_key)
        query = select(EventRow).where(EventRow.board_id == board.id)
        if key:
            query = query.where(EventRow.key == _normal_key(key))
        query = query.order_by(col(EventRow.id).desc()).limit(limit)
        return [
            Event(
                id=row.id or 0,
                at=repo.parse_time(row.at) or ctx.clock(),
                actor=row.actor,
                entity=row.entity,
                key=row.key,
                action=row.action,
                data=json.loads(row.data),
            )
            for row in session.exec(query)
        ]


def _normal_key(key: str) -> str:
    """Card keys are typed in any case (web-12); column names are kept as they are."""
    try:
        board_key, number = validation.parse_card_key(key)
    except InvalidInput:
        return key.strip()
    return f"{board_key}-{number}"


class Changes:
    """What other processes commit from now on, polled cheaply (see storage.watch)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._feed = ChangeFeed(ctx.db.reader_uri)

    def poll(self) -> list[Change]:
        """Other processes' changes since the last poll; this process's own are left out."""
        return self._feed.poll(self._ctx.db.own_events)

    def close(self) -> None:
        self._feed.close()


def change_feed(ctx: Context) -> Changes:
    return Changes(ctx)
