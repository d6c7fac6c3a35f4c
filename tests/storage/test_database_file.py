"""The database file: creation, settings, refusals that leave a file untouched,
migration with a backup, and backups."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import select
from storehelp import damage_table, raw

from kanban_tui.domain.errors import DatabaseDamaged, InvalidInput, StorageError
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage import database as database_module
from kanban_tui.storage import migrations
from kanban_tui.storage.database import APPLICATION_ID, Database
from kanban_tui.storage.tables import BoardRow

pytestmark = pytest.mark.sqlite_only  # the file itself; the server's are test_postgres_*.py


def fingerprint(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, stat.S_IMODE(info.st_mode)


def make_board(path: Path, cards_wanted: int = 3) -> None:
    """A closed database file holding board WEB and a few cards."""
    db = Database.open(path)
    ctx = Context(db, actor="alice")
    boards.create_board(ctx, "WEB", "Website")
    for n in range(cards_wanted):
        cards.add_card(ctx, "WEB", f"card {n + 1}")
    db.close()


def journal_mode_during_a_change(db: Database) -> int:
    """The mode of the rollback journal while a change is being written."""
    with db.write() as session:
        session.execute(text("UPDATE board SET name = name"))
        session.flush()
        session.execute(text("CREATE TABLE scratch (x)"))  # a page written: a journal now
        return stat.S_IMODE(Path(f"{db.path}-journal").stat().st_mode)


def card_titles(path: Path) -> list[str]:
    db = Database.open(path)
    try:
        return [card.title for card in cards.list_cards(Context(db), "WEB")]
    finally:
        db.close()


def refuse(path: Path) -> str:
    """Open ``path``, expect a refusal, and check the file was left as it was."""
    before = fingerprint(path)
    with pytest.raises(StorageError) as caught:
        Database.open(path)
    assert fingerprint(path) == before
    message = caught.value.message
    assert "\n" not in message and message.endswith(".")
    return message


# --- a new file -------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o077])
def test_new_personal_file_is_readable_by_its_owner_only(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        db = Database.open(tmp_path / "kanban.db")
        boards.create_board(Context(db, actor="alice"), "WEB", "Website")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "kanban.db").stat().st_mode) == 0o600
    # SQLite gives the journal the database's mode, and it lasts one change.
    assert journal_mode_during_a_change(db) == 0o600
    db.close()
    assert os.listdir(tmp_path) == ["kanban.db"]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_new_file_in_a_setgid_team_directory_is_group_writable(tmp_path: Path, umask: int) -> None:
    team = tmp_path / "team"
    team.mkdir()
    team.chmod(0o2770)
    old = os.umask(umask)
    try:
        db = Database.open(team / "kanban.db")
        boards.create_board(Context(db, actor="alice"), "WEB", "Website")
    finally:
        os.umask(old)
    assert stat.S_IMODE((team / "kanban.db").stat().st_mode) == 0o660
    assert journal_mode_during_a_change(db) == 0o660
    db.close()
    assert os.listdir(team) == ["kanban.db"]


def test_group_writable_directory_without_setgid_still_gives_a_private_file(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o770)
    Database.open(shared / "kanban.db").close()
    assert stat.S_IMODE((shared / "kanban.db").stat().st_mode) == 0o600


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    Database.open(tmp_path / "a" / "b" / "kanban.db").close()
    assert (tmp_path / "a" / "b" / "kanban.db").is_file()


def test_a_new_file_is_stamped_as_ours(db_path: Path) -> None:
    Database.open(db_path).close()
    assert raw(db_path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert raw(db_path, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]


def test_an_empty_file_is_taken_as_a_new_database(db_path: Path) -> None:
    db_path.touch()
    make_board(db_path)
    assert card_titles(db_path) == ["card 1", "card 2", "card 3"]


# --- connection settings ----------------------------------------------------


def test_rollback_journal_foreign_keys_and_busy_timeout_are_on(ctx: Context) -> None:
    with ctx.db.engine.connect() as conn:

        def pragma(name: str):
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()

        assert pragma("journal_mode") == "delete"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000
        assert pragma("synchronous") == 2  # FULL: the safe setting for a rollback journal


def test_a_write_transaction_takes_the_write_lock_at_once(ctx: Context, board) -> None:
    # BEGIN IMMEDIATE: the lock is held from the first read of the action, so
    # the check (WIP, version) and the write it guards cannot be split.
    other = sqlite3.connect(ctx.db.path, timeout=0, isolation_level=None)
    try:
        with ctx.db.write() as session:
            session.exec(select(BoardRow)).all()
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released on commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_reading_takes_no_write_lock(ctx: Context, board) -> None:
    other = sqlite3.connect(ctx.db.path, timeout=0, isolation_level=None)
    try:
        with ctx.db.read() as session:
            session.exec(select(BoardRow)).all()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_opening_an_up_to_date_file_writes_nothing(db_path: Path) -> None:
    # Every open TUI watches PRAGMA data_version: a write on each open (each
    # command-line call) would wake them all, and it would wait on writers.
    make_board(db_path)
    watcher = sqlite3.connect(db_path)
    try:
        version = watcher.execute("PRAGMA data_version").fetchone()
        before = fingerprint(db_path)
        db = Database.open(db_path)
        cards.list_cards(Context(db), "WEB")
        db.close()
        assert watcher.execute("PRAGMA data_version").fetchone() == version
        assert fingerprint(db_path) == before
    finally:
        watcher.close()


# --- files that must be refused untouched ----------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"todo: buy milk\n",
        b"x",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"SQLite format 2\x00" + b"\x00" * 100,
    ],
    ids=["text", "one-byte", "png", "other-magic"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path, content) -> None:
    db_path.write_bytes(content)
    os.utime(db_path, ns=(1_000_000_000, 1_000_000_000))
    assert refuse(db_path) == f"{db_path} is not a kanban database (it is not an SQLite file)."
    assert os.listdir(db_path.parent) == ["kanban.db"]


def test_an_sqlite_database_of_another_program_is_refused_untouched(db_path: Path) -> None:
    raw(db_path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    raw(db_path, "INSERT INTO photos (name) VALUES ('cat.jpg')")
    assert refuse(db_path) == f"{db_path} is an SQLite database of another program."
    assert raw(db_path, "SELECT name FROM sqlite_master") == [("photos",)]


def test_a_database_with_another_application_id_is_refused(db_path: Path) -> None:
    raw(db_path, "PRAGMA application_id = 1234")
    assert refuse(db_path) == f"{db_path} is an SQLite database of another program."


def test_a_newer_schema_is_refused_untouched(db_path: Path) -> None:
    make_board(db_path)
    newer = migrations.SCHEMA_VERSION + 1
    raw(db_path, f"PRAGMA user_version = {newer}")
    os.utime(db_path, ns=(1_000_000_000, 1_000_000_000))
    message = refuse(db_path)
    assert message == (
        f"{db_path} was written by a newer version of kanban (schema {newer}, "
        f"this one reads up to {migrations.SCHEMA_VERSION}); upgrade kanban to open it."
    )
    assert raw(db_path, "PRAGMA user_version") == [(newer,)]


def test_opening_reads_the_header_and_schema_not_every_page(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check that reads every page grows with the file (0.35 s at 100,000
    cards): the open leaves it to the TUI's background check."""
    make_board(db_path)
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    Database.open(db_path).close()
    assert "SELECT name FROM sqlite_master" in seen
    assert not [sql for sql in seen if "check" in sql.lower()]


