"""A file we refuse, or may only read, is left exactly as it was: not a byte
changed and nothing created beside it. Damage and busy files are told apart,
folders we make are private, and a demo is all or nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from storehelp import die_mid_change, raw

from kanban_tui import config, demo, paths
from kanban_tui.domain.errors import StorageError
from kanban_tui.services import Context, activity, boards, cards
from kanban_tui.storage import database as database_module
from kanban_tui.storage.database import Database

REAL_ACCESS = os.access


def make_board(path: Path) -> None:
    db = Database.open(path)
    ctx = Context(db, actor="alice")
    boards.create_board(ctx, "WEB", "Website")
    for number in range(1, 4):
        cards.add_card(ctx, "WEB", f"card {number}")
    db.close()


def state(path: Path) -> tuple[list[str], bytes, int]:
    return sorted(os.listdir(path.parent)), path.read_bytes(), path.stat().st_mtime_ns


def refused(path: Path) -> str:
    before = state(path)
    with pytest.raises(StorageError) as caught:
        Database.open(path)
    assert state(path) == before
    return caught.value.message


def to_wal(path: Path) -> None:
    raw(path, "PRAGMA journal_mode = WAL")
    assert path.read_bytes()[18:20] == b"\x02\x02"


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_a_foreign_database_is_refused_with_nothing_made_beside_it(db_path: Path, wal) -> None:
    raw(db_path, "CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    if wal:
        to_wal(db_path)
    assert refused(db_path) == f"{db_path} is an SQLite database of another program."


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_a_newer_schema_is_refused_with_nothing_made_beside_it(db_path: Path, wal) -> None:
    make_board(db_path)
    raw(db_path, "PRAGMA user_version = 99")
    if wal:
        to_wal(db_path)
    assert "was written by a newer version of kanban (schema 99" in refused(db_path)


@pytest.mark.parametrize("version", [-1, -2147483648])
def test_a_negative_schema_version_is_refused_like_a_foreign_file(db_path: Path, version) -> None:
    make_board(db_path)
    raw(db_path, f"PRAGMA user_version = {version}")
    assert refused(db_path) == f"{db_path} is an SQLite database of another program."
    assert not list(db_path.parent.glob("*.bak"))


def test_a_truncated_wal_file_is_refused_with_nothing_made_beside_it(db_path: Path) -> None:
    make_board(db_path)
    for _ in range(200):
        raw(
            db_path,
            "INSERT INTO event (board_id, at, actor, entity, key, action, data) "
            "VALUES (1, '2026-01-01T00:00:00Z', 'a', 'card', 'WEB-1', 'x', ?)",
            "y" * 300,
        )
    to_wal(db_path)
    db_path.write_bytes(db_path.read_bytes()[:8192])
    assert refused(db_path).startswith(f"{db_path} is damaged")


def test_a_damaged_schema_page_is_refused_on_open_with_nothing_made_beside_it(
    db_path: Path,
) -> None:
    """The open reads the schema (page 1), not every page: damage there is
    still refused at open; damage elsewhere is said where it is met
    (test_database_file.py, tests/ui/test_file_damage.py)."""
    make_board(db_path)
    data = bytearray(db_path.read_bytes())
    data[103:105] = b"\xff\xff"  # page 1's b-tree header follows the 100-byte file header
    db_path.write_bytes(bytes(data))
    assert refused(db_path) == (
        f"{db_path} is damaged or not a database (database disk image is malformed)."
    )


def test_a_missing_table_is_named_on_open(db_path: Path) -> None:
    make_board(db_path)
    raw(db_path, "DROP TABLE risk_card")
    assert refused(db_path) == (
        f"{db_path} is damaged: the table risk_card is missing; restore it from a backup."
    )


def test_a_lock_held_by_another_program_is_busy_not_damage(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_board(db_path)
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError) as caught:
            Database.open(db_path)
        assert caught.value.message == (
            "The database is busy (another process held it for over 5 s); try again."
        )
    finally:
        holder.close()


@pytest.fixture
def read_only(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file as a teammate who may only read it sees it (root may write anything)."""
    make_board(db_path)

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == db_path and mode & os.W_OK:
            return False
        return REAL_ACCESS(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return db_path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_a_read_only_open_creates_nothing(read_only: Path, wal: bool) -> None:
    if wal:
        to_wal(read_only)
    before = state(read_only)
    db = Database.open(read_only)
    assert db.read_only
    assert [card.title for card in cards.list_cards(Context(db), "WEB")][0] == "card 1"
    db.close()
    assert state(read_only) == before


def killed_mid_change(path: Path) -> None:
    """A writer in a child process dies half-way through a change."""
    pid = os.fork()
    if pid == 0:  # never returns into pytest: killed, or exits
        try:
            die_mid_change(path)
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert Path(f"{path}-journal").exists()


def test_a_reader_reads_past_a_writer_killed_mid_change(read_only: Path) -> None:
    killed_mid_change(read_only)
    before = state(read_only)
    # SQLite alone refuses a read-only reader until a writer rolls the change back.
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        raw_reader = sqlite3.connect(f"file:{read_only}?mode=ro", uri=True)
        try:
            raw_reader.execute("SELECT count(*) FROM card").fetchone()
        finally:
            raw_reader.close()
    db = Database.open(read_only)
    titles = [card.title for card in cards.list_cards(Context(db), "WEB")]
    assert titles == ["card 1", "card 2", "card 3"]
    db.close()
    assert state(read_only) == before


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_folders_made_for_a_board_are_private(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        Database.open(tmp_path / "a" / "b" / "kanban.db").close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_folders_made_in_a_team_folder_are_the_teams(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    team.chmod(0o2770)
    old = os.umask(0o077)
    try:
        Database.open(team / "web" / "kanban.db").close()
    finally:
        os.umask(old)
    mode = (team / "web").stat().st_mode
    assert stat.S_IMODE(mode) & 0o777 == 0o770 and mode & stat.S_ISGID


@pytest.mark.parametrize("kill_at", [1, 25, 60])
def test_a_demo_killed_part_way_leaves_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int
) -> None:
    Database.open(db_path).close()
    calls = 0
    move_card = cards.move_card

    def move_then_die(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return move_card(*args, **kwargs)

    pid = os.fork()
    if pid == 0:  # never returns into pytest: killed, or exits
        try:
            monkeypatch.setattr(cards, "move_card", move_then_die)
            demo.fill(Context(Database.open(db_path), actor="alice"), date(2026, 11, 25))
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    db = Database.open(db_path)
    ctx = Context(db, actor="alice")
    assert boards.list_boards(ctx) == []
    # And the demo can be made again, whole.
    board = demo.fill(ctx, date(2026, 11, 25))
    assert len(cards.list_cards(ctx, board.key)) == 42
    db.close()


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_config_and_state_folders_are_private(
    isolated_dirs: Path, tmp_path: Path, umask: int
) -> None:
    old = os.umask(umask)
    try:
        paths.remember_board(tmp_path / "kanban.db", "WEB")
        assert config.save(config.Config())
    finally:
        os.umask(old)
    for made in (paths.config_path().parent, paths._state_path().parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
        assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700, made.parent


def test_a_long_change_does_not_lock_readers_out_before_it_commits(db_path: Path) -> None:
    make_board(db_path)
    db = Database.open(db_path)
    reader = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0)
    try:
        with db.write() as session:
            session.execute(text("PRAGMA cache_size = 2"))  # far more pages than the cache holds
            session.execute(text("CREATE TABLE ballast (x)"))
            for _ in range(300):
                session.execute(text("INSERT INTO ballast VALUES (randomblob(1000))"))
            session.flush()
            assert reader.execute("SELECT count(*) FROM card").fetchone() == (3,)
            session.rollback()
    finally:
        reader.close()
        db.close()


def test_a_file_restored_from_a_backup_is_followed(db_path: Path, tmp_path: Path) -> None:
    make_board(db_path)
    watcher = Database.open(db_path)
    ctx = Context(watcher, actor="alice")
    feed = activity.change_feed(ctx)
    backup = watcher.backup(tmp_path / "backup.db")
    cards.add_card(Context(Database.open(db_path), actor="bob"), "WEB", "After the backup")
    assert [change.key for change in feed.poll()[0]] == ["WEB-4"]
    os.replace(backup, db_path)  # the backup is put back: WEB-4 is gone
    changes = feed.poll()[0]
    assert [(change.entity, change.action) for change in changes] == [("file", "replaced")]
    assert len(cards.list_cards(ctx, "WEB")) == 3
    # A change now goes into the restored file, not the one it replaced.
    cards.add_card(ctx, "WEB", "Into the restored file")
    assert raw(db_path, "SELECT count(*) FROM card") == [(4,)]
    feed.close()
    watcher.close()
