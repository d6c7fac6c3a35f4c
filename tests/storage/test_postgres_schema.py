"""The schema on a PostgreSQL server (issue 12, point 4): created in one
transaction, migrated forward in one, refused in one sentence when it is
newer or another program's, and the missing driver or database named."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from pg import fresh_database, needs_postgres, url_for
from sqlmodel import SQLModel

from kanban_tui.domain.errors import DatabaseBusy, NotFound, StorageError
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage import migrations, postgres
from kanban_tui.storage.database import Database
from kanban_tui.storage.migrations import SCHEMA_VERSION
from kanban_tui.storage.postgres import ServerDatabase
from kanban_tui.storage.server_url import ServerUrl


def _sql(url: ServerUrl, statement: str) -> list[tuple[Any, ...]]:
    """One statement on ``url``'s database, committed: what it returned."""
    import psycopg

    with psycopg.connect(postgres.url_for_driver(url), autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else []


def _tables(url: ServerUrl) -> set[str]:
    rows = _sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return {row[0] for row in rows}


def _meta(url: ServerUrl) -> dict[str, str]:
    return dict(_sql(url, "SELECT name, value FROM kanban_meta"))  # type: ignore[arg-type]


def _open_and_close(url: ServerUrl) -> None:
    ServerDatabase.open(url).close()


@pytest.fixture
def empty() -> Iterator[ServerUrl]:
    with fresh_database() as url:
        yield url


@pytest.fixture
def with_board(empty: ServerUrl) -> ServerUrl:
    """A database at the current schema holding board WEB with card WEB-1."""
    database = ServerDatabase.open(empty)
    try:
        ctx = Context(database, actor="alice")
        boards.create_board(ctx, "WEB", "Website")
        cards.add_card(ctx, "WEB", "Kept through it all")
    finally:
        database.close()
    return empty


@needs_postgres
def test_an_empty_database_gets_the_schema_in_one_transaction(
    empty: ServerUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(NotFound):  # a command that only reads creates nothing
        ServerDatabase.open(empty, create=False)
    # The last step fails after every table was made: none of them is left.
    with monkeypatch.context() as patch:
        patch.setattr(postgres, "PG_FUNCTION", "SELECT no_such_function()")
        with pytest.raises(StorageError):
            _open_and_close(empty)
    assert _tables(empty) == set()

    _open_and_close(empty)

    assert _meta(empty) == {"application": "kanban", "schema_version": str(SCHEMA_VERSION)}
    assert _tables(empty) == set(SQLModel.metadata.tables) | {"kanban_meta"}


@needs_postgres
def test_opening_an_up_to_date_database_writes_nothing(
    with_board: ServerUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 50)
    with psycopg.connect(postgres.url_for_driver(with_board), autocommit=True) as holder:
        # Another writer holds the lock every write takes first.
        holder.execute("SELECT pg_advisory_lock(%s)", (postgres.WRITE_LOCK,))
        database = ServerDatabase.open(with_board)  # does not wait for the writer
        try:
            ctx = Context(database, actor="bob")
            assert [card.key for card in cards.list_cards(ctx, "WEB")] == ["WEB-1"]
            with pytest.raises(DatabaseBusy):  # while a write would wait
                cards.add_card(ctx, "WEB", "Not now")
        finally:
            database.close()


@needs_postgres
@pytest.mark.parametrize("state", ["newer", "foreign"])
def test_a_newer_schema_or_another_programs_tables_are_refused_unchanged(
    empty: ServerUrl, state: str
) -> None:
    if state == "newer":
        _open_and_close(empty)
        _sql(empty, "UPDATE kanban_meta SET value = '99' WHERE name = 'schema_version'")
        sentence = (
            f"{empty} was written by a newer version of kanban (schema 99, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade kanban to open it."
        )
    else:
        _sql(empty, "CREATE TABLE invoice (id integer PRIMARY KEY, total numeric)")
        sentence = (
            f"{empty} holds tables of another program; give kanban a database of its "
            "own (createdb NAME)."
        )
    before = (_tables(empty), _meta(empty) if state == "newer" else {})

    with pytest.raises(StorageError) as refused:
        _open_and_close(empty)

    assert refused.value.message == sentence
    assert (_tables(empty), _meta(empty) if state == "newer" else {}) == before


@needs_postgres
def test_an_older_schema_is_migrated_forward_in_one_transaction(
    with_board: ServerUrl, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Schema 2: before migration 2 -> 3 added the comment table.
    _sql(with_board, "DROP TABLE comment")
    _sql(with_board, "UPDATE kanban_meta SET value = '2' WHERE name = 'schema_version'")

    def fails_half_way(conn: Any) -> None:
        migrations.card_comments(conn)
        conn.exec_driver_sql("SELECT 1 / 0")

    with monkeypatch.context() as patch:
        patch.setitem(migrations.MIGRATIONS, 2, fails_half_way)
        with pytest.raises(StorageError) as failed:
            _open_and_close(with_board)
    assert failed.value.message == (
        f"{with_board} could not be upgraded from schema 2 to {SCHEMA_VERSION} "
        "(division by zero); it is unchanged."
    )
    assert "comment" not in _tables(with_board)
    assert _meta(with_board)["schema_version"] == "2"

    database = ServerDatabase.open(with_board)
    try:
        ctx = Context(database, actor="alice")
        assert [card.title for card in cards.list_cards(ctx, "WEB")] == ["Kept through it all"]
    finally:
        database.close()
    assert "comment" in _tables(with_board)
    assert _meta(with_board)["schema_version"] == str(SCHEMA_VERSION)


def test_without_the_driver_the_sentence_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed

    with pytest.raises(StorageError) as missing:
        Database.open(ServerUrl.parse("postgresql://someone@db.example:5432/team"))

    assert missing.value.message == (
        "A postgresql:// database needs the psycopg driver; install it with "
        "pip install 'wipboard[postgres]'."
    )


@needs_postgres
def test_a_missing_database_is_named_with_createdb_also_on_the_command_line() -> None:
    name = f"kanban_missing_{uuid.uuid4().hex[:12]}"
    url = url_for(name)
    host, port = url.server.rsplit(":", 1)
    sentence = (
        f"There is no database {name} on {url.server}; "
        f"create it with createdb -h {host} -p {port} {name}."
    )

    with pytest.raises(StorageError) as missing:
        Database.open(url)
    assert missing.value.message == sentence

    done = subprocess.run(
        [sys.executable, "-m", "kanban_tui", "--db", url.url, "card", "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"error: {sentence}\n")


def test_set_up_mistakes_read_as_such_not_as_an_outage() -> None:
    """A first connection that fails names the server and libpq's reason in
    one line; a role without rights on the tables is told what to do."""
    wrong_port = ServerUrl.parse("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(StorageError) as refused:
        Database.open(wrong_port)
    said = refused.value.message
    assert said.startswith("Cannot connect to the PostgreSQL server at 127.0.0.1:1: "), said
    assert "\n" not in said and "try again" not in said

    import psycopg

    role = f"kanban_stranger_{uuid.uuid4().hex[:8]}"
    with fresh_database() as url:
        Database.open(url).close()  # the schema, owned by the test's role
        with psycopg.connect(url.url, autocommit=True) as admin:
            admin.execute(f'CREATE ROLE "{role}" LOGIN'.encode())
        try:
            parts = urlsplit(url.url)
            netloc = f"{role}@{parts.hostname}:{parts.port or 5432}"
            stranger = ServerUrl.parse(urlunsplit((parts.scheme, netloc, parts.path, "", "")))
            with pytest.raises(StorageError) as refused:
                Database.open(stranger)
            assert refused.value.message == (
                f"{role} may not use the kanban tables in {url.dbname} (permission denied "
                "for table kanban_meta); connect as the role that owns them, or have it "
                "grant access (README: A team across machines)."
            )
        finally:
            with psycopg.connect(url.url, autocommit=True) as admin:
                admin.execute(f'DROP ROLE "{role}"'.encode())
