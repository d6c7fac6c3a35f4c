"""``kanban log --json``: the board's log as JSON lines, read as they are written.

The whole log of a board (no ``--card``) is read through the driver alone
where the database allows (:mod:`..storage.plain_read`): at a million events
the command is held to 4x the ``sqlite3`` shell printing the same rows, and
importing the ORM was a tenth of it. A key, a server or a file read from a
private copy take :func:`.activity.event_batches`, the Core select. Either
way the lines are :class:`.activity_lines.LineMaker`'s, the same bytes as
``json.dumps`` of :func:`.activity.event_json`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..storage.plain_read import events_sql
from .activity_lines import EVENT_FIELDS, LineMaker
from .context import Context

BATCH = 256
"""Events read at a time: each batch's text (50 KB) stays under the C
allocator's threshold for memory of its own (128 KiB), which a batch of
1,000 crossed every time (0.1 s of page faults at a million events)."""


def log_batches(
    ctx: Context,
    board_key: str,
    *,
    key: str | None = None,
    limit: int = 200,
    offset: int = 0,
    ascii_only: bool = False,
) -> Iterator[list[str]]:
    """``json.dumps`` of :func:`.activity.event_json` for each event
    :func:`.activity.recent_events` finds (``key``: about that card, risk,
    column or sprint), newest first, ``offset`` skipped, at most ``limit``;
    ``ascii_only``: every non-ASCII character escaped. A list per batch of
    rows read: what the command writes (no step per line in between). A
    missing board is refused when the first batch is asked for."""
    if not key:
        with ctx.db.plain_read() as reader:
            if reader is not None:
                board_id, _ = reader.board(board_key)
                lines = LineMaker(ctx, ascii_only).lines
                for rows in reader.rows(events_sql(board_id, EVENT_FIELDS, limit, offset), BATCH):
                    yield lines(rows)
                return
    from .activity import event_batches

    yield from event_batches(
        ctx, board_key, key=key, limit=limit, offset=offset, ascii_only=ascii_only, batch=BATCH
    )
