"""d archives (no question), A opens the Archive view: filter, r restores, D deletes (asks)."""

from __future__ import annotations

from backlog_helpers import cursor_key, open_backlog, press_settled
from ui_helpers import (
    card_list,
    make_app,
    notifications,
    press,
    screen_text,
    settle,
    type_text,
)

from kanban_tui.dialogs.confirm import ConfirmDialog
from kanban_tui.dialogs.wip import WipOverrideDialog
from kanban_tui.screens.archive.screen import ArchiveScreen
from kanban_tui.services import archive, cards, sprints


async def test_d_archives_the_card_and_it_leaves_the_board(ctx, board):
    cards.add_card(ctx, "WEB", "Obsolete task")
    cards.add_card(ctx, "WEB", "Keep me")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)  # reversible: no question
        assert cards.get_card(ctx, "WEB-1").archived
        assert "Obsolete task" not in screen_text(app)
        assert card_list(app).current.key == "WEB-2"
        assert "Archived WEB-1. To bring it back: A (Archive), then r." in notifications(app)


async def test_the_archive_view_filters_restores_and_deletes(ctx, board):
    cards.add_card(ctx, "WEB", "Login page", column="Review")
    cards.add_card(ctx, "WEB", "Logout button")
    cards.add_card(ctx, "WEB", "Old spike")
    cards.add_card(ctx, "WEB", "Still here")
    archive.archive_cards(ctx, "WEB", ["WEB-1", "WEB-2", "WEB-3"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        assert isinstance(app.screen, ArchiveScreen)
        text = screen_text(app)
        assert "Login page" in text and "Review" in text and "3 archived cards" in text
        await press(pilot, "slash")
        await type_text(pilot, "login")
        await press(pilot, "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Login page" in text and "Old spike" not in text
        assert "filter: 1 of 3 archived" in text
        await press(pilot, "r")
        await settle(pilot)
        restored = cards.get_card(ctx, "WEB-1")
        assert (restored.archived, restored.column) == (False, "Review")
        assert "Restored WEB-1 to Review." in notifications(app)
        assert "Login page" not in screen_text(app)

        await press(pilot, "escape")
        await settle(pilot)
        assert app.screen.table.current.card.key in ("WEB-2", "WEB-3")
        key = app.screen.table.current.card.key
        await press(pilot, "D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "escape")
        assert cards.get_card(ctx, key).archived  # still there: the question was declined
        await press(pilot, "D")
        await pilot.pause()
        await press(pilot, "y")
        await settle(pilot)
        assert [c.key for c in cards.list_cards(ctx, "WEB", archived=True)] != []
        assert key not in [c.key for c in cards.list_cards(ctx, "WEB", archived=None)]
        assert f"Deleted {key}." in notifications(app)

        await press(pilot, "1")
        await settle(pilot)
        assert "Login page" in screen_text(app)


async def test_restore_into_a_full_column_offers_the_override(ctx, board):
    cards.add_card(ctx, "WEB", "Archived one", column="Review")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    cards.add_card(ctx, "WEB", "a", column="Review")
    cards.add_card(ctx, "WEB", "b", column="Review")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, WipOverrideDialog)
        assert cards.get_card(ctx, "WEB-1").archived
        await type_text(pilot, "needed back")
        await press(pilot, "enter")
        await settle(pilot)
        assert not cards.get_card(ctx, "WEB-1").archived
        assert "Restored WEB-1 to Review." in notifications(app)


async def test_backlog_d_archives_and_shift_d_deletes(ctx, board):
    cards.add_card(ctx, "WEB", "First")
    cards.add_card(ctx, "WEB", "Second")
    cards.add_card(ctx, "WEB", "Third")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_backlog(pilot)
        await press_settled(pilot, "G")
        assert cursor_key(app) == "WEB-3"
        await press_settled(pilot, "d")
        assert cards.get_card(ctx, "WEB-3").archived
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-1", "WEB-2"]
        await press_settled(pilot, "D")
        assert isinstance(app.screen, ConfirmDialog)
        await press_settled(pilot, "y")
        assert [c.key for c in sprints.backlog(ctx, "WEB")] == ["WEB-1"]
        await press_settled(pilot, "A")
        assert isinstance(app.screen, ArchiveScreen)
        assert "WEB-3" in screen_text(app)


async def test_the_palette_archives_old_done_cards_after_asking(ctx, board):
    from dataclasses import replace
    from datetime import timedelta

    old = replace(ctx, clock=lambda: ctx.clock() - timedelta(days=30))
    cards.add_card(old, "WEB", "Shipped long ago", column="Done")
    cards.add_card(ctx, "WEB", "Shipped today", column="Done")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.screen.palette_commands()]
        assert "Archive done cards older than 14 days" in titles
        entry = next(c for c in app.screen.palette_commands() if c.title.startswith("Archive done"))
        entry.callback()
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Archive 1 done card finished more than 14 days ago?" in screen_text(app)
        await press(pilot, "y")
        await settle(pilot)
        assert cards.get_card(ctx, "WEB-1").archived
        assert not cards.get_card(ctx, "WEB-2").archived
        assert "Shipped long ago" not in screen_text(app)
        assert "Archived 1 done card; A shows them." in notifications(app)


async def test_on_a_read_only_file_the_archive_only_reads(ctx, board, monkeypatch):
    cards.add_card(ctx, "WEB", "Archived one")
    archive.archive_cards(ctx, "WEB", ["WEB-1"])
    monkeypatch.setattr(ctx.db, "read_only_reason", "The file is read-only.")
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Restore" not in footer and "Delete" not in footer and "? Help" in footer
        await press(pilot, "r")
        await settle(pilot)
        assert notifications(app) == ["The file is read-only."]
        assert cards.get_card(ctx, "WEB-1").archived


async def test_restoring_the_last_card_the_filter_shows_keeps_the_keys(ctx, board):
    """The table hides when its last row goes: ? and q stay keys, not typing
    in the filter field, and clearing the filter gives the rows their cursor."""
    from kanban_tui.dialogs.help import HelpDialog
    from kanban_tui.widgets.filter_bar import FilterBar

    cards.add_card(ctx, "WEB", "Secure the login")
    cards.add_card(ctx, "WEB", "Old spike")
    archive.archive_cards(ctx, "WEB", ["WEB-1", "WEB-2"])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "A", "slash")
        await type_text(pilot, "secure")
        await press(pilot, "enter", "enter")  # keep the filter; restore WEB-1
        assert not cards.get_card(ctx, "WEB-1").archived
        assert "filter: 0 of 1 archived" in screen_text(app)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpDialog)
        await press(pilot, "escape")
        assert app.screen.query_one(FilterBar).value == "secure"
        await press(pilot, "escape")  # clears the filter: the rows are back, with the cursor
        assert app.screen.table.has_focus
        assert app.screen.table.current.card.key == "WEB-2"