def test_damage_in_a_table_is_said_where_it_is_met_and_a_write_changes_nothing(
    db_path: Path,
) -> None:
    make_board(db_path, cards_wanted=200)
    damage_table(db_path, "card")
    before = fingerprint(db_path)
    sentence = f"{db_path} is damaged or not a database (database disk image is malformed)."
    db = Database.open(db_path)  # the header and the schema are sound
    try:
        ctx = Context(db, actor="alice")
        with pytest.raises(DatabaseDamaged) as read:
            cards.list_cards(ctx, "WEB")
        assert read.value.message == sentence
        with pytest.raises(DatabaseDamaged) as write, db.write() as session:
            session.execute(text("UPDATE board SET name = 'Changed'"))  # rolled back
            session.execute(text("UPDATE card SET title = 'lost'"))
        assert write.value.message == sentence
        with pytest.raises(DatabaseDamaged):
            cards.add_card(ctx, "WEB", "one more")
        with pytest.raises(DatabaseDamaged) as check:
            db.check_integrity()
        assert check.value.message.startswith(f"{db_path} is damaged or not a database (")
        assert "\n" not in check.value.message
    finally:
        db.close()
    assert fingerprint(db_path) == before


def test_a_truncated_database_is_refused_untouched(db_path: Path) -> None:
    make_board(db_path, cards_wanted=200)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    assert refuse(db_path).startswith(f"{db_path} is damaged or not a database")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(InvalidInput, match="is a directory, not a database file"):
        Database.open(tmp_path / "dir.db")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_opens_for_reading_only(db_path: Path) -> None:
    from kanban_tui.domain.errors import ReadOnly

    make_board(db_path)
    db_path.chmod(0o400)
    db = Database.open(db_path)
    try:
        assert db.read_only
        assert [c.title for c in cards.list_cards(Context(db), "WEB")][0] == "card 1"
        with pytest.raises(ReadOnly):
            cards.add_card(Context(db), "WEB", "nope")
    finally:
        db.close()


