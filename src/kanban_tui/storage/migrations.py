"""Forward migrations of the schema.

``MIGRATIONS[n]`` takes a connection at schema version ``n`` to ``n + 1``.
The database takes a backup copy before it runs any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from ..domain import people
from ..domain.errors import StorageError
from .opening import SCHEMA_VERSION
from .tables import CommentRow

PEOPLE_COLUMNS = (("card", "assignee"), ("risk", "owner"))
"""Where names are stored that the rules compare: the per-person WIP limit and
the ``--assignee``/``--owner``/``@name`` filters read these."""


def _has_table(conn: Any, name: str) -> bool:
    return bool(inspect(conn).has_table(name))


def one_name_per_person(conn: Any) -> None:
    """1 -> 2: stored names take their canonical form (:func:`..domain.people.canonical`).

    ``Bob``, ``bob `` and ``@bob`` on cards and risks all become ``bob``, so
    that the per-person WIP limit counts them as one person and an SQL ``=``
    on a name matches what :func:`~..domain.people.same` says. Names that the
    new rules would refuse (an invisible character, say) are folded but kept:
    a migration must not lose an assignment, and such a name can be changed.

    Left as written: the activity log (append-only; its ``actor`` and the
    names in its ``data`` are history, and the Activity ``@name`` filter
    compares actors in canonical form when it reads them), and ``updated_by``
    (only shown, in the "changed by ... at ..." refusal, never compared).
    """
    for table, column in PEOPLE_COLUMNS:
        if not _has_table(conn, table):  # early v1 files predate the risk register
            continue
        rows = conn.execute(
            text(f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL")
        ).fetchall()
        for row_id, name in rows:
            folded = people.canonical(name)
            if folded == name or (not folded and column == "owner"):
                continue  # a risk keeps even a blank owner: it must have one
            # A blank assignee was no one.
            conn.execute(
                text(f"UPDATE {table} SET {column} = :name WHERE id = :id"),
                {"name": folded or None, "id": row_id},
            )


def card_comments(conn: Any) -> None:
    """2 -> 3: the ``comment`` table, a card's discussion. Nothing else changes."""
    CommentRow.metadata.create_all(conn, tables=[CommentRow.metadata.tables["comment"]])


SCALE_INDEXES = (
    ("card", "ix_card_column_rank"),
    ("card", "ix_card_column_points"),
    ("event", "ix_event_board_at"),
    ("event", "ix_event_board_action"),
)
"""The indexes schema 4 added, as ``(table, index name)``."""


def scale_indexes(conn: Any) -> None:
    """3 -> 4: the indexes of a board that keeps growing (issue 13).

    A column's cards in rank order (``ix_card_column_rank`` replaces
    ``ix_card_column``, which lacked the rank), a column's count and points
    from the index alone (``ix_card_column_points``), a board's newest events, and
    one kind of event in log order. On PostgreSQL a card's rank becomes a
    BIGINT: ranks are 65,536 apart, past 32,767 cards beyond 32 bits. No
    row changes.
    """
    conn.execute(text("DROP INDEX IF EXISTS ix_card_column"))
    if conn.dialect.name == "postgresql":  # SQLite's INTEGER is 64 bits already
        conn.execute(text("ALTER TABLE card ALTER COLUMN rank TYPE BIGINT"))
    for table, name in SCALE_INDEXES:
        (index,) = (i for i in CommentRow.metadata.tables[table].indexes if i.name == name)
        index.create(conn, checkfirst=True)


def finished_index(conn: Any) -> None:
    """4 -> 5: ``ix_card_board_done``, a board's cards by finishing time, so the
    forecasts and the ageing lines read the weeks they need (issue 14), not a
    long board's whole history on every Board read. No row changes."""
    (index,) = (
        i for i in CommentRow.metadata.tables["card"].indexes if i.name == "ix_card_board_done"
    )
    index.create(conn, checkfirst=True)


UNDO_INDEXES = (
    ("card", "ix_card_sprint_rank"),
    ("event", "ix_event_board_actor"),
)
"""The indexes schema 6 added, as ``(table, index name)``."""


def sprint_and_undo_indexes(conn: Any) -> None:
    """5 -> 6: ``ix_card_sprint_rank``, a sprint's cards in rank order, so the
    Backlog and the Sprint screen read an open sprint's cards, and every view
    the sprints' counts, without walking the whole board; and
    ``ix_event_board_actor``, one person's events newest first, so undo finds
    the person's last action without sorting all the board's events inside
    its write transaction. No row changes."""
    for table, name in UNDO_INDEXES:
        (index,) = (i for i in CommentRow.metadata.tables[table].indexes if i.name == name)
        index.create(conn, checkfirst=True)


MIGRATIONS: dict[int, Callable[[Any], None]] = {
    1: one_name_per_person,
    2: card_comments,
    3: scale_indexes,
    4: finished_index,
    5: sprint_and_undo_indexes,
}


def migrate(conn: Any, version: int, where: object, kept: str = "") -> None:
    """Take ``conn``'s schema from ``version`` to :data:`SCHEMA_VERSION`, inside
    the caller's transaction; a failing step is one sentence naming ``where``
    (``kept``: what the sentence adds, a backup's place), and the caller's
    rollback leaves the database unchanged."""
    try:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
    except DBAPIError as error:
        raise StorageError(
            f"{where} could not be upgraded from schema {version} to "
            f"{SCHEMA_VERSION} ({error.orig}); it is unchanged{kept}."
        ) from None
