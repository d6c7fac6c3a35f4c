"""Reads of a board file through the ``sqlite3`` driver alone, for the
command line's streams (``card list --json``, ``log --json``).

Importing SQLAlchemy and SQLModel and building the ORM took about 0.35 s of
CPU, 40% of ``card list --json`` at 100,000 cards, a command held to 4x the
``sqlite3`` shell printing the same rows (README, "At 100,000 cards"). A
command that only streams rows from a current file it may write reads them
here instead (:meth:`.database.Database.plain_read`); anything else (a
filter, a server, a file read from a private copy) takes the Core selects.

The SQL is the text those selects compile to for SQLite, parameters and all:
``cards_sql`` is :func:`.repo.board_cards_query`'s, ``events_sql`` that of
:func:`..services.activity.events_query` without a key, ``boards``
:func:`..services.boards.list_boards`'. tests/storage/test_plain_read.py
compiles the selects and compares, so either changing alone fails there.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..domain.errors import NotFound
from ..domain.model import Board

QUOTED = frozenset({"key"})
"""Column names SQLAlchemy quotes for SQLite (SQL keywords)."""


def connect(path: Path, timeout_ms: int) -> sqlite3.Connection:
    """A connection to the file as the engine's writer makes one (a plain
    file name, never a URI; the busy timeout), in autocommit mode: the reader
    begins its transaction itself."""
    connection = sqlite3.connect(
        path.absolute(), timeout=timeout_ms / 1000, isolation_level=None, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    return connection


class PlainReader:
    """The reads of one transaction on ``connection`` (begun by the caller)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def boards(self) -> list[Board]:
        """Every board, by key (:func:`..services.boards.list_boards`)."""
        query = 'SELECT board.id, board."key", board.name, board.person_wip_limit FROM board'
        return [
            Board(id=id_, key=key, name=name, person_wip_limit=limit)
            for id_, key, name, limit in self._connection.execute(f'{query} ORDER BY board."key"')
        ]

    def board(self, key: str) -> tuple[int, str]:
        """The id and key of board ``key``, refused as :func:`.repo.board_row` does."""
        row = self._connection.execute(
            'SELECT board.id, board."key" FROM board WHERE board."key" = ?', (key.upper(),)
        ).fetchone()
        if row is None:
            raise NotFound(f"No board {key!r}.")
        return row[0], row[1]

    def column_names(self, board_id: int) -> dict[int | None, str]:
        """``{column id: name}`` (:func:`.repo.column_names`)."""
        query = "SELECT id, name FROM board_column WHERE board_id = ?"
        return dict(self._connection.execute(query, (board_id,)).fetchall())

    def sprint_numbers(self, board_id: int) -> dict[int, int]:
        """``{sprint id: number}`` (:func:`.repo.sprint_numbers`)."""
        query = "SELECT id, number FROM sprint WHERE board_id = ?"
        return dict(self._connection.execute(query, (board_id,)).fetchall())

    def rows(self, query: tuple[str, Sequence[Any]], batch: int) -> Iterator[list[Any]]:
        """The rows of ``query`` (its SQL and parameters), ``batch`` at a time,
        as the driver's cursor steps through them: nothing holds more."""
        cursor = self._connection.execute(*query)
        try:
            while rows := cursor.fetchmany(batch):
                yield rows
        finally:
            # A reader left part way (its caller failed) may be closed by the
            # time this runs: its connection's cursors are closed with it.
            with contextlib.suppress(sqlite3.ProgrammingError):
                cursor.close()


def cards_sql(
    board_id: int,
    fields: Sequence[str],
    archived: bool | None,
    limit: int | None,
    offset: int,
) -> tuple[str, list[Any]]:
    """:func:`.repo.board_cards_query` (a board's cards in rank order, no
    other filter) selecting ``fields``, as SQLite receives it."""
    where = "card.board_id = ?"
    if archived is not None:
        where += f" AND card.archived = {int(archived)}"
    order = "ORDER BY card.rank, card.id"
    sql = f"SELECT {_columns('card', fields)} \nFROM card \nWHERE {where} {order}"
    return _window(sql, [board_id], limit, offset)


def events_sql(
    board_id: int, fields: Sequence[str], limit: int | None, offset: int
) -> tuple[str, list[Any]]:
    """:func:`..services.activity.events_query` without a key (a board's
    events, newest first) selecting ``fields``, as SQLite receives it."""
    sql = (
        f"SELECT {_columns('event', fields)} \nFROM event \nWHERE event.board_id = ? "
        "ORDER BY event.at DESC, event.id DESC"
    )
    return _window(sql, [board_id], limit, offset)


def _columns(table: str, fields: Sequence[str]) -> str:
    quoted = (f'"{name}"' if name in QUOTED else name for name in fields)
    return ", ".join(f"{table}.{name}" for name in quoted)


def _window(sql: str, params: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return sql, params
    return f"{sql}\n LIMIT ? OFFSET ?", [*params, -1 if limit is None else limit, offset]
