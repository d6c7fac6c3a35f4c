"""Helpers for the storage tests: raw looks at the file beside the services.

Imported as ``storehelp`` (pytest puts this folder on sys.path).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlmodel import select

from kanban_tui.services import Context
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


def raw(path: Path, sql: str, *params: Any) -> list[tuple]:
    """Run one statement on a separate plain sqlite3 connection and commit it."""
    conn = sqlite3.connect(path)
    try:
        result = conn.execute(sql, params).fetchall()
        conn.commit()
        return result
    finally:
        conn.close()