# --- awkward paths -----------------------------------------------------------


@pytest.mark.parametrize("folder", ["team#1", "what?", "100%41", "my files", "café"])
def test_paths_with_uri_characters_open_the_right_file(tmp_path: Path, folder: str) -> None:
    root = tmp_path / "root"
    place = root / folder
    place.mkdir(parents=True)
    path = place / "kanban.db"
    make_board(path)  # created, then
    assert card_titles(path) == ["card 1", "card 2", "card 3"]  # re-opened and read
    assert raw(path, "SELECT count(*) FROM card") == [(3,)]
    # Nothing was written beside it under a mangled name.
    assert os.listdir(root) == [folder]
    backup = Database.open(path).backup(place / "copy.db")
    assert raw(backup, "SELECT count(*) FROM card") == [(3,)]


# --- migration ---------------------------------------------------------------


CURRENT = migrations.SCHEMA_VERSION
NEXT = CURRENT + 1


def add_colour(conn) -> None:
    """A stand-in step from the current version to the next."""
    conn.exec_driver_sql("ALTER TABLE card ADD COLUMN colour TEXT DEFAULT 'blue'")
    conn.exec_driver_sql("UPDATE board SET name = name || ' v2'")


def pretend_next_version(monkeypatch: pytest.MonkeyPatch, step) -> None:
    for module in (migrations, database_module):
        monkeypatch.setattr(module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(migrations, "MIGRATIONS", {CURRENT: step})


def test_an_older_file_is_migrated_after_a_backup(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_board(db_path)
    old_bytes = db_path.read_bytes()
    pretend_next_version(monkeypatch, add_colour)

    db = Database.open(db_path)
    ctx = Context(db)
    assert [b.name for b in boards.list_boards(ctx)] == ["Website v2"]
    assert [c.title for c in cards.list_cards(ctx, "WEB")] == ["card 1", "card 2", "card 3"]
    db.close()
    assert raw(db_path, "PRAGMA user_version") == [(NEXT,)]
    assert raw(db_path, "SELECT DISTINCT colour FROM card") == [("blue",)]

    backup = db_path.with_name(f"kanban.db.v{CURRENT}.bak")
    assert backup.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert raw(backup, "PRAGMA user_version") == [(CURRENT,)]
    assert raw(backup, "SELECT name FROM board") == [("Website",)]
    assert raw(backup, "SELECT title FROM card ORDER BY number") == [
        ("card 1",),
        ("card 2",),
        ("card 3",),
    ]
    assert len(old_bytes) > 0


def test_a_failed_migration_leaves_the_file_at_its_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_board(db_path)

    def broken(conn) -> None:
        conn.exec_driver_sql("UPDATE board SET name = 'half done'")
        conn.exec_driver_sql("ALTER TABLE no_such_table ADD COLUMN x")

    pretend_next_version(monkeypatch, broken)
    with pytest.raises(StorageError) as caught:
        Database.open(db_path)
    assert caught.value.message == (
        f"{db_path} could not be upgraded from schema {CURRENT} to {NEXT} (no such table: "
        f"no_such_table); it is unchanged, and a copy is at {db_path}.v{CURRENT}.bak."
    )
    assert raw(db_path, "PRAGMA user_version") == [(CURRENT,)]
    assert raw(db_path, "SELECT name FROM board") == [("Website",)]
    assert db_path.with_name(f"kanban.db.v{CURRENT}.bak").exists()

    # Fixed release: opening again migrates, keeping the first backup too.
    pretend_next_version(monkeypatch, add_colour)
    Database.open(db_path).close()
    assert raw(db_path, "PRAGMA user_version") == [(NEXT,)]
    backups = sorted(p.name for p in db_path.parent.glob(f"kanban.db.v{CURRENT}*.bak"))
    assert len(backups) == 2, backups


def test_migration_is_not_run_on_a_current_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_board(db_path)
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    Database.open(db_path).close()
    assert not list(db_path.parent.glob("*.bak"))


def test_busy_database_on_open_is_a_clear_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_board(db_path)
    pretend_next_version(monkeypatch, add_colour)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError, match="busy"):
            Database.open(db_path)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert raw(db_path, "PRAGMA user_version") == [(CURRENT,)]


# --- backup --------------------------------------------------------------------


def test_backup_is_a_consistent_copy_that_opens(ctx: Context, board, tmp_path: Path) -> None:
    for n in range(5):
        cards.add_card(ctx, "WEB", f"card {n}", points=n)
    cards.move_card(ctx, "WEB-2", "In Progress")
    target = ctx.db.backup(tmp_path / "copy.db")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    copy = Database.open(target)
    try:
        assert cards.list_cards(Context(copy), "WEB") == cards.list_cards(ctx, "WEB")
    finally:
        copy.close()


def test_backup_leaves_out_an_uncommitted_change(ctx: Context, board, tmp_path: Path) -> None:
    cards.add_card(ctx, "WEB", "committed")
    writer = sqlite3.connect(ctx.db.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE card SET title = 'uncommitted'")
        target = ctx.db.backup(tmp_path / "copy.db")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert raw(target, "SELECT title FROM card") == [("committed",)]


def test_backup_never_overwrites(ctx: Context, board, tmp_path: Path) -> None:
    existing = tmp_path / "precious.txt"
    existing.write_text("keep me")
    with pytest.raises(StorageError) as caught:
        ctx.db.backup(existing)
    assert caught.value.message == (f"{existing} exists already; choose a new file for the backup.")
    assert existing.read_text() == "keep me"


def test_a_failed_backup_leaves_no_partial_file(
    ctx: Context, board, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards.add_card(ctx, "WEB", "a")
    copy_pages = database_module._copy_pages

    def full_disk(source: sqlite3.Connection, copy: sqlite3.Connection) -> None:
        """A backup that fails half-way, as on a full disk."""
        copy.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database_module, "_copy_pages", full_disk)
    target = tmp_path / "copy.db"
    with pytest.raises(StorageError) as caught:
        ctx.db.backup(target)
    assert caught.value.message == f"Cannot write {target}: database or disk is full."
    assert not target.exists()
    monkeypatch.setattr(database_module, "_copy_pages", copy_pages)
    assert raw(ctx.db.backup(target), "SELECT title FROM card") == [("a",)]  # retry works
