"""Schema 3 -> 4 (issue 13): the indexes of a growing board. A migrated file
or server database ends with exactly the schema a fresh one gets."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pg import fresh_database, needs_postgres
from storehelp import raw

from kanban_tui.services import Context, boards, cards
from kanban_tui.storage import migrations, postgres
from kanban_tui.storage.database import Database
from kanban_tui.storage.postgres import ServerDatabase
from kanban_tui.storage.server_url import ServerUrl

SCHEMA_3_SQL = (
    "DROP INDEX ix_card_column_rank",
    "DROP INDEX ix_card_column_points",
    "DROP INDEX ix_event_board_at",
    "DROP INDEX ix_event_board_action",
    "CREATE INDEX ix_card_column ON card (column_id, archived)",
)
"""What schema 3 had instead of schema 4's indexes."""


def _schema(path: Path) -> list[tuple[Any, ...]]:
    return sorted(raw(path, "SELECT type, name, tbl_name, sql FROM sqlite_master"))


def _with_a_card(db: Database | ServerDatabase) -> None:
    try:
        ctx = Context(db, actor="alice")
        boards.create_board(ctx, "WEB", "Website")
        cards.add_card(ctx, "WEB", "Kept")
    finally:
        db.close()


def test_the_schema_is_at_version_4() -> None:
    assert migrations.SCHEMA_VERSION >= 4  # 5: the forecasts' index (test_forecast_index)
    assert migrations.MIGRATIONS[3] is migrations.scale_indexes


def test_a_version_3_file_ends_with_the_schema_of_a_fresh_one(tmp_path: Path) -> None:
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    _with_a_card(Database.open(fresh))
    _with_a_card(Database.open(old))
    with sqlite3.connect(old) as conn:
        for statement in SCHEMA_3_SQL:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    assert _schema(old) != _schema(fresh)

    db = Database.open(old)
    try:
        assert [c.title for c in cards.list_cards(Context(db, actor="bob"), "WEB")] == ["Kept"]
    finally:
        db.close()
    assert raw(old, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]
    assert _schema(old) == _schema(fresh)
    names = {row[1] for row in _schema(old)}
    assert {
        "ix_card_column_rank",
        "ix_card_column_points",
        "ix_event_board_at",
        "ix_event_board_action",
    } <= names
    assert "ix_card_column" not in names
    assert raw(old.with_name("old.db.v3.bak"), "PRAGMA user_version") == [(3,)]


def _pg(url: ServerUrl, statement: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(postgres.url_for_driver(url), autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def _pg_indexes(url: ServerUrl) -> list[tuple[Any, ...]]:
    query = "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
    return sorted(_pg(url, query))


def _pg_columns(url: ServerUrl) -> list[tuple[Any, ...]]:
    query = (
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public'"
    )
    return sorted(_pg(url, query))


@needs_postgres
def test_a_version_3_server_database_ends_with_the_schema_of_a_fresh_one() -> None:
    with fresh_database() as fresh, fresh_database() as old:
        _with_a_card(ServerDatabase.open(fresh))
        _with_a_card(ServerDatabase.open(old))
        for statement in SCHEMA_3_SQL:
            _pg(old, statement)
        _pg(old, "ALTER TABLE card ALTER COLUMN rank TYPE INTEGER")
        _pg(old, "UPDATE kanban_meta SET value = '3' WHERE name = 'schema_version'")
        assert _pg_indexes(old) != _pg_indexes(fresh)
        assert _pg_columns(old) != _pg_columns(fresh)
        _with_a_card_read(old)
        assert _pg_indexes(old) == _pg_indexes(fresh)
        assert _pg_columns(old) == _pg_columns(fresh)
        assert ("card", "rank", "bigint") in _pg_columns(old)
        assert dict(_pg(old, "SELECT name, value FROM kanban_meta"))["schema_version"] == str(
            migrations.SCHEMA_VERSION
        )


def _with_a_card_read(url: ServerUrl) -> None:
    db = ServerDatabase.open(url)
    try:
        assert [c.title for c in cards.list_cards(Context(db, actor="bob"), "WEB")] == ["Kept"]
    finally:
        db.close()
