"""Helpers for the service and storage tests: raw looks at the file beside the services.

Imported as ``storehelp`` (pytest puts ``tests/``, the folder of the root conftest,
on sys.path).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import SQLModel, select

from kanban_tui.domain.ranking import STEP
from kanban_tui.services import Context
from kanban_tui.storage import repo
from kanban_tui.storage.server_url import ServerUrl
from kanban_tui.storage.tables import CardRow, EventRow


def events(ctx: Context) -> list[dict[str, Any]]:
    """Every event in the log, oldest first, with its data decoded."""
    with ctx.db.read() as session:
        rows = session.exec(select(EventRow).order_by(EventRow.id)).all()
        return [
            {
                "actor": row.actor,
                "at": row.at,
                "entity": row.entity,
                "key": row.key,
                "action": row.action,
                "data": json.loads(row.data),
            }
            for row in rows
        ]


def card_rows(ctx: Context) -> dict[int, dict[str, Any]]:
    """Every card row (archived too) by number, as plain column values."""
    with ctx.db.read() as session:
        rows = session.exec(select(CardRow).order_by(CardRow.number)).all()
        return {row.number: row.model_dump() for row in rows}


def raw(path: Path | ServerUrl, sql: str, *params: Any) -> list[tuple]:
    """Run one statement on a separate plain connection (sqlite3, or psycopg on
    a server: ``?`` marks become ``%s``) and commit it."""
    if isinstance(path, ServerUrl):
        import psycopg

        with psycopg.connect(path.url, autocommit=True) as server:
            cursor = server.execute(sql.replace("?", "%s").encode(), params or None)
            return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
    conn = sqlite3.connect(path)
    try:
        result = conn.execute(sql, params).fetchall()
        conn.commit()
        return result
    finally:
        conn.close()


def dump(path: Path | ServerUrl) -> list[str]:
    """Every row of every table as text, to prove that a refusal changed nothing."""
    if isinstance(path, ServerUrl):
        return [
            f"{table.name}: {row!r}"
            for table in SQLModel.metadata.sorted_tables
            for row in raw(path, f'SELECT * FROM "{table.name}" ORDER BY 1, 2')
        ]
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def die_mid_change(path: Path) -> None:
    """Write part of a change into the file, then be killed (call it in a child).

    A plain SQLite writer: ours keep a change in memory until it commits, so
    only a kill during their commit leaves pages in the file, while a big
    change spilled early gets there for sure. What is left is a hot journal.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA cache_size = 2")  # pages reach the file early
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE card SET title = 'half-written'")
    conn.execute("CREATE TABLE ballast (x)")
    for _ in range(300):
        conn.execute("INSERT INTO ballast VALUES (randomblob(1000))")
    os.kill(os.getpid(), signal.SIGKILL)


def damage_table(path: Path, table: str) -> None:
    """Give the root page of ``table`` an impossible cell count, as a bad disk
    might: SQLite refuses the table (any read or write of it) and nothing else."""
    (root,) = raw(path, "SELECT rootpage FROM sqlite_master WHERE name = ?", table)[0]
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = (root - 1) * page_size  # page 1 holds the schema: never a table's root
    data[start + 3 : start + 5] = b"\xff\xff"
    path.write_bytes(bytes(data))


def bulk_cards(
    ctx: Context,
    board_key: str,
    count: int,
    fields: Callable[[int, list[int]], dict[str, Any]] = lambda n, columns: {},
) -> None:
    """``count`` cards on ``board_key`` in one INSERT (a long board, quickly).

    Card ``n`` is "Card n" in the board's first column at rank ``n * STEP``,
    stamped now; ``fields(n, column ids)`` gives what differs (its title,
    column, points …). The board's card sequence moves past them.
    """
    now = ctx.now()
    with ctx.db.write() as session:
        board = repo.board_row(session, board_key)
        columns = [column.id or 0 for column in repo.column_rows(session, board.id or 0)]
        rows = [
            {
                "board_id": board.id,
                "number": n,
                "title": f"Card {n}",
                "column_id": columns[0],
                "rank": n * STEP,
                "created_at": now,
                "updated_at": now,
            }
            | fields(n, columns)
            for n in range(1, count + 1)
        ]
        session.execute(insert(CardRow), rows)
        board.next_card = count + 1
        session.add(board)
