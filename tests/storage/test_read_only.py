"""A file the user may read but not write opens read-only and refuses changes.

Tests run as root in CI, and root may write any file; so the OS's answer is
replaced by a "no" for this one path (``os.access``), which is exactly what
Database.open asks. SQLite itself then opens the file with mode=ro, so a
write that slipped past the services would fail in SQLite too.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kanban_tui.domain.errors import ReadOnly
from kanban_tui.services import Context, boards, cards
from kanban_tui.services.activity import change_feed
from kanban_tui.storage.database import Database


@pytest.fixture
def shared_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.db"
    owner = Context(Database.open(path), actor="lead")
    boards.create_board(owner, "WEB", "Website")
    cards.add_card(owner, "WEB", "Read me")
    owner.db.close()
    return path


@pytest.fixture
def not_writable(shared_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path) == shared_file and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return shared_file


def snapshot(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT number, title, column_id, version FROM card").fetchall()
    finally:
        conn.close()


def test_reads_work_and_every_change_is_refused_with_a_sentence(not_writable: Path) -> None:
    before = snapshot(not_writable)
    ctx = Context(Database.open(not_writable), actor="guest")
    assert ctx.db.read_only
    assert [card.title for card in cards.list_cards(ctx, "WEB")] == ["Read me"]
    attempts = [
        lambda: cards.add_card(ctx, "WEB", "x"),
        lambda: cards.move_card(ctx, "WEB-1", "Done"),
        lambda: cards.edit_card(ctx, "WEB-1", {"title": "y"}),
        lambda: cards.delete_card(ctx, "WEB-1"),
        lambda: boards.set_wip_limit(ctx, "WEB", "Review", 1),
    ]
    for attempt in attempts:
        with pytest.raises(
            ReadOnly,
            match=r"is read-only for you \(it belongs to \w+, mode 0\d{3}\); changes are not",
        ):
            attempt()
    ctx.db.close()
    assert snapshot(not_writable) == before


def test_sqlite_itself_refuses_writes_on_a_read_only_open(not_writable: Path) -> None:
    database = Database.open(not_writable)
    with database.engine.connect() as conn, pytest.raises(Exception, match="readonly"):
        conn.exec_driver_sql("UPDATE card SET title = 'sneaky'")
    database.close()


def test_a_read_only_reader_still_sees_others_changes(
    shared_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = Context(Database.open(shared_file), actor="lead")  # the owner may write
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, *a, **k: (
            False if Path(path) == shared_file and mode & os.W_OK else real_access(path, mode)
        ),
    )
    guest = Context(Database.open(shared_file), actor="guest")
    assert guest.db.read_only and not writer.db.read_only
    feed = change_feed(guest)
    cards.add_card(writer, "WEB", "Written by the owner")
    assert [change.key for change in feed.poll()[0]] == ["WEB-2"]
    assert len(cards.list_cards(guest, "WEB")) == 2
    feed.close()
    writer.db.close()
    guest.db.close()
