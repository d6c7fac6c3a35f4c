"""Schema 1 -> 2: names already stored take their canonical form, so that the
per-person WIP limit and the filters see one person where there was one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storehelp import raw

from kanban_tui.domain.errors import PersonWipLimitReached
from kanban_tui.services import Context, boards, cards, risks
from kanban_tui.storage import migrations
from kanban_tui.storage.database import Database

OLD_NAMES = {1: "Bob", 2: "bob ", 3: "@BOB", 4: "ＢＯＢ", 5: "carol", 6: "  ", 7: "dana\u200b"}


def written_by_version_1(path: Path, *, with_risks: bool = True) -> None:
    """A closed file as schema 1 left it: names as they were typed, unnormalised."""
    db = Database.open(path)
    ctx = Context(db, actor="alice")
    boards.create_board(ctx, "WEB", "Website")
    boards.set_person_wip_limit(ctx, "WEB", 2)
    for number in OLD_NAMES:
        column = "In Progress" if number in (1, 2) else None
        cards.add_card(ctx, "WEB", f"card {number}", column=column)
    risks.add_risk(ctx, "WEB", "Outage", 3, 4, owner="alice")
    db.close()
    with sqlite3.connect(path) as conn:
        for number, name in OLD_NAMES.items():
            conn.execute("UPDATE card SET assignee = ? WHERE number = ?", (name, number))
        conn.execute("UPDATE card SET updated_by = 'Alice' WHERE number = 1")
        conn.execute("UPDATE risk SET owner = 'Alice '")
        conn.execute("UPDATE event SET actor = 'Alice'")
        if not with_risks:  # the earliest schema-1 files predate the risk register
            conn.execute("DROP TABLE risk_card")
            conn.execute("DROP TABLE risk")
            conn.execute("DROP TABLE risk_sequence")
        conn.execute("DROP TABLE comment")  # schema 3's
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def assignees(path: Path) -> dict[int, str | None]:
    return dict(raw(path, "SELECT number, assignee FROM card ORDER BY number"))


def test_the_people_step_takes_version_1_to_2() -> None:
    assert migrations.MIGRATIONS[1] is migrations.one_name_per_person


def test_stored_names_take_their_canonical_form(db_path: Path) -> None:
    written_by_version_1(db_path)
    Database.open(db_path).close()
    assert raw(db_path, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]
    assert assignees(db_path) == {
        1: "bob",
        2: "bob",
        3: "bob",
        4: "bob",
        5: "carol",
        6: None,  # a blank name was no one
        7: "dana\u200b",  # refused if typed today, but an assignment is never lost
    }
    assert raw(db_path, "SELECT owner FROM risk") == [("alice",)]
    # History is left as written: the log is append-only, updated_by only shown.
    assert set(raw(db_path, "SELECT actor FROM event")) == {("Alice",)}
    assert raw(db_path, "SELECT updated_by FROM card WHERE number = 1") == [("Alice",)]
    # The backup taken first keeps the names as they were.
    backup = db_path.with_name("kanban.db.v1.bak")
    assert assignees(backup) == OLD_NAMES


def test_after_migration_bob_and_bob_padded_count_for_one_person(db_path: Path) -> None:
    written_by_version_1(db_path)
    db = Database.open(db_path)
    ctx = Context(db, actor="alice")
    try:
        with pytest.raises(PersonWipLimitReached) as caught:
            cards.move_card(ctx, "WEB-3", "In Progress")  # @BOB's card
        assert caught.value.message == "WIP limit reached: bob has 2 of 2 cards in progress."
        with pytest.raises(PersonWipLimitReached):
            cards.add_card(ctx, "WEB", "More", assignee="Bob", column="In Progress")
        found = cards.list_cards(ctx, "WEB", assignee="BOB")
        assert [card.key for card in found] == ["WEB-1", "WEB-2", "WEB-3", "WEB-4"]
        assert [risk.key for risk in risks.list_risks(ctx, "WEB", owner="ALICE")] == ["WEB-R1"]
    finally:
        db.close()


def test_a_file_without_the_risk_register_migrates(db_path: Path) -> None:
    written_by_version_1(db_path, with_risks=False)
    Database.open(db_path).close()
    assert raw(db_path, "PRAGMA user_version") == [(migrations.SCHEMA_VERSION,)]
    assert assignees(db_path)[2] == "bob"


def test_the_step_changes_nothing_the_second_time(db_path: Path) -> None:
    written_by_version_1(db_path)
    Database.open(db_path).close()
    before = assignees(db_path)
    db = Database.open(db_path)
    try:
        with db.engine.begin() as conn:
            migrations.one_name_per_person(conn)
    finally:
        db.close()
    assert assignees(db_path) == before
