"""The whole-file damage check the TUI runs after its first paint
(``services/integrity.find_damage``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from storehelp import damage_table

from kanban_tui.domain.errors import ReadOnly
from kanban_tui.services import Context, boards, cards, integrity
from kanban_tui.storage.database import Database


def test_a_sound_database_has_no_damage_and_stays_writable(ctx: Context, board) -> None:
    cards.add_card(ctx, "WEB", "first")
    assert integrity.find_damage(ctx) is None
    assert not ctx.db.read_only
    cards.add_card(ctx, "WEB", "second")


@pytest.mark.sqlite_only
def test_damage_found_is_said_and_refuses_every_change_from_then_on(db_path: Path) -> None:
    db = Database.open(db_path)
    boards.create_board(Context(db, actor="alice"), "WEB", "Website")
    db.close()
    damage_table(db_path, "comment")
    db = Database.open(db_path)  # opens: the check is left to find_damage
    try:
        ctx = Context(db, actor="alice")
        sentence = integrity.find_damage(ctx)
        assert sentence is not None
        assert sentence.startswith(f"{db_path} is damaged or not a database (Page ")
        with pytest.raises(ReadOnly) as refused:
            cards.add_card(ctx, "WEB", "not written")
        assert refused.value.message == sentence
        assert cards.list_cards(ctx, "WEB") == []  # what is sound still reads
    finally:
        db.close()
