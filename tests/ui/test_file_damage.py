"""A damaged file found after the first paint: the open reads only the header
and the schema, then a background check reads every page, says what it found
and turns the views read-only."""

from __future__ import annotations

from pathlib import Path

from storehelp import damage_table
from ui_helpers import make_app, notifications, press, screen_text, settle

from kanban_tui.dialogs.card_editor import CardEditor
from kanban_tui.services import Context, boards, cards
from kanban_tui.storage.database import Database


def opened(path: Path) -> Context:
    return Context(Database.open(path), actor="alice")


async def test_damage_found_after_the_first_paint_is_said_and_changes_are_refused(
    db_path: Path,
) -> None:
    ctx = opened(db_path)
    boards.create_board(ctx, "WEB", "Website")
    cards.add_card(ctx, "WEB", "Write the copy")
    ctx.db.close()
    damage_table(db_path, "risk")  # a table the Board does not read
    ctx = opened(db_path)
    try:
        app = make_app(ctx)
        async with app.run_test(size=(100, 24)) as pilot:
            await settle(pilot)
            assert "Write the copy" in screen_text(app)  # painted: the cards are sound
            damaged = [text for text in notifications(app) if "damaged" in text]
            assert len(damaged) == 1, damaged
            assert damaged[0].startswith(f"{db_path} is damaged or not a database (Page ")
            assert "read-only" in screen_text(app)
            await press(pilot, "n")
            await settle(pilot)
            assert not isinstance(app.screen, CardEditor)
            assert notifications(app).count(damaged[0]) == 2  # the check, then the key
        assert [card.title for card in cards.list_cards(ctx, "WEB")] == ["Write the copy"]
    finally:
        ctx.db.close()
