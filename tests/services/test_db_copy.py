"""``kanban db copy`` (services/db_copy.py): every board of a database into
another, keys, versions and history kept, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pg import fresh_database, needs_postgres
from sqlmodel import SQLModel, select

from kanban_tui.domain.errors import InvalidInput, KeyTaken, NotFound, StorageError
from kanban_tui.services import Context, archive, boards, comments, db_copy, export, risks, undo
from kanban_tui.services import cards as card_services
from kanban_tui.services import sprints as sprint_services
from kanban_tui.storage.database import Database
from kanban_tui.storage.server_url import ServerUrl
from kanban_tui.storage.tables import EventRow

FIXED_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
"""The test clock (conftest's), so the demo's dates stay in the future."""


def context(location: Path | ServerUrl, actor: str = "alice") -> Context:
    return Context(Database.open(location), actor=actor, clock=lambda: FIXED_NOW)


def exported(location: Path | ServerUrl, key: str | None = None) -> str:
    ctx = context(location)
    try:
        return export.dumps(export.export_data(ctx, key))
    finally:
        ctx.db.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def source(tmp_path: Path, demo_template: Path) -> Path:
    """The demo board WEB, plus comments, an archived card, a risk linked to
    cards and an undone move (the undo's event names the event it took back)."""
    path = tmp_path / "team.db"
    with sqlite3.connect(f"file:{demo_template}?mode=ro", uri=True) as origin:
        target = sqlite3.connect(path)
        origin.backup(target)
        target.close()
    ctx = context(path)
    try:
        comments.add_comment(ctx, "WEB-3", "Checked with the designer: it is fine.")
        comments.add_comment(ctx, "WEB-3", "Second thought: ship it \u202e reversed.")
        done = [card.key for card in card_services.list_cards(ctx, "WEB") if card.done_at]
        archive.archive_cards(ctx, "WEB", done[:1])
        risk = risks.add_risk(ctx, "WEB", "Payment provider outage", 3, 4, owner="bob")
        risks.link_card(ctx, risk.key, "WEB-5")
        risks.link_card(ctx, risk.key, "WEB-7")
        waiting = [card.key for card in card_services.list_cards(ctx, "WEB", column="To Do")]
        bob = Context(ctx.db, actor="bob", clock=lambda: FIXED_NOW)
        card_services.move_card(bob, waiting[0], "Review", force=True, reason="demo")
        undo.undo_last(bob, "WEB", force=True, reason="demo")
    finally:
        ctx.db.close()
    return path


def other_board(location: Path | ServerUrl) -> str:
    """A board OPS with rows in every table, so the copy's ids must move."""
    ctx = context(location, actor="carol")
    try:
        boards.create_board(ctx, "OPS", "Operations")
        for number in range(3):
            card_services.add_card(ctx, "OPS", f"Rotate keys {number}")
        comments.add_comment(ctx, "OPS-2", "On it.")
        sprint_services.create_sprint(ctx, "OPS", start=date(2026, 11, 30), length=7)
        risk = risks.add_risk(ctx, "OPS", "Disk fills up", 2, 2, owner="carol")
        risks.link_card(ctx, risk.key, "OPS-1")
        card_services.move_card(ctx, "OPS-1", "In Progress")
        undo.undo_last(ctx, "OPS")
        return export.dumps(export.export_data(ctx, "OPS"))
    finally:
        ctx.db.close()


def test_a_file_copied_to_a_new_file_exports_byte_identically(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "new" / "copy.db"
    done = db_copy.copy_database(source, target)
    assert done.boards == ("WEB",)
    assert done.rows["comment"] == 2 and done.rows["risk_card"] == 4
    assert exported(target) == exported(source)
    document = json.loads(exported(target))["boards"][0]
    assert sum(card["archived"] for card in document["cards"]) == 27  # 26 early cards
    assert done.sentence() == (
        f"Copied 1 board: 68 cards, 4 sprints, 9 risks, {done.rows['event']:,} events, "
        f"2 comments from {source} to {target}."
    )


def test_numbering_and_versions_carry_on_as_in_the_source(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    db_copy.copy_database(source, target)
    made = []
    for location in (source, target):
        ctx = context(location)
        try:
            card = card_services.add_card(ctx, "WEB", "After the move")
            edited = card_services.edit_card(ctx, "WEB-3", {"title": "Renamed after the move"})
            sprint = sprint_services.create_sprint(ctx, "WEB", length=7)
            risk = risks.add_risk(ctx, "WEB", "One more", 1, 1, owner="alice")
            made.append((card.key, edited.version, sprint.number, risk.key))
        finally:
            ctx.db.close()
    assert made[0] == made[1]
    assert made[0][0] == "WEB-69"
    assert exported(target) == exported(source)


def test_a_database_holding_another_board_gets_the_copy_with_new_ids(
    source: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ops.db"
    ops = other_board(target)
    db_copy.copy_database(source, target)
    assert exported(target, "OPS") == ops
    assert exported(target, "WEB") == exported(source, "WEB")
    ctx = context(target)
    try:
        assert [c.text for c in comments.comments(ctx, "WEB-3")][0].startswith("Checked")
        assert [c.text for c in comments.comments(ctx, "OPS-2")] == ["On it."]
        assert risks.get_risk(ctx, "WEB-R9").cards == ("WEB-5", "WEB-7")
        assert risks.get_risk(ctx, "OPS-R1").cards == ("OPS-1",)
        with ctx.db.read() as session:
            rows = {row.id: row for row in session.exec(select(EventRow)).all()}
        undos = [row for row in rows.values() if "undo_of" in row.data]
        assert {row.key for row in undos} == {"OPS-1", "WEB-25"}
        for row in undos:  # each names its own board's move
            undone = rows[json.loads(row.data)["undo_of"]]
            assert (undone.board_id, undone.key, undone.action) == (row.board_id, row.key, "moved")
        # The copied board works on: new rows get ids of their own.
        card_services.add_card(ctx, "WEB", "New here")
        comments.add_comment(ctx, "WEB-69", "First comment on the target.")
    finally:
        ctx.db.close()


def test_a_key_taken_in_the_target_refuses_the_copy_and_writes_nothing(
    source: Path, tmp_path: Path
) -> None:
    target = tmp_path / "taken.db"
    ctx = context(target)
    boards.create_board(ctx, "WEB", "Another website")
    ctx.db.close()
    before = dump(target)
    with pytest.raises(KeyTaken, match=f"^{target} holds a board WEB already; nothing was"):
        db_copy.copy_database(source, target)
    assert dump(target) == before


def test_a_database_is_not_copied_onto_itself(source: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(source)
    before = dump(source)
    for target in (source, link, tmp_path / "." / "team.db"):
        with pytest.raises(InvalidInput, match="are the same database"):
            db_copy.copy_database(source, target)
    assert dump(source) == before


def test_one_board_is_copied_with_board(source: Path, tmp_path: Path) -> None:
    other_board(source)
    target = tmp_path / "one.db"
    done = db_copy.copy_database(source, target, board="ops")
    assert done.boards == ("OPS",)
    assert exported(target) == exported(source, "OPS")


def test_a_failed_copy_into_a_new_file_leaves_no_file(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "made" / "copy.db"
    with pytest.raises(NotFound, match=f"^There is no board NOPE in {source}.$"):
        db_copy.copy_database(source, target, board="NOPE")
    assert not target.parent.exists()


def test_a_count_that_differs_rolls_the_copy_back(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ops.db"
    other_board(target)
    before = dump(target)
    copy = db_copy._Copier.copy

    def lose_a_comment(self: Any, table: Any, board_ids: list[int]) -> int:
        count = copy(self, table, board_ids)
        if table.name == "comment":
            self.dst.execute(table.delete().where(table.c.id == self.offsets["comment"] + 1))
        return count

    monkeypatch.setattr(db_copy._Copier, "copy", lose_a_comment)
    lost = "^The copy of the table comment holds 1 row where the source holds 2; nothing"
    with pytest.raises(StorageError, match=lost):
        db_copy.copy_database(source, target)
    assert dump(target) == before


def test_every_table_belongs_to_a_board() -> None:
    """A new table is copied without a change to db_copy, if a board owns it."""
    for table in SQLModel.metadata.sorted_tables:
        db_copy.owned(table, [1])


@needs_postgres
def test_a_file_to_postgresql_and_back_is_the_same_database(source: Path, tmp_path: Path) -> None:
    with fresh_database() as url:
        to_server = db_copy.copy_database(source, url)
        back = tmp_path / "back.db"
        from_server = db_copy.copy_database(url, back)
        assert to_server.rows == from_server.rows
        assert exported(url) == exported(source) == exported(back)
        ctx = context(url)
        try:
            assert card_services.add_card(ctx, "WEB", "On the server").key == "WEB-69"
        finally:
            ctx.db.close()


@needs_postgres
def test_a_server_holding_another_board_gets_the_copy_and_carries_on(source: Path) -> None:
    with fresh_database() as url:
        ops = other_board(url)
        db_copy.copy_database(source, url)
        assert exported(url, "OPS") == ops
        assert exported(url, "WEB") == exported(source, "WEB")
        before = exported(url)
        with pytest.raises(KeyTaken):
            db_copy.copy_database(source, url)
        assert exported(url) == before
        ctx = context(url)
        try:  # the id sequences moved past the copied rows
            card_services.add_card(ctx, "WEB", "New here")
            card_services.add_card(ctx, "OPS", "And here")
            comments.add_comment(ctx, "WEB-69", "A comment.")
            risks.add_risk(ctx, "OPS", "Another", 1, 1, owner="carol")
            sprint_services.create_sprint(ctx, "WEB", length=7)
            assert risks.get_risk(ctx, "WEB-R9").cards == ("WEB-5", "WEB-7")
        finally:
            ctx.db.close()
