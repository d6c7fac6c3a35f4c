"""Notice what other processes committed, cheaply.

The activity log is append-only and every change writes to it, with ids
that grow in commit order (writes are serialised). So the newest event id
says whether anything was committed since the last look, for the price of
one index lookup, and the rows after the last seen id say what changed, so
a screen reloads only that. Each poll is its own short read, through the
same path as every other read, so a reader who may not write the file
never makes SQLite create anything beside it (see :mod:`.database`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from .store import Store

_LAST = text("SELECT coalesce(max(id), 0) FROM event")
_BOARDS = text("SELECT id FROM board")
_SINCE = text(
    "SELECT id, board_id, entity, key, action, actor FROM event WHERE id > :last ORDER BY id"
)


@dataclass(frozen=True, slots=True)
class Change:
    event_id: int
    board_id: int
    entity: str
    key: str
    action: str
    actor: str


class ChangeFeed:
    """Reports the events committed since it last looked."""

    own_seen = False
    """Whether the last poll found commits of this process (left out of its result)."""

    def __init__(self, database: Store) -> None:
        self._database = database
        with database.read() as session:
            self._last_event = int(session.execute(_LAST).scalar_one())
        self._generation = database.generation

    def poll(self, own: set[int] | None = None) -> list[Change]:
        """Events committed since the last poll (empty if none).

        Ids in ``own`` (this process's own commits, see ``Database.own_events``)
        are left out and taken out of ``own``; ``own_seen`` then says whether
        there were any.
        """
        self.own_seen = False
        with self._database.read() as session:
            last = int(session.execute(_LAST).scalar_one())
            if last < self._last_event or self._database.generation != self._generation:
                # Another file now (a backup restored): every board is news.
                self._last_event, self._generation = last, self._database.generation
                boards = session.execute(_BOARDS).scalars().all()
                return [Change(0, board, "file", "", "replaced", "") for board in boards]
            if last == self._last_event:
                return []
            rows = session.execute(_SINCE, {"last": self._last_event}).all()
        if rows:
            self._last_event = rows[-1][0]
        if own:
            mine = {row[0] for row in rows} & own
            self.own_seen = bool(mine)
            rows = [row for row in rows if row[0] not in mine]
            own.difference_update({event_id for event_id in own if event_id <= self._last_event})
        return [Change(*row) for row in rows]

    def close(self) -> None:
        """Nothing is held between polls; kept so that callers need not know."""
