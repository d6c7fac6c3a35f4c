"""Notice what other processes committed, cheaply.

``PRAGMA data_version`` changes when another connection commits; it costs
microseconds, so a TUI can poll it several times a second. When it moves,
the activity log (append-only, ids ascending) says what changed, so the
screen reloads only that.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    event_id: int
    board_id: int
    entity: str
    key: str
    action: str
    actor: str


class ChangeFeed:
    """One long-lived connection that reports the events committed since last asked."""

    own_seen = False
    """Whether the last poll found commits of this process (left out of its result)."""

    def __init__(self, uri: str) -> None:
        # data_version is per connection: it must be this same connection each time.
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=5)
        self._version = self._data_version()
        row = self._conn.execute("SELECT coalesce(max(id), 0) FROM event").fetchone()
        self._last_event = int(row[0])

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self, own: set[int] | None = None) -> list[Change]:
        """Events committed since the last poll (empty if none).

        Ids in ``own`` (this process's own commits, see ``Database.own_events``)
        are left out and taken out of ``own``; ``own_seen`` then says whether
        there were any.
        """
        self.own_seen = False
        version = self._data_version()
        if version == self._version:
            return []
        self._version = version
        rows = self._conn.execute(
            "SELECT id, board_id, entity, key, action, actor FROM event WHERE id > ? ORDER BY id",
            (self._last_event,),
        ).fetchall()
        if rows:
            self._last_event = rows[-1][0]
        if own:
            mine = {row[0] for row in rows} & own
            self.own_seen = bool(mine)
            rows = [row for row in rows if row[0] not in mine]
            own.difference_update({event_id for event_id in own if event_id <= self._last_event})
        return [Change(*row) for row in rows]

    def close(self) -> None:
        self._conn.close()
