"""Schema 2 -> 3: a file from before comments gets the ``comment`` table,
after a backup, and keeps everything else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storehelp import raw

from kanban_tui.services import Context, boards, cards, comments
from kanban_tui.storage import migrations
from kanban_tui.storage.database import Database


def written_by_version_2(path: Path) -> None:
    """A closed file as schema 2 left it: no comment table."""
    db = Database.open(path)
    ctx = Context(db, actor="alice")
    boards.create_board(ctx, "WEB", "Website")
    cards.add_card(ctx, "WEB", "Login")
    cards.block_card(ctx, "WEB-1", "Waiting for CI")
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE comment")
        conn.execute("PRAGMA user_version = 2")
    conn.close()


def test_the_comment_table_came_with_schema_3() -> None:
    assert migrations.MIGRATIONS[2] is migrations.card_comments


def test_a_version_2_file_migrates_after_a_backup(db_path: Path) -> None:
    written_by_version_2(db_path)
    db = Database.open(db_path)
    try:
        ctx = Context(db, actor="bob")
        assert comments.comments(ctx, "WEB-1") == []
        comments.add_comment(ctx, "WEB-1", "Still waiting")
        assert [c.text for c in comments.comments(ctx, "WEB-1")] == ["Still waiting"]
        assert cards.get_card(ctx, "WEB-1").blocked == "Waiting for CI"
    finally:
        db.close()
    assert raw(db_path, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]
    backup = db_path.with_name("kanban.db.v2.bak")
    assert raw(backup, "PRAGMA user_version") == [(2,)]
    assert raw(backup, "SELECT name FROM sqlite_master WHERE name = 'comment'") == []


def test_a_version_1_file_takes_both_steps(db_path: Path) -> None:
    written_by_version_2(db_path)
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    Database.open(db_path).close()
    assert raw(db_path, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]
    assert raw(db_path, "SELECT count(*) FROM comment") == [(0,)]
