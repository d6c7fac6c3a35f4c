"""Schema 4 -> 5 (issue 14): the index the forecasts read a board's finished
cards by. A migrated file ends with the schema a fresh one gets, and the
query uses the index."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from storehelp import raw

from kanban_tui.services import Context, boards, cards
from kanban_tui.services.forecast import finished_cards
from kanban_tui.storage import migrations, repo
from kanban_tui.storage.database import Database


def _schema(path: Path) -> list[tuple[object, ...]]:
    return sorted(raw(path, "SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _board(db: Database) -> None:
    try:
        ctx = Context(db, actor="alice")
        boards.create_board(ctx, "WEB", "Website")
        cards.move_card(ctx, cards.add_card(ctx, "WEB", "Kept").key, "Done")
    finally:
        db.close()


def test_a_version_4_file_gains_the_index_and_the_query_uses_it(tmp_path: Path) -> None:
    assert migrations.SCHEMA_VERSION >= 5 and migrations.MIGRATIONS[4].__name__ == (
        "finished_index"
    )
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    _board(Database.open(fresh))
    _board(Database.open(old))
    with sqlite3.connect(old) as conn:
        conn.execute("DROP INDEX ix_card_board_done")
        conn.execute("PRAGMA user_version = 4")
    conn.close()
    db = Database.open(old)
    try:
        with db.read() as session:
            board = repo.board_row(session, "WEB")
            assert len(finished_cards(session, board, date(2000, 1, 1))) == 1
    finally:
        db.close()
    assert _schema(old) == _schema(fresh)
    plan = raw(
        old,
        "EXPLAIN QUERY PLAN SELECT started_at, done_at, points FROM card "
        "WHERE board_id = 1 AND done_at IS NOT NULL AND done_at >= '2026-01-01'",
    )
    assert any("ix_card_board_done" in str(row) for row in plan), plan
